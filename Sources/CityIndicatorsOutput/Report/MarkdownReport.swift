import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

/// The certification report as Markdown, for wikis and pull requests: the same sections as the
/// HTML report, with tables instead of charts. Every text from a submission, city.yaml or the
/// catalog is escaped (`|`, `<`, `*`, … cannot break a table or inject HTML).
public enum MarkdownReport {
    public static func render(_ d: ReportData) -> String {
        var m = "# \(md(d.city.name)) — \(md(d.standardLabel)) city indicators, \(md(d.yearLabel))\n\n"
        m += table(
            ["Report", ""],
            [
                ["Framework", "\(md(d.framework.title)) (`\(d.framework.id)`)"],
                ["Certification level reached", "**\(md(d.assessment?.reached?.title ?? "none yet"))**"],
                ["ULB code", md(d.city.ulbCode)],
                ["Location", md([d.city.state, d.city.country].compactMap { $0 }.joined(separator: ", "))],
                ["Years in the workspace", d.years.map(String.init).joined(separator: ", ")],
                ["Indicator catalog", md(d.catalog.origin)],
            ] + (d.options.generatedAt.map { [["Generated", md($0)]] } ?? []))
        m += summary(d) + profile(d) + certification(d) + completeness(d) + indexes(d) + themes(d)
        m += MarkdownReport.yearOverYear(d) + trends(d) + issues(d) + methodology(d) + provenance(d) + signOff(d)
        return m
    }

    static func md(_ text: String) -> String { TextRenderers.md(text) }

    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        var t = "| " + header.joined(separator: " | ") + " |\n|"
        t += header.indices.map { numeric.contains($0) ? "---:|" : "---|" }.joined() + "\n"
        for row in rows { t += "| " + row.joined(separator: " | ") + " |\n" }
        return t + "\n"
    }

    static func status(_ r: IndicatorResult) -> String {
        ReportText.mark(r.status) + " " + md(ReportText.statusWithReason(r))
    }

    /// A ten-block bar for a share 0…1.
    static func bar(_ share: Double) -> String {
        let full = Int((share * 10).rounded())
        return String(repeating: "█", count: full) + String(repeating: "░", count: 10 - full)
    }

    static func summary(_ d: ReportData) -> String {
        let coreTotal = d.total(type: .core)
        let supportingTotal = d.total(type: .supporting)
        let computed = d.count(.computed, type: .core) + d.count(.computed, type: .supporting)
        var m = "## Executive summary\n\n"
        m +=
            "- **\(computed) of \(coreTotal + supportingTotal)** indicators computed (core \(d.count(.computed, type: .core)) of \(coreTotal), supporting \(d.count(.computed, type: .supporting)) of \(supportingTotal)); city profile \(d.count(.computed, type: .profile)) of \(d.total(type: .profile)).\n"
        if let a = d.assessment {
            m += "- Certification level reached: **\(md(a.reached?.title ?? "none"))**"
            if let next = a.next {
                var need: [String] = []
                if !a.missingCore.isEmpty { need.append("\(a.missingCore.count) core indicator(s)") }
                if a.moreNeeded > 0 { need.append("\(a.moreNeeded) more indicator(s) of any type") }
                m += "; \(md(next.title)) needs \(need.joined(separator: " and "))"
            }
            m += ".\n"
        }
        m += "- Data issues in the \(d.year) submissions: \(d.errorCount) error(s), \(d.warningCount) warning(s).\n"
        if let previous = d.previousYear {
            let jumps = d.changes.filter { $0.flags.contains(.jump) }.count
            let worse = d.changes.filter { $0.flags.contains(.worse) }.count
            m +=
                "- Since \(previous): \(jumps) jump(s) over \(Format.plain(d.options.jumpThreshold * 100)) %, \(worse) change(s) for the worse.\n"
        }
        return m + "\n"
    }

    static func profile(_ d: ReportData) -> String {
        var m = "## City profile\n\n"
        let rows: [(String, String?)] = [
            ("Name", d.city.name), ("Country", d.city.country), ("State", d.city.state), ("ULB code", d.city.ulbCode),
            ("Currency", d.city.currency), ("Frameworks", d.city.frameworks.joined(separator: ", ")),
            ("Year basis", d.city.yearBasis), ("Notes", d.city.notes),
        ]
        m += table(["Field", "Value"], rows.compactMap { k, v in v.map { [k, md($0)] } })
        let list = d.results.filter { $0.indicator.type == .profile }
        if !list.isEmpty {
            m += table(
                ["Clause", "Indicator", "Value", "Unit", "Data year", "Source", "Status"],
                list.map { r in
                    [
                        r.indicator.clause, md(r.indicator.title), ReportText.number(r.value, d.options.grouping),
                        md(r.indicator.unit.label), r.dataYear.map(String.init) ?? "", md(ReportText.sources(r)),
                        status(r),
                    ]
                }, numeric: [2])
        }
        return m
    }

    static func certification(_ d: ReportData) -> String {
        var m = "## Certification level\n\n"
        guard let a = d.assessment, let cert = d.framework.certification else {
            return m + "No certification scheme is defined for this framework.\n\n"
        }
        m +=
            "\(a.reported) of \(a.total) indicators computed (\(a.coreReported) of \(a.coreTotal) core). Level reached: **\(md(a.reached?.title ?? "none"))**.\n\n"
        m += table(
            ["Level", "Core needed", "Total needed", "Met in \(d.year)"],
            d.levels.map { level, core, met in
                [
                    md(level.title), level.core == nil ? "all (\(core))" : String(core), String(level.total),
                    met ? "✓ met" : "✗ not met",
                ]
            }, numeric: [1, 2])
        if let next = a.next {
            m += "### Missing for \(md(next.title))\n\n"
            if !a.missingCore.isEmpty {
                m +=
                    "Core indicators that must be reported:\n\n"
                    + a.missingCore.map { "- \($0.clause) \(md($0.title))\n" }.joined() + "\n"
            }
            if a.moreNeeded > 0 {
                let missing = Set(a.missingCore.map(\.id))
                m += "And any **\(a.moreNeeded)** more of these not yet reported (supporting first):\n\n"
                m +=
                    a.notReported.filter { !missing.contains($0.id) }.map {
                        "- \($0.clause) \(md($0.title)) (\($0.type.rawValue))\n"
                    }.joined() + "\n"
            }
        }
        m += "> Thresholds: \(cert.confidence.rawValue). \(md(cert.note ?? ""))\n\n"
        return m
    }

    static func completeness(_ d: ReportData) -> String {
        var m = "## Completeness\n\n### By theme\n\n"
        m += table(
            [
                "Theme", "Indicators", "Core computed", "Computed", "Not computable", "Not submitted", "Not defined",
                "Share", "",
            ],
            d.themes.map { t in
                [
                    "\(t.clause) \(md(t.title))", String(t.indicators),
                    t.core == 0 ? "—" : "\(t.coreComputed) of \(t.core)", String(t.computed), String(t.notComputable),
                    String(t.notSubmitted), String(t.notDefined), HTMLReport.percent(t.share), bar(t.share),
                ]
            }, numeric: [1, 2, 3, 4, 5, 6, 7])
        m += "### By department\n\n"
        m += table(
            [
                "Department", "File", "Owed", "Reported", "Left blank", "Not submitted or rejected", "Share", "",
                "Elements missing",
            ],
            d.departments.map { x in
                [
                    md(x.name), md(x.files.joined(separator: ", ")), String(x.owed), String(x.reported),
                    String(x.leftBlank), String(x.absent), HTMLReport.percent(x.share), bar(x.share),
                    md(x.missing.joined(separator: ", ")),
                ]
            }, numeric: [2, 3, 4, 5, 6])
        return m
    }

    static func themes(_ d: ReportData) -> String {
        var m = ""
        for (theme, list) in d.resultsByTheme where theme.id != "profile" {
            m += "## \(md(theme.clause)) \(md(theme.title))\n\n"
            m += table(
                [
                    "Clause", "Indicator", "Type", "Value", "Unit", "Numerator", "Denominator", "Multiplier",
                    "Data year", "Source", "Notes", "Status",
                ],
                list.map { r in
                    [
                        r.indicator.clause, md(r.indicator.title), r.indicator.type.rawValue,
                        r.value.map(d.number) ?? "—", md(r.indicator.unit.label),
                        md(ReportText.quantity(r.numerator, d.options.grouping, d.catalog)),
                        md(ReportText.quantity(r.denominator, d.options.grouping, d.catalog)),
                        ReportText.multiplier(r.indicator.multiplier, d.options.grouping),
                        r.dataYear.map(String.init) ?? "", md(ReportText.sources(r)),
                        md(d.submissionNotes[r.indicator.id]?.joined(separator: "; ") ?? ""), status(r),
                    ]
                }, numeric: [3, 5, 6, 7])
        }
        return m
    }

    /// One section per index framework of city.yaml: index, pillars, categories with text bars.
    static func indexes(_ d: ReportData) -> String {
        var m = ""
        for x in d.indexes {
            let s = x.score
            m += "\n## \(md(x.framework.title))\n\n"
            m +=
                "Index **\(Format.fixed(s.index, decimals: 2))** of \(Format.plain(x.settings.scale)); rank \(s.rank) of \(x.groupSize) in the group \(md(x.settings.groups.first { $0.id == s.group }?.title ?? "of all cities scored")); scoring \(x.settings.normalisation.rawValue), benchmarks \(x.settings.benchmarks.rawValue), missing data \(x.settings.missing.rawValue); \(s.missing) indicator(s) without a value."
            if x.groupSize < 2 {
                m +=
                    " **Scored alone:** scores are relative to the cities scored together; run `cityind report … --peers` with the other cities of the group for a comparable score."
            }
            m +=
                "\n\n"
                + table(
                    ["Pillar", "Weight", "Score", "Weighted"],
                    x.framework.pillars.map { p in
                        let v = s.pillars[p.id]
                        return [
                            md(p.title), Format.fixed(p.weight, decimals: 2),
                            v.map { Format.fixed($0, decimals: 2) } ?? "—",
                            v.map { Format.fixed($0 * p.weight, decimals: 2) } ?? "—",
                        ]
                    } + [["**Index**", "", "", Format.fixed(s.index, decimals: 2)]], numeric: [1, 2, 3])
            m +=
                "\n"
                + table(
                    ["Category", "Pillar", "Score", ""],
                    x.framework.themes.compactMap { t in
                        guard let v = s.categories[t.id] else { return nil }
                        return [
                            "\(md(t.clause)) \(md(t.title))",
                            md(x.framework.pillars.first { $0.id == t.pillar }?.title ?? ""),
                            Format.fixed(v, decimals: 2), bar(v / max(x.settings.scale, 1)),
                        ]
                    }, numeric: [2])
        }
        return m
    }
}
