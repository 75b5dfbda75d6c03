import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

/// HTML escaping: every string that comes from a submission, city.yaml or the catalog goes
/// through `escape` before it reaches a document.
public enum HTML {
    public static func escape(_ text: String) -> String { Escape.html(text) }

    /// A string usable as an element id: letters, digits and `-`.
    static func id(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }
}

/// Words shared by every report format, so HTML, Markdown and CSV say the same thing.
public enum ReportText {
    public static func status(_ status: ResultStatus) -> String {
        switch status {
        case .computed: "computed"
        case .notComputable: "not computable"
        case .notSubmitted: "not submitted"
        case .notDefined: "not defined"
        }
    }

    /// A mark that tells statuses apart without colour.
    public static func mark(_ status: ResultStatus) -> String {
        switch status {
        case .computed: "✓"
        case .notComputable: "!"
        case .notSubmitted: "○"
        case .notDefined: "×"
        }
    }

    /// The status with its reason: `not computable: missing input: fire_deaths (left blank)`.
    public static func statusWithReason(_ r: IndicatorResult) -> String {
        guard r.status != .computed, let reason = r.reasonText, !reason.isEmpty else { return status(r.status) }
        if r.status == .notComputable { return "not computable: " + reason }
        return status(r.status) + " (" + reason + ")"
    }

    /// A number at the precision that suits it, grouped.
    public static func number(_ value: Double?, _ grouping: Format.Grouping) -> String {
        value.map { Format.readable($0, grouping: grouping) } ?? ""
    }

    public static func quantity(_ q: Quantity?, _ grouping: Format.Grouping, _ catalog: Catalog) -> String {
        guard let q else { return "" }
        let unit = catalog.units[q.unit]?.label ?? q.unit
        return quantityNumber(q.value, grouping) + (unit == "base" ? "" : " " + unit)
    }

    /// A numerator or denominator: whole numbers (counts, most amounts) without decimals.
    public static func quantityNumber(_ value: Double, _ grouping: Format.Grouping) -> String {
        Format.readable(value, grouping: grouping, decimals: value == value.rounded() ? 0 : nil)
    }

    /// A multiplier in the report's grouping: `100,000` or `1,00,000`.
    public static func multiplier(_ m: Double, _ grouping: Format.Grouping) -> String {
        Format.group(Format.plain(m), grouping)
    }

    /// The formula in symbols: `(fire_deaths) ÷ (population_total) × 100,000`.
    public static func symbols(_ i: Indicator, _ grouping: Format.Grouping) -> String {
        let m = i.multiplier == 1 ? "" : " × \(multiplier(i.multiplier, grouping))"
        switch i.formula {
        case .ratio(let n, let d): return "(\(n.description)) ÷ (\(d.description))\(m)"
        case .value(let v): return v.description + m
        case .undefined: return TextRenderers.formulaText(i)
        }
    }

    /// The formula in words, with element titles for element ids.
    public static func words(_ i: Indicator, _ catalog: Catalog, _ grouping: Format.Grouping) -> String {
        let m = i.multiplier == 1 ? "" : ", multiplied by \(multiplier(i.multiplier, grouping))"
        switch i.formula {
        case .ratio(let n, let d): return "\(titles(n, catalog)) divided by \(titles(d, catalog))\(m)"
        case .value(let v): return "\(titles(v, catalog)) as reported\(m)"
        case .undefined: return "not defined: no source identifies this slot of the standard"
        }
    }

    /// An expression with each element id replaced by its title, operators in words.
    static func titles(_ e: Expression, _ catalog: Catalog) -> String {
        var out = ""
        var word = ""
        func flush() {
            if !word.isEmpty {
                out += catalog.elements[word].map { "“\($0.title.lowercasedFirst)”" } ?? word
                word = ""
            }
        }
        for c in e.description {
            if c.isLetter || c.isNumber || c == "_" || c == "." {
                word.append(c)
                continue
            }
            flush()
            switch c {
            case "+": out += "plus"
            case "-": out += "minus"
            case "*": out += "times"
            case "/": out += "divided by"
            default: out.append(c)
            }
        }
        flush()
        return out
    }

    /// The sources of an indicator's inputs, one string.
    public static func sources(_ r: IndicatorResult) -> String { r.sources.joined(separator: "; ") }

    /// Direction in words.
    public static func direction(_ d: Direction) -> String {
        switch d {
        case .higher: "higher is better"
        case .lower: "lower is better"
        case .neutral: "neither direction is better"
        }
    }
}

extension String {
    var lowercasedFirst: String {
        guard let first, first.isUppercase, !(dropFirst().first?.isUppercase ?? false) else { return self }
        return first.lowercased() + dropFirst()
    }
}
