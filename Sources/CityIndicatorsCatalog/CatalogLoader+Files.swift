import CityIndicatorsBase
import Foundation
import Yams

extension CatalogLoader {
    mutating func loadUnits(_ yaml: YAMLFile, _ root: Node) {
        guard let top = yaml.fields(root, what: "units.yaml", allowed: ["units"]) else { return }
        for node in top.sequence("units", required: true) {
            let keys = ["id", "title", "symbol", "dimension", "factor", "of", "family"]
            guard let f = yaml.fields(node, what: "unit", allowed: keys) else { continue }
            guard let id = f.string("id"), let title = f.string("title") else { continue }
            guard let (dimension, factor) = unitSize(f, yaml) else { continue }
            let location = yaml.location(node)
            guard define("unit", id, at: location, in: yaml, node: f.node("id")) else { continue }
            catalog.units[id] = Unit(
                id: id, title: title, symbol: f.string("symbol", required: false) ?? "", dimension: dimension,
                factor: factor, family: f.string("family", required: false), location: location)
        }
    }

    /// A unit's dimension and factor: `of` a product of units defined before it, or a
    /// `dimension` over base dimensions with a `factor`; nil (reported) when they are wrong.
    private func unitSize(_ f: Fields, _ yaml: YAMLFile) -> (Dimension, Double)? {
        if f.has("of") {
            if f.has("dimension") || f.has("factor") {
                yaml.report(
                    .invalidValue,
                    "unit '\(f.string("id") ?? "")' gives both 'of' and 'dimension'/'factor'; give one or the other",
                    node: f.node)
            }
            guard let terms = unitTerms(f, "of", yaml) else { return nil }
            var dimension = Dimension.none
            var factor = 1.0
            for term in terms {
                guard let unit = catalog.units[term.name] else {
                    yaml.report(
                        .undefinedReference,
                        "unknown unit '\(term.name)' in 'of' (units must be defined before they are used)",
                        node: f.node("of"))
                    return nil
                }
                dimension = dimension * unit.dimension.power(term.exponent)
                factor *= pow(unit.factor, Double(term.exponent))
            }
            return (dimension, factor)
        }
        guard f.string("dimension") != nil, let value = f.number("factor", required: true),
            let terms = unitTerms(f, "dimension", yaml)
        else { return nil }
        var dimension = Dimension.none
        for term in terms {
            guard Dimension.baseNames.contains(term.name) else {
                let names = Dimension.baseNames.joined(separator: ", ")
                yaml.report(
                    .undefinedReference, "unknown base dimension '\(term.name)'", node: f.node("dimension"),
                    hint: "Base dimensions: \(names); write 1 for dimensionless.")
                return nil
            }
            dimension = dimension * Dimension(base: term.name).power(term.exponent)
        }
        guard value > 0, value.isFinite else {
            yaml.report(.invalidValue, "'factor' must be a positive number", node: f.node("factor"))
            return nil
        }
        return (dimension, value)
    }

    /// The terms of a product of units or dimensions (`ML / year`, `length^3`), or nil (reported).
    private func unitTerms(_ f: Fields, _ key: String, _ yaml: YAMLFile) -> [UnitProduct.Term]? {
        guard let text = f.string(key) else { return nil }
        switch UnitProduct.parse(text) {
        case .failure(let e):
            yaml.report(
                .invalidValue, "in '\(key)': \(e.message)", at: location(of: e.offset - 1, in: f.node(key), yaml: yaml))
            return nil
        case .success(let terms):
            return terms
        }
    }

    mutating func loadDepartments(_ yaml: YAMLFile, _ root: Node) {
        guard let top = yaml.fields(root, what: "departments.yaml", allowed: ["departments"]) else { return }
        for node in top.sequence("departments", required: true) {
            guard let f = yaml.fields(node, what: "department", allowed: ["id", "name", "external"]) else { continue }
            guard let id = f.string("id"), let name = f.string("name") else { continue }
            guard checkID(id, "department", in: yaml, node: f.node("id")) else { continue }
            let location = yaml.location(node)
            guard define("department", id, at: location, in: yaml, node: f.node("id")) else { continue }
            catalog.departments[id] = Department(
                id: id, name: name, external: f.bool("external") ?? false, location: location)
        }
    }

    /// Loads the elements of one department file; returns its relation nodes for later.
    mutating func loadElements(_ yaml: YAMLFile, _ root: Node) -> [Node] {
        guard let top = yaml.fields(root, what: "element file", allowed: ["department", "elements", "relations"]) else {
            return []
        }
        var department: String?
        if let id = top.string("department") {
            if catalog.departments[id] == nil {
                yaml.report(
                    .undefinedReference, "unknown department '\(id)'", node: top.node("department"),
                    hint: Suggest.nearest(id, in: catalog.departments.keys).map { "did you mean '\($0)'? " }
                        ?? "Departments are defined in departments.yaml.")
            } else {
                department = id
            }
        }
        for node in top.sequence("elements") {
            guard
                let f = yaml.fields(
                    node, what: "element",
                    allowed: ["id", "title", "description", "unit", "kind", "bounds", "plausible", "max_change"])
            else { continue }
            let id = f.string("id")
            let validID = id.map { checkID($0, "element", in: yaml, node: f.node("id")) } ?? false
            let title = f.string("title")
            let description = f.string("description")
            let unit = self.unit(f, "unit")
            let kind = f.choice("kind", ElementKind.allCases.map(\.rawValue)).flatMap(ElementKind.init(rawValue:))
            let hard = bounds(f, "bounds")
            let plausible = bounds(f, "plausible")
            let maxChange = f.number("max_change")
            if let maxChange, maxChange <= 0 {
                yaml.report(.invalidValue, "'max_change' must be positive (0.3 = 30 %)", node: f.node("max_change"))
            }
            guard let id, validID, let title, let description, let unit, let kind, let department else { continue }
            let location = yaml.location(f.node("id"))
            guard define("element", id, at: location, in: yaml, node: f.node("id")) else { continue }
            catalog.elements[id] = DataElement(
                id: id, title: title, description: description, department: department, unit: unit, kind: kind,
                bounds: hard, plausible: plausible, maxChange: maxChange, location: location)
        }
        return top.sequence("relations")
    }

    mutating func loadRelations(_ yaml: YAMLFile, _ nodes: [Node]) {
        for node in nodes {
            guard
                let f = yaml.fields(
                    node, what: "relation", allowed: ["id", "check", "severity", "tolerance", "message"])
            else { continue }
            let id = f.string("id")
            let check = expression(f, "check", required: true)
            let severity =
                f.choice("severity", ["error", "warning"], required: false).flatMap(Severity.init(rawValue:)) ?? .error
            let tolerance = f.number("tolerance") ?? 0
            let message = f.string("message")
            guard let id, let check, let message else { continue }
            guard checkID(id, "relation", in: yaml, node: f.node("id")) else { continue }
            if tolerance < 0 {
                yaml.report(.invalidValue, "'tolerance' must be 0 or more (0.01 = 1 %)", node: f.node("tolerance"))
            }
            guard let type = type(of: check, key: "check", fields: f) else { continue }
            guard type == .condition, case .binary(let op, _, _, _) = check.root, op.isComparison else {
                yaml.report(
                    .invalidValue, "a relation's 'check' must be one comparison (a <= b, a == b, …)",
                    node: f.node("check"))
                continue
            }
            let location = yaml.location(node)
            guard define("relation", id, at: location, in: yaml, node: f.node("id")) else { continue }
            catalog.relations.append(
                Relation(
                    id: id, check: check, severity: severity, tolerance: tolerance, message: message, location: location
                ))
        }
    }

    mutating func loadFramework(_ yaml: YAMLFile, _ root: Node) {
        let keys = [
            "id", "title", "standard", "edition", "themes", "pillars", "notes", "expected", "certification", "scoring",
        ]
        guard let f = yaml.fields(root, what: "framework", allowed: keys)
        else { return }
        let id = f.string("id")
        let title = f.string("title")
        let standard = f.string("standard")
        let edition = f.string("edition")
        var pillars: [Pillar] = []
        for node in f.sequence("pillars") {
            guard let p = yaml.fields(node, what: "pillar", allowed: ["id", "title", "weight"]) else { continue }
            guard let pid = p.string("id"), let ptitle = p.string("title"),
                let weight = p.number("weight", required: true)
            else { continue }
            if weight < 0 { yaml.report(.invalidValue, "a pillar's weight must be 0 or more", node: p.node("weight")) }
            pillars.append(Pillar(id: pid, title: ptitle, weight: weight))
        }
        if !pillars.isEmpty, abs(pillars.map(\.weight).reduce(0, +) - 1) > 1e-9 {
            yaml.report(
                .invalidValue, "pillar weights add up to \(Format.plain(pillars.map(\.weight).reduce(0, +))), not 1",
                node: f.node("pillars"))
        }
        var themes: [Theme] = []
        for node in f.sequence("themes", required: true) {
            guard let t = yaml.fields(node, what: "theme", allowed: ["id", "clause", "title", "pillar"]) else {
                continue
            }
            guard let tid = t.string("id"), let clause = t.string("clause"), let ttitle = t.string("title") else {
                continue
            }
            if themes.contains(where: { $0.id == tid }) {
                yaml.report(.duplicateID, "theme '\(tid)' is listed twice", node: t.node("id"))
                continue
            }
            let pillar = t.string("pillar", required: !pillars.isEmpty)
            if let pillar, !pillars.contains(where: { $0.id == pillar }) {
                yaml.report(
                    .undefinedReference, "unknown pillar '\(pillar)'", node: t.node("pillar"),
                    hint: "Pillars: \(pillars.map(\.id).joined(separator: ", ")).")
            }
            themes.append(Theme(id: tid, clause: clause, title: ttitle, pillar: pillar))
        }
        var expected: ExpectedCounts?
        if let e = f.fields("expected", what: "'expected'", allowed: ["indicators", "core", "supporting"]) {
            expected = ExpectedCounts(
                indicators: e.number("indicators").map { Int($0) }, core: e.number("core").map { Int($0) },
                supporting: e.number("supporting").map { Int($0) })
        }
        let certification = loadCertification(f)
        let scoring = loadScoring(f)
        guard let id, let title, let standard, let edition else { return }
        let location = yaml.location(root)
        guard define("framework", id, at: location, in: yaml, node: f.node("id")) else { return }
        catalog.frameworks[id] = Framework(
            id: id, title: title, standard: standard, edition: edition, themes: themes, pillars: pillars,
            notes: f.string("notes", required: false), expected: expected, certification: certification,
            scoring: scoring, location: location)
    }

    /// A framework's `scoring` settings: how an index normalises, weights and scales indicator
    /// values, its population groups and its worked examples; nil when there is no `scoring`.
    func loadScoring(_ f: Fields) -> ScoringSettings? {
        guard
            let s = f.fields(
                "scoring", what: "'scoring'",
                allowed: [
                    "normalisation", "benchmarks", "core_weight", "categories_without_supporting", "missing",
                    "population_groups", "scale", "confidence", "note", "examples",
                ])
        else { return nil }
        var settings = ScoringSettings()
        if let v = scoringChoice(s, "normalisation", of: ScoringSettings.Normalisation.self) {
            settings.normalisation = v
        }
        if let v = scoringChoice(s, "benchmarks", of: ScoringSettings.BenchmarkUse.self) { settings.benchmarks = v }
        if let v = scoringChoice(s, "categories_without_supporting", of: ScoringSettings.NoSupporting.self) {
            settings.categoriesWithoutSupporting = v
        }
        if let v = scoringChoice(s, "missing", of: ScoringSettings.Missing.self) { settings.missing = v }
        if let v = scoringChoice(s, "confidence", of: Confidence.self) { settings.confidence = v }
        if let w = s.number("core_weight") {
            if !(0...1).contains(w) {
                f.file.report(.invalidValue, "'core_weight' must be between 0 and 1", node: s.node("core_weight"))
            }
            settings.coreWeight = w
        }
        if let scale = s.number("scale") { settings.scale = scale }
        settings.note = s.string("note", required: settings.confidence.needsNote)
        let nodes = s.sequence("population_groups")
        for (i, node) in nodes.enumerated() {
            guard let g = f.file.fields(node, what: "population group", allowed: ["id", "title", "below"]),
                let id = g.string("id"), let title = g.string("title")
            else { continue }
            settings.groups.append(.init(id: id, title: title, below: g.number("below", required: i < nodes.count - 1)))
        }
        settings.examples = s.sequence("examples").compactMap { loadScoringExample(f.file, $0) }
        return settings
    }

    /// An optional `scoring` setting that is one of the cases of `T`; a word that is none is reported.
    private func scoringChoice<T: RawRepresentable & CaseIterable>(_ s: Fields, _ key: String, of _: T.Type) -> T?
    where T.RawValue == String {
        s.choice(key, T.allCases.map(\.rawValue), required: false).flatMap(T.init(rawValue:))
    }

    /// One worked example of a scoring: a case and the number it must give; nil (reported) when
    /// the name, the expected number or the case is missing or wrong.
    private func loadScoringExample(_ yaml: YAMLFile, _ node: Node) -> ScoringExample? {
        guard
            let e = yaml.fields(
                node, what: "scoring example",
                allowed: ["name", "normalise", "category", "index", "expect", "tolerance"])
        else { return nil }
        guard let name = e.string("name"), let expectNode = e.node("expect"),
            let written = expectNode.scalar?.string, let expect = NumberText.parsePlain(written)
        else {
            if !e.has("expect") {
                e.missing("expect")
            } else {
                yaml.report(.wrongType, "'expect' must be a number", node: e.node("expect"))
            }
            return nil
        }
        guard let example = scoringExampleCase(e) else { return nil }
        return ScoringExample(
            name: name, example: example, expect: expect,
            tolerance: e.number("tolerance") ?? NumberText.halfUnitOfLastPlace(written), written: written,
            location: yaml.location(node))
    }

    /// What a scoring example computes: a `normalise`d value, a `category` score from core and
    /// supporting scores, or an `index` from pillar scores; nil (reported) when none is given.
    private func scoringExampleCase(_ e: Fields) -> ScoringExample.Case? {
        if let n = e.fields("normalise", what: "'normalise'", allowed: ["value", "min", "max", "direction"]) {
            guard let v = n.number("value", required: true), let lo = n.number("min", required: true),
                let hi = n.number("max", required: true),
                let d = n.choice("direction", ["higher", "lower"])
            else { return nil }
            return .normalise(value: v, min: lo, max: hi, higherIsBetter: d == "higher")
        } else if let c = e.fields("category", what: "'category'", allowed: ["core", "supporting"]) {
            func list(_ key: String) -> [Double] {
                c.sequence(key).compactMap { $0.scalar.flatMap { NumberText.parsePlain($0.string) } }
            }
            return .category(core: list("core"), supporting: list("supporting"))
        } else if let node = e.node("index"), let mapping = node.mapping {
            var pillars: [String: Double] = [:]
            for (k, v) in mapping {
                guard let key = k.scalar?.string, let value = v.scalar.flatMap({ NumberText.parsePlain($0.string) })
                else {
                    e.file.report(.wrongType, "'index' maps pillar ids to numbers", node: v)
                    continue
                }
                pillars[key] = value
            }
            return .index(pillars: pillars)
        }
        e.file.report(.missingKey, "a scoring example needs 'normalise', 'category' or 'index'", node: e.node)
        return nil
    }

    func loadCertification(_ f: Fields) -> Certification? {
        guard
            let c = f.fields(
                "certification", what: "'certification'", allowed: ["scheme", "confidence", "note", "source", "levels"])
        else { return nil }
        let scheme = c.string("scheme")
        let confidence = c.choice("confidence", Confidence.allCases.map(\.rawValue)).flatMap(Confidence.init(rawValue:))
        let source = c.string("source")
        var levels: [Certification.Level] = []
        for node in c.sequence("levels", required: true) {
            guard let l = f.file.fields(node, what: "certification level", allowed: ["id", "title", "core", "total"])
            else { continue }
            guard let id = l.string("id"), let title = l.string("title") else { continue }
            var core: Int?
            if l.string("core", required: false) == "all" {
                core = nil
            } else if let n = l.number("core", required: true) {
                core = Int(n)
            } else {
                continue
            }
            guard let total = l.number("total", required: true) else { continue }
            if let previous = levels.last, Int(total) < previous.total {
                f.file.report(
                    .invalidValue,
                    "levels must be in ascending order: '\(id)' needs fewer indicators (\(Int(total))) than '\(previous.id)' (\(previous.total))",
                    node: l.node("total"))
            }
            levels.append(
                Certification.Level(
                    id: id, title: title, core: core, total: Int(total), location: f.file.location(l.node("total"))))
        }
        guard let scheme, let confidence, let source, !levels.isEmpty else { return nil }
        return Certification(
            scheme: scheme, confidence: confidence, note: c.string("note", required: confidence.needsNote),
            source: source, levels: levels)
    }

    mutating func loadCrosswalk(_ yaml: YAMLFile, _ root: Node) {
        guard let f = yaml.fields(root, what: "crosswalk", allowed: ["id", "from", "to", "source", "entries"]) else {
            return
        }
        let id = f.string("id")
        let from = f.string("from")
        let to = f.string("to")
        let source = f.string("source")
        for (key, value) in [("from", from), ("to", to)] {
            if let value, catalog.frameworks[value] == nil {
                yaml.report(.undefinedReference, "unknown framework '\(value)'", node: f.node(key))
            }
        }
        var entries: [Crosswalk.Entry] = []
        for node in f.sequence("entries", required: true) {
            guard let e = yaml.fields(node, what: "crosswalk entry", allowed: ["from", "to", "change", "note"]) else {
                continue
            }
            let a = e.string("from", required: false)
            let b = e.string("to", required: false)
            guard
                let change = e.choice("change", Crosswalk.Change.allCases.map(\.rawValue)).flatMap(
                    Crosswalk.Change.init(rawValue:))
            else { continue }
            if a == nil && b == nil {
                yaml.report(.missingKey, "a crosswalk entry needs 'from', 'to' or both", node: node)
            }
            if change == .new && (a != nil || b == nil) {
                yaml.report(.invalidValue, "a 'new' entry has only 'to'", node: node)
            }
            if change == .dropped && (b != nil || a == nil) {
                yaml.report(.invalidValue, "a 'dropped' entry has only 'from'", node: node)
            }
            for (key, clause, fw) in [("from", a, from), ("to", b, to)] {
                if let clause, let fw, catalog.frameworks[fw] != nil, catalog.indicator("\(fw):\(clause)") == nil {
                    yaml.report(.undefinedReference, "no indicator \(fw):\(clause)", node: e.node(key))
                }
            }
            entries.append(
                Crosswalk.Entry(
                    from: a, to: b, change: change, note: e.string("note", required: false),
                    location: yaml.location(node)))
        }
        guard let id, let from, let to, let source else { return }
        let location = yaml.location(root)
        guard define("crosswalk", id, at: location, in: yaml, node: f.node("id")) else { return }
        catalog.crosswalks.append(
            Crosswalk(id: id, from: from, to: to, source: source, entries: entries, location: location))
    }
}
