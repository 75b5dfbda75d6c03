import CityIndicatorsBase

/// The one tokenizer of the catalog's two formula languages: indicator formulas
/// (`fire_deaths / population_total`) and register derivations (`sum(deaths where kind ==
/// "fire")`). One number grammar for both: digits with optional `_` separators, an optional
/// fraction and exponent (`100_000`, `0.5`, `.5`, `1e5`, `2.5E-3`).
enum FormulaTokenizer {
    enum Token: Equatable {
        /// A number and the text it was written as.
        case number(Double, String)
        /// An element, column, function or keyword name.
        case identifier(String)
        /// A quoted text value (derivations only).
        case text(String)
        /// `{year}` (derivations only).
        case year
        case symbol(String)
        case end
    }

    /// What a language accepts beyond numbers, names and operators.
    struct Options {
        var texts = false
        var yearPlaceholder = false
    }

    struct Failure: Error {
        var offset: Int
        var message: String
    }

    /// The tokens of `source` with their 0-based UTF-8 offsets, ending with `.end`.
    static func tokenize(_ source: String, _ options: Options = Options()) throws -> [(token: Token, offset: Int)] {
        let (tokens, failure) = tokens(source, options)
        if let failure { throw failure }
        return tokens
    }

    /// The tokens before the first character that cannot start one, and the failure there (a
    /// parser reading on demand reports it only when it gets that far).
    static func tokens(_ source: String, _ options: Options = Options()) -> (
        tokens: [(token: Token, offset: Int)], failure: Failure?
    ) {
        var result: [(Token, Int)] = []
        do {
            try scan(Array(source.utf8), options, into: &result)
            return (result, nil)
        } catch let failure as Failure {
            return (result, failure)
        } catch {
            return (result, Failure(offset: 0, message: "\(error)"))
        }
    }

    private static func scan(_ bytes: [UInt8], _ options: Options, into result: inout [(Token, Int)]) throws {
        var i = 0
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func isNameStart(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 }
        while i < bytes.count {
            let b = bytes[i]
            if b == 32 || b == 9 || b == 10 || b == 13 {
                i += 1
                continue
            }
            let start = i
            if isDigit(b) || (b == 46 && i + 1 < bytes.count && isDigit(bytes[i + 1])) {
                i = numberEnd(bytes, from: i)
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                guard let value = CellParsers.number(text.replacingOccurrences(of: "_", with: "")) else {
                    throw Failure(offset: start, message: "'\(text)' is not a number")
                }
                result.append((.number(value, text), start))
            } else if isNameStart(b) {
                while i < bytes.count, isNameStart(bytes[i]) || isDigit(bytes[i]) { i += 1 }
                result.append((.identifier(String(decoding: bytes[start..<i], as: UTF8.self)), start))
            } else if options.texts, b == 34 || b == 39 {
                guard let close = bytes[(i + 1)...].firstIndex(of: b) else {
                    throw Failure(offset: start, message: "a text value is not closed: add the closing quote")
                }
                result.append((.text(String(decoding: bytes[(i + 1)..<close], as: UTF8.self)), start))
                i = close + 1
            } else if options.yearPlaceholder, b == 123 {
                guard bytes[i...].starts(with: Array("{year}".utf8)) else {
                    throw Failure(offset: start, message: "the only placeholder is {year}, the reporting year")
                }
                result.append((.year, start))
                i += 6
            } else {
                let symbol = try self.symbol(bytes, at: i)
                result.append((.symbol(symbol.text), start))
                i += symbol.length
            }
        }
        result.append((.end, bytes.count))
    }

    /// The end of the number starting at `i`: digits, `_`, `.`, then an exponent if one follows.
    private static func numberEnd(_ bytes: [UInt8], from start: Int) -> Int {
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        var i = start
        while i < bytes.count, isDigit(bytes[i]) || bytes[i] == 46 || bytes[i] == 95 { i += 1 }
        if i < bytes.count, bytes[i] == 101 || bytes[i] == 69 {  // e E
            var j = i + 1
            if j < bytes.count, bytes[j] == 43 || bytes[j] == 45 { j += 1 }
            if j < bytes.count, isDigit(bytes[j]) {
                i = j
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
        }
        return i
    }

    /// An operator or punctuation at `i` (`&&` and `||` read as `and` and `or`).
    private static func symbol(_ bytes: [UInt8], at i: Int) throws -> (text: String, length: Int) {
        let two = i + 1 < bytes.count ? String(decoding: bytes[i...i + 1], as: UTF8.self) : ""
        if ["<=", ">=", "==", "!=", "&&", "||"].contains(two) {
            return (two == "&&" ? "and" : two == "||" ? "or" : two, 2)
        }
        let b = bytes[i]
        if "+-*/()<>,".utf8.contains(b) { return (String(UnicodeScalar(b)), 1) }
        if b == 61 { throw Failure(offset: i, message: "'=' is not an operator; write '==' to compare") }
        // Anything else, a multi-byte character reported whole.
        var end = i + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        throw Failure(offset: i, message: "unexpected character '\(String(decoding: bytes[i..<end], as: UTF8.self))'")
    }

    /// The deepest nesting a formula may have: parentheses open at once, or signs and `not`s in a
    /// row. The parsers recurse once per level, so a deeper formula would exhaust the stack.
    static let maximumNesting = 200

    /// The failure at the token where `tokens` nest deeper than `maximumNesting`, if they do.
    static func nestingFailure(_ tokens: [(token: Token, offset: Int)]) -> Failure? {
        var open = 0
        var prefixes = 0
        for (token, offset) in tokens {
            switch token {
            case .symbol("("): open += 1
            case .symbol(")"): open = max(0, open - 1)
            default: break
            }
            let isPrefix = token == .symbol("-") || token == .identifier("not")
            prefixes = isPrefix ? prefixes + 1 : 0
            if open > maximumNesting || prefixes > maximumNesting {
                return Failure(
                    offset: offset,
                    message: "the formula nests more than \(maximumNesting) levels deep; write it more simply")
            }
        }
        return nil
    }
}
