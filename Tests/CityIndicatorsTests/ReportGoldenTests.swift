import Foundation
import Testing
@testable import CityIndicatorsBase
@testable import CityIndicatorsCatalog
@testable import CityIndicatorsIntake
@testable import CityIndicatorsCompute
@testable import CityIndicatorsOutput
@testable import CityIndicatorsStore
@testable import CityIndicators

/// Compares text with a file under Tests/CityIndicatorsTests/Golden/. With RECORD_GOLDEN=1 the
/// file is written instead, and the test fails so that a fresh baseline never passes by accident.
enum Golden {
    static let directory = Fixtures.path("Tests/CityIndicatorsTests/Golden")
    static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
    static let howToRecord = """
        If the change is intended (a renderer changed, or the catalog or SampleData/sahyadrinagar grew), \
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
                Issue.record("recorded \(path); re-run without RECORD_GOLDEN=1 to check against it", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot write \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            Issue.record("no golden file \(path). \(howToRecord)", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        func show(_ lines: [String]) -> String {
            line < lines.count ? String(lines[line].prefix(300)) : "(end of file)"
        }
        Issue.record("""
            \(name) differs from \(path) at line \(line + 1) (\(a.count) lines expected, \(b.count) produced):
              expected: \(show(a))
              actual:   \(show(b))
            \(howToRecord)
            """, sourceLocation: sourceLocation)
    }
}

/// Golden files of every report format on the sample city, 2024, with a fixed generation date.
@Suite struct ReportGoldenTests {
    static let generatedAt = "2025-06-30 (golden test)"

    static let data: ReportData = {
        let catalog = Fixtures.catalog
        let ws = try! Workspace.open(Fixtures.path("SampleData/sahyadrinagar"), catalog: catalog)
        return try! ReportData.build(workspace: ws, catalog: catalog, year: 2024, framework: "iso37120-2018", options: ReportOptions(generatedAt: generatedAt))
    }()

    static func render(_ name: String, _ d: ReportData) throws -> String {
        switch name {
        case "report.html": HTMLReport.render(d)
        case "report.md": MarkdownReport.render(d)
        case "indicators.csv": ReportCSV.render(d)
        default: try ReportJSON.render(d)
        }
    }

    @Test(arguments: ["report.html", "report.md", "indicators.csv", "report.json"])
    func goldenFile(_ name: String) throws {
        Golden.check(try ReportGoldenTests.render(name, ReportGoldenTests.data), name)
    }
}
