import Foundation

/// Number formatting shared by every renderer: deterministic, locale-independent.
public enum Format {
    public enum Grouping: String, Sendable, CaseIterable { case international, indian, none }

    /// The shortest text that reads back as the same number: `3521000`, `0.544`, `1e+20`.
    public static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Fixed decimals, no grouping: `0.5441`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(max(0, decimals))f", value)
        return text == "-0" || text.hasPrefix("-0.") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// Decimals that suit a reported indicator value of this size (3 significant digits for small ones).
    public static func decimals(for value: Double) -> Int {
        let a = abs(value)
        if a == 0 { return 0 }
        if a >= 1000 || (a >= 1 && value == value.rounded()) { return 0 }
        if a >= 100 { return 1 }
        if a >= 1 { return 2 }
        let places = Int((-log10(a)).rounded(.down)) + 3
        return min(places, 8)
    }

    /// A whole number with international grouping: `1,234,567`.
    public static func grouped(_ n: Int) -> String { group(String(n), .international) }

    /// A value at the decimals that suit it, grouped for reading: `3,521,000`, `35,21,000`, `0.544`.
    public static func readable(_ value: Double, grouping: Grouping = .international, decimals: Int? = nil) -> String {
        group(fixed(value, decimals: decimals ?? self.decimals(for: value)), grouping)
    }

    /// Inserts digit grouping into a plain decimal text.
    public static func group(_ text: String, _ grouping: Grouping) -> String {
        guard grouping != .none else { return text }
        var digits = text
        var sign = ""
        if digits.hasPrefix("-") {
            sign = "-"
            digits.removeFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1).map(String.init)
        var whole = Array(parts.first ?? "")
        var groups: [String] = []
        var size = 3
        while whole.count > size {
            groups.insert(String(whole.suffix(size)), at: 0)
            whole.removeLast(size)
            if grouping == .indian { size = 2 }
        }
        groups.insert(String(whole), at: 0)
        return sign + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }
}

/// Reading numbers written by people: catalog values and submission cells.
public enum NumberText {
    /// A plain number (`100000`, `0.544`, `1e5`, `-3`); nil for anything else, including NaN and infinity.
    public static func parsePlain(_ text: String) -> Double? {
        CellParsers.number(text.trimmedSpaces)
    }

    /// Half a unit of the last written decimal place: "0.544" → 0.0005, "137" → 0.5.
    public static func halfUnitOfLastPlace(_ text: String) -> Double {
        let t = text.trimmedSpaces.lowercased()
        var mantissa = Substring(t)
        var exponent = 0
        if let e = t.firstIndex(of: "e") {
            mantissa = t[..<e]
            exponent = Int(t[t.index(after: e)...]) ?? 0
        }
        let decimals = mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
        return 0.5 * pow(10, Double(exponent - decimals)) * (1 + 1e-9)
    }

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case notANumber(hint: String)
        case notFinite(hint: String)
        case groupingUnquoted
        case badGrouping
    }

    /// International (`3,124,458.5`) or Indian (`31,24,458.5`) digit grouping.
    static func isGrouped(_ text: String) -> Bool {
        var body = Substring(text)
        if let c = body.first, c == "+" || c == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 && (parts[1].isEmpty || !parts[1].allSatisfy(\.isASCII) || !parts[1].allSatisfy(\.isNumber))
        {
            return false
        }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false).map { $0 }
        guard groups.count >= 2, groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return false }
        let last = groups.last!.count
        let first = groups.first!.count
        let middle = groups.dropFirst().dropLast().map(\.count)
        let international = last == 3 && (1...3).contains(first) && middle.allSatisfy { $0 == 3 }
        let indian = last == 3 && (1...2).contains(first) && middle.allSatisfy { $0 == 2 }
        return international || indian
    }

    /// A submission value. Digit grouping (`31,24,458` or `3,124,458`) only when the cell was
    /// quoted; the decimal point is `.`.
    public static func parseSubmission(_ raw: String, quoted: Bool) -> Result<Double, Problem> {
        let t = raw.trimmedSpaces
        if t.isEmpty { return .failure(.empty) }
        let lower = t.lowercased()
        if ["nan", "-nan", "+nan"].contains(lower) {
            return .failure(
                .notFinite(
                    hint:
                        "NaN is not a value: leave the cell blank if the figure is not available, and say why in notes."
                ))
        }
        if [
            "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity", "#div/0!", "#value!", "#n/a", "#ref!", "#num!",
        ].contains(lower) {
            return .failure(
                .notFinite(
                    hint:
                        "The spreadsheet shows an error or an infinite value here; fix the formula in the sheet, or leave the cell blank."
                ))
        }
        var text = t
        if text.contains(",") {
            guard quoted else { return .failure(.groupingUnquoted) }
            guard isGrouped(text) else { return .failure(.badGrouping) }
            text = text.replacingOccurrences(of: ",", with: "")
        }
        let (value, wellFormed) = CellParsers.decimal(text)
        guard wellFormed else {
            var hint = "Write digits with '.' as the decimal point, e.g. 1234.5; quote grouped numbers: \"12,34,567\"."
            // Digits of other scripts: Devanagari, Arabic-Indic, Eastern Arabic-Indic, full-width.
            let otherDigits: [(ClosedRange<UInt32>, String)] = [
                (0x0966...0x096F, "Devanagari"), (0x0660...0x0669, "Arabic-Indic"),
                (0x06F0...0x06F9, "Eastern Arabic-Indic"), (0xFF10...0xFF19, "full-width"),
            ]
            if let script = otherDigits.first(where: { r in text.unicodeScalars.contains { r.0.contains($0.value) } })?
                .1
            {
                hint = "The value is written in \(script) digits, which are not read yet: write it with the digits 0–9."
            } else if text.hasSuffix("%") {
                hint = "Leave out the % sign; give the number in the element's unit."
            } else if lower.contains("lakh") || lower.contains("crore") || lower.contains("lac") {
                hint =
                    "Write the number in digits in the element's unit (1.2 lakh → 120000), or give the unit INR_lakh/INR_crore in the unit column."
            } else if text.contains(" ") {
                hint = "Remove the spaces inside the number; quote grouped numbers: \"12,34,567\"."
            } else if text.first.map({ "₹$".contains($0) }) ?? false {
                hint = "Leave out the currency sign; give the unit in the unit column."
            }
            return .failure(.notANumber(hint: hint))
        }
        guard let value else {
            return .failure(.notFinite(hint: "The number is too large to be a real figure; check the cell."))
        }
        return .success(value)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (cheaper than Foundation's trimming).
    package var trimmedSpaces: String {
        let u = utf8
        guard let first = u.firstIndex(where: { $0 != 32 && $0 != 9 }) else { return "" }
        let last = u.lastIndex(where: { $0 != 32 && $0 != 9 })!
        if first == u.startIndex && last == u.index(before: u.endIndex) { return String(self) }
        return String(self[first...last])
    }
}
