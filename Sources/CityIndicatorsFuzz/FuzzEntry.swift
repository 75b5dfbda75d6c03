import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake
import Foundation

/// The code the fuzz targets (Sources/Fuzz*) drive, one input at a time. Each entry returns the
/// invariants the input broke (empty when none): a fuzz target stops on the first, the regression
/// test runs every input kept in Tests/CityIndicatorsTests/FuzzRegressions and expects none.
public enum FuzzEntry {
    /// A small catalog for fuzzing submissions and formulas (fast to load, every kind of unit).
    public static let catalog: Catalog = CatalogLoader.load(
        baseFiles.map {
            CatalogFile(displayPath: "fuzz/\($0.key)", relativePath: $0.key, data: Data($0.value.utf8))
        }, origin: "fuzz"
    ).catalog

    /// Reads bytes as a submission file: every accepted value is finite, every row ends in one outcome.
    public static func csv(_ bytes: [UInt8]) -> [String] {
        let s = SubmissionReader(catalog: catalog).read(bytes: bytes, path: "water.csv")
        var broken: [String] = []
        for row in s.rows {
            if case .accepted(let v) = row.outcome, !v.value.isFinite {
                broken.append("accepted a non-finite value at line \(row.line)")
            }
        }
        _ = SubmissionSet(submissions: [s], catalog: catalog)
        return broken
    }

    /// Parses bytes as a formula; when it parses, checks and evaluates it: never a non-finite number.
    public static func expression(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard case .success(let e) = ExpressionParser.parse(text) else { return [] }
        _ = ExpressionChecker(knownElements: Array(catalog.elements.keys)) { catalog.elements[$0]?.unit.dimension }
            .check(e)
        let values = ["water_supplied": 5.0, "water_used": 0.0, "population_total": 1e300, "fire_deaths": -2]
        var broken: [String] = []
        if case .success(let v) = ExpressionEvaluator(values: values).number(e), !v.isFinite {
            broken.append("'\(text)' evaluated to a non-finite number")
        }
        _ = ExpressionEvaluator(values: values).condition(e)
        return broken
    }

    /// Reads bytes as a register file on two threads with tiny buffers (so splits, refills,
    /// growing records and the one-thread re-read are all exercised): every record accepted or
    /// rejected, derived values finite, the buffer within its bound.
    public static func register(_ bytes: [UInt8]) -> [String] {
        let path = scratchFolder + "/2024/calls.csv"
        defer { try? FileManager.default.removeItem(atPath: scratchFolder) }
        guard
            (try? FileManager.default.createDirectory(
                atPath: scratchFolder + "/2024", withIntermediateDirectories: true)) != nil,
            FileManager.default.createFile(atPath: path, contents: Data(bytes)),
            let register = catalog.registers["calls"]
        else { return ["cannot write the scratch file \(path)"] }
        var options = RegisterReader.Options()
        options.threads = 2
        options.minBytesPerThread = 1
        options.bufferSize = 64
        options.maxRecordBytes = 4096
        options.maxListed = 50
        let r: RegisterResult
        do {
            r = try RegisterReader(catalog: catalog, options: options).read(path: path, register: register, year: 2024)
        } catch {
            return ["the register reader threw: \(error)"]
        }
        var broken: [String] = []
        if r.records != r.accepted + r.rejected { broken.append("a record neither accepted nor rejected") }
        if r.derived.contains(where: { !($0.value.map { $0.isFinite } ?? true) }) {
            broken.append("derived a non-finite value")
        }
        if r.largestBuffer > options.maxRecordBytes { broken.append("the buffer outgrew its bound") }
        _ = Submission(register: r, catalog: catalog)
        return broken
    }

    /// The scratch file, in a year folder `2024` so `{year}` filters apply; the folder is made
    /// for each input and removed after it, so nothing is left behind.
    private static let scratchFolder = NSTemporaryDirectory() + "cityind-fuzz-\(getpid())"

    /// Loads bytes as an indicator, element, framework and units file on top of the small catalog
    /// and checks the result: loading and checking never stop on bad input.
    public static func catalogFile(_ bytes: [UInt8]) -> [String] {
        for path in ["t-1/1.9.yaml", "elements/extra.yaml", "frameworks/x.yaml", "units.yaml"] {
            var files = baseFiles.map {
                CatalogFile(displayPath: "fuzz/\($0.key)", relativePath: $0.key, data: Data($0.value.utf8))
            }
            files.removeAll { $0.relativePath == path }
            files.append(CatalogFile(displayPath: "fuzz/\(path)", relativePath: path, data: Data(bytes)))
            let (loaded, _) = CatalogLoader.load(files, origin: "fuzz")
            _ = CatalogCheck.run(loaded)
        }
        return []
    }

    static let baseFiles: [String: String] = [
        "units.yaml": """
        units:
          - {id: persons, title: persons, dimension: count, factor: 1}
          - {id: ML, title: megalitres, dimension: length^3, factor: 1000, family: volume}
          - {id: year, title: years, dimension: time, factor: 31536000, family: time}
          - {id: day, title: days, dimension: time, factor: 86400, family: time}
          - {id: L, title: litres, dimension: length^3, factor: 0.001, family: volume}
          - {id: ML_per_year, title: ML per year, of: ML / year, family: volume_flow}
          - {id: ML_per_day, title: ML per day, of: ML / day, family: volume_flow}
          - {id: percent, title: percent, dimension: "1", factor: 1}
          - {id: per_100k, title: per 100 000, dimension: "1", factor: 1}
          - {id: L_per_capita_day, title: L per capita per day, of: L / persons / day}
        """,
        "departments.yaml": "departments:\n  - {id: census, name: Census}\n  - {id: water, name: Water}\n",
        "elements/census.yaml": """
        department: census
        elements:
          - {id: population_total, title: Population, description: People., unit: persons, kind: count, bounds: {min: 1}}
        """,
        "elements/water.yaml": """
        department: water
        elements:
          - {id: water_supplied, title: Supplied, description: Volume., unit: ML_per_year, kind: amount, plausible: {min: 1000}}
          - {id: water_used, title: Used, description: Volume., unit: ML_per_year, kind: amount}
          - {id: fire_deaths, title: Deaths, description: Deaths., unit: persons, kind: count}
        relations:
          - {id: used_within_supplied, check: water_used <= water_supplied, tolerance: 0.01, message: Used exceeds supplied.}
        """,
        "registers/calls.yaml": """
        id: calls
        title: Calls
        department: water
        description: One row per call.
        primary_key: [no]
        fields:
          - {name: no, type: string, constraints: {required: true, unique: true, pattern: "C[0-9]{2,4}"}}
          - {name: on, type: date, constraints: {required: true, minimum: "2000-01-01"}}
          - {name: kind, type: string, constraints: {enum: [fire, rescue]}}
          - {name: deaths, type: integer, unit: persons, constraints: {minimum: 0, maximum: 99}}
          - {name: used, type: number, unit: ML}
          - {name: ok, type: boolean}
          - {name: built, type: year}
        derive:
          - {element: fire_deaths, value: "sum(deaths where fy(on) == {year} and kind == \\"fire\\")"}
          - {element: population_total, value: "count(distinct kind where not (ok == false) or built is blank)"}
        """,
        "frameworks/t.yaml": """
        id: t-1
        title: Test
        standard: TEST
        edition: "1"
        themes: [{id: water, clause: "1", title: Water}]
        """,
        "t-1/1.1.yaml": """
        id: t-1:1.1
        theme: water
        type: core
        title: Water per capita
        numerator: water_used
        denominator: population_total
        unit: L_per_capita_day
        direction: neutral
        confidence: verified
        source: test
        examples:
          - {name: typical, inputs: {water_used: 100000, population_total: 2000000}, expect: 136.986}
        """,
    ]
}
