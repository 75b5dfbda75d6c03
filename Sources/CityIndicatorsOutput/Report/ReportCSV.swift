import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

/// `indicators.csv`: one row per indicator in the layout of a WCCD submission sheet (indicator,
/// value, numerator, denominator, data year, source, comments), which opens correctly in Excel:
/// CRLF rows, cells quoted where needed, formula-like cells neutralised (`CSVText`), an optional
/// UTF-8 byte order mark. Numbers are plain (no digit grouping) at the precision the other
/// formats show.
public enum ReportCSV {
    public static let header = [
        "Indicator ID", "Clause", "Indicator", "Type", "Value", "Unit", "Numerator", "Numerator unit",
        "Denominator", "Denominator unit", "Multiplier", "Data year", "Source", "Comments", "Status",
    ]

    public static func render(_ d: ReportData, byteOrderMark: Bool = false) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        out += CSVText.row(header)
        for r in d.results {
            let i = r.indicator
            var comments = d.submissionNotes[i.id] ?? []
            if r.status != .computed, let reason = r.reasonText { comments.insert(reason, at: 0) }
            out += CSVText.row([
                i.id, i.clause, i.title, i.type.rawValue,
                r.value.map { Format.readable($0, grouping: .none) } ?? "", i.unit.label,
                r.numerator.map { ReportText.quantityNumber($0.value, .none) } ?? "",
                r.numerator.map { unit($0.unit, d) } ?? "",
                r.denominator.map { ReportText.quantityNumber($0.value, .none) } ?? "",
                r.denominator.map { unit($0.unit, d) } ?? "",
                Format.plain(i.multiplier), r.dataYear.map(String.init) ?? "", ReportText.sources(r),
                comments.joined(separator: "; "), ReportText.status(r.status),
            ])
        }
        return out
    }

    static func unit(_ id: String, _ d: ReportData) -> String { d.catalog.units[id]?.label ?? id }
}
