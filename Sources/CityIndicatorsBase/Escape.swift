/// One escaping function per output language. Each works on Unicode scalars, never on
/// Characters: CR+LF is one Character in Swift, so a test against "\n" or "\r" misses it, and a
/// line break would slip into a CSS string or a table cell unescaped.
public enum Escape {
    /// Text in HTML, as element content or a quoted attribute value.
    public static func html(_ text: String) -> String {
        map(text) { s in
            switch s {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: nil
            }
        }
    }

    /// Text in a Markdown table cell: the pipe and inline markup escaped, HTML-significant
    /// characters as entities, every line break and control character a space.
    public static func markdown(_ text: String) -> String {
        map(text) { s in
            switch s {
            case "|": "\\|"
            case "<": "&lt;"
            case ">": "&gt;"
            case "&": "&amp;"
            case "*", "_", "`", "[", "]": "\\" + String(s)
            default: isControl(s) ? " " : nil
            }
        }
    }

    /// A CSS string literal, quotes included: backslash and quote escaped, `<` and `>` as hex so
    /// no text can close the style element, every control character (line breaks, form feed) as
    /// its hex escape so none can end the string.
    public static func cssString(_ text: String) -> String {
        "\""
            + map(text) { s in
                switch s {
                case "\\": "\\\\"
                case "\"": "\\\""
                case "<", ">": "\\" + String(s.value, radix: 16, uppercase: true) + " "
                default: isControl(s) ? "\\" + String(s.value, radix: 16, uppercase: true) + " " : nil
                }
            } + "\""
    }

    /// Text for a terminal: every control character but the line feed and the tab, and every
    /// bidirectional override, shown as `\u{1B}` instead of being obeyed, so no data can move the
    /// cursor, set the window title, clear the screen or reorder what is shown.
    public static func terminal(_ text: String) -> String {
        map(text) { s in
            if s == "\n" || s == "\t" { return nil }
            let bidi = (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
            return isControl(s) || bidi ? "\\u{" + String(s.value, radix: 16, uppercase: true) + "}" : nil
        }
    }

    /// True for C0 and C1 control characters and DEL (line breaks, tabs, form feed, ESC …).
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s == "\u{2028}" || s == "\u{2029}"
    }

    /// `text` with each scalar for which `replacement` gives a string replaced by it.
    static func map(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let r = replacement(scalar) { out += r } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
