import CityIndicatorsBase

/// A physical dimension as exponents of base dimensions (`length^3 / time` → length: 3, time: -1).
public struct Dimension: Hashable, Sendable, CustomStringConvertible {
    public static let baseNames = ["count", "length", "mass", "time", "energy", "inr", "usd"]
    public private(set) var exponents: [String: Int]

    public static let none = Dimension(exponents: [:])

    public init(exponents: [String: Int]) {
        self.exponents = exponents.filter { $0.value != 0 }
    }

    public init(base: String) { self.init(exponents: [base: 1]) }

    public var isDimensionless: Bool { exponents.isEmpty }

    public static func * (a: Dimension, b: Dimension) -> Dimension {
        Dimension(exponents: a.exponents.merging(b.exponents, uniquingKeysWith: +))
    }

    public static func / (a: Dimension, b: Dimension) -> Dimension {
        Dimension(exponents: a.exponents.merging(b.exponents.mapValues { -$0 }, uniquingKeysWith: +))
    }

    public func power(_ n: Int) -> Dimension { Dimension(exponents: exponents.mapValues { $0 * n }) }

    /// `count/length^3`, `1` when dimensionless; base names in a fixed order.
    public var description: String {
        if exponents.isEmpty { return "1" }
        func term(_ name: String, _ e: Int) -> String { e == 1 ? name : "\(name)^\(e)" }
        let order = Dimension.baseNames + exponents.keys.filter { !Dimension.baseNames.contains($0) }.sorted()
        let up = order.compactMap { n in exponents[n].flatMap { $0 > 0 ? term(n, $0) : nil } }
        let down = order.compactMap { n in exponents[n].flatMap { $0 < 0 ? term(n, -$0) : nil } }
        var text = up.isEmpty ? "1" : up.joined(separator: "·")
        if !down.isEmpty { text += "/" + (down.count > 1 ? "(" + down.joined(separator: "·") + ")" : down[0]) }
        return text
    }
}

/// A unit of the catalog: its dimension and how many base units one of it is.
public struct Unit: Sendable, Hashable {
    public var id: String
    public var title: String
    public var symbol: String
    public var dimension: Dimension
    public var factor: Double
    public var family: String?
    public var location: SourceLocation

    /// Safe conversion: same unit, or same family (and therefore same dimension).
    public func converts(to other: Unit) -> Bool {
        if id == other.id { return true }
        guard let family, let otherFamily = other.family else { return false }
        return family == otherFamily && dimension == other.dimension
    }

    /// `value` of this unit expressed in `other` (call only when `converts(to:)`).
    public func convert(_ value: Double, to other: Unit) -> Double {
        id == other.id ? value : value * factor / other.factor
    }

    /// How to print a value of this unit: the symbol, else the title.
    public var label: String { symbol.isEmpty ? title : symbol }
}

/// Parses the little product language of `dimension:` and `of:` (`length^3 / time`, `ML / year`).
enum UnitProduct {
    struct Term {
        var name: String
        var exponent: Int
    }

    /// Terms with signed exponents, or an error message with the 1-based offset of the problem.
    static func parse(_ text: String) -> Result<[Term], ProductError> {
        var terms: [Term] = []
        var sign = 1
        var expectTerm = true
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " {
                i += 1
                continue
            }
            if c == "*" || c == "·" || c == "/" {
                if expectTerm { return .failure(ProductError(offset: i + 1, message: "expected a name before '\(c)'")) }
                sign = c == "/" ? -1 : 1
                expectTerm = true
                i += 1
                continue
            }
            if c.isLetter || c == "_" || c == "1" {
                guard expectTerm else {
                    return .failure(ProductError(offset: i + 1, message: "expected '*' or '/' before '\(c)'"))
                }
                var name = ""
                if c == "1" {
                    name = "1"
                    i += 1
                } else {
                    while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" {
                        name.append(chars[i])
                        i += 1
                    }
                }
                var exponent = 1
                if i < chars.count, chars[i] == "^" {
                    i += 1
                    var digits = ""
                    if i < chars.count, chars[i] == "-" {
                        digits.append("-")
                        i += 1
                    }
                    while i < chars.count, chars[i].isNumber {
                        digits.append(chars[i])
                        i += 1
                    }
                    guard let e = Int(digits) else {
                        return .failure(ProductError(offset: i + 1, message: "expected a whole exponent after '^'"))
                    }
                    exponent = e
                }
                if name != "1" { terms.append(Term(name: name, exponent: exponent * sign)) }
                expectTerm = false
                continue
            }
            return .failure(ProductError(offset: i + 1, message: "unexpected '\(c)'"))
        }
        if expectTerm { return .failure(ProductError(offset: chars.count + 1, message: "expected a name at the end")) }
        return .success(terms)
    }

    struct ProductError: Error {
        var offset: Int
        var message: String
    }
}
