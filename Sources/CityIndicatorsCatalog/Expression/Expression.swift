import CityIndicatorsBase
import Foundation

/// A parsed formula of the expression language (docs/catalog-format.md).
///
/// Positions are 0-based UTF-8 offsets into `source`, mapped to file columns by the catalog loader.
public struct Expression: Sendable, CustomStringConvertible {
    public let source: String
    public let root: ExpressionNode

    public init(source: String, root: ExpressionNode) {
        self.source = source
        self.root = root
    }

    /// Element ids the formula reads, in order of first appearance.
    public var elements: [String] {
        var seen: [String] = []
        root.visit { node in
            if case .element(let id, _) = node, !seen.contains(id) { seen.append(id) }
        }
        return seen
    }

    /// True when the whole formula is one element id.
    public var singleElement: String? {
        if case .element(let id, _) = root { return id }
        return nil
    }

    public var description: String { source.trimmingCharacters(in: .whitespaces) }
}

public enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case equal = "=="
    case notEqual = "!="
    case and, or

    var isComparison: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: true
        default: false
        }
    }
}

public enum Function: String, Sendable, CaseIterable {
    case sum, min, max, `if`
}

public indirect enum ExpressionNode: Sendable {
    case number(Double, at: Int)
    case element(String, at: Int)
    case negate(ExpressionNode, at: Int)
    case not(ExpressionNode, at: Int)
    case binary(BinaryOperator, ExpressionNode, ExpressionNode, at: Int)
    case call(Function, [ExpressionNode], at: Int)

    public var offset: Int {
        switch self {
        case .number(_, let at), .element(_, let at), .negate(_, let at), .not(_, let at),
            .binary(_, _, _, let at), .call(_, _, let at):
            at
        }
    }

    func visit(_ body: (ExpressionNode) -> Void) {
        body(self)
        switch self {
        case .number, .element: break
        case .negate(let x, _), .not(let x, _): x.visit(body)
        case .binary(_, let a, let b, _):
            a.visit(body)
            b.visit(body)
        case .call(_, let args, _):
            for a in args { a.visit(body) }
        }
    }
}
