import Foundation
import Testing

/// Drives the built `cityind` binary like a user does, and checks exit codes and output.
@Suite(.serialized) struct EndToEndTests {
    typealias Run = Running.Finished

    static let binary: String = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("cityind").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Fixtures.path(".build/debug/cityind")
    }()

    func run(_ arguments: [String], cwd: String? = nil, env: [String: String] = [:]) throws -> Run {
        try Running.start(EndToEndTests.binary, arguments, cwd: cwd, env: env).finish()
    }

    @Test func theBinaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: EndToEndTests.binary), "build cityind first: swift build")
    }

    @Test func computeJSONOnTheSampleCityFromAnotherDirectory() throws {
        // The catalog is built in: run from / with an absolute workspace path.
        let r = try run(
            ["compute", Fixtures.path("SampleData/sahyadrinagar"), "--year", "2024", "--format", "json"], cwd: "/")
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(doc["schemaVersion"] as? String == "1.0")
        let results = doc["results"] as! [[String: Any]]
        #expect(results.count >= 42)
        let fire = try #require(results.first { $0["id"] as? String == "iso37120-2018:15.2" })
        #expect(fire["status"] as? String == "computed")
        #expect(fire["multiplier"] as? Double == 100000)
        #expect((fire["numerator"] as? [String: Any])?["unit"] as? String == "persons")
    }

    @Test func validateReportsTheBrokenSampleAndExits1() throws {
        let r = try run(["validate", "SampleData/broken/water.csv"], env: ["NO_COLOR": "1"])
        #expect(r.status == 1)
        #expect(
            r.stdout.contains(
                "SampleData/broken/water.csv:4:28: error[V010]: value '12 lakh' for water_consumption_domestic is not a number"
            ))
        #expect(r.stdout.contains("FAILED: 1 file(s), 8 error(s), 2 warning(s)"))
        #expect(!r.stdout.contains("\u{1B}["), "no colour when not a terminal")
    }

    @Test func validateTheWholeSampleWorkspaceExits0() throws {
        let r = try run(["validate", "SampleData/sahyadrinagar"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains(" file(s), 0 error(s)") && r.stdout.contains("OK: "))
    }

    @Test func validateJSONAndGitHubFormats() throws {
        let json = try run(["validate", "SampleData/broken/water.csv", "--format", "json"])
        #expect(json.status == 1)
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(doc["schemaVersion"] as? String == "1.0")
        #expect(doc["errors"] as? Int == 8)
        let gh = try run(["validate", "SampleData/broken/water.csv", "--format", "github"])
        #expect(gh.stdout.contains("::error file=SampleData/broken/water.csv,title=V010,line=4,col=28::"))
    }

    @Test func maxErrorsCapsTheListingNotTheCounting() throws {
        let r = try run(["validate", "SampleData/broken/water.csv", "--max-errors", "2", "--strict"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("… 8 more problem(s) not listed"))
        #expect(r.stdout.contains("8 error(s), 2 warning(s)"))
    }

    @Test func unreadableInputAndUsageErrorsExit2() throws {
        #expect(try run(["validate", "no/such/file.csv"]).status == 2)
        #expect(try run(["compute", "no/such/workspace"]).status == 2)
        #expect(try run(["compute", "SampleData/sahyadrinagar", "--year", "1999"]).status == 2)
        #expect(try run(["compute", "SampleData/sahyadrinagar", "--format", "pdf"]).status == 2)
        #expect(try run(["frobnicate"]).status == 2)
        let r = try run(["explain", "iso37120-2018:15.20"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("did you mean 'iso37120-2018:15.2'?") || r.stderr.contains("Did you mean"))
    }

    @Test func checkPassesAndFailsOnAMutatedCatalog() throws {
        let ok = try run(["check"])
        #expect(ok.status == 0, "\(ok.stdout)")
        #expect(ok.stdout.contains("OK: catalog built-in, 0 error(s), 0 warning(s)"))

        // A copy of the catalog with one expected value changed and one key misspelt.
        let tmp = NSTemporaryDirectory() + "catalog-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Fixtures.path("Indicators"), toPath: tmp)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let file = tmp + "/iso37120-2018/15-safety/15.2.yaml"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "multiplier:", with: "multiplyer:")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try run(["check", "--catalog", tmp])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("\(tmp)/iso37120-2018/15-safety/15.2.yaml:"))
        #expect(bad.stdout.contains("error[C002]: unknown key 'multiplyer' in indicator"))
        #expect(bad.stdout.contains("error[C010]"), "with the multiplier gone, the examples fail")
    }

    @Test func explainShowsInputsWithFileAndLine() throws {
        let r = try run(["explain", "iso37120-2018:15.2", "--workspace", "SampleData/sahyadrinagar", "--year", "2024"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("fire_deaths = "))
        #expect(
            r.stdout.contains("SampleData/sahyadrinagar/2024/fire_calls.csv"),
            "fire_deaths comes from the fire-call register")
        #expect(r.stdout.contains("population_total = "))
        #expect(r.stdout.contains("SampleData/sahyadrinagar/2024/census.csv:"))
        #expect(r.stdout.contains("result      = "))
    }

    @Test func explainADerivedElementShowsItsRecords() throws {
        let r = try run(["explain", "fire_deaths", "--workspace", "SampleData/sahyadrinagar", "--year", "2024"])
        #expect(r.status == 0)
        #expect(
            r.stdout.contains(
                "derivable:  from the fire_calls register (fire_calls.csv): sum(deaths where fy(call_date) == {year} and call_type == \"fire\")"
            ))
        #expect(r.stdout.contains("  derived from SampleData/sahyadrinagar/2024/fire_calls.csv (register fire_calls)"))
        #expect(r.stdout.contains("  records:    10,521 read, 10,521 accepted, 0 rejected"))
        #expect(r.stdout.contains("  matched:    5,692 accepted record(s) pass the filter"))
        #expect(r.stdout.contains("  value:      41 persons"))
    }

    @Test func catalogShowsWhatARegisterMustHold() throws {
        let r = try run(["catalog", "--register", "water_quality_tests"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("file:        <year>/water_quality_tests.csv, kept by Water Supply Department"))
        #expect(r.stdout.contains("header:      sample_no,collected_on,"))
        #expect(r.stdout.contains("drinking_water_samples_tested = count(where fy(collected_on) == {year}"))
        let json = try run(["catalog", "--registers", "--format", "json", "--year", "2023"])
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let registers = doc?["registers"] as? [[String: Any]] ?? []
        #expect(registers.count == Fixtures.catalog.registers.count)
        let fire = registers.first { $0["id"] as? String == "fire_calls" }
        #expect(((fire?["derive"] as? [[String: Any]])?.first?["sql"] as? String)?.contains("= 2023") == true)
        let bad = try run(["catalog", "--register", "fire_call"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("Did you mean 'fire_calls'?"))
    }

    @Test func validateARegisterPrintsWhatItDerives() throws {
        let r = try run(["validate", "SampleData/sahyadrinagar/2024/water_quality_tests.csv"], env: ["NO_COLOR": "1"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(
            r.stdout.contains(
                "✓ SampleData/sahyadrinagar/2024/water_quality_tests.csv: register water_quality_tests, 17,681 record(s): 17,681 accepted, 0 rejected — 0 error(s), 0 warning(s)"
            ))
        #expect(r.stdout.contains("    drinking_water_samples_tested = 15,940 count"))
        #expect(r.stdout.contains("    drinking_water_samples_compliant = 15,536 count"))
    }

    @Test func catalogJSONListsEveryField() throws {
        let r = try run(["catalog", "--format", "json", "--framework", "iso37120-2018"])
        #expect(r.status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let first = (doc["indicators"] as! [[String: Any]]).first!
        for key in [
            "id", "standard", "edition", "clause", "theme", "type", "title", "numerator", "denominator", "multiplier",
            "unit", "confidence",
        ] {
            #expect(first[key] != nil, "missing \(key)")
        }
    }

    @Test func helpHasExamples() throws {
        for command in ["validate", "compute", "explain", "check", "catalog", "report"] {
            let r = try run([command, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Examples:"), "\(command) --help has no examples")
        }
    }
}

/// One previous-year policy: every command compares a year with the store's latest revision of
/// the year before when a store exists, else with the earlier year folder.
@Suite(.serialized) struct PreviousYearPolicyTests {
    @Test func validateComputeReportAndExplainGiveTheSameV027() throws {
        let dir = Fixtures.temporaryFolder("policy")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/city"
        try FileManager.default.copyItem(atPath: Fixtures.path("SampleData/sahyadrinagar"), toPath: ws)
        Fixtures.removeStore(ws + "/cityind.sqlite")
        // The store's 2023 says 300 full-time firefighters; the 2023 folder keeps its 768.
        let fire = ws + "/2023/fire.csv"
        let original = try String(contentsOfFile: fire, encoding: .utf8)
        try original.replacingOccurrences(of: "\nfirefighters_fulltime,768,", with: "\nfirefighters_fulltime,300,")
            .write(toFile: fire, atomically: true, encoding: .utf8)
        let cli = EndToEndTests()
        #expect(try cli.run(["import", ws, "--year", "2023"]).status == 0)
        try original.write(toFile: fire, atomically: true, encoding: .utf8)

        // 815 ÷ 300 − 1 = +172 %: a jump against the store, none against the folder (+6 %).
        let jump = "firefighters_fulltime changed by +172 % since 2023 (300 → 815 persons)"
        let validate = try cli.run(["validate", ws + "/2024"], env: ["NO_COLOR": "1"])
        #expect(validate.stdout.contains(jump), "validate: \(validate.stdout)")
        let workspace = try cli.run(["validate", ws], env: ["NO_COLOR": "1"])
        #expect(workspace.stdout.contains(jump), "validate WORKSPACE")
        let compute = try cli.run(["compute", ws, "--year", "2024", "--format", "json"])
        #expect(compute.stdout.contains(jump), "compute: \(compute.stderr)")
        let out = dir + "/report"
        let report = try cli.run(["report", ws, "--year", "2024", "--out", out, "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try String(contentsOfFile: out + "/report.json", encoding: .utf8).contains(jump), "report")
        let element = try cli.run(["explain", "firefighters_fulltime", "--workspace", ws, "--year", "2024"])
        #expect(element.stdout.contains(jump), "explain element: \(element.stdout)")
        let indicator = try cli.run(["explain", "iso37120-2018:15.1", "--workspace", ws, "--year", "2024"])
        #expect(indicator.stdout.contains(jump), "explain indicator: \(indicator.stdout)")

        // Without the store, the folder is the earlier year: no jump anywhere.
        Fixtures.removeStore(ws + "/cityind.sqlite")
        #expect(!(try cli.run(["validate", ws + "/2024"]).stdout.contains("firefighters_fulltime changed")))
        #expect(
            !(try cli.run(["compute", ws, "--year", "2024", "--format", "json"]).stdout.contains(
                "firefighters_fulltime changed")))
    }
}

/// Where reports may be written and which folders are years (issue 13, D7, D8, D12).
@Suite(.serialized) struct OutputFolderTests {
    @Test func reportsStayOutOfYearFoldersAndFilesAndYearsHaveOneRule() throws {
        let dir = Fixtures.temporaryFolder("outfolder")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/city"
        try FileManager.default.copyItem(atPath: Fixtures.path("SampleData/sahyadrinagar"), toPath: ws)
        Fixtures.removeStore(ws + "/cityind.sqlite")
        let cli = EndToEndTests()
        let inYear = try cli.run(["report", ws, "--year", "2024", "--out", ws + "/2024/report"])
        #expect(inYear.status == 2)
        #expect(inYear.stderr.contains("it is inside the year folder"), "\(inYear.stderr)")
        #expect(!FileManager.default.fileExists(atPath: ws + "/2024/report"))
        #expect(FileManager.default.createFile(atPath: dir + "/afile", contents: Data()))
        let underFile = try cli.run(["report", ws, "--year", "2024", "--out", dir + "/afile/sub"])
        #expect(underFile.status == 2)
        #expect(underFile.stderr.contains("/afile is a file, not a folder"), "\(underFile.stderr)")
        // A four-digit folder outside 1900–2100 is not a year anywhere (the store refuses it).
        try FileManager.default.createDirectory(atPath: ws + "/2240", withIntermediateDirectories: true)
        let validate = try cli.run(["validate", ws], env: ["NO_COLOR": "1"])
        #expect(validate.stdout.contains("'2240' is not a year this tool accepts (1900 to 2100)"), "\(validate.stdout)")
        #expect(try cli.run(["import", ws]).status == 0)
    }
}

/// A workspace's files are read only inside it (issue 13, S6).
@Suite(.serialized) struct WorkspaceLinkTests {
    @Test func aLinkOutOfTheWorkspaceIsRefusedALinkInsideIsRead() throws {
        let dir = Fixtures.temporaryFolder("links")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/city"
        try FileManager.default.copyItem(atPath: Fixtures.path("SampleData/sahyadrinagar"), toPath: ws)
        Fixtures.removeStore(ws + "/cityind.sqlite")
        let water = ws + "/2024/water.csv"
        try FileManager.default.moveItem(atPath: water, toPath: dir + "/outside.csv")
        try FileManager.default.createSymbolicLink(atPath: water, withDestinationPath: dir + "/outside.csv")
        let cli = EndToEndTests()
        for arguments in [["validate", ws], ["report", ws, "--year", "2024", "--out", dir + "/r"], ["import", ws]] {
            let r = try cli.run(arguments)
            #expect(r.status == 2, "\(arguments[0]): \(r.stderr)")
            #expect(r.stderr.contains("outside the workspace"), "\(arguments[0]): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/r/report.html"))
        // The same file linked from inside the workspace is read like any other.
        try FileManager.default.removeItem(atPath: water)
        try FileManager.default.moveItem(atPath: dir + "/outside.csv", toPath: ws + "/water-2024.csv")
        try FileManager.default.createSymbolicLink(atPath: water, withDestinationPath: "../water-2024.csv")
        #expect(try cli.run(["validate", ws + "/2024"]).status == 0)
    }
}
