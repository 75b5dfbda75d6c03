import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

extension MarkdownReport {
    static func yearOverYear(_ d: ReportData) -> String {
        var m = "## Year-over-year change\n\n"
        guard let previous = d.previousYear else { return m + "No year before \(d.year) in the workspace.\n\n" }
        m +=
            "Flags: **jump** = changed by more than \(Format.plain(d.options.jumpThreshold * 100)) %; **worse** = moved against the better direction; **newly / no longer reported** = computed in one year only.\n\n"
        m += table(
            ["Clause", "Indicator", String(previous), String(d.year), "Unit", "Change", "Better", "Flags"],
            d.changes.compactMap { c in
                guard let r = d.results.first(where: { $0.indicator.id == c.indicator }) else { return nil }
                let better =
                    r.indicator.direction == .higher ? "↑ higher" : r.indicator.direction == .lower ? "↓ lower" : "–"
                return [
                    r.indicator.clause, md(r.indicator.title), c.previous.map(d.number) ?? "—",
                    c.current.map(d.number) ?? "—", md(r.indicator.unit.label), c.changeText, better,
                    c.flags.isEmpty ? "" : "⚑ " + c.flagText,
                ]
            }, numeric: [2, 3, 5])
        return m
    }

    static func trends(_ d: ReportData) -> String {
        var m = "## Trends\n\n"
        let list = d.trendIndicators
        guard !list.isEmpty else { return m + "No indicator is computed in any year yet.\n\n" }
        m +=
            "Every indicator computed in at least one year of the workspace (the HTML report draws these as charts).\n\n"
        m += table(
            ["Clause", "Indicator", "Unit"] + d.years.map(String.init),
            list.map { r in
                [r.indicator.clause, md(r.indicator.title), md(r.indicator.unit.label)]
                    + d.trend(r.indicator.id).map { $0.value.map(d.number) ?? "—" }
            }, numeric: Set(3..<(3 + d.years.count)))
        return m
    }

    static func issues(_ d: ReportData) -> String {
        var m = "## Data issues in the \(d.year) submissions\n\n"
        guard !d.diagnostics.isEmpty else { return m + "No errors, warnings or notes.\n\n" }
        m +=
            "\(d.errorCount) error(s), \(d.warningCount) warning(s). Rows with errors were left out of every computation.\n\n"
        m += table(
            ["Severity", "Code", "Location", "Problem"],
            d.diagnostics.map { x in
                [
                    x.severity.rawValue, x.code.rawValue, md(x.location?.description ?? ""),
                    md(x.message + (x.hint.map { " Hint: \($0)" } ?? "")),
                ]
            })
        return m
    }

    static func methodology(_ d: ReportData) -> String {
        var m =
            "## Annex A — Methodology\n\nEach indicator as the catalog (\(md(d.catalog.origin))) defines it, with how sure the definition is (verified from a source quoting the standard; reconstructed where no source gives it; adapted where it deliberately differs from the printed definition, with the reason).\n\n"
        for (theme, results) in d.resultsByTheme {
            m += "### \(md(theme.clause)) \(md(theme.title))\n\n"
            for r in results {
                let i = r.indicator
                m += "- **\(md(i.clause)) \(md(i.title))** (\(md(i.id)), \(i.type.rawValue))  \n"
                m += "  In words: \(md(ReportText.words(i, d.catalog, d.options.grouping))).  \n"
                m += "  In symbols: \(md(ReportText.symbols(i, d.options.grouping)))  \n"
                m +=
                    "  Unit: \(md(i.unit.title)); \(ReportText.direction(i.direction)). Confidence: **\(i.confidence.rawValue)**\(i.confidenceNote.map { " — \(md($0))" } ?? "")\n"
            }
            m += "\n"
        }
        return m
    }

    static func provenance(_ d: ReportData) -> String {
        var m =
            "## Annex B — Provenance\n\nThe submission files of \(d.year), relative to the workspace folder. Who imported a file and when is recorded by the store (`cityind import`).\n\n"
        m += table(
            ["File", "Department", "Bytes", "SHA-256", "Accepted", "Not reported", "Rejected", "Errors", "Warnings"],
            d.provenance.map { f in
                [
                    md(f.file), md(f.departmentName ?? f.department ?? "unknown"), String(f.bytes), "`\(f.sha256)`",
                    String(f.accepted), String(f.notReported), String(f.rejected), String(f.errors), String(f.warnings),
                ]
            }, numeric: [2, 4, 5, 6, 7, 8])
        return m
    }

    static func signOff(_ d: ReportData) -> String {
        var m =
            "## Sign-off\n\nReviewed for \(md(d.city.name)), \(md(d.yearLabel)): the figures were computed from the submissions listed in Annex B.\n\n"
        m += table(
            ["City Data Officer", ""],
            [["Name", ""], ["Designation", "City Data Officer"], ["Signature", ""], ["Date", ""]])
        return m
    }
}
