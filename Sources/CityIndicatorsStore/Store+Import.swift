import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import Foundation
import GRDB

/// What became of one file in `import`.
public struct ImportOutcome: Sendable {
    public enum Status: Sendable, Equatable {
        /// A new revision was written with this many rows (accepted + not reported).
        case imported(revision: Int, rows: Int)
        /// Same SHA-256 as the latest revision: nothing written.
        case unchanged(revision: Int)
        /// Not imported: the file has errors (nothing of it was written).
        case refused(errors: Int)
    }

    public var file: String
    public var department: String?
    public var year: Int
    public var status: Status
}

extension Store {
    /// Imports the submissions of one city-year, each file atomically (all of it or none).
    /// A file with any error is refused whole; a file whose SHA-256 equals its department's
    /// latest revision is skipped; anything else becomes a new revision. Nothing is overwritten.
    /// A register file is stored under its register id, with the elements derived from it.
    public func importYear(city: CityProfile, year: Int, set: SubmissionSet, catalog: Catalog, by actor: String) throws
        -> [ImportOutcome]
    {
        let all = set.allDiagnostics
        var outcomes: [ImportOutcome] = []
        for submission in set.submissions {
            let errors = submission.tally(in: all).errors + (submission.department == nil ? 1 : 0)
            // A register is its own stream of revisions (fire_calls beside fire), holding the
            // elements derived from it.
            guard errors == 0, let department = submission.register?.register ?? submission.department else {
                outcomes.append(
                    ImportOutcome(
                        file: submission.path, department: submission.department, year: year,
                        status: .refused(errors: errors)))
                continue
            }
            guard let sha = FileDigest.sha256(path: submission.path) else {
                throw StoreError(message: "\(submission.path): cannot be read", hint: nil)
            }
            let status = try importFile(
                submission, department: department, sha: sha, city: city, year: year, catalog: catalog, by: actor)
            outcomes.append(ImportOutcome(file: submission.path, department: department, year: year, status: status))
        }
        return outcomes
    }

    private func importFile(
        _ s: Submission, department: String, sha: String, city: CityProfile, year: Int, catalog: Catalog,
        by actor: String
    ) throws -> ImportOutcome.Status {
        let at = timestamp()
        var status = ImportOutcome.Status.unchanged(revision: 0)
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let cityID = try cityID(db, city, at: at)
                let latest =
                    try SubmissionRecord
                    .filter(Column("city_id") == cityID && Column("year") == year && Column("department") == department)
                    .order(Column("revision").desc).fetchOne(db)
                if let latest, latest.sha256 == sha {
                    status = .unchanged(revision: latest.revision)
                    return .commit
                }
                var record = SubmissionRecord(
                    cityID: cityID, year: year, department: department, fileName: s.path, sha256: sha,
                    revision: (latest?.revision ?? 0) + 1, importedAt: at, importedBy: actor,
                    catalogVersion: catalog.version, rowsAccepted: s.acceptedCount,
                    rowsNotReported: s.notReportedCount, rowsRejected: s.rejectedCount)
                try record.insert(db)
                // One cached prepared statement for every row (GRDB's Codable persistence per row
                // was the slowest part of an import).
                let insert = try db.cachedStatement(
                    sql: """
                        INSERT INTO element_value (submission_id, element, value, unit, written, written_unit, source, notes, data_year, line, col)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                var rows = 0
                for row in s.rows {
                    switch row.outcome {
                    case .accepted(let v):
                        try insert.execute(arguments: [
                            record.id!, v.element, v.value, catalog.elements[v.element]?.unit.id ?? "", v.written,
                            v.writtenUnit,
                            v.source, v.notes, v.dataYear, v.location.line, v.location.column,
                        ])
                    case .notReported(let element):
                        try insert.execute(arguments: [
                            record.id!, element, nil, catalog.elements[element]?.unit.id ?? "", nil, nil, nil, nil, nil,
                            row.line, 1,
                        ])
                    case .rejected:
                        continue  // a file with rejected rows has errors and never gets here
                    }
                    rows += 1
                }
                var audit = AuditRecord(
                    at: at, actor: actor, action: "import", cityID: cityID,
                    detail:
                        "\(department) \(year) revision \(record.revision) from \(s.path) (sha256 \(sha), \(rows) rows)"
                )
                try audit.insert(db)
                insideImportTransaction?(s.path)
                status = .imported(revision: record.revision, rows: rows)
                return .commit
            }
        }
        return status
    }
}
