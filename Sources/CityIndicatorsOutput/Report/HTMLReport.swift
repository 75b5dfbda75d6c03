import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

/// The certification report as one self-contained HTML file: inline CSS and SVG, no scripts, no
/// external requests; a print stylesheet lays it out on A4 (one theme per page, table headers
/// repeated, no row split across pages). Every text from a submission, city.yaml or the catalog
/// is escaped.
public enum HTMLReport {
    public static func render(_ d: ReportData) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"CityIndicators (cityind report)\">\n"
        h += "<title>\(e(d.city.name)) — \(e(d.standardLabel)) indicators \(d.year)</title>\n"
        h += "<style>\n\(style(d))</style>\n</head>\n<body>\n"
        h += cover(d) + contents(d) + "<main>\n"
        h += summary(d) + profile(d) + certification(d) + completeness(d) + indexes(d)
        h += themes(d) + yearOverYear(d) + trends(d) + issues(d)
        h += methodology(d) + provenance(d) + signOff(d)
        return h + "</main>\n</body>\n</html>\n"
    }

    static func e(_ text: String) -> String { HTML.escape(text) }

    /// A table cell holding a number: right-aligned, never wrapped.
    static func num(_ text: String) -> String { "<td class=\"num\">\(e(text))</td>" }

    static func head(_ columns: [String], numeric: Set<Int> = []) -> String {
        "<thead><tr>"
            + columns.enumerated().map { i, c in
                "<th scope=\"col\"\(numeric.contains(i) ? " class=\"num\"" : "")>\(e(c))</th>"
            }.joined() + "</tr></thead>\n"
    }

    static func statusCell(_ r: IndicatorResult) -> String {
        "<td class=\"status s-\(r.status.rawValue)\"><span class=\"mark\" aria-hidden=\"true\">\(ReportText.mark(r.status))</span> \(e(ReportText.statusWithReason(r)))</td>"
    }

    // MARK: Cover and contents

    static func cover(_ d: ReportData) -> String {
        let reached = d.assessment?.reached?.title ?? "none yet"
        var h = "<header class=\"cover\" id=\"cover\">\n"
        h += "<p class=\"kicker\">\(e(d.standardLabel)) city indicators — certification report</p>\n"
        h += "<h1>\(e(d.city.name))</h1>\n"
        h += "<p class=\"year\">\(e(d.yearLabel))</p>\n"
        h +=
            "<p class=\"badge\"><span class=\"badge-label\">Certification level reached</span> <strong>\(e(reached))</strong></p>\n"
        h += "<dl class=\"facts\">\n"
        func fact(_ k: String, _ v: String) { h += "<dt>\(e(k))</dt><dd>\(v)</dd>\n" }
        fact("Framework", "\(e(d.framework.title)) <span class=\"id\">(\(e(d.framework.id)))</span>")
        fact("Standard and edition", "\(e(d.framework.standard)), edition \(e(d.framework.edition))")
        if let a = d.assessment {
            fact("Certification scheme", "\(e(a.scheme)) (thresholds \(e(a.confidence.rawValue)); see Certification)")
            fact("Indicators reported", "\(a.reported) of \(a.total) (core \(a.coreReported) of \(a.coreTotal))")
        }
        fact("ULB code", e(d.city.ulbCode))
        fact("Location", e([d.city.state, d.city.country].compactMap { $0 }.joined(separator: ", ")))
        fact("Years in the workspace", e(d.years.map(String.init).joined(separator: ", ")))
        fact("Indicator catalog", e(d.catalog.origin))
        if let generated = d.options.generatedAt { fact("Generated", e(generated)) }
        h += "</dl>\n"
        h +=
            "<p class=\"fine\">Every figure in this report is computed by CityIndicators from the departmental submissions listed in Annex B, with the definitions in Annex A. The same submissions and catalog always give the same report.</p>\n"
        return h + "</header>\n"
    }

    static func contents(_ d: ReportData) -> String {
        var items: [(String, String)] = [
            ("summary", "Executive summary"), ("profile", "City profile"), ("certification", "Certification level"),
            ("completeness", "Completeness"),
        ]
        items += d.indexes.map {
            ("index-\(HTML.id($0.framework.id))", $0.framework.standard + " " + $0.framework.edition + " index")
        }
        for (theme, _) in d.resultsByTheme where theme.id != "profile" {
            items.append(("theme-\(HTML.id(theme.clause))", "\(theme.clause) \(theme.title)"))
        }
        items += [
            ("year-over-year", "Year-over-year change"), ("trends", "Trends"), ("issues", "Data issues"),
            ("methodology", "Annex A — Methodology"), ("provenance", "Annex B — Provenance"), ("sign-off", "Sign-off"),
        ]
        return "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ul>\n"
            + items.map { "<li><a href=\"#\($0.0)\">\(e($0.1))</a></li>\n" }.joined() + "</ul>\n</nav>\n"
    }

    // MARK: Executive summary

    static func summary(_ d: ReportData) -> String {
        var h = "<section id=\"summary\">\n<h2>Executive summary</h2>\n<div class=\"keyfigures\">\n"
        func box(_ figure: String, _ label: String) {
            h += "<div class=\"keyfigure\"><p class=\"figure\">\(figure)</p><p>\(label)</p></div>\n"
        }
        let coreTotal = d.total(type: .core)
        let supportingTotal = d.total(type: .supporting)
        let computed = d.count(.computed, type: .core) + d.count(.computed, type: .supporting)
        box(
            "\(computed) / \(coreTotal + supportingTotal)",
            "indicators computed (core \(d.count(.computed, type: .core)) of \(coreTotal), supporting \(d.count(.computed, type: .supporting)) of \(supportingTotal))"
        )
        box(
            e(d.assessment?.reached?.title ?? "none"),
            "certification level reached" + (d.assessment?.next.map { "; next: \(e($0.title))" } ?? ""))
        box("\(d.count(.computed, type: .profile)) / \(d.total(type: .profile))", "city profile indicators reported")
        box("\(d.errorCount) / \(d.warningCount)", "errors / warnings in the \(d.year) submissions")
        let jumps = d.changes.filter { $0.flags.contains(.jump) }
        let worse = d.changes.filter { $0.flags.contains(.worse) }
        box(
            "\(jumps.count) / \(worse.count)",
            d.previousYear.map { "jumps / changes for the worse since \($0)" } ?? "no earlier year to compare with")
        h += "</div>\n"
        h += "<p>\(summarySentence(d))</p>\n"
        if let a = d.assessment, let next = a.next {
            var need: [String] = []
            if !a.missingCore.isEmpty {
                need.append(
                    "\(a.missingCore.count) core indicator\(a.missingCore.count == 1 ? "" : "s") (listed under Certification level)"
                )
            }
            if a.moreNeeded > 0 {
                need.append("\(a.moreNeeded) more indicator\(a.moreNeeded == 1 ? "" : "s") of any type")
            }
            h +=
                "<p>To reach <strong>\(e(next.title))</strong> the city must also report \(need.joined(separator: " and ")).</p>\n"
        }
        let notable = d.changes.filter { $0.flags.contains(.jump) || $0.flags.contains(.noLongerReported) }
        if let previous = d.previousYear, !notable.isEmpty {
            h += "<p>Changes since \(previous) to check before submission:</p>\n<ul class=\"flags\">\n"
            for c in notable {
                guard let r = d.results.first(where: { $0.indicator.id == c.indicator }) else { continue }
                let unit = r.indicator.unit.label
                let text: String
                if let before = c.previous, let now = c.current {
                    text = "\(d.number(before)) → \(d.number(now)) \(unit) (\(c.changeText); \(c.flagText))"
                } else if let before = c.previous {
                    text =
                        "\(d.number(before)) \(unit) in \(previous), not computed in \(d.year) (\(r.reasonText ?? ReportText.status(r.status)))"
                } else {
                    text = "computed for the first time: \(c.current.map(d.number) ?? "") \(unit)"
                }
                h += "<li><strong>\(e(r.indicator.clause))</strong> \(e(r.indicator.title)): \(e(text))</li>\n"
            }
            h += "</ul>\n"
        }
        if d.errorCount > 0 {
            h +=
                "<p class=\"warning\"><strong>The \(d.year) submissions have \(d.errorCount) error(s):</strong> the rows concerned were left out of every computation. See Data issues.</p>\n"
        }
        return h + "</section>\n"
    }

    static func summarySentence(_ d: ReportData) -> String {
        let reached =
            d.assessment?.reached.map { "reaches the <strong>\(e($0.title))</strong> level" }
            ?? "does not yet reach a certification level"
        let strongest = d.themes.filter { $0.theme != "profile" && $0.indicators > 0 }.sorted {
            ($0.share, $1.clause) > ($1.share, $0.clause)
        }
        var text =
            "For \(e(d.yearLabel)), \(e(d.city.name)) \(reached) of \(e(d.assessment?.scheme ?? d.framework.title))."
        if let best = strongest.first, let worst = strongest.last, strongest.count > 1 {
            text +=
                " The most complete theme is \(e(best.title)) (\(best.computed) of \(best.indicators)); the least complete is \(e(worst.title)) (\(worst.computed) of \(worst.indicators))."
        }
        return text
    }
}
