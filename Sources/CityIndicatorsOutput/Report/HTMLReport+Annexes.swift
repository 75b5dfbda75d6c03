import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

extension HTMLReport {
    // MARK: Year-over-year

    static func yearOverYear(_ d: ReportData) -> String {
        var h = "<section id=\"year-over-year\" class=\"part\">\n<h2>Year-over-year change</h2>\n"
        guard let previous = d.previousYear else {
            return h
                + "<p>The workspace holds no year before \(d.year), so there is nothing to compare with yet.</p>\n</section>\n"
        }
        let threshold = Format.plain(d.options.jumpThreshold * 100)
        h +=
            "<p>Each indicator computed in \(previous) or \(d.year). <strong>jump</strong>: the value changed by more than \(threshold) % (or left zero); <strong>worse</strong>: it moved against the indicator's better direction; <strong>newly reported</strong> / <strong>no longer reported</strong>: computed in only one of the two years. Flagged rows are marked ⚑ and should be explained before submission.</p>\n"
        h += "<table class=\"results yoy\">\n<caption>Change from \(previous) to \(d.year)</caption>\n"
        h += head(
            ["Clause", "Indicator", String(previous), String(d.year), "Unit", "Change", "Better", "Flags"],
            numeric: [2, 3, 5])
        h += "<tbody>\n"
        for c in d.changes {
            guard let r = d.results.first(where: { $0.indicator.id == c.indicator }) else { continue }
            let flagged = !c.flags.isEmpty
            let better =
                r.indicator.direction == .higher ? "↑ higher" : r.indicator.direction == .lower ? "↓ lower" : "–"
            h +=
                "<tr\(flagged ? " class=\"flagged\"" : "")><th scope=\"row\">\(e(r.indicator.clause))</th><td>\(e(r.indicator.title))</td>"
            h +=
                num(c.previous.map(d.number) ?? "—") + num(c.current.map(d.number) ?? "—")
                + "<td>\(e(r.indicator.unit.label))</td>" + num(c.changeText)
            h +=
                "<td class=\"nowrap\">\(better)</td><td>\(flagged ? "<span aria-hidden=\"true\">⚑</span> " + e(c.flagText) : "")</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }

    // MARK: Trends

    static func trends(_ d: ReportData) -> String {
        var h =
            "<section id=\"trends\" class=\"part\">\n<h2>Trends \(d.years.first ?? d.year)–\(d.years.last ?? d.year)</h2>\n"
        let list = d.trendIndicators
        guard !list.isEmpty else { return h + "<p>No indicator is computed in any year yet.</p>\n</section>\n" }
        h +=
            "<p>One small chart per indicator computed in at least one year of the workspace: each value is written beside its point, the \(d.year) value is the square, and “n/a” marks a year without a value. Scales differ from chart to chart.</p>\n"
        for (theme, results) in d.resultsByTheme {
            let mine = results.filter { r in list.contains { $0.indicator.id == r.indicator.id } }
            guard !mine.isEmpty else { continue }
            h += "<h3>\(e(theme.clause)) \(e(theme.title))</h3>\n<div class=\"multiples\">\n"
            for r in mine {
                let i = r.indicator
                let points = d.trend(i.id)
                let values = points.map { "\($0.year): \($0.value.map(d.number) ?? "no value")" }.joined(
                    separator: "; ")
                let id = "trend-" + HTML.id(i.id)
                h +=
                    "<figure class=\"trend\">\n"
                    + SVGChart.trend(
                        id: id, title: "\(i.clause) \(i.title)",
                        description: "\(i.unit.title), \(ReportText.direction(i.direction)). \(values).",
                        points: points, highlight: d.year, format: d.number)
                h +=
                    "\n<figcaption><strong>\(e(i.clause))</strong> \(e(i.title)) <span class=\"unit\">(\(e(i.unit.label)); \(e(ReportText.direction(i.direction))))</span></figcaption>\n</figure>\n"
            }
            h += "</div>\n"
        }
        return h + "</section>\n"
    }

    // MARK: Data issues

    static func issues(_ d: ReportData) -> String {
        var h = "<section id=\"issues\" class=\"part\">\n<h2>Data issues in the \(d.year) submissions</h2>\n"
        guard !d.diagnostics.isEmpty else {
            return h
                + "<p>No errors, warnings or notes: every row was accepted or deliberately left blank.</p>\n</section>\n"
        }
        h +=
            "<p>\(d.errorCount) error(s), \(d.warningCount) warning(s) and \(d.diagnostics.count - d.errorCount - d.warningCount) note(s). Rows with errors were left out of every computation. Locations are file:line:column within the workspace.</p>\n"
        h +=
            "<table class=\"results issues\">\n<caption>Problems found in the \(d.year) submissions</caption>\n"
            + head(["Severity", "Code", "Location", "Problem"]) + "<tbody>\n"
        for x in d.diagnostics {
            h +=
                "<tr class=\"sev-\(x.severity.rawValue)\"><th scope=\"row\">\(x.severity.rawValue)</th><td>\(e(x.code.rawValue))</td><td class=\"code nowrap\">\(e(x.location?.description ?? ""))</td>"
            h +=
                "<td class=\"text\">\(e(x.message))\(x.hint.map { "<br><span class=\"hint\">Hint: \(e($0))</span>" } ?? "")</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }

    // MARK: Annex A — methodology

    static func methodology(_ d: ReportData) -> String {
        var h = "<section id=\"methodology\" class=\"annex\">\n<h2>Annex A — Methodology</h2>\n"
        h +=
            "<p>Each indicator as the catalog (\(e(d.catalog.origin))) defines it: the formula in words and in symbols (element ids of the submission templates), its unit, multiplier and better direction, and how sure the definition is — <strong>verified</strong> (clause, title and formula seen in a source quoting the standard), <strong>reconstructed</strong> (where no source gives it, with the reason) or <strong>adapted</strong> (deliberately different from the printed definition, with the reason). Element values are converted to the element's unit before computing; a ratio is numerator ÷ denominator × multiplier.</p>\n"
        for (theme, results) in d.resultsByTheme {
            h += "<table class=\"results method\">\n<caption>\(e(theme.clause)) \(e(theme.title))</caption>\n"
            h += "<colgroup><col class=\"c-clause\"><col class=\"c-def\"><col class=\"c-conf\"></colgroup>\n"
            h += head(["Clause", "Definition", "Confidence"]) + "<tbody>\n"
            for r in results {
                let i = r.indicator
                h +=
                    "<tr><th scope=\"row\">\(e(i.clause))</th><td><strong>\(e(i.title))</strong> <span class=\"id\">\(e(i.id)), \(i.type.rawValue)</span><br>"
                h +=
                    "In words: \(e(ReportText.words(i, d.catalog, d.options.grouping))).<br>In symbols: <code>\(e(ReportText.symbols(i, d.options.grouping)))</code><br>"
                h +=
                    "Unit: \(e(i.unit.title)) (\(e(i.unit.label))); \(e(ReportText.direction(i.direction))).\(i.notes.map { " \(e($0))" } ?? "")<br>"
                h += "<span class=\"small\">Source: \(e(i.source))</span></td>"
                h +=
                    "<td><strong>\(i.confidence.rawValue)</strong>\(i.confidenceNote.map { "<br><span class=\"small\">\(e($0))</span>" } ?? "")</td></tr>\n"
            }
            h += "</tbody>\n</table>\n"
        }
        return h + "</section>\n"
    }

    // MARK: Annex B — provenance

    static func provenance(_ d: ReportData) -> String {
        var h = "<section id=\"provenance\" class=\"annex\">\n<h2>Annex B — Provenance</h2>\n"
        h +=
            "<p>The \(d.provenance.count) submission files of \(d.year) this report was computed from (paths relative to the workspace folder), each with the SHA-256 of its bytes and what became of its rows. Who imported a file and when is recorded by the store (<code>cityind import</code>), not by this report.</p>\n"
        h += "<table class=\"results provenance\">\n<caption>Input files, \(d.year)</caption>\n"
        h += head(
            ["File", "Department", "Bytes", "SHA-256", "Accepted", "Not reported", "Rejected", "Errors", "Warnings"],
            numeric: [2, 4, 5, 6, 7, 8])
        h += "<tbody>\n"
        for f in d.provenance {
            h +=
                "<tr><th scope=\"row\" class=\"code\">\(e(f.file))</th><td>\(e(f.departmentName ?? f.department ?? "unknown"))</td>\(num(Format.group(String(f.bytes), d.options.grouping)))"
            h +=
                "<td class=\"hash\">\(e(f.sha256))</td>\(num(String(f.accepted)))\(num(String(f.notReported)))\(num(String(f.rejected)))\(num(String(f.errors)))\(num(String(f.warnings)))</tr>\n"
        }
        h += "</tbody>\n</table>\n"
        h +=
            "<p>Years in the workspace: \(d.years.map(String.init).joined(separator: ", ")); trends and year-over-year changes are computed from each year's own submissions the same way.</p>\n"
        return h + "</section>\n"
    }

    // MARK: Sign-off

    static func signOff(_ d: ReportData) -> String {
        var h = "<section id=\"sign-off\" class=\"signoff\">\n<h2>Sign-off</h2>\n"
        h +=
            "<p>I have reviewed this report of <strong>\(e(d.city.name))</strong> for \(e(d.yearLabel)) under \(e(d.framework.title)). Its figures were computed from the departmental submissions listed in Annex B, whose SHA-256 digests identify the files reviewed.</p>\n"
        h += "<table class=\"signature\">\n<caption>City Data Officer</caption>\n<tbody>\n"
        for label in ["Name", "Designation", "Signature", "Date", "Office seal"] {
            let value = label == "Designation" ? "City Data Officer, \(e(d.city.name))" : ""
            h +=
                "<tr\(label == "Office seal" ? " class=\"seal\"" : "")><th scope=\"row\">\(label)</th><td>\(value)</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }
}
