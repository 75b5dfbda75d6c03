import CityIndicatorsBase
import CityIndicatorsCatalog

/// A register schema compiled against one file's header and reporting year: column positions,
/// enum values as bytes, filters with field indices. Shared read-only by the scanning threads.
final class RegisterPlan: @unchecked Sendable {
    /// A numeric side of a comparison.
    enum Number {
        case field(Int)
        case year(Int)
        case fy(Int)
        case month(Int)
        case constant(Double)
    }

    indirect enum Filter {
        case and(Filter, Filter)
        case or(Filter, Filter)
        case not(Filter)
        case compare(Number, ComparisonOperator, Number)
        case textEquals(field: Int, literal: [UInt8], negated: Bool)
        case fieldsEqual(Int, Int, negated: Bool)
        case blank(field: Int, negated: Bool)
        case always(Bool)
    }

    struct CompiledDerivation {
        var derivation: Derivation
        var aggregate: Derivation.Aggregate
        /// Field index of the column aggregated, or -1.
        var field: Int
        var filter: Filter?
        /// Multiply a column value by this to get the element's unit.
        var factor: Double
        /// Why it cannot be computed at all (a filter needs {year} and there is none).
        var unavailable: String?
    }

    let fields: [RegisterField]
    /// For each file column, the field it holds, or -1 (a column the schema does not know).
    let fieldOfColumn: [Int]
    /// For each field, its file column, or -1 (missing from the header).
    let columnOfField: [Int]
    let columnCount: Int
    let delimiter: UInt8
    /// Enum values of each field as bytes (empty when the field has no enum).
    let enumBytes: [[[UInt8]]]
    let uniqueFields: [Int]
    let primaryKey: [Int]
    let derivations: [CompiledDerivation]
    let year: Int?

    init(register: Register, header: [String], delimiter: UInt8, year: Int?, catalog: Catalog) {
        fields = register.fields
        self.delimiter = delimiter
        self.year = year
        columnCount = header.count
        var fieldOfColumn = [Int](repeating: -1, count: header.count)
        var columnOfField = [Int](repeating: -1, count: register.fields.count)
        for (j, name) in header.enumerated() {
            if let i = register.fields.firstIndex(where: { $0.name == name }), columnOfField[i] < 0 {
                fieldOfColumn[j] = i
                columnOfField[i] = j
            }
        }
        self.fieldOfColumn = fieldOfColumn
        self.columnOfField = columnOfField
        enumBytes = register.fields.map { f in
            guard let values = f.enumValues, f.type == .string else { return [] }
            return values.map { Array($0.utf8) }
        }
        uniqueFields = register.fields.indices.filter { register.fields[$0].unique }
        primaryKey = register.primaryKey.compactMap { name in register.fields.firstIndex { $0.name == name } }
        let fields = register.fields
        derivations = register.derivations.map { d in
            let field = d.column.flatMap { c in fields.firstIndex { $0.name == c } } ?? -1
            var factor = 1.0
            if field >= 0, let unit = fields[field].unit, let element = catalog.elements[d.element],
                unit.converts(to: element.unit)
            {
                factor = unit.convert(1, to: element.unit)
            }
            var unavailable: String?
            var filter: Filter?
            if let c = d.condition {
                do throws(Unavailable) {
                    filter = try RegisterPlan.compile(c, fields: fields, year: year)
                } catch {
                    unavailable = error.reason
                }
            }
            return CompiledDerivation(
                derivation: d, aggregate: d.aggregate, field: field, filter: filter, factor: factor,
                unavailable: unavailable)
        }
    }

    struct Unavailable: Error { var reason: String }

    private static func compile(_ c: Condition, fields: [RegisterField], year: Int?) throws(Unavailable) -> Filter {
        func index(_ name: String) -> Int { fields.firstIndex { $0.name == name } ?? 0 }
        func number(_ o: Operand) throws(Unavailable) -> Number {
            switch o {
            case .column(let n, _): return .field(index(n))
            case .datePart(.year, let n, _): return .year(index(n))
            case .datePart(.fy, let n, _): return .fy(index(n))
            case .datePart(.month, let n, _): return .month(index(n))
            case .number(let v, _): return .constant(v)
            case .boolean(let b, _): return .constant(b ? 1 : 0)
            case .text(let t, _): return .constant(Double(CellParsers.date(t)?.days ?? 0))
            case .reportingYear:
                guard let year else {
                    throw Unavailable(reason: "its filter uses {year}, and the file is not in a year folder (2024/…)")
                }
                return .constant(Double(year))
            }
        }
        func isText(_ o: Operand) -> Bool {
            switch o {
            case .text: return true
            case .column(let n, _): return fields[index(n)].type == .string
            default: return false
            }
        }
        func compare(_ a: Operand, _ op: ComparisonOperator, _ b: Operand) throws(Unavailable) -> Filter {
            if isText(a) && isText(b) {
                let negated = op == .notEqual
                switch (a, b) {
                case (.column(let x, _), .column(let y, _)): return .fieldsEqual(index(x), index(y), negated: negated)
                case (.column(let x, _), .text(let t, _)), (.text(let t, _), .column(let x, _)):
                    return .textEquals(field: index(x), literal: Array(t.utf8), negated: negated)
                case (.text(let s, _), .text(let t, _)): return .always((s == t) != negated)
                default: return .always(false)
                }
            }
            return .compare(try number(a), op, try number(b))
        }
        switch c {
        case .and(let a, let b):
            return .and(try compile(a, fields: fields, year: year), try compile(b, fields: fields, year: year))
        case .or(let a, let b):
            return .or(try compile(a, fields: fields, year: year), try compile(b, fields: fields, year: year))
        case .not(let a): return .not(try compile(a, fields: fields, year: year))
        case .compare(let a, let op, let b): return try compare(a, op, b)
        case .member(let a, let list):
            var result: Filter = .always(false)
            for (k, b) in list.enumerated() {
                let one = try compare(a, .equal, b)
                result = k == 0 ? one : .or(result, one)
            }
            return result
        case .blank(let a, let negated):
            if case .column(let n, _) = a { return .blank(field: index(n), negated: negated) }
            return .always(false)
        }
    }
}
