import CityIndicators
import Foundation
import Testing

/// `cityind report` run as a user runs it.
@Suite(.serialized) struct ReportEndToEndTests {
    let cli = EndToEndTests()
    static let formats = ["report.html", "report.md", "indicators.csv", "report.json"]

    static func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "cityind-report-\(UUID().uuidString)"
    }

    /// The headless browser `--pdf` would use, if any.
    static let browser: String? = {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for dir in dirs where FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
                return dir + "/" + name
            }
        }
        return nil
    }()

    static let pdfRequired = ProcessInfo.processInfo.environment["CITYIND_REQUIRE_PDF"] == "1"

    @Test func writesEveryFormatIntoTheOutFolder() throws {
        let out = ReportEndToEndTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try cli.run(
            [
                "report", Fixtures.path("SampleData/sahyadrinagar"), "--year", "2024", "--out", out, "--generated-at",
                "30 June 2025", "--csv-bom",
            ], cwd: "/")
        #expect(r.status == 0, "\(r.stderr)")
        for name in ReportEndToEndTests.formats {
            #expect(r.stdout.contains("wrote \(out)/\(name)"))
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(name)"), "\(name)")
        }
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(
            html.hasPrefix("<!DOCTYPE html>") && html.contains("Sahyadrinagar Municipal Corporation")
                && html.contains("30 June 2025"))
        let csv = try Data(contentsOf: URL(fileURLWithPath: out + "/indicators.csv"))
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "--csv-bom")
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json")))
            as! [String: Any]
        #expect(json["schemaVersion"] as? String == "1.0")
        #expect(json["generatedAt"] as? String == "30 June 2025")
        let files2024 = try FileManager.default.contentsOfDirectory(
            atPath: Fixtures.path("SampleData/sahyadrinagar/2024")
        ).filter { $0.hasSuffix(".csv") }.count
        #expect((json["provenance"] as? [[String: Any]])?.count == files2024)
        #expect((json["certification"] as? [String: Any])?["reached"] != nil)
        #expect(r.stdout.contains("level reached: "))
    }

    /// The sample city's report through the library, checked for structure rather than bytes (the
    /// byte-for-byte golden files rest on the small fixture of `ReportGoldenTests`): every
    /// indicator of the framework is in every format exactly once.
    @Test func sampleCityReportHasOneEntryPerIndicatorInEveryFormat() throws {
        let catalog = Fixtures.catalog
        let framework = "iso37120-2018"
        let ws = try Workspace.open(Fixtures.path("SampleData/sahyadrinagar"), catalog: catalog)
        let d = try ReportData.build(
            workspace: ws, catalog: catalog, year: 2024, framework: framework,
            options: ReportOptions(generatedAt: "30 June 2025"),
            earlierYear: { try ws.earlierYear(before: $0, catalog: catalog) })
        let ids = catalog.indicators(in: framework).map(\.id)
        #expect(ids.count > 100, "the real catalog's ISO 37120:2018 (104 indicators)")
        #expect(d.results.map(\.indicator.id) == ids, "one result per indicator of the framework, in catalog order")
        // Each status agrees with what the result carries.
        for r in d.results {
            switch r.status {
            case .computed: #expect(r.value != nil && r.reasonText == nil, "\(r.indicator.id)")
            case .notComputable:
                #expect(r.value == nil && r.reason != nil && !(r.reasonText ?? "").isEmpty, "\(r.indicator.id)")
            case .notSubmitted, .notDefined:
                #expect(r.value == nil && !(r.reasonText ?? "").isEmpty, "\(r.indicator.id)")
            }
        }
        #expect(d.count(.computed) > ids.count / 2, "most of the sample city's indicators are computed")

        // HTML: one methodology row per indicator id; one theme-table row per non-profile indicator,
        // with its status as the row's class.
        let html = HTMLReport.render(d)
        for id in ids {
            #expect(html.components(separatedBy: "<span class=\"id\">\(id), ").count - 1 == 1, "\(id) in Annex A")
        }
        let themed = d.results.filter { $0.indicator.type != .profile }
        #expect(html.components(separatedBy: "<tr class=\"s-").count - 1 == themed.count)
        for status in [ResultStatus.computed, .notComputable, .notSubmitted, .notDefined] {
            let rows = html.components(separatedBy: "<tr class=\"s-\(status.rawValue)\">").count - 1
            #expect(rows == themed.filter { $0.status == status }.count, "\(status.rawValue) rows")
        }

        // JSON: parses, carries schemaVersion, and lists the results with their statuses.
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try ReportJSON.render(d).utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? String == "1.0")
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["id"] as? String } == ids)
        #expect(results.compactMap { $0["status"] as? String } == d.results.map(\.status.rawValue))
        #expect((json["summary"] as? [String: Any])?["indicators"] as? Int == ids.count)

        // CSV: a header and one CRLF-terminated line per indicator, each starting with its id.
        let csv = ReportCSV.render(d)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.last == "", "ends with a line break")
        #expect(lines.count - 1 == d.results.count + 1, "header + one line per indicator")
        #expect(lines.first?.hasPrefix("Indicator ID,") == true)
        #expect(lines.dropFirst().dropLast().map { String($0.prefix { $0 != "," }) } == ids)
    }

    @Test func twoRunsGiveIdenticalBytes() throws {
        let a = ReportEndToEndTests.temporaryDirectory()
        let b = ReportEndToEndTests.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: a)
            try? FileManager.default.removeItem(atPath: b)
        }
        // From different working directories, with the workspace named differently.
        #expect(try cli.run(["report", "SampleData/sahyadrinagar", "--out", a]).status == 0)
        #expect(try cli.run(["report", Fixtures.path("SampleData/sahyadrinagar/"), "--out", b], cwd: "/").status == 0)
        for name in ReportEndToEndTests.formats {
            let x = FileManager.default.contents(atPath: "\(a)/\(name)")
            let y = FileManager.default.contents(atPath: "\(b)/\(name)")
            #expect(x != nil && x == y, "\(name) differs between runs")
        }
    }

    @Test func formatsDefaultFolderAndUsageErrors() throws {
        let cwd = ReportEndToEndTests.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: cwd, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: cwd) }
        let r = try cli.run(
            ["report", Fixtures.path("SampleData/sahyadrinagar"), "--format", "md,csv", "--year", "2023"], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: cwd + "/report-802999-2023").sorted()
        #expect(files == ["indicators.csv", "report.md"], "the default folder is ./report-<ulb_code>-<year>")
        #expect(try cli.run(["report", "SampleData/sahyadrinagar", "--format", "pdf", "--out", cwd]).status == 2)
        #expect(try cli.run(["report", "SampleData/sahyadrinagar", "--framework", "nope", "--out", cwd]).status == 2)
        #expect(try cli.run(["report", "SampleData/sahyadrinagar", "--year", "1999", "--out", cwd]).status == 2)
        #expect(try cli.run(["report", "no/such/workspace"]).status == 2)
    }

    @Test func errorsInTheYearExit1AndTheReportIsStillWritten() throws {
        let ws = ReportEndToEndTests.temporaryDirectory()
        let out = ReportEndToEndTests.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: ws)
            try? FileManager.default.removeItem(atPath: out)
        }
        try FileManager.default.copyItem(atPath: Fixtures.path("SampleData/sahyadrinagar"), toPath: ws)
        try FileManager.default.removeItem(atPath: ws + "/2024/water.csv")
        try FileManager.default.copyItem(
            atPath: Fixtures.path("SampleData/broken/water.csv"), toPath: ws + "/2024/water.csv")
        let r = try cli.run(["report", ws, "--out", out, "--format", "html,json"], env: ["NO_COLOR": "1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(ws)/2024/water.csv:4:28: error[V010]"), "terminal paths lead to the file")
        #expect(r.stderr.contains("8 error(s) in the 2024 submissions"))
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("<td class=\"code nowrap\">2024/water.csv:4:28</td>"), "the report lists the errors")
        #expect(FileManager.default.fileExists(atPath: out + "/report.json"))
    }

    @Test func pdfWithoutABrowserSaysSoAndExits2() throws {
        let out = ReportEndToEndTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try cli.run(
            ["report", "SampleData/sahyadrinagar", "--out", out, "--pdf"], env: ["PATH": "/nonexistent"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--pdf needs a headless Chromium"))
        #expect(r.stderr.contains("apt-get install chromium"))
    }

    @Test(
        .enabled(
            if: browser != nil || pdfRequired, "no Chromium in PATH (set CITYIND_REQUIRE_PDF=1 to make this a failure)")
    )
    func pdfThroughHeadlessChromium() throws {
        guard ReportEndToEndTests.browser != nil else {
            Issue.record(
                "CITYIND_REQUIRE_PDF=1 but none of chromium, chromium-browser, google-chrome is in PATH: install Chromium (apt-get install chromium poppler-utils) or unset CITYIND_REQUIRE_PDF"
            )
            return
        }
        let out = ReportEndToEndTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try cli.run(["report", "SampleData/sahyadrinagar", "--out", out, "--format", "json", "--pdf"])
        #expect(r.status == 0, "\(r.stderr)")
        let pdf = try #require(FileManager.default.contents(atPath: out + "/report.pdf"), "no report.pdf: \(r.stderr)")
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(!FileManager.default.fileExists(atPath: out + "/report.html"), "html was not asked for")
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        if let pdfinfo = dirs.map({ "\($0)/pdfinfo" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }
        ) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: pdfinfo)
            p.arguments = [out + "/report.pdf"]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            let info = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap {
                Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces))
            }
            #expect((pages ?? 0) > 1, "\(info)")
        } else {
            #expect(pdf.count > 50_000, "a many-page PDF (pdfinfo not installed to count pages)")
        }
    }
}
