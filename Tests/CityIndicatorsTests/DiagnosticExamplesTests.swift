import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsBase
@testable import CityIndicatorsOutput

/// Every code's example in docs/diagnostics.md comes from a real run of `DiagnosticExamples`:
/// each run must give its code, at the code's severity, located in a stable relative path.
@Suite struct DiagnosticExamplesTests {
    @Test func theBaseCatalogLoadsCleanly() {
        let (_, diagnostics) = DiagnosticExamples.loadCatalog([])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.rendered).joined(separator: "\n"))")
    }

    @Test(arguments: DiagnosticCode.allCases) func everyCodeHasARealExample(code: DiagnosticCode) throws {
        let root = NSTemporaryDirectory() + "cityind-examples-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let diagnostics = try DiagnosticExamples.run(DiagnosticExamples.input(for: code), temporaryRoot: root)
        let listing = diagnostics.map(\.rendered).joined(separator: "\n")
        let ofCode = diagnostics.filter { $0.code == code }
        try #require(!ofCode.isEmpty, "the example of \(code.rawValue) does not give it; it gives:\n\(listing)")

        #expect(
            ofCode.contains { $0.severity == code.severity },
            "the example of \(code.rawValue) gives it only as \(ofCode.map(\.severity.rawValue)), not \(code.severity.rawValue):\n\(listing)"
        )
        // What the doc shows is that run's diagnostic.
        #expect(DiagnosticExamples.diagnostic(for: code).map { $0.code == code } == true)

        // Stable paths: relative, no temporary folder anywhere in the text.
        for d in diagnostics {
            let file = d.location?.file ?? ""
            #expect(
                !file.isEmpty && !file.hasPrefix("/"), "\(code.rawValue): absolute or missing path in \(d.rendered)")
            #expect(
                !d.rendered.contains(root) && !d.rendered.contains(NSTemporaryDirectory()),
                "\(code.rawValue): a temporary path in \(d.rendered)")
        }
        // Registers and workspaces are written to temporary folders: none is left behind.
        #expect(
            (try FileManager.default.contentsOfDirectory(atPath: root)).isEmpty,
            "\(code.rawValue) left files in \(root)")
    }
}
