import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsCatalog
@testable import CityIndicatorsCompute
@testable import CityIndicatorsOutput

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
            !["units.yaml", "departments.yaml"].contains(f.relativePath) && !f.relativePath.hasPrefix("elements/")
                && !f.relativePath.hasPrefix("frameworks/") && !f.relativePath.hasPrefix("crosswalks/")
                && !f.relativePath.hasPrefix("registers/")
        }
        #expect(indicatorFiles.count == Fixtures.catalog.indicators.count)
    }

    @Test(arguments: indicatorFiles)
    func workedExamplesPass(file: String) throws {
        let indicator = try #require(Fixtures.catalog.indicators.first { $0.location.file == file })
        if case .undefined = indicator.formula { return }  // a slot: counted, never computed
        #expect(
            indicator.examples.contains { if case .value = $0.expectation { true } else { false } },
            "\(indicator.id) has no computed example")
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
        let prefix = Int(theme.clause).map { String(format: "%02d-", $0) } ?? "\(theme.clause)-"
        #expect(parts[2].hasPrefix(prefix), "\(file): folder does not start with \(prefix), the theme's clause")
        #expect(
            indicator.clause.hasPrefix(theme.clause + "."),
            "\(indicator.id) is not in clause \(theme.clause) of theme \(theme.id)")
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
        let owning = Set(catalog.elements.values.map(\.department)).union(catalog.registers.values.map(\.department))
        #expect(Set(catalog.departments.keys).subtracting(owning).sorted() == [], "departments that own no element")
    }

    /// Every framework holds the number of indicators its standard gives (profile ones aside).
    @Test func frameworkCountsMatchTheStandard() {
        for framework in Fixtures.catalog.frameworks.values.sorted(by: { $0.id < $1.id }) {
            guard let expected = framework.expected else { continue }
            let list = Fixtures.catalog.indicators(in: framework.id).filter { $0.type != .profile }
            if let n = expected.indicators {
                #expect(list.count == n, "\(framework.id): \(list.count) indicators, the standard has \(n)")
            }
            if let n = expected.core {
                #expect(list.filter { $0.type == .core }.count == n, "\(framework.id): core count")
            }
            if let n = expected.supporting {
                #expect(list.filter { $0.type == .supporting }.count == n, "\(framework.id): supporting count")
            }
        }
    }

    /// The 2014 → 2018 crosswalk covers both editions: every 2014 indicator once as `from`
    /// (same, changed, moved or dropped), every 2018 indicator at least once as `to` (two 2014
    /// indicators may merge into one), and a `new` one nowhere else.
    @Test func theCrosswalkCoversBothEditions() {
        let catalog = Fixtures.catalog
        let entries = catalog.crosswalks.filter { $0.from == "iso37120-2014" && $0.to == "iso37120-2018" }.flatMap(
            \.entries)
        #expect(!entries.isEmpty)
        var froms: [String: Int] = [:]
        var tos: [String: [Crosswalk.Change]] = [:]
        for e in entries {
            if let f = e.from { froms[f, default: 0] += 1 }
            if let t = e.to { tos[t, default: []].append(e.change) }
        }
        for i in catalog.indicators(in: "iso37120-2014") {
            #expect(froms[i.clause] == 1, "2014 \(i.clause) appears \(froms[i.clause] ?? 0) times as 'from'")
        }
        for i in catalog.indicators(in: "iso37120-2018") where i.type != .profile {
            let changes = tos[i.clause] ?? []
            #expect(!changes.isEmpty, "2018 \(i.clause) is in no crosswalk entry")
            if changes.contains(.new) {
                #expect(changes.count == 1, "2018 \(i.clause) is 'new' and also has a predecessor")
            }
        }
    }

    /// The first slice of ISO 37120:2018: every indicator of six themes (23.6 is an unidentified slot).
    @Test func theSliceIsComplete() {
        let ids = Set(Fixtures.catalog.indicators(in: "iso37120-2018").map(\.clause))
        let expected =
            (1...4).map { "9.\($0)" } + (1...6).map { "11.\($0)" } + (1...10).map { "15.\($0)" }
            + (1...10).map { "16.\($0)" } + (1...6).map { "22.\($0)" } + [
                "23.1", "23.2", "23.3", "23.4", "23.5", "23.7",
            ]
        #expect(ids.isSuperset(of: expected), "missing: \(Set(expected).subtracting(ids).sorted())")
    }
}

/// Generated docs are committed; these fail when they are stale.
@Suite struct GeneratedDocsTests {
    @Test func indicatorsDocIsCurrent() throws {
        let committed = try String(contentsOfFile: Fixtures.path("docs/indicators.md"), encoding: .utf8)
        #expect(
            committed == TextRenderers.catalogMarkdown(Fixtures.catalog),
            "docs/indicators.md is stale: run `swift run cityind docs --out docs`")
    }

    @Test func diagnosticsDocIsCurrent() throws {
        let committed = try String(contentsOfFile: Fixtures.path("docs/diagnostics.md"), encoding: .utf8)
        #expect(
            committed == DiagnosticsDoc.markdown(),
            "docs/diagnostics.md is stale: run `swift run cityind docs --out docs`")
    }

    // Every code's example is a real run, checked per code in DiagnosticExamplesTests.
}
