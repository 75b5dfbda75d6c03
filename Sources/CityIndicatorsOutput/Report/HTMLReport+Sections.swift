import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

extension HTMLReport {
    // MARK: City profile

    static func profile(_ d: ReportData) -> String {
        var h = "<section id=\"profile\">\n<h2>City profile</h2>\n"
        h += "<table class=\"kv\">\n<caption>The city as described in its city.yaml</caption>\n<tbody>\n"
        func row(_ k: String, _ v: String?) {
            if let v, !v.isEmpty { h += "<tr><th scope=\"row\">\(e(k))</th><td>\(e(v))</td></tr>\n" }
        }
        row("Name", d.city.name)
        row("Country", d.city.country)
        row("State", d.city.state)
        row("ULB code", d.city.ulbCode)
        row("Currency", d.city.currency)
        row("Frameworks", d.city.frameworks.joined(separator: ", "))
        row(
            "Year basis",
            d.city.yearBasis.map {
                $0 == "financial" ? "financial year (April to March): year N is N to N+1" : "calendar year"
            })
        row("Notes", d.city.notes)
        h += "</tbody>\n</table>\n"
        let list = d.results.filter { $0.indicator.type == .profile }
        if !list.isEmpty {
            h +=
                "<table class=\"results\">\n<caption>Profile indicators, \(d.year) (context; not counted for certification)</caption>\n"
            h += head(["Clause", "Indicator", "Value", "Unit", "Data year", "Source", "Status"], numeric: [2])
            h += "<tbody>\n"
            for r in list {
                h +=
                    "<tr><th scope=\"row\">\(e(r.indicator.clause))</th><td>\(e(r.indicator.title))</td>\(num(ReportText.number(r.value, d.options.grouping)))"
                h +=
                    "<td>\(e(r.indicator.unit.label))</td><td>\(r.dataYear.map(String.init) ?? "")</td><td class=\"text\">\(e(ReportText.sources(r)))</td>\(statusCell(r))</tr>\n"
            }
            h += "</tbody>\n</table>\n"
        }
        return h + "</section>\n"
    }

    // MARK: Certification

    static func certification(_ d: ReportData) -> String {
        var h = "<section id=\"certification\">\n<h2>Certification level</h2>\n"
        guard let a = d.assessment, let cert = d.framework.certification else {
            return h + "<p>The catalog defines no certification scheme for \(e(d.framework.title)).</p>\n</section>\n"
        }
        h +=
            "<p>\(a.reported) of \(a.total) indicators are computed for \(d.year) (\(a.coreReported) of \(a.coreTotal) core; profile indicators do not count). "
        h += a.reached.map { "The city reaches <strong>\(e($0.title))</strong>." } ?? "The city reaches no level yet."
        h += "</p>\n"
        h +=
            "<table class=\"levels\">\n<caption>Levels of the \(e(a.scheme)) and whether \(d.year) meets them</caption>\n"
        h += head(
            ["Level", "Core indicators needed", "Indicators needed in all", "Met in \(d.year)"], numeric: [1, 2])
        h += "<tbody>\n"
        for (level, core, met) in d.levels {
            let short = [
                max(0, core - a.coreReported) > 0 ? "\(core - a.coreReported) more core" : nil,
                max(0, level.total - a.reported) > 0 ? "\(level.total - a.reported) more in all" : nil,
            ].compactMap { $0 }
            let verdict = met ? "✓ met" : "✗ not met: " + short.joined(separator: ", ")
            h +=
                "<tr class=\"\(met ? "met" : "unmet")\"><th scope=\"row\">\(e(level.title))</th>\(num(level.core == nil ? "all (\(core))" : String(core)))\(num(String(level.total)))<td>\(e(verdict))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        if let next = a.next {
            h += "<h3>Missing for \(e(next.title))</h3>\n"
            if !a.missingCore.isEmpty {
                h +=
                    (a.missingCore.count == 1
                        ? "<p>This core indicator must be reported:</p>\n"
                        : "<p>These \(a.missingCore.count) core indicators must be reported:</p>\n")
                h += indicatorList(d, a.missingCore, caption: "Core indicators missing for \(next.title)")
            }
            if a.moreNeeded > 0 {
                let missing = Set(a.missingCore.map(\.id))
                let candidates = a.notReported.filter { !missing.contains($0.id) }
                h +=
                    "<p>Beyond \(a.missingCore.isEmpty ? "the core indicators already reported" : "these"), any <strong>\(a.moreNeeded)</strong> more of the following \(candidates.count) indicators not yet reported (supporting first; those with some inputs already submitted are closest):</p>\n"
                h += indicatorList(d, candidates, caption: "Indicators to choose from for \(next.title)")
            }
        } else if a.reached != nil {
            h += "<p>This is the highest level of the scheme.</p>\n"
        }
        h +=
            "<p class=\"note\"><strong>How sure the thresholds are:</strong> \(e(cert.confidence.rawValue)). \(e(cert.note ?? "")) Source: \(e(cert.source))</p>\n"
        return h + "</section>\n"
    }

    static func indicatorList(_ d: ReportData, _ list: [Indicator], caption: String) -> String {
        var h =
            "<table class=\"results\">\n<caption>\(e(caption))</caption>\n"
            + head(["Clause", "Indicator", "Type", "Status"]) + "<tbody>\n"
        for i in list {
            guard let r = d.results.first(where: { $0.indicator.id == i.id }) else { continue }
            h +=
                "<tr><th scope=\"row\">\(e(i.clause))</th><td>\(e(i.title))</td><td>\(i.type.rawValue)</td>\(statusCell(r))</tr>\n"
        }
        return h + "</tbody>\n</table>\n"
    }

    // MARK: Completeness

    static func completeness(_ d: ReportData) -> String {
        var h = "<section id=\"completeness\">\n<h2>Completeness</h2>\n<h3>By theme</h3>\n"
        let themeBars = d.themes.map { t in
            SVGChart.Bar(
                label: "\(t.clause) \(t.title)",
                segments: [
                    .init(t.computed, .solidGreen), .init(t.notComputable, .hatchedOrange),
                    .init(t.notSubmitted, .dottedWhite), .init(t.notDefined, .crossedGrey),
                ], note: "\(t.computed)/\(t.indicators)")
        }
        h +=
            "<figure class=\"chart\">\n"
            + SVGChart.stackedBars(
                id: "chart-themes", title: "Indicators computed by theme, \(d.year)",
                description:
                    "One bar per theme, as long as its number of indicators: computed (solid), not computable (hatched), not submitted (dotted), not defined (crossed). The table below gives the same numbers.",
                bars: themeBars,
                legend: [
                    (.solidGreen, "computed"), (.hatchedOrange, "not computable"), (.dottedWhite, "not submitted"),
                    (.crossedGrey, "not defined"),
                ])
        h +=
            "\n<figcaption>Indicators by theme and status, \(d.year). Same numbers as the table below.</figcaption>\n</figure>\n"
        h += "<table class=\"results\">\n<caption>Completeness by theme, \(d.year)</caption>\n"
        h += head(
            [
                "Theme", "Indicators", "Core computed", "Computed", "Not computable", "Not submitted", "Not defined",
                "Share computed",
            ], numeric: [1, 2, 3, 4, 5, 6, 7])
        h += "<tbody>\n"
        for t in d.themes {
            h +=
                "<tr><th scope=\"row\">\(e(t.clause)) \(e(t.title))</th>\(num(String(t.indicators)))\(num(t.core == 0 ? "—" : "\(t.coreComputed) of \(t.core)"))\(num(String(t.computed)))\(num(String(t.notComputable)))\(num(String(t.notSubmitted)))\(num(String(t.notDefined)))\(num(percent(t.share)))</tr>\n"
        }
        h += "</tbody>\n</table>\n<h3>By department</h3>\n"
        let deptBars = d.departments.map { x in
            SVGChart.Bar(
                label: x.name,
                segments: [
                    .init(x.reported, .solidGreen), .init(x.leftBlank, .hatchedOrange), .init(x.absent, .dottedWhite),
                ], note: "\(x.reported)/\(x.owed)")
        }
        h +=
            "<figure class=\"chart\">\n"
            + SVGChart.stackedBars(
                id: "chart-departments", title: "Data elements submitted by department, \(d.year)",
                description:
                    "One bar per department, as long as the number of data elements it owes for \(d.framework.id): reported (solid), left blank (hatched), not submitted or rejected (dotted). The table below gives the same numbers.",
                bars: deptBars,
                legend: [
                    (.solidGreen, "reported"), (.hatchedOrange, "left blank"),
                    (.dottedWhite, "not submitted or rejected"),
                ])
        h +=
            "\n<figcaption>Data elements owed by each department for \(e(d.framework.id)), \(d.year). Same numbers as the table below.</figcaption>\n</figure>\n"
        h += "<table class=\"results\">\n<caption>Completeness by department, \(d.year)</caption>\n"
        h += head(
            [
                "Department", "File", "Elements owed", "Reported", "Left blank", "Not submitted or rejected",
                "Share reported", "Elements missing",
            ], numeric: [2, 3, 4, 5, 6])
        h += "<tbody>\n"
        for x in d.departments {
            h +=
                "<tr><th scope=\"row\">\(e(x.name))</th><td class=\"code\">\(e(x.files.isEmpty ? "none" : x.files.joined(separator: ", ")))</td>\(num(String(x.owed)))\(num(String(x.reported)))\(num(String(x.leftBlank)))\(num(String(x.absent)))\(num(percent(x.share)))<td class=\"code small\">\(e(x.missing.joined(separator: ", ")))</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }

    static func percent(_ share: Double) -> String { Format.fixed(share * 100, decimals: 0) + " %" }

    // MARK: One table per theme

    static func themes(_ d: ReportData) -> String {
        var h = ""
        for (theme, list) in d.resultsByTheme where theme.id != "profile" {
            let computed = list.filter { $0.status == .computed }.count
            h +=
                "<section class=\"theme\" id=\"theme-\(HTML.id(theme.clause))\">\n<h2>\(e(theme.clause)) \(e(theme.title))</h2>\n"
            h += "<p>\(computed) of \(list.count) indicators computed for \(d.year).</p>\n"
            h +=
                "<table class=\"results indicators\">\n<caption>\(e(theme.title)): indicators of \(e(d.standardLabel)) clause \(e(theme.clause)), \(d.year)</caption>\n"
            h +=
                "<colgroup><col class=\"c-clause\"><col class=\"c-title\"><col class=\"c-type\"><col class=\"c-value\"><col class=\"c-unit\"><col class=\"c-q\"><col class=\"c-q\"><col class=\"c-mult\"><col class=\"c-year\"><col class=\"c-source\"><col class=\"c-notes\"><col class=\"c-status\"></colgroup>\n"
            h += head(
                [
                    "Clause", "Indicator", "Type", "Value", "Unit", "Numerator", "Denominator", "Multiplier",
                    "Data year", "Source", "Notes", "Status",
                ], numeric: [3, 5, 6, 7])
            h += "<tbody>\n"
            for r in list {
                let notes = (d.submissionNotes[r.indicator.id] ?? []).map(e).joined(separator: "<br>")
                h +=
                    "<tr class=\"s-\(r.status.rawValue)\"><th scope=\"row\">\(e(r.indicator.clause))</th><td>\(e(r.indicator.title))</td><td>\(r.indicator.type.rawValue)</td>"
                h += num(r.value.map(d.number) ?? "—") + "<td>\(e(r.indicator.unit.label))</td>"
                h +=
                    num(ReportText.quantity(r.numerator, d.options.grouping, d.catalog))
                    + num(ReportText.quantity(r.denominator, d.options.grouping, d.catalog))
                h +=
                    num(ReportText.multiplier(r.indicator.multiplier, d.options.grouping))
                    + "<td>\(r.dataYear.map(String.init) ?? "")</td>"
                h +=
                    "<td class=\"text\">\(e(ReportText.sources(r)))</td><td class=\"text\">\(notes)</td>\(statusCell(r))</tr>\n"
            }
            h += "</tbody>\n</table>\n</section>\n"
        }
        return h
    }
}
