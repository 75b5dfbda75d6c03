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
        let department = registerDepartment(f)
        if let id { checkRegisterID(id, f) }
        let fields = loadRegisterFields(f)
        let primaryKey = loadPrimaryKey(f, fields: fields)
        var derivations: [Derivation] = []
        for node in f.sequence("derive") {
            if let derivation = loadDerivation(yaml, node, fields: fields) { derivations.append(derivation) }
        }
        guard let id, let title, let description, let department else { return }
        let location = yaml.location(f.node("id"))
        guard define("register", id, at: location, in: yaml, node: f.node("id")) else { return }
        catalog.registers[id] = Register(
            id: id, title: title, department: department, description: description, fields: fields,
            primaryKey: primaryKey, derivations: derivations, source: f.string("source", required: false),
            notes: f.string("notes", required: false), location: location)
    }

    /// The register's `department`; nil (reported) when no such department is defined.
    private func registerDepartment(_ f: Fields) -> String? {
        guard let d = f.string("department") else { return nil }
        if catalog.departments[d] != nil { return d }
        f.file.report(
            .undefinedReference, "unknown department '\(d)'", node: f.node("department"),
            hint: (Suggest.nearest(d, in: catalog.departments.keys).map { "did you mean '\($0)'? " } ?? "")
                + "Departments are defined in departments.yaml.")
        return nil
    }

    /// Reports a register id that is malformed, differs from its file's name or is also a
    /// department id (which would make `<id>.csv` ambiguous).
    private func checkRegisterID(_ id: String, _ f: Fields) {
        let yaml = f.file
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

    /// The register's `fields` (its columns); a field defined twice is reported and kept once.
    private func loadRegisterFields(_ f: Fields) -> [RegisterField] {
        var fields: [RegisterField] = []
        for node in f.sequence("fields", required: true) {
            if let field = registerField(f.file, node) {
                if fields.contains(where: { $0.name == field.name }) {
                    f.file.report(.duplicateID, "field '\(field.name)' is defined twice", node: node)
                } else {
                    fields.append(field)
                }
            }
        }
        return fields
    }

    /// The register's `primary_key`: names of its fields; other entries are reported and left out.
    private func loadPrimaryKey(_ f: Fields, fields: [RegisterField]) -> [String] {
        var primaryKey: [String] = []
        for node in f.sequence("primary_key") {
            guard let name = node.scalar?.string else {
                f.file.report(.wrongType, "each primary_key entry must be a field name", node: node)
                continue
            }
            guard fields.contains(where: { $0.name == name }) else {
                f.file.report(
                    .undefinedReference, "primary_key names '\(name)', which is not a field", node: node,
                    hint: Suggest.nearest(name, in: fields.map(\.name)).map { "did you mean '\($0)'?" })
                continue
            }
            primaryKey.append(name)
        }
        return primaryKey
    }

    /// One `derive` entry: an element and the register aggregate that gives it; nil (reported)
    /// when the element is unknown, the value does not parse or check, or the element is derived twice.
    private mutating func loadDerivation(_ yaml: YAMLFile, _ node: Node, fields: [RegisterField]) -> Derivation? {
        guard let d = yaml.fields(node, what: "derivation", allowed: ["element", "value"]) else { return nil }
        guard let element = d.string("element"), let text = d.string("value") else { return nil }
        guard let target = catalog.elements[element] else {
            yaml.report(
                .undefinedReference, "unknown element '\(element)'", node: d.node("element"),
                hint: Suggest.nearest(element, in: catalog.elements.keys).map { "did you mean '\($0)'?" }
                    ?? "Elements are defined in elements/.")
            return nil
        }
        let location = yaml.location(d.node("value"))
        switch DerivationParser.parse(text) {
        case .failure(let e):
            yaml.report(
                .expressionSyntax, "in 'value': \(e.message)",
                at: self.location(of: e.offset, in: d.node("value"), yaml: yaml))
            return nil
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
            guard problems.isEmpty else { return nil }
            guard define("derivation", element, at: location, in: yaml, node: d.node("element")) else { return nil }
            return derivation
        }
    }

    /// One entry of a register's `fields`: name, type, optional unit and constraints; nil
    /// (reported) when the name or type is missing or wrong.
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
        loadFieldBounds(c, into: &field)
        loadFieldEnum(c, into: &field)
        loadFieldPattern(c, into: &field)
        loadFieldLengths(c, into: &field)
        return field
    }

    /// The `minimum` and `maximum` constraints of a numeric, date or year field, in the field's
    /// terms (days for dates); reported when they do not apply, do not parse or are the wrong way round.
    private func loadFieldBounds(_ c: Fields, into field: inout RegisterField) {
        let type = field.type
        for key in ["minimum", "maximum"] where c.has(key) {
            guard let text = c.node(key)?.scalar?.string else {
                c.file.report(.wrongType, "'\(key)' must be a single value", node: c.node(key))
                continue
            }
            var value: Double?
            switch type {
            case .integer, .number, .year: value = CellParsers.number(text)
            case .date: value = CellParsers.date(text).map { Double($0.days) }
            case .string, .boolean:
                c.file.report(
                    .invalidValue, "'\(key)' applies to integer, number, date and year fields, not \(type.rawValue)",
                    node: c.node(key))
                continue
            }
            guard let value else {
                c.file.report(
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
            c.file.report(
                .invalidValue, "'minimum' \(field.minimumText ?? "") is above 'maximum' \(field.maximumText ?? "")",
                node: c.node("minimum"))
        }
    }

    /// The `enum` constraint of a string, integer or year field: its values, each listed once;
    /// reported when it does not apply, is empty or holds a value of the wrong type.
    private func loadFieldEnum(_ c: Fields, into field: inout RegisterField) {
        guard c.has("enum") else { return }
        let type = field.type
        var values: [String] = []
        for v in c.sequence("enum") {
            guard let s = v.scalar?.string else {
                c.file.report(.wrongType, "each enum value must be a single value", node: v)
                continue
            }
            if type == .integer || type == .year, CellParsers.number(s) == nil {
                c.file.report(
                    .wrongType, "enum values of a \(type.rawValue) field must be numbers; found '\(s)'", node: v)
            }
            if values.contains(s) { c.file.report(.duplicateID, "enum value '\(s)' is listed twice", node: v) }
            values.append(s)
        }
        if ![.string, .integer, .year].contains(type) {
            c.file.report(
                .invalidValue, "'enum' applies to string, integer and year fields, not \(type.rawValue)",
                node: c.node("enum"))
        } else if values.isEmpty {
            c.file.report(.invalidValue, "'enum' must list at least one value", node: c.node("enum"))
        } else {
            field.enumValues = values
        }
    }

    /// The `pattern` constraint of a string field, compiled; a syntax error is reported at its column.
    private func loadFieldPattern(_ c: Fields, into field: inout RegisterField) {
        guard let text = c.string("pattern", required: false) else { return }
        guard field.type == .string else {
            c.file.report(
                .invalidValue, "'pattern' applies to string fields, not \(field.type.rawValue)", node: c.node("pattern")
            )
            return
        }
        switch Pattern.compile(text) {
        case .success(let p): field.pattern = p
        case .failure(let e):
            c.file.report(
                .invalidValue, "in 'pattern': \(e.message)",
                at: location(of: e.offset, in: c.node("pattern"), yaml: c.file))
        }
    }

    /// The `minLength` and `maxLength` constraints: whole numbers, 0 or more, for string fields.
    private func loadFieldLengths(_ c: Fields, into field: inout RegisterField) {
        for key in ["minLength", "maxLength"] {
            guard let v = c.number(key) else { continue }
            guard v >= 0, v == v.rounded(), v < 1e9 else {
                c.file.report(.invalidValue, "'\(key)' must be a whole number, 0 or more", node: c.node(key))
                continue
            }
            if field.type != .string {
                c.file.report(
                    .invalidValue, "'\(key)' applies to string fields, not \(field.type.rawValue)", node: c.node(key))
            }
            if key == "minLength" { field.minLength = Int(v) } else { field.maxLength = Int(v) }
        }
    }
}
