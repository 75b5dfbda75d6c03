import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsBase
@testable import CityIndicatorsCatalog
@testable import CityIndicatorsIntake
@testable import CityIndicatorsOutput
@testable import CityIndicatorsSynthetic

/// Departmental registers: schemas and derivations as data, every record checked, elements derived.
@Suite final class RegisterTests {
    static let extraUnits =
        Fixtures.baseFiles["units.yaml"]! + """

              - {id: count, title: number, dimension: count, factor: 1}
              - {id: hours, title: hours, dimension: time, factor: 3600, family: time}
              - {id: minutes, title: minutes, dimension: time, factor: 60, family: time}
            """

    static let elements = """
        department: fire
        elements:
          - {id: calls_total, title: Calls, description: Calls., unit: count, kind: count}
          - {id: calls_with_ward, title: Calls with a ward, description: Calls., unit: count, kind: count}
          - {id: wards_called, title: Wards, description: Wards., unit: count, kind: count}
          - {id: response_mean_h, title: Mean response, description: Hours., unit: hours, kind: measure}
          - {id: response_min, title: Fastest, description: Minutes., unit: minutes, kind: measure}
          - {id: response_max, title: Slowest, description: Minutes., unit: minutes, kind: measure}
          - {id: deaths_at_fires, title: Deaths at fires, description: Deaths., unit: persons, kind: count}
          - {id: deaths_not_fire, title: Deaths elsewhere, description: Deaths., unit: persons, kind: count}
          - {id: calls_verified_spring, title: Spring verified, description: Calls., unit: count, kind: count}
          - {id: calls_no_minutes, title: No minutes, description: Calls., unit: count, kind: count}
          - {id: calls_since_july, title: Since July, description: Calls., unit: count, kind: count}
          - {id: calls_old_buildings, title: Old buildings, description: Calls., unit: count, kind: count}
        """

    static let register = """
        id: fire_log
        title: Fire log
        department: fire
        description: One row per call.
        primary_key: [call_no]
        fields:
          - {name: call_no, type: string, constraints: {required: true, unique: true, pattern: "FC/[0-9]{4}"}}
          - {name: call_date, type: date, constraints: {required: true, minimum: "2000-01-01"}}
          - {name: kind, type: string, constraints: {required: true, enum: [fire, rescue, false_alarm]}}
          - {name: ward, type: string, constraints: {maxLength: 12}}
          - {name: minutes, type: number, unit: minutes, constraints: {minimum: 0, maximum: 600}}
          - {name: deaths, type: integer, unit: persons, constraints: {required: true, minimum: 0, maximum: 50}}
          - {name: verified, type: boolean}
          - {name: built, type: year}
        derive:
          - {element: calls_total, value: "count(where fy(call_date) == {year})"}
          - {element: calls_with_ward, value: "count(ward where fy(call_date) == {year})"}
          - {element: wards_called, value: "count(distinct ward where fy(call_date) == {year})"}
          - {element: response_mean_h, value: "mean(minutes where fy(call_date) == {year} and kind in (\\"fire\\", \\"rescue\\"))"}
          - {element: response_min, value: "min(minutes where fy(call_date) == {year})"}
          - {element: response_max, value: "max(minutes where fy(call_date) == {year} and not (kind == \\"false_alarm\\"))"}
          - {element: deaths_at_fires, value: "sum(deaths where kind == \\"fire\\" and fy(call_date) == {year})"}
          - {element: deaths_not_fire, value: "sum(deaths where kind != \\"fire\\" or call_date < \\"2024-04-01\\")"}
          - {element: calls_verified_spring, value: "count(where verified == true and month(call_date) >= 3 and month(call_date) <= 5 and year(call_date) == 2025)"}
          - {element: calls_no_minutes, value: "count(where minutes is blank)"}
          - {element: calls_since_july, value: "count(where call_date >= \\"2024-07-01\\")"}
          - {element: calls_old_buildings, value: "count(where built < 1990 and built is not blank)"}
        """

    static func catalog(register: String = register, extra: [String: String] = [:]) -> (
        catalog: Catalog, diagnostics: [Diagnostic]
    ) {
        var files = ["units.yaml": extraUnits, "elements/fire_log.yaml": elements, "registers/fire_log.yaml": register]
        for (k, v) in extra { files[k] = v }
        return Fixtures.load(files)
    }

    /// A year folder per test, removed with its parent after the test.
    let dir: String = {
        let d = Fixtures.temporaryFolder("registers") + "/2024"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    deinit { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }

    func write(_ text: String, name: String = "fire_log.csv") -> String {
        let path = "\(dir)/\(name)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func read(_ text: String, options: RegisterReader.Options = .init(), catalog: Catalog? = nil) throws
        -> RegisterResult
    {
        let c = catalog ?? RegisterTests.catalog().catalog
        let path = write(text)
        return try RegisterReader(catalog: c, options: options).read(
            path: path, register: c.registers["fire_log"]!, year: 2024)
    }

    func value(_ r: RegisterResult, _ element: String) -> Double? { r.derived.first { $0.element == element }?.value }

    static let header = "call_no,call_date,kind,ward,minutes,deaths,verified,built\n"

    // MARK: Catalog

    @Test func registerLoadsWithItsDerivations() {
        let (catalog, diagnostics) = RegisterTests.catalog()
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.map(\.rendered))")
        let r = try! #require(catalog.registers["fire_log"])
        #expect(
            r.fields.map(\.name) == ["call_no", "call_date", "kind", "ward", "minutes", "deaths", "verified", "built"])
        #expect(r.derivations.count == 12)
        #expect(catalog.derivation(of: "deaths_at_fires")?.register.id == "fire_log")
    }

    @Test(arguments: [
        ("sum(deth where kind == \"fire\")", "C006", "no column 'deth' in this register", 4),
        // An unknown column inside the condition (this once crashed on overlapping access).
        ("sum(deaths where nosuch == 1)", "C006", "no column 'nosuch' in this register", 17),
        ("sum(kind)", "C009", "sum needs an integer or number column; 'kind' is string", 4),
        ("sum(deaths where kind == \"fyre\")", "C006", "'fyre' is not one of the values of column 'kind'", 25),
        (
            "sum(deaths where call_date == 2024)", "C009",
            "cannot compare column 'call_date' (a date) with 2024 (a number)", 30
        ),
        ("sum(deaths where kind > \"fire\")", "C009", "text can only be compared with == and !=", 17),
        ("total(deaths)", "C008", "unknown aggregate 'total'", 0),
        ("sum(deaths where kind = \"fire\")", "C008", "'=' is not an operator; write '==' to compare", 22),
        ("mean()", "C008", "mean needs a column", 5),
        ("sum(deaths where fy(kind) == 2024)", "C009", "fy(…) needs a date column; 'kind' is string", 17),
    ])
    func badDerivationsAreLocated(text: String, code: String, message: String, offset: Int) {
        let yaml = RegisterTests.register.replacingOccurrences(
            of: "value: \"sum(deaths where kind == \\\"fire\\\" and fy(call_date) == {year})\"",
            with: "value: '\(text)'")
        #expect(yaml != RegisterTests.register)
        let (_, diagnostics) = RegisterTests.catalog(register: yaml)
        let hit = diagnostics.first { $0.code.rawValue == code && $0.message.contains(message) }
        #expect(hit != nil, "\(diagnostics.map(\.rendered))")
        #expect(hit?.location?.file == "Indicators/registers/fire_log.yaml")
        // `  - {element: deaths_at_fires, value: '` puts the text's first character in column 40.
        #expect(hit?.location?.line == 22)
        #expect(hit?.location?.column == 40 + offset)
    }

    @Test func countIntoANonCountElementIsRefused() {
        let yaml = RegisterTests.register.replacingOccurrences(
            of: "{element: response_min, value: \"min(minutes where fy(call_date) == {year})\"}",
            with: "{element: response_min, value: \"count()\"}")
        let (_, diagnostics) = RegisterTests.catalog(register: yaml)
        #expect(
            diagnostics.contains {
                $0.code.rawValue == "C009"
                    && $0.message.contains("count gives a number of records, but element 'response_min' is in minutes")
            })
    }

    @Test func unsupportedPatternsAreRefusedAtTheirColumn() {
        let yaml = RegisterTests.register.replacingOccurrences(
            of: "pattern: \"FC/[0-9]{4}\"", with: "pattern: \"FC/(A|B)\"")
        let (_, diagnostics) = RegisterTests.catalog(register: yaml)
        let hit = diagnostics.first { $0.code.rawValue == "C012" && $0.message.contains("groups and alternation") }
        #expect(hit?.location?.line == 7)
    }

    @Test func patternsMatchWholeCells() throws {
        let p = try Pattern.compile("[A-Z]{2}-\\d{3,4}[a-z]?").get()
        #expect(p.matches("MH-123"))
        #expect(p.matches("MH-1234a"))
        #expect(!p.matches("MH-12"))
        #expect(!p.matches("MH-12345"))
        #expect(!p.matches("xMH-123"))
        let any = try Pattern.compile("Ward .+").get()
        #expect(any.matches("Ward Kasba Peth"))
        #expect(any.matches("Ward पुणे"))
        #expect(!any.matches("Ward "))
    }

    // MARK: Aggregates and filters

    static let good =
        header + """
            FC/0001,2024-04-01,fire,Kasba,12.0,2,true,1985
            FC/0002,2024-07-15,rescue,Kasba,18.0,1,false,
            FC/0003,2024-12-31,false_alarm,,30.0,0,,2001

            FC/0004,2025-03-31,fire,Tilak Nagar,6.0,3,yes,1975
            FC/0005,2025-04-01,fire,Kasba,9.0,5,true,
            FC/0006,2024-03-31,fire,Kasba,3.0,7,true,
            FC/0007,2025-03-02,rescue,Riverside,,0,1,

            """

    @Test func eachAggregateAndFilter() throws {
        let r = try read(RegisterTests.good)
        #expect(r.records == 7 && r.accepted == 7 && r.rejected == 0 && r.blankLines == 1)
        // FY 2024-25: calls 1, 2, 3, 4, 7.
        #expect(value(r, "calls_total") == 5)
        #expect(value(r, "calls_with_ward") == 4)
        #expect(value(r, "wards_called") == 3)  // Kasba, Tilak Nagar, Riverside
        // fire and rescue with minutes: 12, 18, 6 → mean 12 minutes = 0.2 hours.
        #expect(abs(value(r, "response_mean_h")! - 0.2) < 1e-12)
        #expect(value(r, "response_min") == 6)
        #expect(value(r, "response_max") == 18)  // false alarm's 30 left out by not (…)
        #expect(value(r, "deaths_at_fires") == 5)  // 2 + 3
        #expect(value(r, "deaths_not_fire") == 8)  // 1 + 0 + 7 (March 2024) + 0
        #expect(value(r, "calls_no_minutes") == 1)
        #expect(value(r, "calls_since_july") == 5)
        #expect(value(r, "calls_old_buildings") == 2)
        let matched = r.derived.first { $0.element == "deaths_at_fires" }!
        #expect(matched.matched == 2)
    }

    @Test func booleansAcceptTheCommonSpellings() throws {
        let r = try read(RegisterTests.good)
        // 2025-03-31 yes, 2025-04-01 true, 2025-03-02 1: all verified, months 3–5 of 2025.
        #expect(value(r, "calls_verified_spring") == 3)
    }

    @Test func meanMinAndMaxOfNothingAreNotComputable() throws {
        let r = try read(RegisterTests.header + "FC/0001,2023-05-01,fire,Kasba,12.0,2,true,\n")
        #expect(value(r, "calls_total") == 0)
        #expect(value(r, "deaths_at_fires") == 0)  // an empty sum is zero
        let mean = r.derived.first { $0.element == "response_mean_h" }!
        #expect(mean.value == nil)
        #expect(mean.reason == "no accepted record matches the filter")
    }

    @Test func anEmptyRegisterDerivesNothingRatherThanZero() throws {
        let r = try read(RegisterTests.header)
        #expect(r.derived.allSatisfy { $0.value == nil && $0.reason == "the register has no records" })
        let c = RegisterTests.catalog().catalog
        let s = Submission(register: r, catalog: c)
        #expect(s.values.isEmpty)
        #expect(s.notReported.contains("calls_total"))
        #expect(
            s.diagnostics.contains {
                $0.code.rawValue == "V035" && $0.message == "calls_total cannot be derived: the register has no records"
            })
    }

    @Test func withoutAYearFolderYearFiltersAreNotDerived() throws {
        let c = RegisterTests.catalog().catalog
        let path = write(RegisterTests.good)
        let r = try RegisterReader(catalog: c).read(path: path, register: c.registers["fire_log"]!, year: nil)
        #expect(r.derived.first { $0.element == "calls_total" }?.reason?.contains("{year}") == true)
        #expect(value(r, "calls_no_minutes") == 1)
    }

    // MARK: Types and constraints

    @Test func everyBadCellIsLocatedAndItsRecordRejected() throws {
        let text =
            RegisterTests.header + """
                FC/0001,2024-04-01,fire,Kasba,12.0,2,true,1985
                FC/02,2024-06-31,Fire,Kasba Peth Ward Office,-4,n/a,maybe,85
                FC/0003,,rescue,,7,,true,
                FC/0001,2024-05-01,fire,,1e3, 4,true,
                FC/0005,2024-05-01,fire,"Kasba, east",5,1
                FC/0006,2024-05-01,fire,Tilak,5,1,true,2001,extra

                """
        let r = try read(text)
        let lines = r.diagnostics.map {
            "\($0.location!.line):\($0.location!.column) \($0.code.rawValue) \($0.message)"
        }
        let expected = [
            "3:1 V031 'call_no' is 'FC/02', which does not match the pattern FC/[0-9]{4}",
            "3:7 V028 'call_date' must be a date written YYYY-MM-DD; found '2024-06-31'",
            "3:18 V030 'Fire' is not an allowed value of 'kind'",
            "3:23 V031 'ward' has 22 character(s); at most 12 allowed",
            "3:46 V012 'minutes' is -4, below the minimum 0",
            "3:49 V028 'deaths' must be a whole number; found 'n/a'",
            "3:53 V028 'verified' must be yes or no; found 'maybe'",
            "3:59 V028 'built' must be a four-digit year; found '85'",
            "4:9 V029 'call_date' is blank; a value is required",
            "4:20 V029 'deaths' is blank; a value is required",
            "5:1 V032 'call_no' FC/0001 is already used by an earlier record",
            "5:26 V012 'minutes' is 1e3, above the maximum 600",
            "5:30 V028 'deaths' must be a whole number; found ' 4'",
            "6:42 V005 the record has 6 cell(s); the header has 8",
            "7:45 V005 the record has 9 cell(s); the header has 8",
        ]
        #expect(lines == expected)
        #expect(r.records == 6 && r.accepted == 1 && r.rejected == 5)
        #expect(r.errors == 15)
        #expect(
            r.diagnostics.first { $0.code.rawValue == "V028" && $0.message.contains("' 4'") }?.hint?.hasPrefix(
                "Remove the spaces") == true)
        #expect(r.diagnostics.first { $0.code.rawValue == "V030" }?.hint?.hasPrefix("Did you mean 'fire'?") == true)
        // Only the one accepted record is counted.
        #expect(value(r, "calls_total") == 1)
        #expect(r.rejectedSamples.map(\.line) == [3, 4, 5, 6, 7])
    }

    /// A register saved with old Mac line ends (a lone CR after every line, the header's too).
    @Test func loneCarriageReturnsEndTheHeaderAndTheRecords() throws {
        let text =
            [
                "call_no,call_date,kind,ward,minutes,deaths,verified,built",
                "FC/0001,2024-05-01,fire,W1,12,0,true,1985",
                "FC/0002,2024-06-01,rescue,W2,8,1,false,2001",
            ].joined(separator: "\r") + "\r"
        let r = try read(text)
        #expect(r.records == 2)
        #expect(r.accepted == 2, "\(r.diagnostics.map(\.rendered))")
        #expect(r.derived.first { $0.element == "calls_total" }?.value == 2)
    }

    /// Two cells of one record with "" escapes keep their own text (they once shared one buffer,
    /// so the first showed the second's bytes).
    @Test func twoEscapedCellsInOneRecordKeepTheirOwnText() throws {
        let register = """
            id: fire_log
            title: Log
            department: fire
            description: Rows.
            fields:
              - {name: a, type: string}
              - {name: b, type: string}
            derive:
              - {element: wards_called, value: "count(distinct a)"}
            """
        let catalog = RegisterTests.catalog(register: register).catalog
        let r = try read("a,b\n\"x\"\"1\",\"y\"\"z\"\n\"x\"\"2\",\"y\"\"z\"\n", catalog: catalog)
        #expect(r.accepted == 2)
        // Two distinct values of a (x"1 and x"2), not one.
        #expect(r.derived.first?.value == 2)
    }

    @Test func headerProblems() throws {
        let r = try read("call_no,call_date,kind,wrd,minutes,deaths,deaths\nFC/0001,2024-04-01,fire,x,1,1,1\n")
        let lines = r.diagnostics.map {
            "\($0.location!.line):\($0.location!.column) \($0.code.rawValue) \($0.severity.rawValue) \($0.message)"
        }
        #expect(lines.contains("1:24 V004 warning column 'wrd' is not in the fire_log register; it is ignored"))
        #expect(lines.contains("1:43 V022 error column 'deaths' appears twice (first at column 36)"))
        #expect(lines.contains("1:0 V003 error the header has no column 'verified'"))
        #expect(lines.contains("1:0 V003 error the header has no column 'ward'"))
        #expect(r.derived.first { $0.element == "wards_called" }?.reason == "the file has no column 'ward'")
        // Counted by the severity each problem was given (a missing optional column is a warning).
        #expect(r.errors == r.diagnostics.filter { $0.severity == .error }.count)
        #expect(r.warnings == r.diagnostics.filter { $0.severity == .warning }.count)
    }

    @Test func listingIsCappedButCountingIsNot() throws {
        var text = RegisterTests.header
        for k in 1...300 { text += "FC/\(String(format: "%04d", k)),2024-05-01,fire,,x,1,true,\n" }
        var options = RegisterReader.Options()
        options.maxListed = 5
        let r = try read(text, options: options)
        #expect(r.diagnostics.filter { $0.code.rawValue == "V028" && $0.severity == .error }.count == 5)
        #expect(r.problemCounts["V028"] == 300)
        #expect(r.errors == 300)
        #expect(r.rejected == 300)
        #expect(r.diagnostics.contains { $0.severity == .info && $0.message.hasPrefix("295 more V028 problem(s)") })
    }

    // MARK: Streaming and threads

    @Test func aRegisterLargerThanTheBufferIsStreamedWithinItsBound() throws {
        let c = RegisterTests.catalog().catalog
        var generator = RegisterGenerator(register: c.registers["fire_log"]!, year: 2024, seed: 7)
        let path = "\(dir)/fire_log.csv"
        let written = try generator.write(to: path, records: 9_000)  // call_no has room for 10 000
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var options = RegisterReader.Options()
        options.bufferSize = 8 << 10
        options.minBytesPerThread = 1
        options.threads = 2
        let two = try RegisterReader(catalog: c, options: options).read(
            path: path, register: c.registers["fire_log"]!, year: 2024)
        #expect(size > 40 * options.bufferSize)
        #expect(two.threads == 2)
        #expect(two.largestBuffer == options.bufferSize)  // never grew: memory does not follow the file
        #expect(two.records == written && two.accepted == written, "\(two.diagnostics.prefix(3).map(\.rendered))")
        options.threads = 1
        let one = try RegisterReader(catalog: c, options: options).read(
            path: path, register: c.registers["fire_log"]!, year: 2024)
        #expect(one.threads == 1)
        for (a, b) in zip(one.derived, two.derived) {
            #expect(a.element == b.element && a.matched == b.matched)
            #expect(a.value == b.value || abs((a.value ?? 0) - (b.value ?? 0)) <= 1e-9 * abs(a.value ?? 1))
        }
    }

    @Test func quotedLineBreaksAcrossTheSplitAreReadRight() throws {
        // Every ward cell holds a line break, so a split at a line end may fall inside quotes.
        var text = RegisterTests.header
        for k in 1...4000 { text += "FC/\(String(format: "%04d", k % 10000)),2024-05-01,fire,\"Ka\nsba\",5,1,true,\n" }
        text += "FC/9999,2024-05-01,fire,x,5,1,true,19\n"
        var options = RegisterReader.Options()
        options.minBytesPerThread = 1
        options.threads = 2
        options.bufferSize = 4096
        let r = try read(text, options: options)
        #expect(r.records == 4001)
        #expect(value(r, "calls_total") == 4000)
        // The bad year on the last record: 2 lines per record before it.
        #expect(r.diagnostics.map(\.location!.line) == [2 + 4000 * 2])
    }

    @Test func aKeyRepeatedAcrossTheTwoHalvesIsFound() throws {
        var text = RegisterTests.header
        for k in 1...2000 { text += "FC/\(String(format: "%04d", k)),2024-05-01,fire,,5,1,true,\n" }
        text += "FC/0001,2024-05-01,fire,,5,1,true,\n"
        var options = RegisterReader.Options()
        options.minBytesPerThread = 1
        options.threads = 2
        let r = try read(text, options: options)
        #expect(r.diagnostics.map { "\($0.location!.line) \($0.code.rawValue)" } == ["2002 V032"])
        #expect(value(r, "calls_total") == 2000)
    }

    // MARK: Hostile files

    @Test(arguments: [
        ("", "V020", 0, "the file is empty"),
        ("\u{FEFF}", "V020", 0, "the file is empty"),
        ("call_no,call_date\n\0\0", "V025", 1, "the file contains NUL bytes; it is not a CSV text file"),
        ("PK\u{3}\u{4}rest", "V025", 1, "this is a spreadsheet workbook (.xlsx/.ods, a zip file), not a CSV file"),
    ])
    func unreadableRegistersSayWhy(text: String, code: String, line: Int, message: String) throws {
        let r = try read(text)
        #expect(r.diagnostics.first?.code.rawValue == code, "\(r.diagnostics.map(\.rendered))")
        #expect(r.diagnostics.first?.message == message)
        #expect(r.records == 0)
    }

    @Test func utf16IsNamed() throws {
        let bytes: [UInt8] =
            [0xFF, 0xFE] + Array(RegisterTests.header.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let path = "\(dir)/fire_log.csv"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let c = RegisterTests.catalog().catalog
        let r = try RegisterReader(catalog: c).read(path: path, register: c.registers["fire_log"]!, year: 2024)
        #expect(r.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code.rawValue)" } == ["1:1 V001"])
    }

    @Test func anUnclosedQuoteAtTheEndIsLocated() throws {
        let r = try read(RegisterTests.header + "FC/0001,2024-05-01,fire,\"Kasba,5,1,true,\n")
        #expect(
            r.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code.rawValue)" }.contains(
                "2:25 V006"))
        #expect(r.rejected == 1 && r.accepted == 0)
    }

    @Test func semicolonsAndCRLFAreRead() throws {
        let text =
            RegisterTests.header.replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: "\n", with: "\r\n")
            + "FC/0001;2024-05-01;fire;Kasba;5;1;true;\r\n"
        let r = try read(text)
        #expect(r.diagnostics.map(\.code.rawValue) == ["V002"])
        #expect(r.accepted == 1)
        #expect(value(r, "calls_with_ward") == 1)
    }

    @Test func randomBytesNeverCrashAndEveryRecordIsAccountedFor() throws {
        var random = Synthetic.Random(seed: 37)
        var options = RegisterReader.Options()
        options.minBytesPerThread = 1
        options.threads = 2
        options.bufferSize = 64
        let alphabet = Array("FC/0123456789,-\"\n\r ;abcfire".utf8) + [0xC3, 0xA9, 0xFF]
        let c = RegisterTests.catalog().catalog
        for _ in 0..<300 {
            var bytes = Array(RegisterTests.header.utf8)
            for _ in 0..<Int(random.next() % 400) {
                bytes.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
            }
            let path = "\(dir)/fire_log.csv"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let r = try RegisterReader(catalog: c, options: options).read(
                path: path, register: c.registers["fire_log"]!, year: 2024)
            #expect(r.records == r.accepted + r.rejected)
            for d in r.derived { #expect(d.value.map { $0.isFinite } ?? true) }
        }
    }

    // MARK: With submissions

    func submissions(_ files: [String: String], catalog c: Catalog) throws -> SubmissionSet {
        let reader = SubmissionReader(catalog: c)
        return SubmissionSet(
            submissions: try files.sorted { $0.key < $1.key }.map {
                try reader.read(path: write($0.value, name: $0.key))
            }, catalog: c)
    }

    @Test func derivedAndSubmittedDisagreeingIsAnError() throws {
        let c = RegisterTests.catalog().catalog
        let set = try submissions(
            [
                "fire_log.csv": RegisterTests.good,
                "fire.csv": "element,value,unit,source\ndeaths_at_fires,7,persons,abstract\n",
            ], catalog: c)
        let d = try #require(set.allDiagnostics.first { $0.code.rawValue == "V033" })
        #expect(d.severity == .error)
        #expect(d.location?.description == "\(dir)/fire.csv:2:17")
        #expect(
            d.message
                == "deaths_at_fires is given here (7 persons) and also derived from \(dir)/fire_log.csv (5 persons); they differ, and the derived value is used"
        )
        #expect(set.values["deaths_at_fires"]?.value == 5)
    }

    @Test func derivedAndSubmittedAgreeingIsAWarning() throws {
        let c = RegisterTests.catalog().catalog
        let set = try submissions(
            [
                "fire_log.csv": RegisterTests.good,
                "fire.csv": "element,value,unit,source\ndeaths_at_fires,5,persons,abstract\n",
            ], catalog: c)
        #expect(set.allDiagnostics.first { $0.code.rawValue == "V033" }?.severity == .warning)
    }

    @Test func elementsFromARegisterWithRejectedRecordsSaySo() throws {
        let c = RegisterTests.catalog().catalog
        let set = try submissions(
            ["fire_log.csv": RegisterTests.good + "FC/0100,2024-05-01,fire,,5,x,true,\n"], catalog: c)
        let v = try #require(set.values["deaths_at_fires"])
        #expect(v.notes == "1 rejected record(s) of the register are not counted")
        #expect(v.source?.contains("over 2 matching record(s)") == true)
        #expect(
            set.allDiagnostics.contains {
                $0.code.rawValue == "V034"
                    && $0.message
                        == "deaths_at_fires is derived from 7 accepted records; 1 rejected record(s) are not counted"
            })
    }

    @Test func exportsMatchTheDerivations() throws {
        let c = RegisterTests.catalog().catalog
        let r = c.registers["fire_log"]!
        let d = r.derivations.first { $0.element == "response_mean_h" }!
        #expect(
            RegisterExport.sql(d, register: r, catalog: c, year: 2024)
                == "AVG(CASE WHEN ((EXTRACT(YEAR FROM \"call_date\") - CASE WHEN EXTRACT(MONTH FROM \"call_date\") < 4 THEN 1 ELSE 0 END) = 2024 AND \"kind\" IN ('fire', 'rescue')) THEN \"minutes\" END) * 0.016666666666666666"
        )
        let schema = RegisterExport.tableSchema(r)
        #expect((schema["primaryKey"] as? [String]) == ["call_no"])
        #expect(
            ((schema["fields"] as? [[String: Any]])?.first?["constraints"] as? [String: Any])?["pattern"] as? String
                == "FC/[0-9]{4}")
    }
}
