import CityIndicatorsBase

/// A small regular-expression matcher for register `pattern` constraints, anchored at both ends as
/// in Frictionless: literals, `.`, classes (`[A-Z0-9/-]`, `[^…]`), `\d \w \s` (and upper-case
/// negations), escaped punctuation, and the quantifiers `? * + {n} {n,} {n,m}`. No groups or
/// alternation: the catalog loader rejects them with the column of the character.
///
/// It works on UTF-8 bytes without allocating: `.` and negated classes take one whole character.
public struct Pattern: Sendable {
    package struct Item: Sendable {
        /// Bytes matched; for a `wide` item every byte ≥ 0x80 is in the set.
        package var set: [UInt64]  // 4 words = 256 bits
        /// Takes a whole UTF-8 character when the first byte is ≥ 0xC0.
        package var wide: Bool
        package var min: Int
        package var max: Int  // Int.max = unbounded

        package func contains(_ b: UInt8) -> Bool { set[Int(b >> 6)] & (1 << UInt64(b & 63)) != 0 }
    }

    public struct SyntaxError: Error, Sendable {
        public var offset: Int
        public var message: String
    }

    public let source: String
    package let items: [Item]
    /// When every item matches a fixed number of single bytes (`SFB/[0-9]{4}/[0-9]{5}`): the
    /// byte sets, one per position, so matching is one pass with no backtracking.
    package let fixed: [UInt64]?

    public static func compile(_ text: String) -> Result<Pattern, SyntaxError> {
        let b = Array(text.utf8)
        var items: [Item] = []
        var i = 0
        func set(_ bytes: some Sequence<UInt8>) -> [UInt64] {
            var s = [UInt64](repeating: 0, count: 4)
            for x in bytes { s[Int(x >> 6)] |= 1 << UInt64(x & 63) }
            return s
        }
        func escapeClass(_ c: UInt8) -> (bytes: [UInt8], negated: Bool)? {
            let digits = Array(UInt8(48)...57)
            let word = digits + Array(UInt8(65)...90) + Array(UInt8(97)...122) + [95]
            let space: [UInt8] = [32, 9, 10, 13, 11, 12]
            switch c {
            case UInt8(ascii: "d"): return (digits, false)
            case UInt8(ascii: "D"): return (digits, true)
            case UInt8(ascii: "w"): return (word, false)
            case UInt8(ascii: "W"): return (word, true)
            case UInt8(ascii: "s"): return (space, false)
            case UInt8(ascii: "S"): return (space, true)
            default: return nil
            }
        }
        func negate(_ s: [UInt64]) -> [UInt64] { s.map { ~$0 } }
        while i < b.count {
            let c = b[i]
            let start = i
            var item: Item
            switch c {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "|"):
                return .failure(
                    SyntaxError(
                        offset: i,
                        message:
                            "groups and alternation ('(', ')', '|') are not supported in patterns; write one pattern without them, or use enum"
                    ))
            case UInt8(ascii: "^") where i == 0, UInt8(ascii: "$") where i == b.count - 1:
                i += 1  // patterns are anchored anyway
                continue
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                return .failure(SyntaxError(offset: i, message: "a quantifier needs something before it to repeat"))
            case UInt8(ascii: "."):
                item = Item(set: [UInt64](repeating: ~0, count: 4), wide: true, min: 1, max: 1)
                i += 1
            case UInt8(ascii: "\\"):
                guard i + 1 < b.count else {
                    return .failure(SyntaxError(offset: i, message: "the pattern ends with a lone backslash"))
                }
                let e = b[i + 1]
                if let (bytes, negated) = escapeClass(e) {
                    item =
                        negated
                        ? Item(set: negate(set(bytes)), wide: true, min: 1, max: 1)
                        : Item(set: set(bytes), wide: false, min: 1, max: 1)
                } else if e < 128, !((e >= 48 && e <= 57) || (e >= 65 && e <= 90) || (e >= 97 && e <= 122)) {
                    item = Item(set: set([e]), wide: false, min: 1, max: 1)
                } else {
                    return .failure(
                        SyntaxError(
                            offset: i,
                            message:
                                "unsupported escape '\\\(String(UnicodeScalar(e)))'; supported: \\d \\w \\s \\D \\W \\S and escaped punctuation"
                        ))
                }
                i += 2
            case UInt8(ascii: "["):
                i += 1
                var negated = false
                if i < b.count, b[i] == UInt8(ascii: "^") {
                    negated = true
                    i += 1
                }
                var members: [UInt8] = []
                var first = true
                while i < b.count, b[i] != UInt8(ascii: "]") || first {
                    first = false
                    var lo = b[i]
                    if lo >= 128 {
                        return .failure(
                            SyntaxError(offset: i, message: "non-ASCII characters inside [...] are not supported"))
                    }
                    if lo == UInt8(ascii: "\\") {
                        guard i + 1 < b.count else {
                            return .failure(SyntaxError(offset: i, message: "the pattern ends inside [...]"))
                        }
                        if let (bytes, neg) = escapeClass(b[i + 1]), !neg {
                            members += bytes
                            i += 2
                            continue
                        }
                        lo = b[i + 1]
                        i += 1
                    }
                    if i + 2 < b.count, b[i + 1] == UInt8(ascii: "-"), b[i + 2] != UInt8(ascii: "]") {
                        let hi = b[i + 2]
                        guard hi >= lo, hi < 128 else {
                            return .failure(
                                SyntaxError(offset: i, message: "the range in [...] runs backwards or leaves ASCII"))
                        }
                        members += Array(lo...hi)
                        i += 3
                    } else {
                        members.append(lo)
                        i += 1
                    }
                }
                guard i < b.count else {
                    return .failure(SyntaxError(offset: start, message: "'[' is not closed: add ']'"))
                }
                i += 1
                item =
                    negated
                    ? Item(set: negate(set(members)), wide: true, min: 1, max: 1)
                    : Item(set: set(members), wide: false, min: 1, max: 1)
            default:
                item = Item(set: set([c]), wide: false, min: 1, max: 1)
                i += 1
            }
            // A quantifier?
            if i < b.count {
                switch b[i] {
                case UInt8(ascii: "?"):
                    (item.min, item.max) = (0, 1)
                    i += 1
                case UInt8(ascii: "*"):
                    (item.min, item.max) = (0, Int.max)
                    i += 1
                case UInt8(ascii: "+"):
                    (item.min, item.max) = (1, Int.max)
                    i += 1
                case UInt8(ascii: "{"):
                    let open = i
                    i += 1
                    var numbers: [Int?] = [nil]
                    while i < b.count, b[i] != UInt8(ascii: "}") {
                        if b[i] == UInt8(ascii: ",") {
                            numbers.append(nil)
                        } else if b[i] >= 48, b[i] <= 57 {
                            numbers[numbers.count - 1] = (numbers[numbers.count - 1] ?? 0) * 10 + Int(b[i] - 48)
                            if numbers[numbers.count - 1]! > 10_000 {
                                return .failure(SyntaxError(offset: open, message: "a repeat count above 10000"))
                            }
                        } else {
                            return .failure(SyntaxError(offset: i, message: "expected {n}, {n,} or {n,m}"))
                        }
                        i += 1
                    }
                    guard i < b.count, numbers.count <= 2, let lo = numbers[0] else {
                        return .failure(SyntaxError(offset: open, message: "expected {n}, {n,} or {n,m}"))
                    }
                    i += 1
                    let hi = numbers.count == 1 ? lo : (numbers[1] ?? Int.max)
                    guard hi >= lo else { return .failure(SyntaxError(offset: open, message: "{n,m} needs n <= m")) }
                    (item.min, item.max) = (lo, hi)
                default: break
                }
                if i < b.count, [UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(b[i]) {
                    return .failure(
                        SyntaxError(
                            offset: i, message: "two quantifiers in a row (lazy and possessive forms are not supported)"
                        ))
                }
            }
            items.append(item)
        }
        var fixed: [UInt64]? = []
        for item in items {
            if item.wide || item.min != item.max {
                fixed = nil
                break
            }
            for _ in 0..<item.min { fixed? += item.set }
        }
        return .success(Pattern(source: text, items: items, fixed: fixed))
    }

    /// True when the whole of `bytes` matches.
    public func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let fixed {
            return fixed.withUnsafeBufferPointer {
                Pattern.matchesFixed($0.baseAddress!, fixed.count / 4, bytes.baseAddress, bytes.count)
            }
        }
        var budget = 100_000  // backtracking steps; a pathological pattern fails rather than hangs
        return match(0, 0, bytes, &budget)
    }

    /// One pass over a fixed-length pattern: `sets` holds 4 words (256 bits) per position.
    @inline(__always)
    package static func matchesFixed(
        _ sets: UnsafePointer<UInt64>, _ positions: Int, _ bytes: UnsafePointer<UInt8>?, _ count: Int
    ) -> Bool {
        guard count == positions else { return false }
        guard let bytes else { return positions == 0 }
        for k in 0..<count {
            let b = bytes[k]
            if sets[4 * k + Int(b >> 6)] & (1 << UInt64(b & 63)) == 0 { return false }
        }
        return true
    }

    public func matches(_ text: String) -> Bool {
        var copy = Array(text.utf8)
        return copy.withUnsafeMutableBufferPointer { matches(UnsafeBufferPointer($0)) }
    }

    private static func width(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    private func step(_ item: Item, _ pos: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard pos < bytes.count, item.contains(bytes[pos]) else { return nil }
        if item.wide { return Swift.min(bytes.count, pos + Pattern.width(bytes[pos])) }
        return pos + 1
    }

    private func match(_ index: Int, _ pos: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ budget: inout Int) -> Bool {
        if index == items.count { return pos == bytes.count }
        budget -= 1
        if budget < 0 { return false }
        let item = items[index]
        if item.min == 1 && item.max == 1 {
            guard let next = step(item, pos, bytes) else { return false }
            return match(index + 1, next, bytes, &budget)
        }
        if !item.wide {
            // One byte each: the ends are pos + k, no list needed.
            var n = 0
            while n < item.max, pos + n < bytes.count, item.contains(bytes[pos + n]) { n += 1 }
            while n >= item.min {
                if match(index + 1, pos + n, bytes, &budget) { return true }
                n -= 1
            }
            return false
        }
        // Greedy: take as many as possible, then give back one at a time.
        var ends: [Int] = [pos]
        var p = pos
        while ends.count - 1 < item.max, let next = step(item, p, bytes) {
            p = next
            ends.append(p)
        }
        var k = ends.count - 1
        while k >= item.min {
            if match(index + 1, ends[k], bytes, &budget) { return true }
            k -= 1
        }
        return false
    }
}
