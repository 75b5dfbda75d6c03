import CityIndicatorsBase

/// Parses a derivation (`sum(deaths where fy(received_at) == {year} and kind in ("fire", "rescue"))`).
/// Offsets are 0-based UTF-8 offsets into the text, for file:line:column diagnostics.
public enum DerivationParser {
    public struct Parsed: Sendable {
        public var aggregate: Derivation.Aggregate
        public var column: String?
        public var columnOffset: Int
        public var condition: Condition?
    }

    public struct SyntaxError: Error, Sendable {
        public var offset: Int
        public var message: String
    }

    typealias Token = FormulaTokenizer.Token

    public static func parse(_ text: String) -> Result<Parsed, SyntaxError> {
        var parser = Parser(text)
        do { return .success(try parser.derivation()) } catch let e as SyntaxError { return .failure(e) } catch {
            return .failure(SyntaxError(offset: 0, message: "\(error)"))
        }
    }

    struct Parser {
        let tokens: [(token: FormulaTokenizer.Token, offset: Int)]
        /// Where the text stops being tokens, met only when the parser gets that far.
        let failure: FormulaTokenizer.Failure?
        var index = -1
        var token: Token = .end
        var tokenStart = 0

        init(_ text: String) {
            let (all, failure) = FormulaTokenizer.tokens(text, .init(texts: true, yearPlaceholder: true))
            // Too deep a nesting ends the tokens there: the parser, which recurses once per
            // level, meets it as a syntax error before it gets too deep.
            if let deep = FormulaTokenizer.nestingFailure(all) {
                tokens = Array(all.prefix { $0.offset < deep.offset })
                self.failure = deep
            } else {
                tokens = all
                self.failure = failure
            }
        }

        mutating func derivation() throws -> Parsed {
            try advance()
            guard case .identifier(let name) = token else {
                throw error("expected an aggregate: count, sum, min, max or mean")
            }
            let aggregateAt = tokenStart
            var aggregate: Derivation.Aggregate
            switch name {
            case "count": aggregate = .count
            case "sum": aggregate = .sum
            case "min": aggregate = .min
            case "max": aggregate = .max
            case "mean": aggregate = .mean
            default:
                throw SyntaxError(
                    offset: aggregateAt, message: "unknown aggregate '\(name)'; use count, sum, min, max or mean")
            }
            try advance()
            try expect("(")
            var column: String?
            var columnOffset = 0
            if token == .identifier("distinct") {
                guard aggregate == .count else { throw error("'distinct' goes with count: count(distinct COLUMN)") }
                aggregate = .countDistinct
                try advance()
                guard case .identifier(let c) = token, c != "where" else {
                    throw error("expected a column after 'distinct'")
                }
            }
            if case .identifier(let c) = token, c != "where" {
                column = c
                columnOffset = tokenStart
                try advance()
            }
            if aggregate != .count && aggregate != .countDistinct && column == nil {
                throw SyntaxError(
                    offset: tokenStart,
                    message:
                        "\(aggregate.rawValue) needs a column: \(aggregate.rawValue)(COLUMN) or \(aggregate.rawValue)(COLUMN where …)"
                )
            }
            var condition: Condition?
            if token == .identifier("where") {
                try advance()
                condition = try disjunction()
            }
            try expect(")")
            guard token == .end else { throw error("unexpected text after the closing parenthesis") }
            return Parsed(aggregate: aggregate, column: column, columnOffset: columnOffset, condition: condition)
        }

        mutating func disjunction() throws -> Condition { try chain("or", { try $0.conjunction() }, Condition.or) }

        mutating func conjunction() throws -> Condition { try chain("and", { try $0.negation() }, Condition.and) }

        /// Operands from `next` joined left to right by the keyword `word`.
        mutating func chain(
            _ word: String, _ next: (inout Parser) throws -> Condition, _ join: (Condition, Condition) -> Condition
        ) throws -> Condition {
            var left = try next(&self)
            while token == .identifier(word) {
                try advance()
                left = join(left, try next(&self))
            }
            return left
        }

        mutating func negation() throws -> Condition {
            if token == .identifier("not") {
                try advance()
                return .not(try negation())
            }
            if token == .symbol("(") {
                try advance()
                let inner = try disjunction()
                try expect(")")
                return inner
            }
            let left = try operand()
            if token == .identifier("in") {
                try advance()
                try expect("(")
                var list = [try operand()]
                while token == .symbol(",") {
                    try advance()
                    list.append(try operand())
                }
                try expect(")")
                return .member(left, list)
            }
            if token == .identifier("is") {
                try advance()
                var negated = false
                if token == .identifier("not") {
                    negated = true
                    try advance()
                }
                guard token == .identifier("blank") else {
                    throw error("expected 'blank' (column is blank, column is not blank)")
                }
                try advance()
                return .blank(left, negated: negated)
            }
            guard case .symbol(let s) = token, let op = ComparisonOperator(rawValue: s) else {
                throw error("expected a comparison (==, !=, <, <=, >, >=), 'in (…)' or 'is blank'")
            }
            try advance()
            return .compare(left, op, try operand())
        }

        mutating func operand() throws -> Operand {
            let at = tokenStart
            switch token {
            case .number(let v, _):
                try advance()
                return .number(v, at: at)
            case .text(let t):
                try advance()
                return .text(t, at: at)
            case .year:
                try advance()
                return .reportingYear(at: at)
            case .symbol("-"):
                try advance()
                guard case .number(let v, _) = token else { throw error("expected a number after '-'") }
                try advance()
                return .number(-v, at: at)
            case .identifier(let w):
                if ["and", "or", "not", "in", "is", "where", "blank", "distinct"].contains(w) {
                    throw error("expected a column or a value, found the keyword '\(w)'")
                }
                try advance()
                if w == "true" || w == "false" { return .boolean(w == "true", at: at) }
                if token == .symbol("(") {
                    guard let part = Operand.DatePart(rawValue: w) else {
                        throw SyntaxError(
                            offset: at, message: "unknown function '\(w)'; use year(DATE), fy(DATE) or month(DATE)")
                    }
                    try advance()
                    guard case .identifier(let c) = token else { throw error("expected a date column inside \(w)(…)") }
                    try advance()
                    try expect(")")
                    return .datePart(part, column: c, at: at)
                }
                return .column(w, at: at)
            case .end:
                throw error("the condition ends early: expected a column or a value")
            case .symbol(let s):
                throw error("expected a column or a value, found '\(s)'")
            }
        }

        mutating func expect(_ symbol: String) throws {
            guard token == .symbol(symbol) else {
                throw error(token == .end ? "expected '\(symbol)' before the end" : "expected '\(symbol)'")
            }
            try advance()
        }

        func error(_ message: String) -> SyntaxError { SyntaxError(offset: tokenStart, message: message) }

        mutating func advance() throws {
            index += 1
            guard index < tokens.count else {
                if let failure { throw SyntaxError(offset: failure.offset, message: failure.message) }
                token = .end
                return
            }
            tokenStart = tokens[index].offset
            token = tokens[index].token
        }
    }
}
