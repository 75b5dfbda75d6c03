import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import Foundation
import GRDB

/// A problem with the store file itself (not a store, newer version, cannot open).
public struct StoreError: UserFacingError, Sendable {
    public var message: String
    public var hint: String?
}

/// The SQLite store: cities, submissions with provenance and revisions, element values,
/// computed results and an audit log. WAL mode; every file is imported in one IMMEDIATE
/// transaction, so concurrent imports serialise and a killed import leaves nothing behind.
public final class Store: @unchecked Sendable {
    public let path: String
    let pool: DatabasePool
    /// The clock; ISO 8601 UTC strings are stored.
    let now: @Sendable () -> Date
    /// Called inside a file's import transaction, after its values are written (fault tests).
    let insideImportTransaction: (@Sendable (String) -> Void)?

    /// Opens (and if needed creates or migrates) the store at `path`. `clock` and
    /// `insideImportTransaction` are for tests: a fixed time, a pause inside a transaction.
    public init(
        path: String, create: Bool = true, clock: @escaping @Sendable () -> Date = { Date() },
        insideImportTransaction: (@Sendable (String) -> Void)? = nil
    ) throws {
        self.path = path
        self.now = clock
        self.insideImportTransaction = insideImportTransaction
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path)
        if !exists && !create {
            throw StoreError(
                message: "\(path): no store here",
                hint: "Run `cityind import WORKSPACE` first, or give the store with --db.")
        }
        if exists, let handle = FileHandle(forReadingAtPath: path) {
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            try? handle.close()
            if !header.isEmpty && header != Data("SQLite format 3\0".utf8) {
                throw StoreError(
                    message: "\(path) is not a CityIndicators store (not an SQLite database)",
                    hint: "Give another path with --db, or move this file away.")
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(120)
        config.foreignKeysEnabled = true
        // WAL with synchronous=NORMAL: a commit survives the process being killed (the tests kill
        // -9 an import); only a power cut can lose the latest commits, never corrupt the store.
        // FULL would fsync every file's commit, which dominated importing thousands of files.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StoreError(
                message: "cannot open the store \(path): \(error)", hint: "Check the path and its permissions.")
        }
        try prepare()
    }

    private func prepare() throws {
        let migrator = Store.migrator
        let known = Set(migrator.migrations)
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                    let tables = try String.fetchAll(
                        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                    if appID != Store.applicationID && !tables.isEmpty {
                        throw StoreError(
                            message: "\(path) is an SQLite database but not a CityIndicators store",
                            hint: "Give another path with --db.")
                    }
                    if tables.contains("grdb_migrations") {
                        let applied = try migrator.appliedIdentifiers(db)
                        let unknown = applied.subtracting(known)
                        if !unknown.isEmpty {
                            throw StoreError(
                                message:
                                    "\(path) was written by a newer version of cityind (schema \(unknown.sorted().joined(separator: ", ")))",
                                hint:
                                    "Upgrade cityind to read it; this version knows the schema up to \(migrator.migrations.last ?? "")."
                            )
                        }
                    }
                    return .commit
                }
            }
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(message: "cannot open the store \(path): \(error)", hint: nil)
        }
    }

    /// The schema migrations applied, in order.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Store.migrator.completedMigrations(db) }
    }

    /// `PRAGMA integrity_check` result ("ok" when sound).
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// `2026-11-27T01:42:42Z` (UTC, whole seconds), formatted by hand: creating a date formatter
    /// per row was a measurable part of an import.
    func timestamp() -> String {
        var t = time_t(now().timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// The city's row, created on first use (keyed by ULB code).
    func cityID(_ db: Database, _ city: CityProfile, at: String) throws -> Int64 {
        if let existing = try CityRecord.filter(Column("ulb_code") == city.ulbCode).fetchOne(db) {
            return existing.id!
        }
        var record = CityRecord(ulbCode: city.ulbCode, name: city.name, country: city.country, createdAt: at)
        try record.insert(db)
        return record.id!
    }

    public func cities() throws -> [CityRecord] {
        try pool.read { db in try CityRecord.order(Column("ulb_code")).fetchAll(db) }
    }

    public func city(ulbCode: String) throws -> CityRecord? {
        try pool.read { db in try CityRecord.filter(Column("ulb_code") == ulbCode).fetchOne(db) }
    }

    public func auditLog(cityID: Int64? = nil) throws -> [AuditRecord] {
        try pool.read { db in
            var request = AuditRecord.order(Column("id"))
            if let cityID { request = request.filter(Column("city_id") == cityID) }
            return try request.fetchAll(db)
        }
    }
}
