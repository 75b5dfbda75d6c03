import CityIndicatorsBase

/// The static type of a formula: a number of some dimension, or a condition.
public enum ExpressionType: Equatable, Sendable, CustomStringConvertible {
    case number(Dimension)
    case condition

    public var description: String {
        switch self {
        case .number(let d): d.isDimensionless ? "a dimensionless number" : "dimension \(d)"
        case .condition: "a condition (true/false)"
        }
    }
}

/// A problem found by the static checker, at a 0-based offset of the formula.
public struct ExpressionIssue: Sendable, Equatable {
    public var offset: Int
    public var code: DiagnosticCode
    public var message: String
    public var hint: String?
}

/// Checks dimensions statically: `+ - min max sum`, comparisons and `if` branches need operands
/// of one dimension; `*` and `/` combine dimensions; numbers are dimensionless.
public struct ExpressionChecker {
    /// The dimension of an element id, or nil when no such element exists.
    public var dimensionOf: (String) -> Dimension?
    /// All element ids, for did-you-mean suggestions.
    public var knownElements: [String]

    public init(knownElements: [String], dimensionOf: @escaping (String) -> Dimension?) {
        self.knownElements = knownElements
        self.dimensionOf = dimensionOf
    }

    public func check(_ expression: Expression) -> (type: ExpressionType?, issues: [ExpressionIssue]) {
        var issues: [ExpressionIssue] = []
        let type = check(expression.root, &issues)
        return (type, issues)
    }

    private func check(_ node: ExpressionNode, _ issues: inout [ExpressionIssue]) -> ExpressionType? {
        switch node {
        case .number:
            return .number(.none)
        case .element(let id, let at):
            if let dimension = dimensionOf(id) { return .number(dimension) }
            let suggestion = Suggest.nearest(id, in: knownElements)
            issues.append(
                ExpressionIssue(
                    offset: at, code: .undefinedReference, message: "unknown element '\(id)'",
                    hint: suggestion.map { "did you mean '\($0)'?" }))
            return nil
        case .negate(let inner, let at):
            let t = check(inner, &issues)
            if t == .condition {
                issues.append(
                    ExpressionIssue(
                        offset: at, code: .dimensionMismatch, message: "'-' needs a number, not a condition",
                        hint: "use 'not' to negate a condition"))
                return nil
            }
            return t
        case .not(let inner, let at):
            let t = check(inner, &issues)
            if let t, t != .condition {
                issues.append(
                    ExpressionIssue(
                        offset: at, code: .dimensionMismatch, message: "'not' needs a condition, found \(t)"))
                return nil
            }
            return .condition
        case .binary(let op, let a, let b, let at):
            let ta = check(a, &issues)
            let tb = check(b, &issues)
            guard let ta, let tb else { return op.isComparison || op == .and || op == .or ? .condition : nil }
            return checkBinary(op, ta, tb, at: at, &issues)
        case .call(let function, let args, let at):
            let types = args.map { check($0, &issues) }
            switch function {
            case .if: return checkIf(args, types, at: at, &issues)
            case .sum, .min, .max: return checkAggregate(function, args, types, at: at, &issues)
            }
        }
    }

    /// The type of `a op b` from the types of its operands: `and`/`or` join conditions, `+ -` and
    /// comparisons need numbers of one dimension, `* /` combine the dimensions of two numbers.
    private func checkBinary(
        _ op: BinaryOperator, _ ta: ExpressionType, _ tb: ExpressionType, at: Int, _ issues: inout [ExpressionIssue]
    ) -> ExpressionType? {
        switch op {
        case .and, .or:
            if ta != .condition || tb != .condition {
                issues.append(
                    ExpressionIssue(
                        offset: at, code: .dimensionMismatch,
                        message: "'\(op.rawValue)' joins conditions, found \(ta) and \(tb)"))
            }
            return .condition
        case .add, .subtract, .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            guard let (da, db) = numericOperands(op, ta, tb, at: at, &issues) else {
                return op.isComparison ? .condition : nil
            }
            if da != db {
                issues.append(
                    ExpressionIssue(
                        offset: at, code: .dimensionMismatch,
                        message: "'\(op.rawValue)' needs operands of one dimension, found \(da) and \(db)",
                        hint:
                            "adding or comparing quantities of different kinds (persons and litres, say) is meaningless"
                    ))
            }
            return op.isComparison ? .condition : .number(da)
        case .multiply, .divide:
            guard let (da, db) = numericOperands(op, ta, tb, at: at, &issues) else { return nil }
            return .number(op == .multiply ? da * db : da / db)
        }
    }

    /// The dimensions of two operands of `op` that must both be numbers; nil (an issue) otherwise.
    private func numericOperands(
        _ op: BinaryOperator, _ ta: ExpressionType, _ tb: ExpressionType, at: Int, _ issues: inout [ExpressionIssue]
    ) -> (Dimension, Dimension)? {
        guard case .number(let da) = ta, case .number(let db) = tb else {
            issues.append(
                ExpressionIssue(
                    offset: at, code: .dimensionMismatch,
                    message: "'\(op.rawValue)' needs numbers, found \(ta) and \(tb)"
                ))
            return nil
        }
        return (da, db)
    }

    /// The type of `if(condition, then, else)`: that of its branches, which must agree.
    private func checkIf(
        _ args: [ExpressionNode], _ types: [ExpressionType?], at: Int, _ issues: inout [ExpressionIssue]
    ) -> ExpressionType? {
        guard args.count == 3 else {
            issues.append(
                ExpressionIssue(
                    offset: at, code: .expressionSyntax,
                    message: "if(condition, then, else) takes 3 arguments, found \(args.count)"))
            return nil
        }
        if let c = types[0], c != .condition {
            issues.append(
                ExpressionIssue(
                    offset: args[0].offset, code: .dimensionMismatch,
                    message: "the first argument of if(…) must be a condition, found \(c)"))
        }
        guard let t1 = types[1], let t2 = types[2] else { return types[1] ?? types[2] }
        if t1 != t2 {
            issues.append(
                ExpressionIssue(
                    offset: at, code: .dimensionMismatch,
                    message: "the two branches of if(…) must have one dimension, found \(t1) and \(t2)"))
        }
        return t1
    }

    /// The type of `sum`, `min` or `max`: that of its arguments, numbers of one dimension.
    private func checkAggregate(
        _ function: Function, _ args: [ExpressionNode], _ types: [ExpressionType?], at: Int,
        _ issues: inout [ExpressionIssue]
    ) -> ExpressionType? {
        guard !args.isEmpty else {
            issues.append(
                ExpressionIssue(
                    offset: at, code: .expressionSyntax, message: "\(function.rawValue)(…) needs at least one argument")
            )
            return nil
        }
        let known = types.compactMap { $0 }
        guard let first = known.first else { return nil }
        for (i, t) in types.enumerated() {
            guard let t else { continue }
            if t == .condition || t != first {
                issues.append(
                    ExpressionIssue(
                        offset: args[i].offset, code: .dimensionMismatch,
                        message:
                            "the arguments of \(function.rawValue)(…) must be numbers of one dimension, found \(first) and \(t)"
                    ))
                return nil
            }
        }
        return first
    }
}
