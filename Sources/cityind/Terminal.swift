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

    func style(_ text: String, _ c: Colour) -> String {
        colour ? "\u{1B}[\(c.parameter)m\(text)\u{1B}[0m" : text
    }

    func write(_ text: String) { handle.write(Data(text.utf8)) }

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
