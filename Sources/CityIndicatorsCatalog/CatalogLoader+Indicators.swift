import CityIndicatorsBase
import Foundation
import Yams

extension CatalogLoader {
    static let indicatorKeys = [
        "id", "theme", "type", "title", "numerator", "denominator", "value", "multiplier", "unit",
        "numerator_unit", "denominator_unit", "range", "direction", "confidence", "confidence_note",
        "source", "notes", "examples", "slot", "benchmark", "sdg", "score_range",
    ]
    static let clausePattern = try! NSRegularExpression(pattern: "^[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*$")

    /// Loads one indicator file: its identity, formula checked against its units, benchmark,
    /// SDG targets and worked examples.
    mutating func loadIndicator(_ yaml: YAMLFile, _ root: Node) {
        guard let f = yaml.fields(root, what: "indicator", allowed: CatalogLoader.indicatorKeys) else { return }
        let id = f.string("id")
        let themeID = f.string("theme")
        let type = f.choice("type", IndicatorType.allCases.map(\.rawValue)).flatMap(IndicatorType.init(rawValue:))
        let title = f.string("title")
        let direction = f.choice("direction", Direction.allCases.map(\.rawValue)).flatMap(Direction.init(rawValue:))
        let confidence = f.choice("confidence", Confidence.allCases.map(\.rawValue)).flatMap(Confidence.init(rawValue:))
        let confidenceNote = f.string("confidence_note", required: confidence?.needsNote ?? false)
        let source = f.string("source")
        let notes = f.string("notes", required: false)
        let multiplier = f.number("multiplier") ?? 1
        if multiplier <= 0 { yaml.report(.invalidValue, "'multiplier' must be positive", node: f.node("multiplier")) }
        let isSlot = f.bool("slot") ?? false
        let unit = indicatorUnit(f, isSlot: isSlot)
        let numeratorUnit = self.unit(f, "numerator_unit", required: false)
        let denominatorUnit = self.unit(f, "denominator_unit", required: false)
        let range = bounds(f, "range")
        let (framework, clause) = indicatorFramework(f, id: id, themeID: themeID)
        let formula = indicatorFormula(
            f, isSlot: isSlot, confidence: confidence, unit: unit, numeratorUnit: numeratorUnit,
            denominatorUnit: denominatorUnit)
        let (benchmark, benchmarkSource) = loadBenchmark(f)
        let sdg = loadSDGTargets(f)
        let examples = isSlot ? [] : f.sequence("examples", required: true).compactMap { loadExample(yaml, $0) }
        guard let id, let framework, let themeID, let type, let title, let direction, let confidence,
            let source, let unit, let formula, framework.theme(themeID) != nil
        else { return }
        let location = yaml.location(root)
        guard define("indicator", id, at: location, in: yaml, node: f.node("id")) else { return }
        if !isSlot, !examples.contains(where: { if case .value = $0.expectation { return true } else { return false } })
        {
            yaml.report(
                .noExamples, "indicator has no computed worked example", node: f.keyNode("examples") ?? root,
                hint: "Add an example with inputs and 'expect'.")
        }
        var indicator = Indicator(
            id: id, framework: framework.id, clause: clause, theme: themeID, type: type, title: title,
            formula: formula, multiplier: multiplier, unit: unit, numeratorUnit: numeratorUnit,
            denominatorUnit: denominatorUnit, range: range, direction: direction, confidence: confidence,
            confidenceNote: confidenceNote, source: source, notes: notes, examples: examples, location: location)
        indicator.benchmark = benchmark
        indicator.benchmarkSource = benchmarkSource
        indicator.sdg = sdg
        indicator.scoreRange = loadScoreRange(f)
        catalog.indicators.append(indicator)
    }

    /// The indicator's `unit`; a slot that gives none is a plain number (`one`).
    private func indicatorUnit(_ f: Fields, isSlot: Bool) -> Unit? {
        guard isSlot && !f.has("unit") else { return unit(f, "unit") }
        return catalog.units["one"]
            ?? Unit(
                id: "one", title: "number", symbol: "", dimension: .none, factor: 1, family: nil,
                location: f.location)
    }

    /// The framework and clause of an indicator id `<framework>:<clause>`, with its `theme` checked
    /// against that framework's themes; a malformed id or unknown framework is reported.
    private func indicatorFramework(_ f: Fields, id: String?, themeID: String?) -> (Framework?, String) {
        var framework: Framework?
        var clause = ""
        if let id {
            let parts = id.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count != 2
                || CatalogLoader.clausePattern.firstMatch(
                    in: parts[1], range: NSRange(parts[1].startIndex..., in: parts[1])) == nil
            {
                f.file.report(
                    .badID, "indicator id '\(id)' must be <framework id>:<clause>, e.g. iso37120-2018:15.2",
                    node: f.node("id"))
            } else if let fw = catalog.frameworks[parts[0]] {
                framework = fw
                clause = parts[1]
            } else {
                f.file.report(
                    .undefinedReference, "unknown framework '\(parts[0])' in indicator id", node: f.node("id"),
                    hint: Suggest.nearest(parts[0], in: catalog.frameworks.keys).map { "did you mean '\($0)'?" }
                        ?? "Frameworks are defined in frameworks/.")
            }
        }
        if let framework, let themeID, framework.theme(themeID) == nil {
            f.file.report(
                .undefinedReference, "'\(themeID)' is not a theme of \(framework.id)", node: f.node("theme"),
                hint: (Suggest.nearest(themeID, in: framework.themes.map(\.id)).map { "did you mean '\($0)'? " } ?? "")
                    + "Themes: \(framework.themes.map(\.id).joined(separator: ", ")).")
        }
        return (framework, clause)
    }

    /// The indicator's formula: `numerator`/`denominator` or `value`, never both; `.undefined` for
    /// a slot. Its dimension is checked against the units; nil (reported) when it is missing or wrong.
    private func indicatorFormula(
        _ f: Fields, isSlot: Bool, confidence: Confidence?, unit: Unit?, numeratorUnit: Unit?, denominatorUnit: Unit?
    ) -> Formula? {
        if isSlot {
            checkSlotHasNoFormula(f, confidence: confidence)
            return .undefined
        }
        let formula: Formula?
        let resultDimension: Dimension?
        if f.has("value") {
            (formula, resultDimension) = valueFormula(f)
        } else if !f.has("numerator") && !f.has("denominator") {
            f.file.report(.missingKey, "indicator needs 'numerator' and 'denominator', or 'value'", node: f.node)
            return nil
        } else {
            (formula, resultDimension) = ratioFormula(f, numeratorUnit: numeratorUnit, denominatorUnit: denominatorUnit)
        }
        if let unit, let resultDimension, resultDimension != unit.dimension {
            let what = f.has("value") ? "value" : "numerator ÷ denominator"
            f.file.report(
                .dimensionMismatch,
                "\(what) has dimension \(resultDimension) but unit '\(unit.id)' has dimension \(unit.dimension)",
                node: f.node("unit"),
                hint: unit.dimension.isDimensionless
                    ? "A percentage or a rate per population needs numerator and denominator of the same dimension."
                    : "Choose a unit of dimension \(resultDimension), or correct the formula.")
        }
        return formula
    }

    /// Reports a formula or examples given for a slot, which is counted but not computed, and a
    /// slot marked verified.
    private func checkSlotHasNoFormula(_ f: Fields, confidence: Confidence?) {
        for key in ["numerator", "denominator", "value", "examples"] where f.has(key) {
            f.file.report(
                .invalidValue,
                "a slot has no '\(key)': it is counted but not computed; remove 'slot: true' to define it",
                node: f.keyNode(key))
        }
        if confidence == .verified {
            f.file.report(.invalidValue, "a slot cannot be verified", node: f.node("confidence"))
        }
    }

    /// A `value` formula and its dimension (nil when it is not a number); reported when
    /// `numerator` or `denominator` is given as well, or when it is a condition.
    private func valueFormula(_ f: Fields) -> (Formula?, Dimension?) {
        if f.has("numerator") || f.has("denominator") {
            f.file.report(
                .invalidValue, "give either 'value' or 'numerator' and 'denominator', not both", node: f.node("value"))
            return (nil, nil)
        }
        guard let value = expression(f, "value", required: true) else { return (nil, nil) }
        let t = self.type(of: value, key: "value", fields: f)
        if case .number(let d)? = t { return (.value(value), d) }
        if t == .condition {
            f.file.report(.dimensionMismatch, "'value' is a condition, not a number", node: f.node("value"))
        }
        return (.value(value), nil)
    }

    /// A `numerator` ÷ `denominator` formula and its dimension (nil unless both are numbers), with
    /// each part checked against its optional `numerator_unit` / `denominator_unit`.
    private func ratioFormula(_ f: Fields, numeratorUnit: Unit?, denominatorUnit: Unit?) -> (Formula?, Dimension?) {
        let n = expression(f, "numerator", required: true)
        let d = expression(f, "denominator", required: true)
        guard let n, let d else { return (nil, nil) }
        let formula = Formula.ratio(numerator: n, denominator: d)
        let tn = self.type(of: n, key: "numerator", fields: f)
        let td = self.type(of: d, key: "denominator", fields: f)
        guard case .number(let dn)? = tn, case .number(let dd)? = td else {
            if tn == .condition || td == .condition {
                f.file.report(
                    .dimensionMismatch, "numerator and denominator must be numbers, not conditions",
                    node: f.node(tn == .condition ? "numerator" : "denominator"))
            }
            return (formula, nil)
        }
        checkPartUnit(f, "numerator", dimension: dn, unit: numeratorUnit)
        checkPartUnit(f, "denominator", dimension: dd, unit: denominatorUnit)
        return (formula, dn / dd)
    }

    /// Reports a `numerator` or `denominator` whose dimension differs from its `<part>_unit`.
    private func checkPartUnit(_ f: Fields, _ part: String, dimension: Dimension, unit: Unit?) {
        guard let unit, unit.dimension != dimension else { return }
        f.file.report(
            .dimensionMismatch,
            "\(part) has dimension \(dimension) but \(part)_unit '\(unit.id)' has \(unit.dimension)",
            node: f.node("\(part)_unit"))
    }

    /// The `sdg` targets ("11.6", "11.6.2"); malformed ones are reported and left out.
    private func loadSDGTargets(_ f: Fields) -> [String] {
        var sdg: [String] = []
        for node in f.sequence("sdg") {
            guard let target = node.scalar?.string,
                target.range(of: #"^\d{1,2}\.[0-9a-z]{1,2}(\.\d{1,2})?$"#, options: .regularExpression) != nil
            else {
                f.file.report(.invalidValue, "an SDG target looks like \"11.6\" or \"11.6.2\"", node: node)
                continue
            }
            sdg.append(target)
        }
        return sdg
    }

    /// The `score_range` of an index indicator; nil (reported) unless it gives min < max.
    private func loadScoreRange(_ f: Fields) -> Bounds? {
        guard let r = bounds(f, "score_range") else { return nil }
        guard let lo = r.min, let hi = r.max, lo < hi else {
            f.file.report(.invalidValue, "'score_range' needs min < max", node: f.node("score_range"))
            return nil
        }
        return r
    }

    /// `benchmark: {kind: fixed, value: 135, source: SLB}` | `{kind: group_best}` |
    /// `{kind: by_population, table: [{below: 50000, value: 12}, …, {value: 38}]}` |
    /// `{kind: described, text: …}`.
    func loadBenchmark(_ f: Fields) -> (Benchmark?, String?) {
        guard let b = f.fields("benchmark", what: "'benchmark'", allowed: ["kind", "value", "table", "text", "source"])
        else { return (nil, nil) }
        let source = b.string("source", required: false)
        switch b.choice("kind", ["fixed", "group_best", "by_population", "described"]) {
        case "fixed":
            guard let v = b.number("value", required: true) else { return (nil, source) }
            return (.fixed(v), source)
        case "group_best":
            return (.groupBest, source)
        case "described":
            guard let t = b.string("text") else { return (nil, source) }
            return (.described(t), source)
        case "by_population":
            var rows: [(below: Double?, value: Double)] = []
            let nodes = b.sequence("table", required: true)
            for (i, node) in nodes.enumerated() {
                guard let r = f.file.fields(node, what: "benchmark row", allowed: ["below", "value"]),
                    let v = r.number("value", required: true)
                else { continue }
                let below = r.number("below", required: i < nodes.count - 1)
                if let last = rows.last?.below, let below, below <= last {
                    f.file.report(.invalidValue, "'below' must increase from row to row", node: r.node("below"))
                }
                rows.append((below, v))
            }
            return (rows.isEmpty ? nil : .byPopulation(rows), source)
        default:
            return (nil, source)
        }
    }

    func loadExample(_ yaml: YAMLFile, _ node: Node) -> WorkedExample? {
        guard
            let f = yaml.fields(
                node, what: "example",
                allowed: ["name", "inputs", "expect", "tolerance", "expect_status", "expect_reason"])
        else { return nil }
        let name = f.string("name")
        var inputs: [String: Double] = [:]
        var inputsOK = true
        if let inputNode = f.node("inputs") {
            if let mapping = inputNode.mapping {
                for (key, value) in mapping {
                    let element = key.scalar?.string ?? ""
                    if catalog.elements[element] == nil {
                        yaml.report(
                            .undefinedReference, "unknown element '\(element)' in example inputs", node: key,
                            hint: Suggest.nearest(element, in: catalog.elements.keys).map { "did you mean '\($0)'?" })
                        inputsOK = false
                    }
                    guard let number = value.scalar.flatMap({ NumberText.parsePlain($0.string) }) else {
                        yaml.report(.wrongType, "input '\(element)' must be a number", node: value)
                        inputsOK = false
                        continue
                    }
                    inputs[element] = number
                }
            } else if !(inputNode.scalar?.string.isEmpty ?? false) {
                yaml.report(.wrongType, "'inputs' must map element ids to numbers", node: inputNode)
                inputsOK = false
            }
        } else {
            f.missing("inputs")
            inputsOK = false
        }
        var expectation: WorkedExample.Expectation?
        if let expectNode = f.node("expect") {
            if f.has("expect_status") || f.has("expect_reason") {
                yaml.report(.invalidValue, "give 'expect' or 'expect_status', not both", node: expectNode)
            }
            if let text = expectNode.scalar?.string, let value = NumberText.parsePlain(text) {
                let tolerance = f.number("tolerance") ?? NumberText.halfUnitOfLastPlace(text)
                expectation = .value(value, tolerance: tolerance, written: text)
            } else {
                yaml.report(.wrongType, "'expect' must be a number", node: expectNode)
            }
        } else if let status = f.choice("expect_status", ["not_computable", "not_submitted"]) {
            if status == "not_submitted" {
                expectation = .notSubmitted
            } else {
                let reason = f.choice("expect_reason", NotComputableReason.allCases.map(\.rawValue), required: false)
                    .flatMap(NotComputableReason.init(rawValue:))
                expectation = .notComputable(reason)
            }
        }
        guard let name, let expectation, inputsOK else { return nil }
        return WorkedExample(name: name, inputs: inputs, expectation: expectation, location: yaml.location(node))
    }
}
