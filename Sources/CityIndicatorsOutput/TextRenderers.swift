import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

/// Plain-text and Markdown renderings used by the CLI (no terminal I/O here).
public enum TextRenderers {
    /// A fixed-width table; the last column is not padded.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        out +=
            line(
                widths.enumerated().map { i, w in
                    String(repeating: "-", count: i == widths.count - 1 ? header[i].count : w)
                }) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    public static func truncate(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// One line per indicator: id, title, value with unit, status or reason.
    public static func results(_ results: [IndicatorResult], grouping: Format.Grouping = .international) -> String {
        let rows = results.map { r -> [String] in
            let value = r.value.map { Format.readable($0, grouping: grouping) } ?? "—"
            let status: String
            switch r.status {
            case .computed: status = "computed"
            case .notSubmitted: status = "not submitted"
            case .notDefined: status = "not defined (unidentified slot)"
            case .notComputable: status = "not computable: \(r.reasonText ?? r.reason?.rawValue ?? "")"
            }
            return [r.indicator.id, truncate(r.indicator.title, 58), value, r.indicator.unit.label, status]
        }
        return table(["indicator", "title", "value", "unit", "status"], rows)
    }

    /// The line under the results table: how many were computed, not computable, not submitted.
    public static func resultsTally(_ results: [IndicatorResult]) -> String {
        let computed = results.filter { $0.status == .computed }.count
        let notComputable = results.filter { $0.status == .notComputable }.count
        let rest = results.count - computed - notComputable
        return
            "\n\(results.count) indicators: \(computed) computed, \(notComputable) not computable, \(rest) not submitted.\n"
    }

    /// The compute results as CSV (WCCD-like columns), Excel-safe.
    public static func resultsCSV(_ results: [IndicatorResult]) -> String {
        var out = CSVText.row([
            "indicator", "title", "type", "status", "value", "unit", "numerator", "numerator_unit", "denominator",
            "denominator_unit", "multiplier", "data_year", "source", "reason",
        ])
        for r in results {
            out += CSVText.row([
                r.indicator.id, r.indicator.title, r.indicator.type.rawValue, r.status.rawValue,
                r.value.map(Format.plain) ?? "", r.indicator.unit.id,
                r.numerator.map { Format.plain($0.value) } ?? "", r.numerator?.unit ?? "",
                r.denominator.map { Format.plain($0.value) } ?? "", r.denominator?.unit ?? "",
                Format.plain(r.indicator.multiplier), r.dataYear.map(String.init) ?? "",
                r.sources.joined(separator: "; "), r.reasonText ?? "",
            ])
        }
        return out
    }

    /// The catalog as a table.
    public static func catalogTable(_ indicators: [Indicator]) -> String {
        table(
            ["indicator", "type", "title", "unit", "confidence"],
            indicators.map {
                [$0.id, $0.type.rawValue, truncate($0.title, 70), $0.unit.id, $0.confidence.rawValue]
            })
    }

    static func md(_ text: String) -> String { Escape.markdown(text) }

    static func formulaText(_ i: Indicator) -> String {
        let m = i.multiplier == 1 ? "" : " × \(Format.group(Format.plain(i.multiplier), .international))"
        switch i.formula {
        case .ratio(let n, let d): return "(\(n.description)) ÷ (\(d.description))\(m)"
        case .value(let v): return v.description + m
        case .undefined: return "not defined: a slot of the standard that no source identifies"
        }
    }

    /// The catalog as Markdown: one section per framework and theme (this is docs/indicators.md).
    public static func catalogMarkdown(_ catalog: Catalog, frameworks: [String]? = nil) -> String {
        var out =
            "# Indicator catalog\n\nGenerated from `Indicators/` by `cityind catalog --format md`; do not edit by hand.\n"
        let ids = frameworks ?? catalog.frameworks.keys.sorted()
        for id in ids {
            guard let fw = catalog.frameworks[id] else { continue }
            let list = catalog.indicators(in: id)
            let verified = list.filter { $0.confidence == .verified }.count
            out +=
                "\n## \(md(fw.title))\n\nFramework `\(fw.id)`: \(list.count) indicators defined (\(list.filter { $0.type == .core }.count) core, \(list.filter { $0.type == .supporting }.count) supporting, \(list.filter { $0.type == .profile }.count) profile); \(verified) verified from a source, \(list.count - verified) reconstructed.\n"
            for theme in fw.themes {
                let items = list.filter { $0.theme == theme.id }
                guard !items.isEmpty else { continue }
                out +=
                    "\n### \(theme.clause) \(md(theme.title))\n\n| clause | type | title | formula | unit | confidence |\n|---|---|---|---|---|---|\n"
                for i in items {
                    out +=
                        "| \(i.clause) | \(i.type.rawValue) | \(md(i.title)) | \(md(formulaText(i))) | \(md(i.unit.label)) | \(i.confidence.rawValue) |\n"
                }
            }
        }
        return out
    }
}
