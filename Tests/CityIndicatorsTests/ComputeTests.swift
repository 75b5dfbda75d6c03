import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsBase
@testable import CityIndicatorsCompute
@testable import CityIndicatorsIntake
@testable import CityIndicatorsOutput

@Suite struct ComputeTests {
    let catalog = Fixtures.catalog

    @Test func sampleCity2024ComputesEverySliceIndicator() throws {
        let ws = try Workspace.open(Fixtures.path("SampleData/sahyadrinagar"), catalog: catalog)
        #expect(ws.years == [2022, 2023, 2024])
        let set = try ws.submissions(year: 2024, catalog: catalog)
        #expect(
            set.allDiagnostics.errorCount == 0, "\(set.allDiagnostics.filter { $0.severity == .error }.map(\.rendered))"
        )
        let results = IndicatorComputer(catalog: catalog).compute(frameworks: ["iso37120-2018"], set: set, year: 2024)
        #expect(results.count == catalog.indicators(in: "iso37120-2018").count)
        for r in results {
            switch r.status {
            case .computed:
                #expect(r.value!.isFinite)
                if case .ratio = r.indicator.formula {
                    #expect(r.numerator != nil && r.denominator != nil)
                    // value = numerator ÷ denominator × multiplier, in display units
                    #expect(!r.inputs.isEmpty)
                }
            case .notComputable, .notSubmitted, .notDefined:
                #expect(r.reasonText?.isEmpty == false)
            }
        }
        // Every input of a computed indicator points at its file and line, or at the register it
        // was derived from.
        for r in results where r.status == .computed {
            for input in r.inputs {
                let derived =
                    Fixtures.catalog.derivation(of: input.element).map {
                        input.file?.hasSuffix("/\($0.register.id).csv") == true
                    } ?? false
                #expect(input.file != nil && ((input.line ?? 0) > 1 || derived), "\(r.indicator.id) \(input.element)")
            }
        }
    }

    @Test func fireDeathsRateMatchesAHandComputation() throws {
        let ws = try Workspace.open(Fixtures.path("SampleData/sahyadrinagar"), catalog: catalog)
        let set = try ws.submissions(year: 2024, catalog: catalog)
        let r = IndicatorComputer(catalog: catalog).compute(
            catalog.indicator("iso37120-2018:15.2")!, baseValues: set.baseValues(catalog), submitted: set.values,
            year: 2024)
        #expect(r.status == .computed)
        // 41 fire deaths (2024/fire_calls.csv) ÷ 3 521 000 people (2024/census.csv) × 100 000
        // = 4 100 000 ÷ 3 521 000 = 1.16444…
        #expect(abs(r.value! - 1.164442) < 5e-7)
        #expect(r.numerator == Quantity(value: 41, unit: "persons"))
        #expect(r.denominator == Quantity(value: 3_521_000, unit: "persons"))
    }

    @Test func missingAndZeroAndOutOfRangeAreDiagnosed() throws {
        let c = Fixtures.load([:]).catalog
        let computer = IndicatorComputer(catalog: c)
        let rate = c.indicator("t-1:1.1")!
        let none = computer.compute(rate, baseValues: [:], notReported: ["fire_deaths"])
        #expect(none.status == .notSubmitted)
        #expect(none.reasonText == "no input submitted: fire_deaths (left blank), population_total (not submitted)")
        let partial = computer.compute(rate, baseValues: ["fire_deaths": 3])
        #expect(partial.status == .notComputable && partial.reason == .missingInput)
        let zero = computer.compute(rate, baseValues: ["fire_deaths": 3, "population_total": 0])
        #expect(zero.reason == .divisionByZero && zero.value == nil)
    }

    @Test func jsonCarriesSchemaVersionAndEveryField() throws {
        let ws = try Workspace.open(Fixtures.path("SampleData/sahyadrinagar"), catalog: catalog)
        let set = try ws.submissions(year: 2024, catalog: catalog)
        let results = IndicatorComputer(catalog: catalog).compute(frameworks: ["iso37120-2018"], set: set, year: 2024)
        let json = try Documents.encode(
            Documents.ComputeDocument(
                workspace: ws, year: 2024, frameworks: ["iso37120-2018"], catalog: catalog, set: set, results: results))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(object["schemaVersion"] as? String == "1.0")
        let first = (object["results"] as! [[String: Any]]).first!
        for key in ["id", "value", "numerator", "denominator", "multiplier", "unit", "status"] {
            #expect(first[key] != nil, "missing \(key)")
        }
        // Deterministic: the same inputs give the same bytes.
        let again = try Documents.encode(
            Documents.ComputeDocument(
                workspace: ws, year: 2024, frameworks: ["iso37120-2018"], catalog: catalog,
                set: try ws.submissions(year: 2024, catalog: catalog),
                results: IndicatorComputer(catalog: catalog).compute(
                    frameworks: ["iso37120-2018"], set: set, year: 2024)))
        #expect(json == again)
    }

    @Test func csvOutputIsExcelSafe() {
        #expect(CSVText.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVText.cell("-12") == "-12")
        #expect(CSVText.cell("@SUM(A1)") == "'@SUM(A1)")
        // "=" with a combining mark is one Character but still starts a formula (issue 13, D2).
        #expect(CSVText.cell("=\u{0301}1+1") == "'=\u{0301}1+1")
        // CR+LF is one Character but still a line break: the cell is quoted (issue 13, S2).
        #expect(CSVText.cell("FIR\r\n=cmd") == "\"FIR\r\n=cmd\"")
        #expect(CSVText.cell("a,b") == "\"a,b\"")
    }

    @Test func everySampleYearIsFreeOfErrors() throws {
        let ws = try Workspace.open(Fixtures.path("SampleData/sahyadrinagar"), catalog: catalog)
        for year in ws.years {
            let set = try ws.submissions(year: year, catalog: catalog)
            #expect(
                set.allDiagnostics.errorCount == 0,
                "\(year): \(set.allDiagnostics.filter { $0.severity == .error }.map(\.rendered))")
        }
    }
}
