import Foundation
import Testing
@testable import CityIndicators

/// The catalog is data with its own tests: every indicator file proves itself by its examples.
@Suite struct CatalogConsistencyTests {
    static let indicatorFiles: [String] = {
        let catalog = Fixtures.catalog
        return catalog.indicators.map(\.location.file).sorted()
    }()

    @Test func theCatalogLoadsWithoutErrorsOrWarnings() {
        #expect(Fixtures.catalogLoad.diagnostics.map(\.rendered) == [])
    }

    @Test func everyIndicatorFileBecameAnIndicator() throws {
        let all = try CatalogSource.directory(Fixtures.path("Indicators"))
        let indicatorFiles = all.filter { f in
            !["units.yaml", "departments.yaml"].contains(f.relativePath) && !f.relativePath.hasPrefix("elements/") && !f.relativePath.hasPrefix("frameworks/")
        }
        #expect(indicatorFiles.count == Fixtures.catalog.indicators.count)
    }

    @Test(arguments: indicatorFiles)
    func workedExamplesPass(file: String) throws {
        let indicator = try #require(Fixtures.catalog.indicators.first { $0.location.file == file })
        #expect(indicator.examples.contains { if case .value = $0.expectation { true } else { false } }, "\(indicator.id) has no computed example")
        let failures = CatalogCheck.run(indicator, catalog: Fixtures.catalog)
        #expect(failures.isEmpty, "\(failures.map(\.rendered))")
    }

    @Test(arguments: indicatorFiles)
    func fileNameAndIdAgree(file: String) throws {
        let indicator = try #require(Fixtures.catalog.indicators.first { $0.location.file == file })
        // Indicators/<framework>/<nn-theme>/<clause>.yaml
        let parts = file.split(separator: "/").map(String.init)
        #expect(parts.count == 4, "\(file)")
        #expect(parts[1] == indicator.framework)
        #expect(parts[3] == indicator.clause + ".yaml")
        let theme = try #require(Fixtures.catalog.frameworks[indicator.framework]?.theme(indicator.theme))
        #expect(parts[2].hasPrefix(String(format: "%02d-", Int(theme.clause) ?? -1)), "\(file): folder does not match theme clause \(theme.clause)")
        #expect(indicator.clause.hasPrefix(theme.clause + "."), "\(indicator.id) is not in clause \(theme.clause) of theme \(theme.id)")
    }

    @Test func reconstructedDefinitionsSayWhy() {
        for i in Fixtures.catalog.indicators where i.confidence == .reconstructed {
            #expect((i.confidenceNote ?? "").count >= 20, "\(i.id) is reconstructed without a reason")
        }
    }

    @Test func everyElementIsUsedAndEveryDepartmentOwnsSomething() {
        let catalog = Fixtures.catalog
        var used = Set<String>()
        for i in catalog.indicators { used.formUnion(i.formula.elements) }
        for r in catalog.relations { used.formUnion(r.check.elements) }
        #expect(Set(catalog.elements.keys).subtracting(used).sorted() == [])
    }

    /// The first slice of ISO 37120:2018: every indicator of six themes (23.6 is an unidentified slot).
    @Test func theSliceIsComplete() {
        let ids = Set(Fixtures.catalog.indicators(in: "iso37120-2018").map(\.clause))
        let expected = (1...4).map { "9.\($0)" } + (1...6).map { "11.\($0)" } + (1...10).map { "15.\($0)" }
            + (1...10).map { "16.\($0)" } + (1...6).map { "22.\($0)" } + ["23.1", "23.2", "23.3", "23.4", "23.5", "23.7"]
        #expect(ids.isSuperset(of: expected), "missing: \(Set(expected).subtracting(ids).sorted())")
    }
}

/// Generated docs are committed; these fail when they are stale.
@Suite struct GeneratedDocsTests {
    @Test func indicatorsDocIsCurrent() throws {
        let committed = try String(contentsOfFile: Fixtures.path("docs/indicators.md"), encoding: .utf8)
        #expect(committed == TextRenderers.catalogMarkdown(Fixtures.catalog), "docs/indicators.md is stale: run `swift run cityind docs --out docs`")
    }

    @Test func diagnosticsDocIsCurrent() throws {
        let committed = try String(contentsOfFile: Fixtures.path("docs/diagnostics.md"), encoding: .utf8)
        #expect(committed == DiagnosticsDoc.markdown(), "docs/diagnostics.md is stale: run `swift run cityind docs --out docs`")
    }

    @Test func everyCodeIsUniqueAndDocumented() {
        let codes = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        for code in DiagnosticCode.allCases {
            #expect(code.example.message.contains("[\(code.rawValue)]"), "the example of \(code.rawValue) shows another code")
        }
    }
}
