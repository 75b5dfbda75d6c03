import CityIndicatorsBase
import CityIndicatorsCatalog

/// A value accepted from a submission row, converted to its element's unit.
public struct SubmittedValue: Sendable {
    public var element: String
    /// In the element's unit.
    public var value: Double
    /// The cell as written, and the unit it was written in.
    public var written: String
    public var writtenUnit: String
    public var source: String?
    public var notes: String?
    /// The year the fact refers to when not the submission year (`data_year` column).
    public var dataYear: Int?
    /// The value cell.
    public var location: SourceLocation

    public init(
        element: String, value: Double, written: String, writtenUnit: String, source: String?, notes: String?,
        dataYear: Int?, location: SourceLocation
    ) {
        self.element = element
        self.value = value
        self.written = written
        self.writtenUnit = writtenUnit
        self.source = source
        self.notes = notes
        self.dataYear = dataYear
        self.location = location
    }
}

/// What became of one row of a submission. Every data row ends in exactly one of these.
public enum RowOutcome: Sendable {
    case accepted(SubmittedValue)
    /// The value cell is blank: not reported (never zero).
    case notReported(element: String)
    case rejected(element: String?, reason: String)
}

public struct SubmissionRow: Sendable {
    public var line: Int
    public var outcome: RowOutcome
}

/// One departmental CSV file, read and validated row by row.
public struct Submission: Sendable {
    /// The path as given (used in every diagnostic).
    public var path: String
    /// The department named by the file (`water.csv` → water), when it is one.
    public var department: String?
    public var rows: [SubmissionRow] = []
    /// Diagnostics of this file alone; cross-file relation checks are added by `SubmissionSet`.
    public var diagnostics: [Diagnostic] = []
    /// Blank lines that were skipped (not data rows).
    public var blankLines = 0
    /// When the file is a departmental register: what reading it gave. Its rows are then the
    /// elements derived from it.
    public var register: RegisterResult?

    /// Errors and warnings of this file: the diagnostics located in it, out of `diagnostics`
    /// (those of a whole run, cross-file ones included; by default the file's own), plus the
    /// register problems counted but not listed. The one per-file count every summary uses.
    public func tally(in diagnostics: [Diagnostic]? = nil) -> Tally {
        let mine = diagnostics?.filter { $0.location?.file == path } ?? self.diagnostics
        return Tally(errors: mine.errorCount + unlistedErrors, warnings: mine.warningCount + unlistedWarnings)
    }

    /// How many of `diagnostics` (the first) came from reading the register.
    var registerDiagnostics = 0

    /// Register problems counted but not listed (0 for a submission file).
    public var unlistedErrors: Int { unlisted(.error) }
    public var unlistedWarnings: Int { unlisted(.warning) }

    private func unlisted(_ severity: Severity) -> Int {
        guard let register else { return 0 }
        let listed = diagnostics.prefix(registerDiagnostics).filter { $0.severity == severity }.count
        return max(0, (severity == .error ? register.errors : register.warnings) - listed)
    }

    /// Accepted values by element id.
    public var values: [String: SubmittedValue] {
        var result: [String: SubmittedValue] = [:]
        for row in rows { if case .accepted(let v) = row.outcome { result[v.element] = v } }
        return result
    }

    /// Elements whose value cell was left blank.
    public var notReported: Set<String> {
        Set(rows.compactMap { if case .notReported(let e) = $0.outcome { e } else { nil } })
    }

    public var acceptedCount: Int { rows.filter { if case .accepted = $0.outcome { true } else { false } }.count }
    public var notReportedCount: Int { rows.filter { if case .notReported = $0.outcome { true } else { false } }.count }
    public var rejectedCount: Int { rows.filter { if case .rejected = $0.outcome { true } else { false } }.count }
}

/// How many errors and warnings a file or a run has.
public struct Tally: Sendable, Equatable {
    public var errors: Int
    public var warnings: Int

    public init(errors: Int = 0, warnings: Int = 0) {
        self.errors = errors
        self.warnings = warnings
    }

    public static func + (a: Tally, b: Tally) -> Tally {
        Tally(errors: a.errors + b.errors, warnings: a.warnings + b.warnings)
    }
}
