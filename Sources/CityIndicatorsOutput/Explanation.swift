import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

/// The text of `cityind explain`: how an indicator is defined and how a value came about.
public enum Explanation {
    public static func definition(_ i: Indicator, _ catalog: Catalog) -> String {
        let fw = catalog.frameworks[i.framework]
        var t = "\(i.id) — \(i.title)\n\n"
        t += "standard:    \(fw?.standard ?? "") : \(fw?.edition ?? "") §\(i.clause)\n"
        t += "theme:       \(fw?.theme(i.theme)?.title ?? i.theme) (\(i.type.rawValue))\n"
        t += "formula:     \(TextRenderers.formulaText(i))\n"
        t +=
            "unit:        \(i.unit.title) (\(i.unit.id)); \(i.direction == .neutral ? "neither direction is better" : "\(i.direction.rawValue) is better")\n"
        if let r = i.range {
            t +=
                "range:       \(r.min.map(Format.plain) ?? "−∞") to \(r.max.map(Format.plain) ?? "∞"); a result outside is not computable\n"
        }
        t += "confidence:  \(i.confidence.rawValue)\(i.confidenceNote.map { " — \($0)" } ?? "")\n"
        t += "source:      \(i.source)\n"
        if let n = i.notes { t += "notes:       \(n)\n" }
        t += "\ninputs:\n"
        for id in i.formula.elements {
            if let e = catalog.elements[id] {
                t +=
                    "  \(id) — \(e.title) [\(e.unit.id)], from \(catalog.departments[e.department]?.name ?? e.department) (\(e.department).csv)\n"
            }
        }
        t += "\nworked examples:\n"
        for ex in i.examples {
            let inputs = ex.inputs.sorted { $0.key < $1.key }.map { "\($0.key)=\(Format.plain($0.value))" }.joined(
                separator: ", ")
            let expect: String
            switch ex.expectation {
            case .value(_, _, let written): expect = written
            case .notComputable(let r): expect = "not computable" + (r.map { " (\($0.rawValue))" } ?? "")
            case .notSubmitted: expect = "not submitted"
            }
            t += "  \(ex.name): \(inputs.isEmpty ? "(no inputs)" : inputs) → \(expect)\n"
        }
        t += "\ndefined at \(i.location.description)\n"
        return t
    }

    public static func computation(_ r: IndicatorResult, city: String, year: Int, _ catalog: Catalog) -> String {
        var t = "\n\(city), \(year):\n"
        for input in r.inputs {
            let value =
                input.value.map { "\(Format.readable($0, decimals: $0 == $0.rounded() ? 0 : nil)) \(input.unit)" }
                ?? "—"
            let from: String
            switch input.status {
            case .reported: from = input.file.map { (input.line ?? 0) > 0 ? "\($0):\(input.line!)" : $0 } ?? ""
            case .notReported: from = "left blank in the submission"
            case .absent: from = "not submitted"
            }
            t += "  \(input.element) = \(value)  (\(from))\(input.source.map { "  source: \($0)" } ?? "")\n"
        }
        if let n = r.numerator { t += "  numerator   = \(Format.readable(n.value)) \(n.unit)\n" }
        if let d = r.denominator { t += "  denominator = \(Format.readable(d.value)) \(d.unit)\n" }
        switch r.status {
        case .computed:
            t += "  result      = \(Format.readable(r.value!)) \(r.indicator.unit.label)"
            if r.indicator.multiplier != 1 {
                t += "  (× \(Format.group(Format.plain(r.indicator.multiplier), .international)))"
            }
            t += "\n"
        case .notComputable:
            t += "  result      : not computable — \(r.reason?.rawValue ?? ""): \(r.reasonText ?? "")\n"
        case .notSubmitted:
            t += "  result      : not submitted — \(r.reasonText ?? "")\n"
        case .notDefined:
            t += "  result      : not defined — \(r.reasonText ?? "")\n"
        }
        return t
    }
}
