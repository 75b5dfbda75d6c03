/// Where something is: a file and a 1-based line and column (column 0 = the whole line).
public struct SourceLocation: Hashable, Sendable, Codable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, leaving out what is unknown.
    public var description: String {
        if line <= 0 { return file }
        if column <= 0 { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case error, warning, info

    var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .info: 0
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One problem found in a catalog file, a submission or a workspace.
///
/// Recoverable problems are collected as diagnostics (all in one pass); only unreadable input is
/// thrown. `code` is stable and documented in `docs/diagnostics.md`.
public struct Diagnostic: Hashable, Sendable, Codable {
    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var location: SourceLocation?
    public var hint: String?

    public init(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?, hint: String? = nil,
        severity: Severity? = nil
    ) {
        self.severity = severity ?? code.severity
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// `file:line:col: error[CODE]: message`, then `  hint: …` on the next line.
    public var rendered: String {
        var text = ""
        if let location { text += location.description + ": " }
        text += "\(severity.rawValue)[\(code.rawValue)]: \(message)"
        if let hint, !hint.isEmpty { text += "\n  hint: \(hint)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, then code, so output is deterministic.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { lhs, rhs in
            let a = lhs.element.location ?? SourceLocation(file: "")
            let b = rhs.element.location ?? SourceLocation(file: "")
            if a != b { return a < b }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}

/// An error a person can act on: what went wrong and, when known, how to fix it. Commands print
/// it as `error: message` and `  hint: hint`, and exit 2.
public protocol UserFacingError: Error, CustomStringConvertible {
    var message: String { get }
    var hint: String? { get }
}

extension UserFacingError {
    public var description: String { message + (hint.map { "\n  hint: \($0)" } ?? "") }
}

/// Thrown for input that cannot be read at all (a missing file, a catalog that does not exist).
public struct InputError: UserFacingError, Sendable {
    public var message: String
    public var hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
