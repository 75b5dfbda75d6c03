import CityIndicatorsBase

/// A departmental register: record-level CSV (fire calls, water tests, property assessments) whose
/// columns the catalog declares in the Frictionless Table Schema vocabulary, and from which data
/// elements are derived (docs/registers.md).
public struct Register: Sendable {
    public var id: String
    public var title: String
    public var department: String
    public var description: String
    public var fields: [RegisterField]
    /// Columns unique together (none blank); empty when the register has no primary key.
    public var primaryKey: [String]
    public var derivations: [Derivation]
    public var source: String?
    public var notes: String?
    public var location: SourceLocation

    public func field(_ name: String) -> RegisterField? { fields.first { $0.name == name } }
}

/// A column of a register.
public struct RegisterField: Sendable {
    public enum FieldType: String, Sendable, CaseIterable {
        case string, integer, number, boolean, date, year
        var isNumeric: Bool { self == .integer || self == .number }
        /// Compared as numbers (dates as days since 1970-01-01).
        var isOrdered: Bool { self != .string && self != .boolean }
    }

    public var name: String
    public var type: FieldType
    public var title: String?
    public var description: String?
    public var unit: Unit?
    public var required = false
    public var unique = false
    /// Inclusive bounds; for dates in days since 1970-01-01.
    public var minimum: Double?
    public var maximum: Double?
    /// The bounds as written in the schema (for messages).
    public var minimumText: String?
    public var maximumText: String?
    public var enumValues: [String]?
    public var pattern: Pattern?
    public var minLength: Int?
    public var maxLength: Int?
    public var location: SourceLocation
}

/// How an element is derived from a register: `sum(deaths where fy(received_at) == {year})`.
public struct Derivation: Sendable {
    public enum Aggregate: String, Sendable, CaseIterable {
        case count
        case countDistinct = "count distinct"
        case sum, min, max, mean
    }

    public var element: String
    public var aggregate: Aggregate
    /// The column aggregated; nil for `count()`.
    public var column: String?
    public var condition: Condition?
    /// The derivation as written in the catalog.
    public var source: String
    public var location: SourceLocation
}

/// A row filter of a derivation.
public indirect enum Condition: Sendable {
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
    case compare(Operand, ComparisonOperator, Operand)
    case member(Operand, [Operand])
    case blank(Operand, negated: Bool)

    /// Columns the condition reads.
    public var columns: [String] {
        switch self {
        case .and(let a, let b), .or(let a, let b): return a.columns + b.columns
        case .not(let c): return c.columns
        case .compare(let a, _, let b): return a.columns + b.columns
        case .member(let a, let list): return a.columns + list.flatMap(\.columns)
        case .blank(let a, _): return a.columns
        }
    }
}

public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
}

/// A side of a comparison in a derivation's filter.
public enum Operand: Sendable, Equatable {
    public enum DatePart: String, Sendable, CaseIterable { case year, fy, month }
    case column(String, at: Int)
    case datePart(DatePart, column: String, at: Int)
    case number(Double, at: Int)
    case text(String, at: Int)
    case boolean(Bool, at: Int)
    /// `{year}`: the reporting year.
    case reportingYear(at: Int)

    public var columns: [String] {
        switch self {
        case .column(let c, _), .datePart(_, let c, _): [c]
        default: []
        }
    }

    public var offset: Int {
        switch self {
        case .column(_, let at), .datePart(_, _, let at), .number(_, let at), .text(_, let at),
            .boolean(_, let at), .reportingYear(let at):
            at
        }
    }
}
