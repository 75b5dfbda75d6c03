import CityIndicators
import Testing

@testable import CityIndicatorsCompute

@Suite struct CatalogLoaderTests {
    func rendered(_ files: [String: String]) -> [String] {
        Fixtures.load(files).diagnostics.filter { $0.severity != .warning || $0.code != .unusedElement }.map(\.rendered)
    }

    @Test func theBaseFixtureIsClean() {
        let (catalog, diagnostics) = Fixtures.load([:])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.rendered))")
        #expect(catalog.indicators.map(\.id) == ["t-1:1.1", "t-1:2.1"])
        #expect(CatalogCheck.run(catalog).diagnostics.isEmpty)
    }

    @Test func aMisspeltKeyIsAnErrorAtItsPosition() {
        let text = Fixtures.baseFiles["t-1/1.1.yaml"]!.replacingOccurrences(of: "multiplier:", with: "multiplyer:")
        #expect(
            rendered(["t-1/1.1.yaml": text]) == [
                "Indicators/t-1/1.1.yaml:7:1: error[C002]: unknown key 'multiplyer' in indicator\n  hint: did you mean 'multiplier'? Allowed keys: id, theme, type, title, numerator, denominator, value, multiplier, unit, numerator_unit, denominator_unit, range, direction, confidence, confidence_note, source, notes, examples, slot, benchmark, sdg, score_range."
            ])
    }

    @Test func wrongTypesAndMissingKeys() {
        let text = Fixtures.baseFiles["t-1/1.1.yaml"]!
            .replacingOccurrences(of: "multiplier: 100000", with: "multiplier: hundred")
            .replacingOccurrences(of: "direction: lower\n", with: "")
        #expect(
            rendered(["t-1/1.1.yaml": text]) == [
                "Indicators/t-1/1.1.yaml:1:1: error[C004]: indicator is missing required key 'direction'",
                "Indicators/t-1/1.1.yaml:7:13: error[C003]: 'multiplier' must be a number, found 'hundred'",
            ])
    }

    @Test func aDanglingElementIsReportedAtItsColumnWithASuggestion() {
        let text = Fixtures.baseFiles["t-1/1.1.yaml"]!.replacingOccurrences(
            of: "numerator: fire_deaths", with: "numerator: 2 * fire_death")
        #expect(
            rendered(["t-1/1.1.yaml": text]) == [
                "Indicators/t-1/1.1.yaml:5:16: error[C006]: in 'numerator': unknown element 'fire_death'\n  hint: did you mean 'fire_deaths'?"
            ])
    }

    @Test func aFormulaSyntaxErrorPointsAtTheColumn() {
        let text = Fixtures.baseFiles["t-1/1.1.yaml"]!.replacingOccurrences(
            of: "denominator: population_total", with: "denominator: \"(population_total\"")
        #expect(
            rendered(["t-1/1.1.yaml": text]) == [
                "Indicators/t-1/1.1.yaml:6:32: error[C008]: in 'denominator': expected ')' to close the '(' at offset 1, found end of formula"
            ])
    }

    @Test func aPercentageOfUnlikeQuantitiesFailsTheUnitCheck() {
        let text = Fixtures.baseFiles["t-1/1.1.yaml"]!.replacingOccurrences(
            of: "denominator: population_total", with: "denominator: water_supplied")
        let messages = rendered(["t-1/1.1.yaml": text])
        #expect(
            messages.first
                == "Indicators/t-1/1.1.yaml:8:7: error[C009]: numerator ÷ denominator has dimension count·time/length^3 but unit 'per_100k' has dimension 1\n  hint: A percentage or a rate per population needs numerator and denominator of the same dimension."
        )
    }

    @Test func duplicateIDsNameTheFirstDefinition() {
        let text = Fixtures.baseFiles["elements/fire.yaml"]!.replacingOccurrences(
            of: "fire_deaths", with: "population_total")
        #expect(
            rendered(["elements/fire.yaml": text]).contains(
                "Indicators/elements/fire.yaml:3:9: error[C005]: element 'population_total' is already defined at Indicators/elements/census.yaml:3:9\n  hint: Every id is defined once; remove or rename one of them."
            ))
    }

    @Test func aWrongExpectedValueFailsTheCheck() {
        let text = Fixtures.baseFiles["t-1/1.1.yaml"]!.replacingOccurrences(of: "expect: 0.544", with: "expect: 0.545")
        let (catalog, diagnostics) = Fixtures.load(["t-1/1.1.yaml": text])
        #expect(diagnostics.isEmpty)
        #expect(
            CatalogCheck.run(catalog).diagnostics.map(\.rendered) == [
                "Indicators/t-1/1.1.yaml:13:5: error[C010]: t-1:1.1: example 'typical' expects 0.545, computed 0.5440943677271386\n  hint: Correct the formula or the expected value; the expected value is compared at the precision it is written."
            ])
    }

    @Test func yamlSyntaxErrorsHavePositions() {
        let d = rendered(["departments.yaml": "departments:\n  - {id: water, name: Water\n"])
        #expect(d.first?.hasPrefix("Indicators/departments.yaml:3:1: error[C001]:") == true, "\(d)")
    }

    @Test func unitsDefinedFromOthersConvert() {
        let catalog = Fixtures.load([:]).catalog
        let perDay = catalog.units["ML_per_day"]!
        let perYear = catalog.units["ML_per_year"]!
        #expect(perDay.converts(to: perYear))
        #expect(abs(perDay.convert(1, to: perYear) - 365) < 1e-9)
        #expect(!catalog.units["persons"]!.converts(to: catalog.units["households"]!))
    }

    @Test func badIDsAndUnknownEnumValues() {
        let text = Fixtures.baseFiles["elements/fire.yaml"]!
            .replacingOccurrences(of: "id: fire_deaths", with: "id: Fire-Deaths")
            .replacingOccurrences(of: "kind: count", with: "kind: number")
        let messages = rendered(["elements/fire.yaml": text])
        #expect(
            messages.contains(
                "Indicators/elements/fire.yaml:7:11: error[C012]: 'kind' must be one of count, amount, measure, ratio, boolean, category; found 'number'"
            ))
        #expect(
            messages.contains(
                "Indicators/elements/fire.yaml:3:9: error[C007]: element id 'Fire-Deaths' must match ^[a-z][a-z0-9_]*$ (lower-case snake_case)"
            ))
    }
}
