import CityIndicatorsBase
import Foundation
import Yams

extension CatalogLoader {
    /// Loads one `registers/<id>.yaml`: the register's columns and the elements derived from it.
    mutating func loadRegister(_ yaml: YAMLFile, _ root: Node) {
        let keys = ["id", "title", "department", "description", "fields", "primary_key", "derive", "source", "notes"]
        guard let f = yaml.fields(root, what: "register", allowed: keys)
        else { return }
        let id = f.string("id")
        let title = f.string("title")
        let description = f.string("description")
        var department: String?
        if let d = f.string("department") {
            if catalog.departments[d] != nil {
                department = d
            } else {
                yaml.report(
                    .undefinedReference, "unknown department '\(d)'", node: f.node("department"),
                    hint: (Suggest.nearest(d, in: catalog.departments.keys).map { "did you mean '\($0)'? " } ?? "")
                        + "Departments are defined in departments.yaml.")
            }
        }
        if let id {
            _ = checkID(id, "register", in: yaml, node: f.node("id"))
            let stem = URL(fileURLWithPath: yaml.path).deletingPathExtension().lastPathComponent
            if stem != id {
                yaml.report(
                    .invalidValue, "register '\(id)' is in a file named \(stem).yaml; name the file \(id).yaml",
                    node: f.node("id"))
            }
            if catalog.departments[id] != nil {
                yaml.report(
                    .invalidValue, "register id '\(id)' is also a department id, so \(id).csv would be ambiguous",
                    node: f.node("id"),
                    hint: "Name the register after what it records (fire_calls, water_quality_tests).")
            }
        }
        var fields: [RegisterField] = []
        for node in f.sequence("fields", required: true) {
            if let field = registerField(yaml, node) {
                if fields.contains(where: { $0.name == field.name }) {
                    yaml.report(.duplicateID, "field '\(field.name)' is defined twice", node: node)
                } else {
                    fields.append(field)
                }
            }
        }
        var primaryKey: [String] = []
        for node in f.sequence("primary_key") {
            guard let name = node.scalar?.string else {
                yaml.report(.wrongType, "each primary_key entry must be a field name", node: node)
                continue
            }
            guard fields.contains(where: { $0.name == name }) else {
                yaml.report(
                    .undefinedReference, "primary_key names '\(name)', which is not a field", node: node,
                    hint: Suggest.nearest(name, in: fields.map(\.name)).map { "did you mean '\($0)'?" })
                continue
            }
            primaryKey.append(name)
        }
        var derivations: [Derivation] = []
        for node in f.sequence("derive") {
            guard let d = yaml.fields(node, what: "derivation", allowed: ["element", "value"]) else { continue }
            guard let element = d.string("element"), let text = d.string("value") else { continue }
            guard let target = catalog.elements[element] else {
                yaml.report(
                    .undefinedReference, "unknown element '\(element)'", node: d.node("element"),
                    hint: Suggest.nearest(element, in: catalog.elements.keys).map { "did you mean '\($0)'?" }
                        ?? "Elements are defined in elements/.")
                continue
            }
            let location = yaml.location(d.node("value"))
            switch DerivationParser.parse(text) {
            case .failure(let e):
                yaml.report(
                    .expressionSyntax, "in 'value': \(e.message)",
                    at: self.location(of: e.offset, in: d.node("value"), yaml: yaml))
            case .success(let parsed):
                let derivation = Derivation(
                    element: element, aggregate: parsed.aggregate, column: parsed.column, condition: parsed.condition,
                    source: text, location: location)
                let problems = RegisterCheck.check(
                    derivation, columnOffset: parsed.columnOffset, fields: fields, element: target)
                for p in problems {
                    yaml.report(
                        p.code, "in 'value': \(p.message)",
                        at: self.location(of: p.offset, in: d.node("value"), yaml: yaml), hint: p.hint)
                }
                guard problems.isEmpty else { continue }
                guard define("derivation", element, at: location, in: yaml, node: d.node("element")) else { continue }
                derivations.append(derivation)
            }
        }
        guard let id, let title, let description, let department else { return }
        let location = yaml.location(f.node("id"))
        guard define("register", id, at: location, in: yaml, node: f.node("id")) else { return }
        catalog.registers[id] = Register(
            id: id, title: title, department: department, description: description, fields: fields,
            primaryKey: primaryKey, derivations: derivations, source: f.string("source", required: false),
            notes: f.string("notes", required: false), location: location)
    }

    private func registerField(_ yaml: YAMLFile, _ node: Node) -> RegisterField? {
        guard
            let f = yaml.fields(
                node, what: "field", allowed: ["name", "type", "title", "description", "unit", "constraints"])
        else { return nil }
        let name = f.string("name")
        let type = f.choice("type", RegisterField.FieldType.allCases.map(\.rawValue)).flatMap(
            RegisterField.FieldType.init(rawValue:))
        let unit = f.has("unit") ? self.unit(f, "unit") : nil
        guard let name, let type else { return nil }
        guard checkID(name, "field", in: yaml, node: f.node("name")) else { return nil }
        var field = RegisterField(
            name: name, type: type, title: f.string("title", required: false),
            description: f.string("description", required: false), unit: unit, location: yaml.location(node))
        if unit != nil, !type.isNumeric {
            yaml.report(
                .invalidValue, "only integer and number fields carry a unit; '\(name)' is \(type.rawValue)",
                node: f.node("unit"))
        }
        guard
            let c = f.fields(
                "constraints", what: "constraints",
                allowed: ["required", "unique", "minimum", "maximum", "enum", "pattern", "minLength", "maxLength"])
        else { return field }
        field.required = c.bool("required") ?? false
        field.unique = c.bool("unique") ?? false
        for key in ["minimum", "maximum"] where c.has(key) {
            guard let text = c.node(key)?.scalar?.string else {
                yaml.report(.wrongType, "'\(key)' must be a single value", node: c.node(key))
                continue
            }
            var value: Double?
            switch type {
            case .integer, .number, .year: value = CellParsers.number(text)
            case .date: value = CellParsers.date(text).map { Double($0.days) }
            case .string, .boolean:
                yaml.report(
                    .invalidValue, "'\(key)' applies to integer, number, date and year fields, not \(type.rawValue)",
                    node: c.node(key))
                continue
            }
            guard let value else {
                yaml.report(
                    .wrongType,
                    "'\(key)' of a \(type.rawValue) field must be \(type == .date ? "a date written \"YYYY-MM-DD\"" : "a number"); found '\(text)'",
                    node: c.node(key))
                continue
            }
            if key == "minimum" {
                (field.minimum, field.minimumText) = (value, text)
            } else {
                (field.maximum, field.maximumText) = (value, text)
            }
        }
        if let lo = field.minimum, let hi = field.maximum, lo > hi {
            yaml.report(
                .invalidValue, "'minimum' \(field.minimumText ?? "") is above 'maximum' \(field.maximumText ?? "")",
                node: c.node("minimum"))
        }
        if c.has("enum") {
            var values: [String] = []
            for v in c.sequence("enum") {
                guard let s = v.scalar?.string else {
                    yaml.report(.wrongType, "each enum value must be a single value", node: v)
                    continue
                }
                if type == .integer || type == .year, CellParsers.number(s) == nil {
                    yaml.report(
                        .wrongType, "enum values of a \(type.rawValue) field must be numbers; found '\(s)'", node: v)
                }
                if values.contains(s) { yaml.report(.duplicateID, "enum value '\(s)' is listed twice", node: v) }
                values.append(s)
            }
            if ![.string, .integer, .year].contains(type) {
                yaml.report(
                    .invalidValue, "'enum' applies to string, integer and year fields, not \(type.rawValue)",
                    node: c.node("enum"))
            } else if values.isEmpty {
                yaml.report(.invalidValue, "'enum' must list at least one value", node: c.node("enum"))
            } else {
                field.enumValues = values
            }
        }
        if let text = c.string("pattern", required: false) {
            if type != .string {
                yaml.report(
                    .invalidValue, "'pattern' applies to string fields, not \(type.rawValue)", node: c.node("pattern"))
            } else {
                switch Pattern.compile(text) {
                case .success(let p): field.pattern = p
                case .failure(let e):
                    yaml.report(
                        .invalidValue, "in 'pattern': \(e.message)",
                        at: location(of: e.offset, in: c.node("pattern"), yaml: yaml))
                }
            }
        }
        for key in ["minLength", "maxLength"] {
            guard let v = c.number(key) else { continue }
            guard v >= 0, v == v.rounded(), v < 1e9 else {
                yaml.report(.invalidValue, "'\(key)' must be a whole number, 0 or more", node: c.node(key))
                continue
            }
            if type != .string {
                yaml.report(.invalidValue, "'\(key)' applies to string fields, not \(type.rawValue)", node: c.node(key))
            }
            if key == "minLength" { field.minLength = Int(v) } else { field.maxLength = Int(v) }
        }
        return field
    }
}
