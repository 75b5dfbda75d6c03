import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import Foundation
import GRDB

/// The latest revision of every department's submission for one city-year, as values.
public struct StoredYear: Sendable {
    public var year: Int
    public var submissions: [SubmissionRecord]
    /// Reported values by element, in the element's unit, with file:line provenance.
    public var values: [String: SubmittedValue]
    public var notReported: Set<String>

    /// Values in base units for the evaluator (converted to the catalog's current unit).
    public func baseValues(_ catalog: Catalog) -> [String: Double] {
        var result: [String: Double] = [:]
        for (id, v) in values {
            // Stored in the element's unit at import time; the catalog may have changed it since.
            guard let element = catalog.elements[id] else { continue }
            let stored = catalog.units[v.writtenUnit] ?? element.unit
            guard stored.converts(to: element.unit) else { continue }
            result[id] = stored.convert(v.value, to: element.unit) * element.unit.factor
        }
        return result
    }

    /// Every indicator of the frameworks, computed from the stored values.
    public func compute(_ catalog: Catalog, frameworks: [String]) -> [IndicatorResult] {
        let computer = IndicatorComputer(catalog: catalog)
        let base = baseValues(catalog)
        return catalog.indicators.filter { frameworks.contains($0.framework) }.map {
            computer.compute($0, baseValues: base, submitted: values, notReported: notReported, year: year)
        }
    }
}

extension Store {
    /// Years with at least one submission for the city, ascending.
    public func years(cityID: Int64) throws -> [Int] {
        try pool.read { db in
            try Int.fetchAll(
                db, sql: "SELECT DISTINCT year FROM submission WHERE city_id = ? ORDER BY year", arguments: [cityID])
        }
    }

    /// Every revision of every file, oldest first.
    public func submissions(cityID: Int64) throws -> [SubmissionRecord] {
        try pool.read { db in
            try SubmissionRecord.filter(Column("city_id") == cityID).order(
                Column("year"), Column("department"), Column("revision")
            ).fetchAll(db)
        }
    }

    /// The latest revision per department of a city-year, with its values.
    public func latest(cityID: Int64, year: Int) throws -> StoredYear {
        try pool.read { db in
            let submissions = try SubmissionRecord.fetchAll(
                db,
                sql: """
                    SELECT s.* FROM submission s
                    WHERE s.city_id = ? AND s.year = ? AND s.revision = (
                        SELECT MAX(t.revision) FROM submission t
                        WHERE t.city_id = s.city_id AND t.year = s.year AND t.department = s.department)
                    ORDER BY s.department
                    """, arguments: [cityID, year])
            var values: [String: SubmittedValue] = [:]
            var notReported = Set<String>()
            let byID = Dictionary(uniqueKeysWithValues: submissions.map { ($0.id!, $0) })
            if !submissions.isEmpty {
                let ids = submissions.map { String($0.id!) }.joined(separator: ",")
                let rows = try ElementValueRecord.fetchAll(
                    db, sql: "SELECT * FROM element_value WHERE submission_id IN (\(ids)) ORDER BY id")
                for r in rows {
                    guard let value = r.value else {
                        notReported.insert(r.element)
                        continue
                    }
                    let file = byID[r.submissionID]?.fileName ?? ""
                    values[r.element] = SubmittedValue(
                        element: r.element, value: value, written: r.written ?? "", writtenUnit: r.unit,
                        source: r.source, notes: r.notes, dataYear: r.dataYear,
                        location: SourceLocation(file: file, line: r.line, column: r.column))
                }
            }
            return StoredYear(year: year, submissions: submissions, values: values, notReported: notReported)
        }
    }

    /// Computes the city-year's indicators from the stored values and records them, unless the
    /// latest computation already used the same inputs and catalog. Returns true when recorded.
    @discardableResult
    public func recordResults(city: CityProfile, year: Int, frameworks: [String], catalog: Catalog, by actor: String)
        throws -> Bool
    {
        guard let cityRecord = try self.city(ulbCode: city.ulbCode), let cityID = cityRecord.id else { return false }
        let stored = try latest(cityID: cityID, year: year)
        guard !stored.submissions.isEmpty else { return false }
        let inputs = stored.submissions.compactMap(\.id).sorted().map(String.init).joined(separator: ",")
        let at = timestamp()
        var recorded = false
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                for framework in frameworks {
                    let last =
                        try ComputationRecord
                        .filter(
                            Column("city_id") == cityID && Column("year") == year && Column("framework") == framework
                        )
                        .order(Column("id").desc).fetchOne(db)
                    if let last, last.inputs == inputs, last.catalogVersion == catalog.version { continue }
                    var computation = ComputationRecord(
                        cityID: cityID, year: year, framework: framework, catalogVersion: catalog.version,
                        computedAt: at, inputs: inputs)
                    try computation.insert(db)
                    let insert = try db.cachedStatement(
                        sql: """
                            INSERT INTO indicator_result (computation_id, indicator, type, status, value, numerator, denominator, unit, reason, definition_hash)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    for r in stored.compute(catalog, frameworks: [framework]) {
                        try insert.execute(arguments: [
                            computation.id!, r.indicator.id, r.indicator.type.rawValue, r.status.rawValue, r.value,
                            r.numerator?.value, r.denominator?.value, r.indicator.unit.id, r.reasonText,
                            r.indicator.definitionHash,
                        ])
                    }
                    var audit = AuditRecord(
                        at: at, actor: actor, action: "compute", cityID: cityID,
                        detail: "\(framework) \(year) from submissions \(inputs)")
                    try audit.insert(db)
                    recorded = true
                }
                return .commit
            }
        }
        return recorded
    }

    /// One element's values over years and revisions, oldest first.
    public func elementHistory(cityID: Int64, element: String) throws -> [(
        submission: SubmissionRecord, value: ElementValueRecord
    )] {
        try history(
            """
            SELECT s.*, v.id AS child_id FROM element_value v JOIN submission s ON s.id = v.submission_id
            WHERE s.city_id = ? AND v.element = ? ORDER BY s.year, s.revision
            """, [cityID, element])
    }

    /// One indicator's recorded results over years and computations, oldest first.
    public func indicatorHistory(cityID: Int64, indicator: String) throws -> [(
        computation: ComputationRecord, result: IndicatorResultRecord
    )] {
        try history(
            """
            SELECT c.*, r.id AS child_id FROM indicator_result r JOIN computation c ON c.id = r.computation_id
            WHERE c.city_id = ? AND r.indicator = ? ORDER BY c.year, c.id
            """, [cityID, indicator])
    }

    /// The rows of a query over a parent table, each with the child row whose id it names
    /// `child_id`: the one shape of both histories.
    private func history<Parent: FetchableRecord, Child: FetchableRecord & TableRecord>(
        _ sql: String, _ arguments: StatementArguments
    ) throws -> [(Parent, Child)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let id: Int64 = row["child_id"]
                guard let child = try Child.fetchOne(db, key: id) else {
                    throw StoreError(
                        message: "\(path): row \(id) of \(Child.databaseTableName) vanished while it was read",
                        hint: "Check the store with `sqlite3 \(path) 'PRAGMA integrity_check'`.")
                }
                return (try Parent(row: row), child)
            }
        }
    }

    /// The latest year before `year` with a submission, for year-over-year checks.
    public func previousYear(cityID: Int64, before year: Int) throws -> Int? {
        try pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT MAX(year) FROM submission WHERE city_id = ? AND year < ?", arguments: [cityID, year])
        }
    }
}
