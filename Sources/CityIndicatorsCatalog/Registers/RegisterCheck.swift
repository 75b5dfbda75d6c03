import CityIndicatorsBase

/// Static checks of a derivation against its register's fields and its element: columns exist,
/// comparisons compare like with like, enum values are spelled right, and units agree.
enum RegisterCheck {
    struct Problem {
        var code: DiagnosticCode
        var message: String
        var offset: Int
        var hint: String?
    }

    static func check(_ d: Derivation, columnOffset: Int, fields: [RegisterField], element: DataElement) -> [Problem] {
        var problems: [Problem] = []
        // The lookup reports into the list it is given, never into one it captures: the
        // condition checks below hold `problems` inout while they call it.
        func field(_ name: String, at offset: Int, _ problems: inout [Problem]) -> RegisterField? {
            if let f = fields.first(where: { $0.name == name }) { return f }
            problems.append(
                Problem(
                    code: .undefinedReference, message: "no column '\(name)' in this register", offset: offset,
                    hint: Suggest.nearest(name, in: fields.map(\.name)).map { "did you mean '\($0)'?" }
                        ?? "Columns: \(fields.map(\.name).joined(separator: ", ")).")
            )
            return nil
        }
        let countDimension = Dimension(base: "count")
        switch d.aggregate {
        case .count, .countDistinct:
            if let column = d.column { _ = field(column, at: columnOffset, &problems) }
            if element.unit.dimension != countDimension {
                problems.append(
                    Problem(
                        code: .dimensionMismatch,
                        message:
                            "\(d.aggregate.rawValue) gives a number of records, but element '\(element.id)' is in \(element.unit.id) (\(element.unit.dimension))",
                        offset: 0,
                        hint: "Use sum, mean, min or max of a column in a unit that converts to \(element.unit.id)."))
            }
        case .sum, .min, .max, .mean:
            if let column = d.column, let f = field(column, at: columnOffset, &problems) {
                if !f.type.isNumeric {
                    problems.append(
                        Problem(
                            code: .dimensionMismatch,
                            message:
                                "\(d.aggregate.rawValue) needs an integer or number column; '\(column)' is \(f.type.rawValue)",
                            offset: columnOffset))
                } else if let unit = f.unit {
                    if !unit.converts(to: element.unit) {
                        problems.append(
                            Problem(
                                code: .dimensionMismatch,
                                message:
                                    "column '\(column)' is in \(unit.id) (\(unit.dimension)), which does not convert to \(element.unit.id), the unit of element '\(element.id)'",
                                offset: columnOffset,
                                hint: "Give the column a unit of the same family as \(element.unit.id)."))
                    }
                } else {
                    problems.append(
                        Problem(
                            code: .dimensionMismatch,
                            message:
                                "column '\(column)' has no unit, so its \(d.aggregate.rawValue) cannot be checked against \(element.unit.id)",
                            offset: columnOffset, hint: "Add 'unit:' to the field."))
                }
            }
        }
        if let condition = d.condition { check(condition, field: field, problems: &problems) }
        return problems
    }

    /// What an operand is, for comparisons.
    enum Kind: Equatable { case number, date, text, boolean, unknown }

    private static func check(
        _ c: Condition, field: (String, Int, inout [Problem]) -> RegisterField?, problems: inout [Problem]
    ) {
        switch c {
        case .and(let a, let b), .or(let a, let b):
            check(a, field: field, problems: &problems)
            check(b, field: field, problems: &problems)
        case .not(let a): check(a, field: field, problems: &problems)
        case .compare(let a, let op, let b): checkComparable(a, b, op, field: field, problems: &problems)
        case .member(let a, let list):
            for b in list { checkComparable(a, b, .equal, field: field, problems: &problems) }
        case .blank(let a, _):
            if case .column = a {
                _ = kind(of: a, field: field, problems: &problems)
            } else {
                problems.append(
                    Problem(code: .invalidValue, message: "'is blank' applies to a column", offset: a.offset))
            }
        }
    }

    /// What an operand is, with its column when it is a plain column; `.unknown` when its column
    /// does not exist or a date part (`year(…)`, …) is taken of a column that is not a date.
    private static func kind(
        of o: Operand, field: (String, Int, inout [Problem]) -> RegisterField?, problems: inout [Problem]
    ) -> (Kind, RegisterField?) {
        switch o {
        case .column(let name, let at):
            guard let f = field(name, at, &problems) else { return (.unknown, nil) }
            switch f.type {
            case .integer, .number, .year: return (.number, f)
            case .date: return (.date, f)
            case .string: return (.text, f)
            case .boolean: return (.boolean, f)
            }
        case .datePart(let part, let name, let at):
            guard let f = field(name, at, &problems) else { return (.unknown, nil) }
            if f.type != .date {
                problems.append(
                    Problem(
                        code: .dimensionMismatch,
                        message: "\(part.rawValue)(…) needs a date column; '\(name)' is \(f.type.rawValue)",
                        offset: at))
                return (.unknown, nil)
            }
            return (.number, nil)
        case .number, .reportingYear: return (.number, nil)
        case .text: return (.text, nil)
        case .boolean: return (.boolean, nil)
        }
    }

    /// Reports two operands that cannot be compared with `op` (`==` for list members): a date
    /// column with a text that is no date, values of different kinds, text or yes/no values
    /// ordered, and a text that is not one of an enum column's values.
    private static func checkComparable(
        _ a: Operand, _ b: Operand, _ op: ComparisonOperator?, field: (String, Int, inout [Problem]) -> RegisterField?,
        problems: inout [Problem]
    ) {
        let (ka, fa) = kind(of: a, field: field, problems: &problems)
        let (kb, fb) = kind(of: b, field: field, problems: &problems)
        if ka == .unknown || kb == .unknown { return }
        // A date column compared with a "YYYY-MM-DD" text, on either side.
        for (column, other) in [(ka, b), (kb, a)] where column == .date {
            guard case .text(let t, let at) = other else { continue }
            if CellParsers.date(t) == nil {
                let message = "'\(t)' is not a date; write dates as \"YYYY-MM-DD\""
                problems.append(Problem(code: .wrongType, message: message, offset: at))
            }
            return
        }
        if ka != kb {
            problems.append(
                Problem(
                    code: .dimensionMismatch, message: "cannot compare \(describe(a, ka)) with \(describe(b, kb))",
                    offset: b.offset,
                    hint: ka == .date
                        ? "Compare a date column with a date \"YYYY-MM-DD\", or use year(…), fy(…) or month(…) to compare with a number."
                        : nil))
            return
        }
        if let op, ka == .text || ka == .boolean, op != .equal, op != .notEqual {
            problems.append(
                Problem(
                    code: .dimensionMismatch,
                    message: "\(ka == .text ? "text" : "yes/no values") can only be compared with == and !=",
                    offset: a.offset))
        }
        // A misspelt category would silently match nothing: check it against the enum.
        for (f, other) in [(fa, b), (fb, a)] {
            if let f, let values = f.enumValues, f.type == .string, case .text(let t, let at) = other,
                !values.contains(t)
            {
                problems.append(
                    Problem(
                        code: .undefinedReference,
                        message:
                            "'\(t)' is not one of the values of column '\(f.name)' (\(values.joined(separator: ", ")))",
                        offset: at, hint: Suggest.nearest(t, in: values).map { "did you mean '\($0)'?" }))
            }
        }
    }

    private static func describe(_ o: Operand, _ k: Kind) -> String {
        let what: String
        switch k {
        case .number: what = "a number"
        case .date: what = "a date"
        case .text: what = "text"
        case .boolean: what = "a yes/no value"
        case .unknown: what = "a value"
        }
        switch o {
        case .column(let n, _): return "column '\(n)' (\(what))"
        case .datePart(let p, let n, _): return "\(p.rawValue)(\(n)) (\(what))"
        case .reportingYear: return "{year} (\(what))"
        case .number(let v, _): return "\(Format.plain(v)) (\(what))"
        case .text(let t, _): return "\"\(t)\" (\(what))"
        case .boolean(let b, _): return "\(b) (\(what))"
        }
    }
}
