import CityIndicatorsBase
import Foundation

/// A syntax error in a formula, with the 0-based UTF-8 offset where it was found.
public struct ExpressionSyntaxError: Error, Sendable, Equatable {
    public var offset: Int
    public var message: String
}

/// Recursive-descent parser of the expression language.
///
///     or         := and ('or' and)*
///     and        := not ('and' not)*
///     not        := 'not' not | comparison
///     comparison := additive (('<'|'<='|'>'|'>='|'=='|'!=') additive)?
///     additive   := term (('+'|'-') term)*
///     term       := unary (('*'|'/') unary)*
///     unary      := '-' unary | primary
///     primary    := number | id | function '(' or (',' or)* ')' | '(' or ')'
public struct ExpressionParser {
    typealias Token = FormulaTokenizer.Token

    private var tokens: [(token: Token, offset: Int)] = []
    private var index = 0
    private let source: String

    public static func parse(_ source: String) -> Result<Expression, ExpressionSyntaxError> {
        do {
            var parser = try ExpressionParser(source: source)
            let root = try parser.parseOr()
            guard case .end = parser.current.token else {
                throw ExpressionSyntaxError(
                    offset: parser.current.offset,
                    message: "unexpected \(parser.describe(parser.current.token)) after a complete formula")
            }
            return .success(Expression(source: source, root: root))
        } catch let error as ExpressionSyntaxError {
            return .failure(error)
        } catch {
            return .failure(ExpressionSyntaxError(offset: 0, message: "\(error)"))
        }
    }

    private init(source: String) throws {
        self.source = source
        do {
            tokens = try FormulaTokenizer.tokenize(source)
            if let deep = FormulaTokenizer.nestingFailure(tokens) { throw deep }
        } catch let failure as FormulaTokenizer.Failure {
            throw ExpressionSyntaxError(offset: failure.offset, message: failure.message)
        }
    }

    private var current: (token: Token, offset: Int) { tokens[index] }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(_, let text): "number '\(text)'"
        case .identifier(let name): "'\(name)'"
        case .symbol(let s): "'\(s)'"
        case .text(let t): "text '\(t)'"
        case .year: "'{year}'"
        case .end: "end of formula"
        }
    }

    private mutating func accept(_ symbol: String) -> Int? {
        let token = current
        if case .symbol(let s) = token.token, s == symbol {
            advance()
            return token.offset
        }
        if case .identifier(let s) = token.token, s == symbol, ["and", "or", "not"].contains(symbol) {
            advance()
            return token.offset
        }
        return nil
    }

    /// A left-associative level: operands from `next`, joined by any of `operators`.
    private mutating func level(
        _ operators: [(symbol: String, op: BinaryOperator)], _ next: (inout ExpressionParser) throws -> ExpressionNode
    ) throws -> ExpressionNode {
        var left = try next(&self)
        scan: while true {
            for o in operators {
                if let at = accept(o.symbol) {
                    left = .binary(o.op, left, try next(&self), at: at)
                    continue scan
                }
            }
            return left
        }
    }

    mutating func parseOr() throws -> ExpressionNode { try level([("or", .or)]) { try $0.parseAnd() } }

    mutating func parseAnd() throws -> ExpressionNode { try level([("and", .and)]) { try $0.parseNot() } }

    mutating func parseNot() throws -> ExpressionNode {
        if let at = accept("not") { return .not(try parseNot(), at: at) }
        return try parseComparison()
    }

    mutating func parseComparison() throws -> ExpressionNode {
        let left = try parseAdditive()
        for op in ["<=", ">=", "==", "!=", "<", ">"] {
            if let at = accept(op) {
                let right = try parseAdditive()
                for again in ["<=", ">=", "==", "!=", "<", ">"] where accept(again) != nil {
                    throw ExpressionSyntaxError(
                        offset: tokens[index - 1].offset,
                        message: "comparisons cannot be chained; combine them with 'and'")
                }
                return .binary(BinaryOperator(rawValue: op)!, left, right, at: at)
            }
        }
        return left
    }

    mutating func parseAdditive() throws -> ExpressionNode {
        try level([("+", .add), ("-", .subtract)]) { try $0.parseTerm() }
    }

    mutating func parseTerm() throws -> ExpressionNode {
        try level([("*", .multiply), ("/", .divide)]) { try $0.parseUnary() }
    }

    mutating func parseUnary() throws -> ExpressionNode {
        if let at = accept("-") { return .negate(try parseUnary(), at: at) }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws -> ExpressionNode {
        let token = current
        switch token.token {
        case .number(let value, _):
            advance()
            return .number(value, at: token.offset)
        case .identifier(let name):
            if ["and", "or", "not"].contains(name) {
                throw ExpressionSyntaxError(offset: token.offset, message: "expected an operand, found '\(name)'")
            }
            advance()
            if accept("(") != nil {
                guard let function = Function(rawValue: name) else {
                    throw ExpressionSyntaxError(
                        offset: token.offset,
                        message:
                            "unknown function '\(name)'; the functions are \(Function.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                var arguments: [ExpressionNode] = []
                if accept(")") == nil {
                    repeat { arguments.append(try parseOr()) } while accept(",") != nil
                    guard accept(")") != nil else {
                        throw ExpressionSyntaxError(
                            offset: current.offset,
                            message:
                                "expected ',' or ')' in the arguments of \(name)(…), found \(describe(current.token))")
                    }
                }
                return .call(function, arguments, at: token.offset)
            }
            return .element(name, at: token.offset)
        case .symbol("("):
            advance()
            let inner = try parseOr()
            guard accept(")") != nil else {
                throw ExpressionSyntaxError(
                    offset: current.offset,
                    message:
                        "expected ')' to close the '(' at offset \(token.offset + 1), found \(describe(current.token))")
            }
            return inner
        case .end:
            let previous = index > 0 ? describe(tokens[index - 1].token) : nil
            throw ExpressionSyntaxError(
                offset: token.offset,
                message: previous.map { "expected an operand after \($0)" } ?? "the formula is empty")
        default:
            throw ExpressionSyntaxError(
                offset: token.offset, message: "expected a number, an element id or '(', found \(describe(token.token))"
            )
        }
    }
}
