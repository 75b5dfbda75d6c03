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

    enum Token: Equatable {
        case word(String), number(Double), text(String), year, symbol(String), end
    }

    public static func parse(_ text: String) -> Result<Parsed, SyntaxError> {
        var parser = Parser(Array(text.utf8))
        do { return .success(try parser.derivation()) } catch let e as SyntaxError { return .failure(e) } catch {
            return .failure(SyntaxError(offset: 0, message: "\(error)"))
        }
    }

    struct Parser {
        let bytes: [UInt8]
        var position = 0
        var token: Token = .end
        var tokenStart = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func derivation() throws -> Parsed {
            try advance()
            guard case .word(let name) = token else { throw error("expected an aggregate: count, sum, min, max or mean") }
            let aggregateAt = tokenStart
            var aggregate: Derivation.Aggregate
            switch name {
            case "count": aggregate = .count
            case "sum": aggregate = .sum
            case "min": aggregate = .min
            case "max": aggregate = .max
            case "mean": aggregate = .mean
            default: throw SyntaxError(offset: aggregateAt, message: "unknown aggregate '\(name)'; use count, sum, min, max or mean")
            }
            try advance()
            try expect("(")
            var column: String?
            var columnOffset = 0
            if token == .word("distinct") {
                guard aggregate == .count else { throw error("'distinct' goes with count: count(distinct COLUMN)") }
                aggregate = .countDistinct
                try advance()
                guard case .word(let c) = token, c != "where" else { throw error("expected a column after 'distinct'") }
            }
            if case .word(let c) = token, c != "where" {
                column = c
                columnOffset = tokenStart
                try advance()
            }
            if aggregate != .count && aggregate != .countDistinct && column == nil {
                throw SyntaxError(offset: tokenStart, message: "\(aggregate.rawValue) needs a column: \(aggregate.rawValue)(COLUMN) or \(aggregate.rawValue)(COLUMN where …)")
            }
            var condition: Condition?
            if token == .word("where") {
                try advance()
                condition = try disjunction()
            }
            try expect(")")
            guard token == .end else { throw error("unexpected text after the closing parenthesis") }
            return Parsed(aggregate: aggregate, column: column, columnOffset: columnOffset, condition: condition)
        }

        mutating func disjunction() throws -> Condition {
            var left = try conjunction()
            while token == .word("or") {
                try advance()
                left = .or(left, try conjunction())
            }
            return left
        }

        mutating func conjunction() throws -> Condition {
            var left = try negation()
            while token == .word("and") {
                try advance()
                left = .and(left, try negation())
            }
            return left
        }

        mutating func negation() throws -> Condition {
            if token == .word("not") {
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
            if token == .word("in") {
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
            if token == .word("is") {
                try advance()
                var negated = false
                if token == .word("not") {
                    negated = true
                    try advance()
                }
                guard token == .word("blank") else { throw error("expected 'blank' (column is blank, column is not blank)") }
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
            case .number(let v):
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
                guard case .number(let v) = token else { throw error("expected a number after '-'") }
                try advance()
                return .number(-v, at: at)
            case .word(let w):
                if ["and", "or", "not", "in", "is", "where", "blank", "distinct"].contains(w) {
                    throw error("expected a column or a value, found the keyword '\(w)'")
                }
                try advance()
                if w == "true" || w == "false" { return .boolean(w == "true", at: at) }
                if token == .symbol("(") {
                    guard let part = Operand.DatePart(rawValue: w) else {
                        throw SyntaxError(offset: at, message: "unknown function '\(w)'; use year(DATE), fy(DATE) or month(DATE)")
                    }
                    try advance()
                    guard case .word(let c) = token else { throw error("expected a date column inside \(w)(…)") }
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
            while position < bytes.count, bytes[position] == 32 || bytes[position] == 9 || bytes[position] == 10 || bytes[position] == 13 {
                position += 1
            }
            tokenStart = position
            guard position < bytes.count else {
                token = .end
                return
            }
            let c = bytes[position]
            func isWord(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95 }
            if (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 {
                let start = position
                while position < bytes.count, isWord(bytes[position]) { position += 1 }
                token = .word(String(decoding: bytes[start..<position], as: UTF8.self))
                return
            }
            if (c >= 48 && c <= 57) || (c == 46 && position + 1 < bytes.count && bytes[position + 1] >= 48 && bytes[position + 1] <= 57) {
                let start = position
                while position < bytes.count, (bytes[position] >= 48 && bytes[position] <= 57) || bytes[position] == 46 || bytes[position] == 101 || bytes[position] == 69
                    || ((bytes[position] == 43 || bytes[position] == 45) && (bytes[position - 1] == 101 || bytes[position - 1] == 69))
                {
                    position += 1
                }
                let text = String(decoding: bytes[start..<position], as: UTF8.self)
                guard let v = Double(text), v.isFinite else { throw SyntaxError(offset: start, message: "'\(text)' is not a number") }
                token = .number(v)
                return
            }
            if c == 34 || c == 39 {
                let start = position
                position += 1
                var text: [UInt8] = []
                while position < bytes.count, bytes[position] != c {
                    text.append(bytes[position])
                    position += 1
                }
                guard position < bytes.count else { throw SyntaxError(offset: start, message: "a text value is not closed: add the closing quote") }
                position += 1
                token = .text(String(decoding: text, as: UTF8.self))
                return
            }
            if c == 123 {
                let rest = bytes[position...]
                if rest.starts(with: Array("{year}".utf8)) {
                    position += 6
                    token = .year
                    return
                }
                throw SyntaxError(offset: position, message: "the only placeholder is {year}, the reporting year")
            }
            let two = position + 1 < bytes.count ? String(decoding: bytes[position...position + 1], as: UTF8.self) : ""
            if ["==", "!=", "<=", ">="].contains(two) {
                position += 2
                token = .symbol(two)
                return
            }
            if [40, 41, 44, 60, 62, 45].contains(c) {
                position += 1
                token = .symbol(String(UnicodeScalar(c)))
                return
            }
            if c == 61 { throw SyntaxError(offset: position, message: "use '==' to compare, not '='") }
            throw SyntaxError(offset: position, message: "unexpected character '\(String(decoding: [c], as: UTF8.self))'")
        }
    }
}
