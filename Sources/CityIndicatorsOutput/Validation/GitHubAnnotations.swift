import CityIndicatorsBase

/// Diagnostics as GitHub Actions workflow commands (`::error file=…,line=…::message`), which a
/// runner shows as annotations on the pull request.
public enum GitHubAnnotations {
    /// One command per diagnostic, at most `limit`.
    public static func commands(_ diagnostics: [Diagnostic], limit: Int = .max) -> String {
        var text = ""
        for d in diagnostics.prefix(limit) {
            let kind =
                switch d.severity {
                case .error: "error"
                case .warning: "warning"
                case .info: "notice"
                }
            var properties: [String] = []
            if let l = d.location { properties.append("file=" + escapeProperty(l.file)) }
            properties.append("title=" + escapeProperty(d.code.rawValue))
            if let l = d.location {
                if l.line > 0 { properties.append("line=\(l.line)") }
                if l.column > 0 { properties.append("col=\(l.column)") }
            }
            let message = d.message + (d.hint.map { " — \($0)" } ?? "")
            text += "::\(kind) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }
        return text
    }

    /// A command's message: `%`, CR and LF encoded, as the runner's documentation asks, so no
    /// data can end the line and start a command of its own.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value: as data, and `:` and `,` too, which would end the value.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
