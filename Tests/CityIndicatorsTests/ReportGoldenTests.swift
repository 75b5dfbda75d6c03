import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsBase
@testable import CityIndicatorsCatalog
@testable import CityIndicatorsCompute
@testable import CityIndicatorsIntake
@testable import CityIndicatorsOutput

/// Compares text with a file under Tests/CityIndicatorsTests/Golden/. With RECORD_GOLDEN=1 the
/// file is written instead, and the test fails so that a fresh baseline never passes by accident.
enum Golden {
    static let directory = Fixtures.path("Tests/CityIndicatorsTests/Golden")
    static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
    static let howToRecord = """
        If the change is intended (a renderer changed, or the fixture in Tests/CityIndicatorsTests/GoldenCity changed), \
        re-record every golden file with `RECORD_GOLDEN=1 swift test --filter Golden`, then run \
        `swift test --filter Golden` again without RECORD_GOLDEN, review `git diff Tests/CityIndicatorsTests/Golden` \
        and commit it.
        """

    static func check(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let path = (directory as NSString).appendingPathComponent(name)
        if recording {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
                Issue.record(
                    "recorded \(path); re-run without RECORD_GOLDEN=1 to check against it",
                    sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot write \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) })
        else {
            Issue.record("no golden file \(path). \(howToRecord)", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let a = expected.components(separatedBy: "\n")
        let b = actual.components(separatedBy: "\n")
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        func show(_ lines: [String]) -> String {
            line < lines.count ? String(lines[line].prefix(300)) : "(end of file)"
        }
        Issue.record(
            """
            \(name) differs from \(path) at line \(line + 1) (\(a.count) lines expected, \(b.count) produced):
              expected: \(show(a))
              actual:   \(show(b))
            \(howToRecord)
            """, sourceLocation: sourceLocation)
    }
}

/// Golden files of every report format on a small fixture city, 2024, with a fixed generation date.
///
/// The fixture is `Tests/CityIndicatorsTests/GoldenCity/`: its own catalog (`Indicators/`, one
/// framework `gold-1` of eight indicators) and workspace (`city/`, 2023 and 2024), built so that
/// every part of the report has content: computed, not computable (out of range, a rejected row)
/// and not submitted indicators, certification levels met and not met, year-over-year jumps and
/// V027 notes, a unit conversion and an error in "Data issues". It does not depend on the
/// repository's catalog or on SampleData, so growing those does not re-record these files;
/// `ReportEndToEndTests` checks the structure of the sample city's report instead.
@Suite struct ReportGoldenTests {
    static let generatedAt = "2025-06-30 (golden test)"
    static let fixture = Fixtures.path("Tests/CityIndicatorsTests/GoldenCity")

    /// The fixture catalog, with display paths relative to the package root (never the absolute
    /// checkout path, which differs between machines).
    static let catalogLoad: (catalog: Catalog, diagnostics: [Diagnostic]) = {
        let files = ((try? CatalogSource.directory(fixture + "/Indicators")) ?? []).map {
            CatalogFile(
                displayPath: "Tests/CityIndicatorsTests/GoldenCity/Indicators/" + $0.relativePath,
                relativePath: $0.relativePath, data: $0.data)
        }
        return CatalogLoader.load(files, origin: "golden")
    }()

    static let data: ReportData = {
        let catalog = catalogLoad.catalog
        let ws = try! Workspace.open(fixture + "/city", catalog: catalog)
        // Each year compared with the earlier year folder, as `cityind report` does for a
        // workspace without a store (the V027 rows of "Data issues").
        return try! ReportData.build(
            workspace: ws, catalog: catalog, year: 2024, framework: "gold-1",
            options: ReportOptions(generatedAt: generatedAt),
            earlierYear: { try ws.earlierYear(before: $0, catalog: catalog) })
    }()

    static func render(_ name: String, _ d: ReportData) throws -> String {
        switch name {
        case "report.html": HTMLReport.render(d)
        case "report.md": MarkdownReport.render(d)
        case "indicators.csv": ReportCSV.render(d)
        default: try ReportJSON.render(d)
        }
    }

    /// A broken fixture fails here, loudly, rather than rendering a thin report that is then
    /// recorded as the baseline.
    @Test func fixtureCatalogAndWorkspaceAreSound() throws {
        let (catalog, diagnostics) = ReportGoldenTests.catalogLoad
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.rendered).joined(separator: "\n"))")
        #expect(catalog.frameworks.keys.sorted() == ["gold-1"])
        #expect(catalog.indicators.count == 8)
        let failures = CatalogCheck.run(catalog).diagnostics
        #expect(failures.isEmpty, "worked examples or levels: \(failures.map(\.rendered).joined(separator: "\n"))")
        let d = ReportGoldenTests.data
        #expect(d.results.count == 8 && d.years == [2023, 2024] && d.previousYear == 2023)
        // What the fixture is built to show (if one of these changes, fix the fixture, not the goldens).
        #expect(d.count(.computed) == 5 && d.count(.notComputable) == 2 && d.count(.notSubmitted) == 1)
        #expect(d.results.compactMap(\.reason).map(\.rawValue).sorted() == ["missing_input", "out_of_range"])
        #expect(d.assessment?.reached?.id == "bronze" && d.assessment?.next?.id == "silver")
        #expect(d.diagnostics.map(\.code.rawValue).sorted() == ["V010", "V016", "V017", "V027", "V027"])
        #expect(d.changes.contains { $0.flags.contains(.jump) && $0.flags.contains(.worse) })
        #expect(
            d.changes.contains { $0.flags.contains(.newlyReported) }
                && d.changes.contains { $0.flags.contains(.noLongerReported) })
        // The golden files must not depend on where the repository is checked out.
        for name in ["report.html", "report.md", "indicators.csv", "report.json"] {
            let text = try ReportGoldenTests.render(name, d)
            #expect(!text.contains(Fixtures.root), "\(name) contains the checkout path")
        }
    }

    @Test(arguments: ["report.html", "report.md", "indicators.csv", "report.json"])
    func goldenFile(_ name: String) throws {
        Golden.check(try ReportGoldenTests.render(name, ReportGoldenTests.data), name)
    }
}
