import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsCompute
@testable import CityIndicatorsFuzz

/// Inputs the fuzzers found (and hand-made tricky ones), kept so they never crash again.
@Suite struct FuzzRegressionTests {
    static let targets = ["csv", "expression", "catalog", "register"]

    static func inputs(_ target: String) -> [String] {
        let dir = Fixtures.path("Tests/CityIndicatorsTests/FuzzRegressions/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(dir)/\($0)" }
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Without inputs the parameterised tests below would pass by running nothing.
    @Test(arguments: targets) func everyTargetKeepsInputs(target: String) {
        #expect(!FuzzRegressionTests.inputs(target).isEmpty, "no regression inputs for \(target)")
    }

    @Test(arguments: inputs("csv")) func csv(path: String) throws {
        #expect(FuzzEntry.csv(try FuzzRegressionTests.bytes(path)) == [])
    }

    @Test(arguments: inputs("expression")) func expression(path: String) throws {
        #expect(FuzzEntry.expression(try FuzzRegressionTests.bytes(path)) == [])
    }

    @Test(arguments: inputs("catalog")) func catalog(path: String) throws {
        #expect(FuzzEntry.catalogFile(try FuzzRegressionTests.bytes(path)) == [])
    }

    @Test(arguments: inputs("register")) func register(path: String) throws {
        #expect(FuzzEntry.register(try FuzzRegressionTests.bytes(path)) == [])
    }

    @Test func theSmallFuzzCatalogIsClean() {
        #expect(FuzzEntry.catalog.indicators.count == 1)
        #expect(FuzzEntry.catalog.registers["calls"]?.derivations.count == 2)
        #expect(CatalogCheck.run(FuzzEntry.catalog).diagnostics.isEmpty)
    }
}
