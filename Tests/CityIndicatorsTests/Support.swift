import CityIndicators
import Foundation

@testable import CityIndicatorsBase
@testable import CityIndicatorsCatalog

/// Paths and shared fixtures for the tests.
enum Fixtures {
    /// The package root, found from this file's path.
    static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    /// The repository's catalog, read from `Indicators/` on disk (what the binary embeds).
    static let catalogLoad: (catalog: Catalog, diagnostics: [Diagnostic]) = {
        let files = ((try? CatalogSource.directory(path("Indicators"))) ?? []).map {
            CatalogFile(displayPath: "Indicators/" + $0.relativePath, relativePath: $0.relativePath, data: $0.data)
        }
        return CatalogLoader.load(files, origin: "built-in")
    }()

    static var catalog: Catalog { catalogLoad.catalog }

    /// A catalog made of the given files (relative path → YAML text) on top of a minimal base.
    static func load(_ files: [String: String], base: Bool = true) -> (catalog: Catalog, diagnostics: [Diagnostic]) {
        var all = base ? baseFiles : [:]
        for (k, v) in files { all[k] = v }
        let list = all.map {
            CatalogFile(displayPath: "Indicators/\($0.key)", relativePath: $0.key, data: Data($0.value.utf8))
        }
        return CatalogLoader.load(list, origin: "test")
    }

    static let baseFiles: [String: String] = [
        "units.yaml": """
        units:
          - {id: persons, title: persons, dimension: count, factor: 1}
          - {id: households, title: households, dimension: count, factor: 1}
          - {id: ML, title: megalitres, dimension: length^3, factor: 1000, family: volume}
          - {id: year, title: years, dimension: time, factor: 31536000, family: time}
          - {id: day, title: days, dimension: time, factor: 86400, family: time}
          - {id: L, title: litres, dimension: length^3, factor: 0.001, family: volume}
          - {id: ML_per_year, title: ML per year, of: ML / year, family: volume_flow}
          - {id: ML_per_day, title: ML per day, of: ML / day, family: volume_flow}
          - {id: percent, title: percent, symbol: "%", dimension: "1", factor: 1}
          - {id: per_100k, title: per 100 000, dimension: "1", factor: 1}
          - {id: L_per_capita_day, title: L per capita per day, of: L / persons / day}
        """,
        "departments.yaml": """
        departments:
          - {id: census, name: Census}
          - {id: water, name: Water}
          - {id: fire, name: Fire}
        """,
        "elements/census.yaml": """
        department: census
        elements:
          - id: population_total
            title: Population
            description: People.
            unit: persons
            kind: count
            bounds: {min: 1}
        """,
        "elements/water.yaml": """
        department: water
        elements:
          - id: water_supplied
            title: Water supplied
            description: Annual volume.
            unit: ML_per_year
            kind: amount
            bounds: {min: 0}
            plausible: {min: 1000}
          - id: water_used
            title: Water used
            description: Annual volume.
            unit: ML_per_year
            kind: amount
        relations:
          - id: used_within_supplied
            check: water_used <= water_supplied
            tolerance: 0.01
            message: Water used cannot exceed water supplied.
        """,
        "elements/fire.yaml": """
        department: fire
        elements:
          - id: fire_deaths
            title: Fire deaths
            description: Deaths.
            unit: persons
            kind: count
            bounds: {min: 0}
        """,
        "frameworks/t.yaml": """
        id: t-1
        title: Test framework
        standard: TEST
        edition: "1"
        themes:
          - {id: safety, clause: "1", title: Safety}
          - {id: water, clause: "2", title: Water}
        """,
        "t-1/1.1.yaml": """
        id: t-1:1.1
        theme: safety
        type: core
        title: Fire deaths per 100 000
        numerator: fire_deaths
        denominator: population_total
        multiplier: 100000
        unit: per_100k
        direction: lower
        confidence: verified
        source: test
        examples:
          - name: typical
            inputs: {fire_deaths: 17, population_total: 3124458}
            expect: 0.544
          - name: no population
            inputs: {fire_deaths: 17, population_total: 0}
            expect_status: not_computable
            expect_reason: division_by_zero
        """,
        "t-1/2.1.yaml": """
        id: t-1:2.1
        theme: water
        type: supporting
        title: Water per capita
        numerator: water_used
        denominator: population_total
        unit: L_per_capita_day
        direction: neutral
        confidence: reconstructed
        confidence_note: test
        source: test
        examples:
          - name: typical
            inputs: {water_used: 100000, population_total: 2000000}
            expect: 136.986
          - name: loss share input
            inputs: {water_supplied: 5, water_used: 1, population_total: 1}
            expect: 2739.726
        """,
    ]
}

/// The one way the tests run a program: start it with pipes, then collect its exit status and output.
struct Running {
    let process: Process
    let stdout: Pipe
    let stderr: Pipe

    struct Finished: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts `executable` in `cwd` (default: the package root) with `env` added to this
    /// process's environment.
    static func start(_ executable: String, _ arguments: [String], cwd: String? = nil, env: [String: String] = [:])
        throws
        -> Running
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd ?? Fixtures.root)
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        process.environment = environment
        let running = Running(process: process, stdout: Pipe(), stderr: Pipe())
        process.standardOutput = running.stdout
        process.standardError = running.stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return running
    }

    /// Waits for the end, reading both pipes to the end first (so a full pipe cannot block it).
    func finish() -> Finished {
        let o = stdout.fileHandleForReading.readDataToEndOfFile()
        let e = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Finished(
            status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }
}

extension Fixtures {
    /// A new empty folder under the system's temporary folder; the caller removes it.
    static func temporaryFolder(_ prefix: String) -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Removes a store and the WAL and shared-memory files SQLite keeps beside it.
    static func removeStore(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
