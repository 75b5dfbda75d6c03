import CityIndicators
import Foundation
import GRDB
import Testing

@testable import CityIndicatorsIntake
@testable import CityIndicatorsStore

/// The store against real on-disk SQLite files.
@Suite(.serialized) struct StoreTests {
    let catalog = Fixtures.catalog

    /// A private copy of the sample workspace (some tests edit files).
    func workspaceCopy() throws -> String {
        let dir = NSTemporaryDirectory() + "ws-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Fixtures.path("SampleData/sahyadrinagar"), toPath: dir)
        try? FileManager.default.removeItem(atPath: dir + "/cityind.sqlite")
        return dir
    }

    func importAll(_ ws: Workspace, _ store: Store, years: [Int]? = nil) throws -> [ImportOutcome] {
        var all: [ImportOutcome] = []
        for y in years ?? ws.years {
            all += try store.importYear(
                city: ws.city, year: y, set: try ws.submissions(year: y, catalog: catalog), catalog: catalog, by: "test"
            )
            try store.recordResults(
                city: ws.city, year: y, frameworks: ws.city.frameworks, catalog: catalog, by: "test")
        }
        return all
    }

    @Test func importRevisionsAndIdempotentReimport() throws {
        let dir = try workspaceCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = try Workspace.open(dir, catalog: catalog)
        let store = try Store(path: dir + "/cityind.sqlite")
        let first = try importAll(ws, store)
        #expect(first.allSatisfy { if case .imported(revision: 1, _) = $0.status { true } else { false } })
        let again = try importAll(ws, store)
        #expect(again.allSatisfy { if case .unchanged(revision: 1) = $0.status { true } else { false } })

        // A changed file becomes revision 2; revision 1 stays.
        let fire = dir + "/2024/fire.csv"
        var text = try String(contentsOfFile: fire, encoding: .utf8)
        text = text.replacingOccurrences(of: "firefighters_fulltime,815,", with: "firefighters_fulltime,816,")
        try text.write(toFile: fire, atomically: true, encoding: .utf8)
        let third = try importAll(ws, store, years: [2024])
        #expect(
            third.filter { if case .imported(revision: 2, _) = $0.status { true } else { false } }.map(\.department)
                == ["fire"])
        let cityID = try #require(try store.city(ulbCode: ws.city.ulbCode)?.id)
        let history = try store.elementHistory(cityID: cityID, element: "firefighters_fulltime")
        #expect(
            history.map { "\($0.submission.year)/\($0.submission.revision)=\($0.value.value ?? -1)" } == [
                "2022/1=742.0", "2023/1=768.0", "2024/1=815.0", "2024/2=816.0",
            ])
        #expect(try store.latest(cityID: cityID, year: 2024).values["firefighters_fulltime"]?.value == 816)
        // Results were recomputed for the new inputs; the old computation is kept.
        let results = try store.indicatorHistory(cityID: cityID, indicator: "iso37120-2018:15.1").filter {
            $0.computation.year == 2024
        }
        #expect(results.count == 2)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func aFileWithOneBadRowImportsNothing() throws {
        let dir = try workspaceCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let water = dir + "/2024/water.csv"
        try (try String(contentsOfFile: water, encoding: .utf8) + "water_supplied_totl,5,ML_per_year,typo,\n").write(
            toFile: water, atomically: true, encoding: .utf8)
        let ws = try Workspace.open(dir, catalog: catalog)
        let store = try Store(path: dir + "/cityind.sqlite")
        let outcomes = try importAll(ws, store, years: [2024])
        #expect(outcomes.first { $0.department == "water" }?.status == .refused(errors: 1))
        let cityID = try #require(try store.city(ulbCode: ws.city.ulbCode)?.id)
        let stored = try store.latest(cityID: cityID, year: 2024)
        #expect(!stored.submissions.contains { $0.department == "water" })
        #expect(stored.values["water_supplied_total"] == nil)
        #expect(stored.submissions.count == outcomes.count - 1)
    }

    @Test func migratesAStoreWrittenByTheFirstSchema() throws {
        let path = NSTemporaryDirectory() + "v1-\(UUID().uuidString).sqlite"
        defer { Fixtures.removeStore(path) }
        // Write a store as the first schema left it.
        let pool = try DatabasePool(path: path)
        try Store.migrator.migrate(pool, upTo: "v1-submissions")
        try pool.write { db in
            try db.execute(
                sql:
                    "INSERT INTO city (ulb_code, name, country, created_at) VALUES ('802999', 'Old', 'IN', '2024-01-01T00:00:00Z')"
            )
        }
        try pool.close()
        let store = try Store(path: path)
        #expect(try store.appliedMigrations() == ["v1-submissions", "v2-results-audit"])
        #expect(try store.cities().map(\.name) == ["Old"])
        #expect(try store.auditLog().isEmpty)
    }

    @Test func refusesFilesThatAreNotStoresOrAreNewer() throws {
        let junk = NSTemporaryDirectory() + "junk-\(UUID().uuidString).sqlite"
        try Data("this is a CSV, not a database\n".utf8).write(to: URL(fileURLWithPath: junk))
        defer { Fixtures.removeStore(junk) }
        #expect(throws: StoreError.self) { try Store(path: junk) }

        let other = NSTemporaryDirectory() + "other-\(UUID().uuidString).sqlite"
        defer { Fixtures.removeStore(other) }
        let q = try DatabaseQueue(path: other)
        try q.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        try q.close()
        do {
            _ = try Store(path: other)
            Issue.record("opened another application's database")
        } catch let e as StoreError {
            #expect(e.message.contains("not a CityIndicators store"))
        }

        let newer = NSTemporaryDirectory() + "newer-\(UUID().uuidString).sqlite"
        defer { Fixtures.removeStore(newer) }
        _ = try Store(path: newer)
        let p = try DatabaseQueue(path: newer)
        try p.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')") }
        try p.close()
        do {
            _ = try Store(path: newer)
            Issue.record("opened a newer store")
        } catch let e as StoreError {
            #expect(e.message.contains("newer version of cityind"))
        }
    }

    @Test func schemaEnforcesItsRules() throws {
        let path = NSTemporaryDirectory() + "rules-\(UUID().uuidString).sqlite"
        defer { Fixtures.removeStore(path) }
        _ = try Store(path: path)
        let q = try DatabaseQueue(path: path)
        defer { try? q.close() }
        // A value for a submission that does not exist: foreign key.
        #expect(throws: (any Error).self) {
            try q.write {
                try $0.execute(
                    sql:
                        "INSERT INTO element_value (submission_id, element, unit, line, col) VALUES (999, 'x', 'persons', 2, 1)"
                )
            }
        }
        // Two rows for one city: unique ULB code.
        #expect(throws: (any Error).self) {
            try q.write { db in
                try db.execute(
                    sql: "INSERT INTO city (ulb_code, name, country, created_at) VALUES ('1', 'a', 'IN', 'now')")
                try db.execute(
                    sql: "INSERT INTO city (ulb_code, name, country, created_at) VALUES ('1', 'b', 'IN', 'now')")
            }
        }
    }
}
