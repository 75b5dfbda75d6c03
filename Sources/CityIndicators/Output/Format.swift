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

    /// A value at the decimals that suit it, grouped for reading: `3,521,000`, `35,21,000`, `0.544`.
    public static func readable(_ value: Double, grouping: Grouping = .international, decimals: Int? = nil) -> String {
        group(fixed(value, decimals: decimals ?? self.decimals(for: value)), grouping)
    }

    /// Inserts digit grouping into a plain decimal text.
    public static func group(_ text: String, _ grouping: Grouping) -> String {
        guard grouping != .none else { return text }
        var digits = text
        var sign = ""
        if digits.hasPrefix("-") { sign = "-"; digits.removeFirst() }
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
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy({ "0123456789.+-eE".contains($0) }), let v = Double(t), v.isFinite else { return nil }
        return v
    }

    /// Half a unit of the last written decimal place: "0.544" → 0.0005, "137" → 0.5.
    public static func halfUnitOfLastPlace(_ text: String) -> Double {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
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

    /// A submission value. Digit grouping (`31,24,458` or `3,124,458`) only when the cell was
    /// quoted; the decimal point is `.`.
    public static func parseSubmission(_ raw: String, quoted: Bool) -> Result<Double, Problem> {
        let t = raw.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .failure(.empty) }
        let lower = t.lowercased()
        if ["nan", "-nan", "+nan"].contains(lower) {
            return .failure(.notFinite(hint: "NaN is not a value: leave the cell blank if the figure is not available, and say why in notes."))
        }
        if ["inf", "-inf", "+inf", "infinity", "-infinity", "+infinity", "#div/0!", "#value!", "#n/a", "#ref!", "#num!"].contains(lower) {
            return .failure(.notFinite(hint: "The spreadsheet shows an error or an infinite value here; fix the formula in the sheet, or leave the cell blank."))
        }
        var text = t
        if text.contains(",") {
            guard quoted else { return .failure(.groupingUnquoted) }
            let international = #"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"#
            let indian = #"^[+-]?\d{1,2}(,\d{2})*,\d{3}(\.\d+)?$"#
            guard text.range(of: international, options: .regularExpression) != nil
                || text.range(of: indian, options: .regularExpression) != nil
            else { return .failure(.badGrouping) }
            text = text.replacingOccurrences(of: ",", with: "")
        }
        guard text.range(of: #"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"#, options: .regularExpression) != nil else {
            var hint = "Write digits with '.' as the decimal point, e.g. 1234.5; quote grouped numbers: \"12,34,567\"."
            if text.hasSuffix("%") { hint = "Leave out the % sign; give the number in the element's unit." }
            else if lower.contains("lakh") || lower.contains("crore") || lower.contains("lac") { hint = "Write the number in digits in the element's unit (1.2 lakh → 120000), or give the unit INR_lakh/INR_crore in the unit column." }
            else if text.contains(" ") { hint = "Remove the spaces inside the number; quote grouped numbers: \"12,34,567\"." }
            else if text.first.map({ "₹$".contains($0) }) ?? false { hint = "Leave out the currency sign; give the unit in the unit column." }
            return .failure(.notANumber(hint: hint))
        }
        guard let value = Double(text), value.isFinite else {
            return .failure(.notFinite(hint: "The number is too large to be a real figure; check the cell."))
        }
        return .success(value)
    }
}
