import Yams

extension CatalogLoader {
    mutating func loadUnits(_ yaml: YAMLFile, _ root: Node) {
        guard let top = yaml.fields(root, what: "units.yaml", allowed: ["units"]) else { return }
        for node in top.sequence("units", required: true) {
            guard let f = yaml.fields(node, what: "unit", allowed: ["id", "title", "symbol", "dimension", "factor", "of", "family"]) else { continue }
            guard let id = f.string("id"), let title = f.string("title") else { continue }
            let location = yaml.location(node)
            var dimension = Dimension.none
            var factor = 1.0
            if f.has("of") {
                if f.has("dimension") || f.has("factor") {
                    yaml.report(.invalidValue, "unit '\(id)' gives both 'of' and 'dimension'/'factor'; give one or the other", node: node)
                }
                guard let of = f.string("of") else { continue }
                switch UnitProduct.parse(of) {
                case .failure(let e):
                    yaml.report(.invalidValue, "in 'of': \(e.message)", at: self.location(of: e.offset - 1, in: f.node("of"), yaml: yaml))
                    continue
                case .success(let terms):
                    var ok = true
                    for term in terms {
                        guard let unit = catalog.units[term.name] else {
                            yaml.report(.undefinedReference, "unknown unit '\(term.name)' in 'of' (units must be defined before they are used)", node: f.node("of"))
                            ok = false
                            continue
                        }
                        dimension = dimension * unit.dimension.power(term.exponent)
                        factor *= pow(unit.factor, Double(term.exponent))
                    }
                    if !ok { continue }
                }
            } else {
                guard let text = f.string("dimension"), let value = f.number("factor", required: true) else { continue }
                switch UnitProduct.parse(text) {
                case .failure(let e):
                    yaml.report(.invalidValue, "in 'dimension': \(e.message)", at: self.location(of: e.offset - 1, in: f.node("dimension"), yaml: yaml))
                    continue
                case .success(let terms):
                    var ok = true
                    for term in terms {
                        guard Dimension.baseNames.contains(term.name) else {
                            yaml.report(.undefinedReference, "unknown base dimension '\(term.name)'", node: f.node("dimension"), hint: "Base dimensions: \(Dimension.baseNames.joined(separator: ", ")); write 1 for dimensionless.")
                            ok = false
                            continue
                        }
                        dimension = dimension * Dimension(base: term.name).power(term.exponent)
                    }
                    if !ok { continue }
                }
                guard value > 0, value.isFinite else {
                    yaml.report(.invalidValue, "'factor' must be a positive number", node: f.node("factor"))
                    continue
                }
                factor = value
            }
            guard define("unit", id, at: location, in: yaml, node: f.node("id")) else { continue }
            catalog.units[id] = Unit(id: id, title: title, symbol: f.string("symbol", required: false) ?? "", dimension: dimension, factor: factor, family: f.string("family", required: false), location: location)
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
            catalog.departments[id] = Department(id: id, name: name, external: f.bool("external") ?? false, location: location)
        }
    }

    /// Loads the elements of one department file; returns its relation nodes for later.
    mutating func loadElements(_ yaml: YAMLFile, _ root: Node) -> [Node] {
        guard let top = yaml.fields(root, what: "element file", allowed: ["department", "elements", "relations"]) else { return [] }
        var department: String?
        if let id = top.string("department") {
            if catalog.departments[id] == nil {
                yaml.report(.undefinedReference, "unknown department '\(id)'", node: top.node("department"), hint: Suggest.nearest(id, in: catalog.departments.keys).map { "did you mean '\($0)'? " } ?? "Departments are defined in departments.yaml.")
            } else {
                department = id
            }
        }
        for node in top.sequence("elements") {
            guard let f = yaml.fields(node, what: "element", allowed: ["id", "title", "description", "unit", "kind", "bounds", "plausible"]) else { continue }
            let id = f.string("id")
            let validID = id.map { checkID($0, "element", in: yaml, node: f.node("id")) } ?? false
            let title = f.string("title")
            let description = f.string("description")
            let unit = self.unit(f, "unit")
            let kind = f.choice("kind", ElementKind.allCases.map(\.rawValue)).flatMap(ElementKind.init(rawValue:))
            let hard = bounds(f, "bounds")
            let plausible = bounds(f, "plausible")
            guard let id, validID, let title, let description, let unit, let kind, let department else { continue }
            let location = yaml.location(f.node("id"))
            guard define("element", id, at: location, in: yaml, node: f.node("id")) else { continue }
            catalog.elements[id] = DataElement(id: id, title: title, description: description, department: department, unit: unit, kind: kind, bounds: hard, plausible: plausible, location: location)
        }
        return top.sequence("relations")
    }

    mutating func loadRelations(_ yaml: YAMLFile, _ nodes: [Node]) {
        for node in nodes {
            guard let f = yaml.fields(node, what: "relation", allowed: ["id", "check", "severity", "tolerance", "message"]) else { continue }
            let id = f.string("id")
            let check = expression(f, "check", required: true)
            let severity = f.choice("severity", ["error", "warning"], required: false).flatMap(Severity.init(rawValue:)) ?? .error
            let tolerance = f.number("tolerance") ?? 0
            let message = f.string("message")
            guard let id, let check, let message else { continue }
            guard checkID(id, "relation", in: yaml, node: f.node("id")) else { continue }
            if tolerance < 0 { yaml.report(.invalidValue, "'tolerance' must be 0 or more (0.01 = 1 %)", node: f.node("tolerance")) }
            guard let type = type(of: check, key: "check", fields: f) else { continue }
            guard type == .condition, case .binary(let op, _, _, _) = check.root, op.isComparison else {
                yaml.report(.invalidValue, "a relation's 'check' must be one comparison (a <= b, a == b, …)", node: f.node("check"))
                continue
            }
            let location = yaml.location(node)
            guard define("relation", id, at: location, in: yaml, node: f.node("id")) else { continue }
            catalog.relations.append(Relation(id: id, check: check, severity: severity, tolerance: tolerance, message: message, location: location))
        }
    }

    mutating func loadFramework(_ yaml: YAMLFile, _ root: Node) {
        guard let f = yaml.fields(root, what: "framework", allowed: ["id", "title", "standard", "edition", "themes", "notes"]) else { return }
        let id = f.string("id")
        let title = f.string("title")
        let standard = f.string("standard")
        let edition = f.string("edition")
        var themes: [Theme] = []
        for node in f.sequence("themes", required: true) {
            guard let t = yaml.fields(node, what: "theme", allowed: ["id", "clause", "title"]) else { continue }
            guard let tid = t.string("id"), let clause = t.string("clause"), let ttitle = t.string("title") else { continue }
            if themes.contains(where: { $0.id == tid }) {
                yaml.report(.duplicateID, "theme '\(tid)' is listed twice", node: t.node("id"))
                continue
            }
            themes.append(Theme(id: tid, clause: clause, title: ttitle))
        }
        guard let id, let title, let standard, let edition else { return }
        let location = yaml.location(root)
        guard define("framework", id, at: location, in: yaml, node: f.node("id")) else { return }
        catalog.frameworks[id] = Framework(id: id, title: title, standard: standard, edition: edition, themes: themes, notes: f.string("notes", required: false), location: location)
    }
}

import Foundation
