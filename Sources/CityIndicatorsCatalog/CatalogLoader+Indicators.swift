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
        let unit =
            isSlot && !f.has("unit")
            ? catalog.units["one"]
                ?? Unit(
                    id: "one", title: "number", symbol: "", dimension: .none, factor: 1, family: nil,
                    location: f.location) : self.unit(f, "unit")
        let numeratorUnit = self.unit(f, "numerator_unit", required: false)
        let denominatorUnit = self.unit(f, "denominator_unit", required: false)
        let range = bounds(f, "range")

        // Identity: <framework>:<clause>, framework defined, theme of that framework.
        var framework: Framework?
        var clause = ""
        if let id {
            let parts = id.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count != 2
                || CatalogLoader.clausePattern.firstMatch(
                    in: parts[1], range: NSRange(parts[1].startIndex..., in: parts[1])) == nil
            {
                yaml.report(
                    .badID, "indicator id '\(id)' must be <framework id>:<clause>, e.g. iso37120-2018:15.2",
                    node: f.node("id"))
            } else if let fw = catalog.frameworks[parts[0]] {
                framework = fw
                clause = parts[1]
            } else {
                yaml.report(
                    .undefinedReference, "unknown framework '\(parts[0])' in indicator id", node: f.node("id"),
                    hint: Suggest.nearest(parts[0], in: catalog.frameworks.keys).map { "did you mean '\($0)'?" }
                        ?? "Frameworks are defined in frameworks/.")
            }
        }
        if let framework, let themeID, framework.theme(themeID) == nil {
            yaml.report(
                .undefinedReference, "'\(themeID)' is not a theme of \(framework.id)", node: f.node("theme"),
                hint: (Suggest.nearest(themeID, in: framework.themes.map(\.id)).map { "did you mean '\($0)'? " } ?? "")
                    + "Themes: \(framework.themes.map(\.id).joined(separator: ", ")).")
        }

        // Formula: numerator/denominator or value, never both.
        var formula: Formula?
        var resultDimension: Dimension?
        if isSlot {
            for key in ["numerator", "denominator", "value", "examples"] where f.has(key) {
                yaml.report(
                    .invalidValue,
                    "a slot has no '\(key)': it is counted but not computed; remove 'slot: true' to define it",
                    node: f.keyNode(key))
            }
            if confidence == .verified {
                yaml.report(.invalidValue, "a slot cannot be verified", node: f.node("confidence"))
            }
            formula = .undefined
        } else if f.has("value") {
            if f.has("numerator") || f.has("denominator") {
                yaml.report(
                    .invalidValue, "give either 'value' or 'numerator' and 'denominator', not both",
                    node: f.node("value"))
            } else if let value = expression(f, "value", required: true) {
                formula = .value(value)
                let t = self.type(of: value, key: "value", fields: f)
                if case .number(let d)? = t {
                    resultDimension = d
                } else if t == .condition {
                    yaml.report(.dimensionMismatch, "'value' is a condition, not a number", node: f.node("value"))
                }
            }
        } else if !f.has("numerator") && !f.has("denominator") {
            yaml.report(.missingKey, "indicator needs 'numerator' and 'denominator', or 'value'", node: root)
        } else {
            let n = expression(f, "numerator", required: true)
            let d = expression(f, "denominator", required: true)
            if let n, let d {
                formula = .ratio(numerator: n, denominator: d)
                let tn = self.type(of: n, key: "numerator", fields: f)
                let td = self.type(of: d, key: "denominator", fields: f)
                if case .number(let dn)? = tn, case .number(let dd)? = td {
                    resultDimension = dn / dd
                    if let numeratorUnit, numeratorUnit.dimension != dn {
                        yaml.report(
                            .dimensionMismatch,
                            "numerator has dimension \(dn) but numerator_unit '\(numeratorUnit.id)' has \(numeratorUnit.dimension)",
                            node: f.node("numerator_unit"))
                    }
                    if let denominatorUnit, denominatorUnit.dimension != dd {
                        yaml.report(
                            .dimensionMismatch,
                            "denominator has dimension \(dd) but denominator_unit '\(denominatorUnit.id)' has \(denominatorUnit.dimension)",
                            node: f.node("denominator_unit"))
                    }
                } else if tn == .condition || td == .condition {
                    yaml.report(
                        .dimensionMismatch, "numerator and denominator must be numbers, not conditions",
                        node: f.node(tn == .condition ? "numerator" : "denominator"))
                }
            }
        }
        if let unit, let resultDimension, resultDimension != unit.dimension {
            let what = f.has("value") ? "value" : "numerator ÷ denominator"
            yaml.report(
                .dimensionMismatch,
                "\(what) has dimension \(resultDimension) but unit '\(unit.id)' has dimension \(unit.dimension)",
                node: f.node("unit"),
                hint: unit.dimension.isDimensionless
                    ? "A percentage or a rate per population needs numerator and denominator of the same dimension."
                    : "Choose a unit of dimension \(resultDimension), or correct the formula.")
        }

        let (benchmark, benchmarkSource) = loadBenchmark(f)
        var sdg: [String] = []
        for node in f.sequence("sdg") {
            guard let target = node.scalar?.string,
                target.range(of: #"^\d{1,2}\.[0-9a-z]{1,2}(\.\d{1,2})?$"#, options: .regularExpression) != nil
            else {
                yaml.report(.invalidValue, "an SDG target looks like \"11.6\" or \"11.6.2\"", node: node)
                continue
            }
            sdg.append(target)
        }
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
        if let r = bounds(f, "score_range") {
            if r.min == nil || r.max == nil || r.min! >= r.max! {
                yaml.report(.invalidValue, "'score_range' needs min < max", node: f.node("score_range"))
            } else {
                indicator.scoreRange = r
            }
        }
        catalog.indicators.append(indicator)
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
