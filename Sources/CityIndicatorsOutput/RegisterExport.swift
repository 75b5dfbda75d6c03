import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import Foundation

/// A register schema in other tools' terms: a Frictionless Table Schema (for `frictionless
/// validate`) and each derivation as a SQL aggregate (for DuckDB and Polars), so benchmarks compare
/// the same work (docs/performance.md).
public enum RegisterExport {
    /// The Frictionless Table Schema of a register, as a JSON object.
    public static func tableSchema(_ r: Register) -> [String: Any] {
        var fields: [[String: Any]] = []
        for f in r.fields {
            var field: [String: Any] = ["name": f.name, "type": f.type.rawValue]
            if let t = f.title { field["title"] = t }
            if let d = f.description { field["description"] = d }
            if f.type == .boolean {
                field["trueValues"] = ["true", "True", "TRUE", "yes", "Yes", "YES", "1"]
                field["falseValues"] = ["false", "False", "FALSE", "no", "No", "NO", "0"]
            }
            if f.type == .number || f.type == .integer { field["bareNumber"] = true }
            var c: [String: Any] = [:]
            if f.required { c["required"] = true }
            if f.unique { c["unique"] = true }
            func bound(_ text: String?) -> Any? {
                guard let text else { return nil }
                if f.type == .date { return text }
                return f.type == .number
                    ? (CellParsers.number(text) as Any) : (Int(text) as Any? ?? CellParsers.number(text) as Any)
            }
            if let v = bound(f.minimumText) { c["minimum"] = v }
            if let v = bound(f.maximumText) { c["maximum"] = v }
            if let values = f.enumValues {
                c["enum"] = f.type == .string ? values : values.compactMap { Int($0) }
            }
            if let p = f.pattern { c["pattern"] = p.source }
            if let n = f.minLength { c["minLength"] = n }
            if let n = f.maxLength { c["maxLength"] = n }
            if !c.isEmpty { field["constraints"] = c }
            fields.append(field)
        }
        var schema: [String: Any] = ["fields": fields, "missingValues": [""]]
        if !r.primaryKey.isEmpty { schema["primaryKey"] = r.primaryKey }
        return schema
    }

    /// The SQL type of a field (DuckDB and Polars).
    public static func sqlType(_ f: RegisterField) -> String {
        switch f.type {
        case .string: "VARCHAR"
        case .integer: "BIGINT"
        case .number: "DOUBLE"
        case .boolean: "BOOLEAN"
        case .date: "DATE"
        case .year: "INTEGER"
        }
    }

    /// A derivation as one SQL aggregate over the register's table, in the element's unit.
    public static func sql(_ d: Derivation, register r: Register, catalog: Catalog, year: Int) -> String {
        let condition = d.condition.map { sql($0, r, year) } ?? "TRUE"
        let column = d.column.map { "\"\($0)\"" } ?? "1"
        var factor = 1.0
        if let name = d.column, let unit = r.field(name)?.unit, let element = catalog.elements[d.element],
            unit.converts(to: element.unit)
        {
            factor = unit.convert(1, to: element.unit)
        }
        let scaled = factor == 1 ? "" : " * \(factor)"
        switch d.aggregate {
        case .count:
            return d.column == nil
                ? "SUM(CASE WHEN \(condition) THEN 1 ELSE 0 END)" : "COUNT(CASE WHEN \(condition) THEN \(column) END)"
        case .countDistinct: return "COUNT(DISTINCT CASE WHEN \(condition) THEN \(column) END)"
        case .sum: return "COALESCE(SUM(CASE WHEN \(condition) THEN \(column) END), 0)\(scaled)"
        case .mean: return "AVG(CASE WHEN \(condition) THEN \(column) END)\(scaled)"
        case .min: return "MIN(CASE WHEN \(condition) THEN \(column) END)\(scaled)"
        case .max: return "MAX(CASE WHEN \(condition) THEN \(column) END)\(scaled)"
        }
    }

    private static func sql(_ c: Condition, _ r: Register, _ year: Int) -> String {
        func isDate(_ o: Operand) -> Bool {
            if case .column(let n, _) = o { return r.field(n)?.type == .date }
            return false
        }
        func operand(_ o: Operand, other: Operand) -> String {
            switch o {
            case .column(let n, _): return "\"\(n)\""
            case .datePart(.year, let n, _): return "EXTRACT(YEAR FROM \"\(n)\")"
            case .datePart(.month, let n, _): return "EXTRACT(MONTH FROM \"\(n)\")"
            case .datePart(.fy, let n, _):
                return "(EXTRACT(YEAR FROM \"\(n)\") - CASE WHEN EXTRACT(MONTH FROM \"\(n)\") < 4 THEN 1 ELSE 0 END)"
            case .number(let v, _): return Format.plain(v)
            case .text(let t, _):
                let quoted = "'" + t.replacingOccurrences(of: "'", with: "''") + "'"
                return isDate(other) ? "CAST(\(quoted) AS DATE)" : quoted
            case .boolean(let b, _): return b ? "TRUE" : "FALSE"
            case .reportingYear: return String(year)
            }
        }
        switch c {
        case .and(let a, let b): return "(\(sql(a, r, year)) AND \(sql(b, r, year)))"
        case .or(let a, let b): return "(\(sql(a, r, year)) OR \(sql(b, r, year)))"
        case .not(let a): return "(NOT \(sql(a, r, year)))"
        case .compare(let a, let op, let b):
            let sqlOp = op == .equal ? "=" : op == .notEqual ? "<>" : op.rawValue
            return "\(operand(a, other: b)) \(sqlOp) \(operand(b, other: a))"
        case .member(let a, let list):
            return
                "\(operand(a, other: list.first ?? a)) IN (\(list.map { operand($0, other: a) }.joined(separator: ", ")))"
        case .blank(let a, let negated):
            return "\(operand(a, other: a)) IS \(negated ? "NOT " : "")NULL"
        }
    }

    /// Every register with its table schema, SQL column types and derivations as SQL, as JSON.
    public static func json(_ catalog: Catalog, year: Int) throws -> String {
        let registers: [[String: Any]] = catalog.registers.values.sorted { $0.id < $1.id }.map { r in
            [
                "id": r.id, "title": r.title, "department": r.department, "file": "\(r.id).csv",
                "tableSchema": tableSchema(r),
                "sqlColumns": r.fields.map { ["name": $0.name, "type": sqlType($0)] },
                "primaryKey": r.primaryKey,
                "derive": r.derivations.map {
                    [
                        "element": $0.element, "value": $0.source,
                        "sql": sql($0, register: r, catalog: catalog, year: year),
                    ]
                },
            ]
        }
        let doc: [String: Any] = ["schemaVersion": Documents.schemaVersion, "year": year, "registers": registers]
        let data = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
