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
        do throws(SyntaxError) {
            while i < b.count {
                guard var item = try atom(b, &i) else { continue }
                try quantifier(b, &i, &item)
                items.append(item)
            }
        } catch {
            return .failure(error)
        }
        return .success(Pattern(source: text, items: items, fixed: fixedSets(items)))
    }

    /// The item that starts at `b[i]` (a literal, `.`, an escape or a class), with `i` moved past
    /// it; nil for an anchor `^` or `$`, which patterns need not write.
    private static func atom(_ b: [UInt8], _ i: inout Int) throws(SyntaxError) -> Item? {
        let c = b[i]
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "|"):
            throw SyntaxError(
                offset: i,
                message:
                    "groups and alternation ('(', ')', '|') are not supported in patterns; write one pattern without them, or use enum"
            )
        case UInt8(ascii: "^") where i == 0, UInt8(ascii: "$") where i == b.count - 1:
            i += 1  // patterns are anchored anyway
            return nil
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
            throw SyntaxError(offset: i, message: "a quantifier needs something before it to repeat")
        case UInt8(ascii: "."):
            i += 1
            return Item(set: [UInt64](repeating: ~0, count: 4), wide: true, min: 1, max: 1)
        case UInt8(ascii: "\\"):
            let item = try escape(b, at: i)
            i += 2
            return item
        case UInt8(ascii: "["):
            return try bracketClass(b, &i)
        default:
            i += 1
            return Item(set: byteSet([c]), wide: false, min: 1, max: 1)
        }
    }

    /// The item of the escape at `b[i]`: a class (`\d`, `\W`, …) or an escaped punctuation character.
    private static func escape(_ b: [UInt8], at i: Int) throws(SyntaxError) -> Item {
        guard i + 1 < b.count else {
            throw SyntaxError(offset: i, message: "the pattern ends with a lone backslash")
        }
        let e = b[i + 1]
        if let (bytes, negated) = escapeClass(e) {
            return classItem(bytes, negated: negated)
        } else if e < 128, !((e >= 48 && e <= 57) || (e >= 65 && e <= 90) || (e >= 97 && e <= 122)) {
            return Item(set: byteSet([e]), wide: false, min: 1, max: 1)
        }
        throw SyntaxError(
            offset: i,
            message:
                "unsupported escape '\\\(String(UnicodeScalar(e)))'; supported: \\d \\w \\s \\D \\W \\S and escaped punctuation"
        )
    }

    /// The class `[…]` or `[^…]` that opens at `b[i]`, with `i` moved past its `]`. A `]` first in
    /// the class is a member; members are ASCII characters, ranges `a-z` and positive escape classes.
    private static func bracketClass(_ b: [UInt8], _ i: inout Int) throws(SyntaxError) -> Item {
        let start = i
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
                throw SyntaxError(offset: i, message: "non-ASCII characters inside [...] are not supported")
            }
            if lo == UInt8(ascii: "\\") {
                guard i + 1 < b.count else {
                    throw SyntaxError(offset: i, message: "the pattern ends inside [...]")
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
                    throw SyntaxError(offset: i, message: "the range in [...] runs backwards or leaves ASCII")
                }
                members += Array(lo...hi)
                i += 3
            } else {
                members.append(lo)
                i += 1
            }
        }
        guard i < b.count else {
            throw SyntaxError(offset: start, message: "'[' is not closed: add ']'")
        }
        i += 1
        return classItem(members, negated: negated)
    }

    /// Applies the quantifier at `b[i]`, if any (`? * + {n} {n,} {n,m}`), to `item`, moving `i` past it.
    private static func quantifier(_ b: [UInt8], _ i: inout Int, _ item: inout Item) throws(SyntaxError) {
        guard i < b.count else { return }
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
            (item.min, item.max) = try repeatCounts(b, &i)
        default: break
        }
        if i < b.count, [UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(b[i]) {
            throw SyntaxError(
                offset: i, message: "two quantifiers in a row (lazy and possessive forms are not supported)")
        }
    }

    /// The counts of the `{n}`, `{n,}` or `{n,m}` that opens at `b[i]`, with `i` moved past its `}`.
    private static func repeatCounts(_ b: [UInt8], _ i: inout Int) throws(SyntaxError) -> (min: Int, max: Int) {
        let open = i
        i += 1
        var numbers: [Int?] = [nil]
        while i < b.count, b[i] != UInt8(ascii: "}") {
            if b[i] == UInt8(ascii: ",") {
                numbers.append(nil)
            } else if b[i] >= 48, b[i] <= 57 {
                let n = (numbers[numbers.count - 1] ?? 0) * 10 + Int(b[i] - 48)
                if n > 10_000 {
                    throw SyntaxError(offset: open, message: "a repeat count above 10000")
                }
                numbers[numbers.count - 1] = n
            } else {
                throw SyntaxError(offset: i, message: "expected {n}, {n,} or {n,m}")
            }
            i += 1
        }
        guard i < b.count, numbers.count <= 2, let lo = numbers[0] else {
            throw SyntaxError(offset: open, message: "expected {n}, {n,} or {n,m}")
        }
        i += 1
        let hi = numbers.count == 1 ? lo : (numbers[1] ?? Int.max)
        guard hi >= lo else { throw SyntaxError(offset: open, message: "{n,m} needs n <= m") }
        return (lo, hi)
    }

    /// When every item matches a fixed number of single bytes: their byte sets, one per position.
    private static func fixedSets(_ items: [Item]) -> [UInt64]? {
        var fixed: [UInt64] = []
        for item in items {
            if item.wide || item.min != item.max { return nil }
            for _ in 0..<item.min { fixed += item.set }
        }
        return fixed
    }

    /// The 256-bit set of `bytes`.
    private static func byteSet(_ bytes: some Sequence<UInt8>) -> [UInt64] {
        var s = [UInt64](repeating: 0, count: 4)
        for x in bytes { s[Int(x >> 6)] |= 1 << UInt64(x & 63) }
        return s
    }

    /// An item of one character from `bytes`, or (negated) of any character not among them.
    private static func classItem(_ bytes: [UInt8], negated: Bool) -> Item {
        negated
            ? Item(set: byteSet(bytes).map { ~$0 }, wide: true, min: 1, max: 1)
            : Item(set: byteSet(bytes), wide: false, min: 1, max: 1)
    }

    /// The bytes of the escape class `\d \w \s` (or, upper-case, its negation) named by `c`.
    private static func escapeClass(_ c: UInt8) -> (bytes: [UInt8], negated: Bool)? {
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
