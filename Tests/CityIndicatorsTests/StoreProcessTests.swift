import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsIntake
@testable import CityIndicatorsStore

/// The store under real processes: two imports at once, an import killed with SIGKILL.
@Suite(.serialized) struct StoreProcessTests {
    func workspaceCopy() throws -> String {
        let dir = NSTemporaryDirectory() + "wsp-\(UUID().uuidString)"  // removed by each test
        try FileManager.default.copyItem(atPath: Fixtures.path("SampleData/sahyadrinagar"), toPath: dir)
        try? FileManager.default.removeItem(atPath: dir + "/cityind.sqlite")
        return dir
    }

    func start(_ arguments: [String], binary: String = EndToEndTests.binary) throws -> Running {
        try Running.start(binary, arguments)
    }

    func finish(_ run: Running) -> Running.Finished { run.finish() }

    @Test func importThenStatusThenReimport() throws {
        let dir = try workspaceCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = finish(try start(["import", dir, "--by", "CDO"]))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("0 unchanged, 0 refused"))
        let status = finish(try start(["status", dir]))
        #expect(status.status == 0, "\(status.stderr)")
        for year in ["2022", "2023", "2024"] { #expect(status.stdout.contains("\n\(year)\n")) }
        for dept in ["census", "water", "fire", "finance", "transport"] {
            #expect(status.stdout.contains("  \(dept) "))
        }
        #expect(status.stdout.contains("CDO"))
        let again = finish(try start(["import", dir]))
        #expect(again.status == 0)
        #expect(again.stdout.contains(" 0 imported,"))
        #expect(!again.stdout.contains("\nimported "))
    }

    @Test func twoImportsAtOnceBothSucceed() throws {
        let dir = try workspaceCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try start(["import", dir, "--by", "a"])
        let b = try start(["import", dir, "--by", "b"])
        let ra = finish(a)
        let rb = finish(b)
        #expect(ra.status == 0, "\(ra.stderr)")
        #expect(rb.status == 0, "\(rb.stderr)")
        let store = try Store(path: dir + "/cityind.sqlite", create: false)
        #expect(try store.integrityCheck() == "ok")
        let cityID = try #require(try store.cities().first?.id)
        let subs = try store.submissions(cityID: cityID)
        // Every file once, at revision 1: the second process saw the first's work as unchanged.
        #expect(subs.allSatisfy { $0.revision == 1 })
        let files = Set(subs.map(\.fileName))
        #expect(files.count == subs.count)
        let expected = try Workspace.open(dir, catalog: Fixtures.catalog).years.flatMap { y in
            try FileManager.default.contentsOfDirectory(atPath: "\(dir)/\(y)").filter { $0.hasSuffix(".csv") }
        }.count
        #expect(subs.count == expected)
    }

    @Test func killedImportLeavesTheStoreAsItWas() throws {
        let dir = try workspaceCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Import 2022 cleanly first.
        #expect(finish(try start(["import", dir, "--year", "2022"])).status == 0)
        let before = try Store(path: dir + "/cityind.sqlite", create: false)
        let cityID = try #require(try before.cities().first?.id)
        let countBefore = try before.submissions(cityID: cityID).count

        // Start a 2023 import that pauses inside its first file's transaction, then SIGKILL it.
        // The pause is injected into the store by a test-only executable built beside cityind.
        let faulty = (EndToEndTests.binary as NSString).deletingLastPathComponent + "/store-fault"
        let run = try start([dir, "2023", "30"], binary: faulty)
        let deadline = Date().addingTimeInterval(20)
        var paused = false
        var buffer = Data()
        while Date() < deadline {
            let chunk = run.stderr.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            if String(decoding: buffer, as: UTF8.self).contains("paused inside the import transaction") {
                paused = true
                break
            }
        }
        #expect(paused, "the import never reached its transaction: \(String(decoding: buffer, as: UTF8.self))")
        kill(run.process.processIdentifier, SIGKILL)
        run.process.waitUntilExit()
        #expect(run.process.terminationReason == .uncaughtSignal)

        let after = try Store(path: dir + "/cityind.sqlite", create: false)
        #expect(try after.integrityCheck() == "ok")
        #expect(try after.submissions(cityID: cityID).count == countBefore)
        #expect(try after.years(cityID: cityID) == [2022])
        // And the import succeeds when run again.
        #expect(finish(try start(["import", dir, "--year", "2023"])).status == 0)
        #expect(try after.years(cityID: cityID) == [2022, 2023])
    }

    @Test func aJunkStoreIsAClearErrorExit2() throws {
        let dir = try workspaceCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: dir + "/cityind.sqlite"))
        let r = finish(try start(["import", dir]))
        #expect(r.status == 2)
        #expect(r.stderr.contains("is not a CityIndicators store"))
    }
}
