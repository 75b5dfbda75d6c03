import CityIndicators
import Foundation

/// Writes to stdout or stderr; colour only on a terminal and never with NO_COLOR.
struct Terminal {
    enum Colour {
        case red, yellow, green, cyan, bold, dim

        /// The SGR parameter that selects it.
        var parameter: Int {
            switch self {
            case .red: 31
            case .yellow: 33
            case .green: 32
            case .cyan: 36
            case .bold: 1
            case .dim: 2
            }
        }
    }

    let handle: FileHandle
    let colour: Bool

    init(_ handle: FileHandle, fd: Int32) {
        self.handle = handle
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        colour = !noColour && isatty(fd) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    static let standardOutput = Terminal(.standardOutput, fd: 1)
    static let standardError = Terminal(.standardError, fd: 2)

    /// Styled text: marked with private-use characters around the SGR parameter, turned into the
    /// escape sequence by `write` after the text itself was made safe.
    func style(_ text: String, _ c: Colour) -> String {
        colour ? "\u{F8F0}\(c.parameter)\u{F8F1}\(text)\u{F8F0}0\u{F8F1}" : text
    }

    /// Writes text built from data: control characters shown, not obeyed (`Escape.terminal`);
    /// only this tool's own colour marks become escape sequences.
    func write(_ text: String) {
        var out = Escape.terminal(text)
        if colour {
            out = out.replacing(#/\x{F8F0}([0-9]{1,2})\x{F8F1}/#) { "\u{1B}[\($0.output.1)m" }
        }
        handle.write(Data(out.utf8))
    }

    /// A diagnostic in compiler style, coloured by severity.
    func render(_ d: Diagnostic) -> String {
        let c: Colour = d.severity == .error ? .red : d.severity == .warning ? .yellow : .cyan
        var text = ""
        if let location = d.location { text += style(location.description + ":", .bold) + " " }
        text += style("\(d.severity.rawValue)[\(d.code.rawValue)]", c) + ": " + d.message
        if let hint = d.hint, !hint.isEmpty { text += "\n  " + style("hint:", .dim) + " " + hint }
        return text + "\n"
    }
}

extension Terminal {
    /// A file's mark in a summary: ✗ errors, ! warnings, ✓ clean.
    func mark(_ mark: ValidationSummary.Mark) -> String {
        switch mark {
        case .failed: style("✗", .red)
        case .warned: style("!", .yellow)
        case .passed: style("✓", .green)
        }
    }
}
