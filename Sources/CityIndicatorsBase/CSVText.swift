/// CSV writing that Excel opens safely: quotes where needed, neutralises formula injection.
public enum CSVText {
    public static func cell(_ text: String) -> String {
        var t = text
        // The first scalar, not the first Character: "=" with a combining mark is one Character.
        if let first = t.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), CellParsers.number(t) == nil {
            t = "'" + t
        }
        // Scalars, not Characters: CR+LF is one Character and would pass a test for "\n".
        if t.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return t
    }

    public static func row(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\r\n" }
}
