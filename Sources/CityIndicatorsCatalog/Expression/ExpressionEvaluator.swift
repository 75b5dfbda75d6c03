import CityIndicatorsBase

/// Why a formula has no value. Stable codes, used in worked examples and reports.
public enum NotComputableReason: String, Sendable, Codable, CaseIterable {
    case missingInput = "missing_input"
    case divisionByZero = "division_by_zero"
    case outOfRange = "out_of_range"
    case nonFinite = "non_finite"
}

public struct EvaluationFailure: Error, Sendable, Equatable {
    public var reason: NotComputableReason
    public var message: String
    /// For `missing_input`: every missing element id, in formula order.
    public var missing: [String] = []

    public init(reason: NotComputableReason, message: String, missing: [String] = []) {
        self.reason = reason
        self.message = message
        self.missing = missing
    }
}

/// Evaluates formulas over values in base units. Total: every input gives a finite number or a
/// failure with a reason, never NaN or infinity.
public struct ExpressionEvaluator {
    public var values: [String: Double]

    public init(values: [String: Double]) { self.values = values }

    public func number(_ expression: Expression) -> Result<Double, EvaluationFailure> {
        evaluate(expression) { try number($0) }
    }

    public func condition(_ expression: Expression) -> Result<Bool, EvaluationFailure> {
        evaluate(expression) { try condition($0) }
    }

    /// A missing input is a failure before anything is evaluated; so is every failure thrown.
    private func evaluate<T>(_ expression: Expression, _ body: (ExpressionNode) throws -> T) -> Result<
        T, EvaluationFailure
    > {
        let missing = expression.elements.filter { values[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "'\($0)'" }.joined(separator: ", ")
            return .failure(EvaluationFailure(reason: .missingInput, message: "no value for \(list)", missing: missing))
        }
        do {
            return .success(try body(expression.root))
        } catch let failure as EvaluationFailure {
            return .failure(failure)
        } catch {
            return .failure(EvaluationFailure(reason: .nonFinite, message: "\(error)"))
        }
    }

    private func text(_ node: ExpressionNode) -> String {
        // The operand's own text is not tracked; name elements, else describe it.
        switch node {
        case .element(let id, _): id
        case .number(let v, _): Format.plain(v)
        default: "(…)"
        }
    }

    private func finite(_ value: Double, _ what: String) throws -> Double {
        guard value.isFinite else {
            throw EvaluationFailure(reason: .nonFinite, message: "\(what) is too large to represent")
        }
        return value
    }

    private func number(_ node: ExpressionNode) throws -> Double {
        switch node {
        case .number(let v, _): return v
        case .element(let id, _): return values[id] ?? 0
        case .negate(let inner, _): return -(try number(inner))
        case .not: throw EvaluationFailure(reason: .nonFinite, message: "a condition used as a number")
        case .binary(let op, let a, let b, _):
            let x = try number(a)
            let y = try number(b)
            switch op {
            case .add: return try finite(x + y, "a sum")
            case .subtract: return try finite(x - y, "a difference")
            case .multiply: return try finite(x * y, "a product")
            case .divide:
                if y == 0 {
                    throw EvaluationFailure(reason: .divisionByZero, message: "division by zero: \(text(b)) is 0")
                }
                return try finite(x / y, "a quotient")
            default:
                throw EvaluationFailure(reason: .nonFinite, message: "a condition used as a number")
            }
        case .call(let function, let args, _):
            // The checker reports a wrong number of arguments; evaluation stays total anyway
            // (`check` runs the worked examples of a catalog that has errors).
            switch function {
            case .if:
                guard args.count == 3 else { throw arity("if(condition, then, else) takes 3 arguments", args) }
                return try condition(args[0]) ? number(args[1]) : number(args[2])
            case .sum:
                return try finite(try args.reduce(0) { $0 + (try number($1)) }, "a sum")
            case .min, .max:
                let values = try args.map { try number($0) }
                guard let result = function == .min ? values.min() : values.max() else {
                    throw arity("\(function.rawValue)(…) needs at least one argument", args)
                }
                return result
            }
        }
    }

    private func arity(_ rule: String, _ args: [ExpressionNode]) -> EvaluationFailure {
        EvaluationFailure(reason: .nonFinite, message: "\(rule), found \(args.count)")
    }

    private func condition(_ node: ExpressionNode) throws -> Bool {
        switch node {
        case .not(let inner, _): return !(try condition(inner))
        case .binary(let op, let a, let b, _):
            switch op {
            case .and: return try condition(a) && condition(b)
            case .or: return try condition(a) || condition(b)
            case .less: return try number(a) < number(b)
            case .lessEqual: return try number(a) <= number(b)
            case .greater: return try number(a) > number(b)
            case .greaterEqual: return try number(a) >= number(b)
            case .equal: return try number(a) == number(b)
            case .notEqual: return try number(a) != number(b)
            default: return try number(node) != 0
            }
        default:
            return try number(node) != 0
        }
    }
}
