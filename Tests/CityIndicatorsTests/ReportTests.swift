import Foundation
import Testing

@testable import CityIndicators
@testable import CityIndicatorsBase
@testable import CityIndicatorsCatalog
@testable import CityIndicatorsIntake
@testable import CityIndicatorsOutput

@Suite struct ReportTests {
    /// A two-year workspace whose city.yaml and submissions carry markup, a pipe and a formula.
    static func hostileWorkspace() throws -> String {
        let dir = NSTemporaryDirectory() + "cityind-hostile-\(UUID().uuidString)"
        let fm = FileManager.default
        for year in ["2023", "2024"] {
            try fm.createDirectory(atPath: dir + "/" + year, withIntermediateDirectories: true)
            try "element,value,unit,source,notes\npopulation_total,1000000,persons,Census <b>bold</b>,\n"
                .write(toFile: "\(dir)/\(year)/census.csv", atomically: true, encoding: .utf8)
            let deaths = year == "2023" ? "10" : "20"
            try
                "element,value,unit,source,notes\nfire_deaths,\(deaths),persons,\"=cmd|' /C calc'!A0 <script>alert(1)</script>\",note | with <img src=x onerror=alert(2)>\n"
                .write(toFile: "\(dir)/\(year)/fire.csv", atomically: true, encoding: .utf8)
        }
        try """
        name: "Evil <script>alert('city')</script> City </style>"
        country: IN
        ulb_code: "../x"
        currency: INR
        frameworks: [iso37120-2018]
        notes: "a | b <i>c</i>"
        """.write(toFile: dir + "/city.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    static func build(_ path: String, year: Int = 2024, options: ReportOptions = ReportOptions()) throws -> ReportData {
        let ws = try Workspace.open(path, catalog: Fixtures.catalog)
        return try ReportData.build(
            workspace: ws, catalog: Fixtures.catalog, year: year, framework: "iso37120-2018", options: options)
    }

    @Test func markupFromSubmissionsAndCityYAMLIsTextInHTMLAndMarkdown() throws {
        let dir = try ReportTests.hostileWorkspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let d = try ReportTests.build(dir)
        let fire = try #require(d.results.first { $0.indicator.id == "iso37120-2018:15.2" })
        #expect(fire.status == .computed)

        let html = HTMLReport.render(d)
        #expect(!html.lowercased().contains("<script"), "no script element may reach the HTML")
        #expect(!html.contains("<img") && !html.contains("<b>") && !html.contains("<i>"))
        #expect(
            html.contains("=cmd|&#39; /C calc&#39;!A0 &lt;script&gt;alert(1)&lt;/script&gt;"),
            "the source shows as text")
        #expect(html.contains("Evil &lt;script&gt;alert(&#39;city&#39;)&lt;/script&gt; City &lt;/style&gt;"))
        #expect(html.contains("note | with &lt;img src=x onerror=alert(2)&gt;"))
        // The city name also sits in a CSS string (page footer): it cannot close the style element.
        let style = try #require(html.range(of: "<style>")).upperBound
        let styleEnd = try #require(html.range(of: "</style>")).lowerBound
        #expect(!html[style..<styleEnd].contains("<"))

        let md = MarkdownReport.render(d)
        #expect(!md.lowercased().contains("<script"))
        #expect(
            md.contains("=cmd\\|' /C calc'!A0 &lt;script&gt;alert(1)&lt;/script&gt;"),
            "the pipe cannot split a table cell")
        #expect(md.contains("a \\| b &lt;i&gt;c&lt;/i&gt;"))
        for line in md.split(separator: "\n") where line.hasPrefix("| 15.2 |") {
            // Unescaped pipes delimit cells: the 15.2 row has exactly the table's 12 columns.
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count - 1
            #expect([12, 8, 5].contains(cells), "\(line)")
        }

        let csv = ReportCSV.render(d)
        #expect(
            csv.contains(",'=cmd|' /C calc'!A0 <script>alert(1)</script>; Census <b>bold</b>,"),
            "a formula-like cell starts with an apostrophe")
        #expect(!csv.contains(",=cmd"))
    }

    @Test func sameInputsGiveIdenticalBytes() throws {
        let path = Fixtures.path("SampleData/sahyadrinagar")
        let a = try ReportTests.build(path)
        let b = try ReportTests.build(path)
        #expect(HTMLReport.render(a) == HTMLReport.render(b))
        #expect(MarkdownReport.render(a) == MarkdownReport.render(b))
        #expect(ReportCSV.render(a) == ReportCSV.render(b))
        #expect(try ReportJSON.render(a) == ReportJSON.render(b))
        #expect(try !ReportJSON.render(a).contains("generatedAt"), "no date unless asked for")
    }

    @Test func theSampleCityReport() throws {
        let d = try ReportTests.build(Fixtures.path("SampleData/sahyadrinagar"))
        #expect(d.years == [2022, 2023, 2024] && d.previousYear == 2023)
        #expect(d.results.count == Fixtures.catalog.indicators(in: "iso37120-2018").count)
        // Certification: what is missing for the next level is exactly the unreported core.
        let a = try #require(d.assessment)
        let unreportedCore = d.results.filter { $0.indicator.type == .core && $0.status != .computed }.map(
            \.indicator.id)
        if a.next?.core == nil { #expect(a.missingCore.map(\.id) == unreportedCore) }
        // Completeness adds up.
        for t in d.themes { #expect(t.computed + t.notComputable + t.notSubmitted + t.notDefined == t.indicators) }
        for x in d.departments { #expect(x.reported + x.leftBlank + x.absent == x.owed) }
        // Provenance: workspace-relative paths and the files' SHA-256.
        let files2024 = try FileManager.default.contentsOfDirectory(
            atPath: Fixtures.path("SampleData/sahyadrinagar/2024")
        ).filter { $0.hasSuffix(".csv") }.count
        #expect(d.provenance.count == files2024)
        for f in d.provenance {
            #expect(f.file.hasPrefix("2024/") && f.file.hasSuffix(".csv"))
            #expect(f.sha256 == FileDigest.sha256(path: Fixtures.path("SampleData/sahyadrinagar/" + f.file)))
        }
        for r in d.results { for input in r.inputs { #expect(input.file.map { $0.hasPrefix("2024/") } ?? true) } }
        // Year over year: a change above 25 % is a jump, a move against the better direction is worse.
        for c in d.changes {
            if let change = c.change { #expect(c.flags.contains(.jump) == (abs(change) > 0.25)) }
            if let p = c.previous, let n = c.current, c.direction == .lower, Format.readable(n) != Format.readable(p) {
                #expect(c.flags.contains(.worse) == (n > p))
            }
        }
    }

    @Test func numberStyles() throws {
        let path = Fixtures.path("SampleData/sahyadrinagar")
        let indian = HTMLReport.render(try ReportTests.build(path, options: ReportOptions(grouping: .indian)))
        #expect(indian.contains(">35,21,000<"), "population in Indian grouping")
        #expect(indian.contains(">1,00,000<") && indian.contains("× 1,00,000"), "multipliers too")
        let international = HTMLReport.render(try ReportTests.build(path))
        #expect(international.contains(">3,521,000<"))
        // The CSV is for spreadsheets: never grouped.
        #expect(
            ReportCSV.render(try ReportTests.build(path, options: ReportOptions(grouping: .indian))).contains(
                ",3521000,"))
        #expect(ReportCSV.render(try ReportTests.build(path), byteOrderMark: true).hasPrefix("\u{FEFF}Indicator ID,"))
    }

    @Test func htmlIsSelfContainedAndAccessible() throws {
        let html = HTMLReport.render(try ReportTests.build(Fixtures.path("SampleData/sahyadrinagar")))
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "@import", "url(http", "href=\"http"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        let tables = html.components(separatedBy: "<table").count - 1
        #expect(tables > 20)
        #expect(html.components(separatedBy: "<caption>").count - 1 == tables, "every table has a caption")
        #expect(!html.contains("<th>"), "every header cell has a scope")
        let svgs = html.components(separatedBy: "<svg").count - 1
        #expect(svgs > 50)
        #expect(html.components(separatedBy: "<title id=").count - 1 == svgs)
        #expect(html.components(separatedBy: "<desc id=").count - 1 == svgs)
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(html.contains("@page { size: A4;"))
    }
}

/// SARIF locations are URI references (issue 13, D3).
@Suite struct SARIFTests {
    @Test func pathsArePercentEncoded() throws {
        let d = Diagnostic(
            .notANumber, "x", at: SourceLocation(file: "odd dir #1 %41/2024/water.csv", line: 2, column: 3))
        let json = try SARIF.document([d])
        #expect(json.contains("\"uri\" : \"odd%20dir%20%231%20%2541/2024/water.csv\""), "\(json)")
    }
}
