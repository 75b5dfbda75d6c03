import Foundation
import Testing
@testable import CityIndicatorsBase
@testable import CityIndicatorsCatalog
@testable import CityIndicatorsIntake
@testable import CityIndicatorsCompute
@testable import CityIndicatorsOutput
@testable import CityIndicatorsStore
@testable import CityIndicators
@testable import CityIndicatorsFuzz

/// Inputs the fuzzers found (and hand-made tricky ones), kept so they never crash again.
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let dir = Fixtures.path("Tests/CityIndicatorsTests/FuzzRegressions/\(target)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }.sorted().map { "\(dir)/\($0)" }
    }

    @Test(arguments: inputs("csv")) func csv(path: String) throws {
        FuzzEntry.csv(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test(arguments: inputs("expression")) func expression(path: String) throws {
        FuzzEntry.expression(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test(arguments: inputs("catalog")) func catalog(path: String) throws {
        FuzzEntry.catalogFile(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test(arguments: inputs("register")) func register(path: String) throws {
        FuzzEntry.register(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func theSmallFuzzCatalogIsClean() {
        #expect(FuzzEntry.catalog.indicators.count == 1)
        #expect(FuzzEntry.catalog.registers["calls"]?.derivations.count == 2)
        #expect(CatalogCheck.run(FuzzEntry.catalog).diagnostics.isEmpty)
    }
}
