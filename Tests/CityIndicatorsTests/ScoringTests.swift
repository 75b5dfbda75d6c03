import CityIndicators
import Foundation
import Testing

@testable import CityIndicatorsBase
@testable import CityIndicatorsCatalog
@testable import CityIndicatorsCompute
@testable import CityIndicatorsIntake
@testable import CityIndicatorsOutput
@testable import CityIndicatorsSynthetic

@Suite struct ScoringTests {
    /// The Methodology's worked examples (Stage 2, method 1).
    @Test func minMaxFollowsTheMethodologyEquations() {
        // Open space: max 50 %, min 5 %, city 30 % → (30 − 5)/(50 − 5).
        #expect(abs(IndexScorer.minMax(30, best: 50, worst: 5, higherIsBetter: true) - 25.0 / 45.0) < 1e-12)
        // A pollutant: min 40, max 250, city 100 → 1 − (100 − 40)/(250 − 40) = 0.714. (The document
        // prints 0.572 for this example; its own equation gives 0.714, which is what we follow.)
        #expect(abs(IndexScorer.minMax(100, best: 40, worst: 250, higherIsBetter: false) - (1 - 60.0 / 210.0)) < 1e-12)
        // Beyond a norm is full marks, never more; below the worst is zero.
        #expect(IndexScorer.minMax(120, best: 100, worst: 10, higherIsBetter: true) == 1)
        #expect(IndexScorer.minMax(5, best: 100, worst: 10, higherIsBetter: true) == 0)
        // Every city at or beyond the norm.
        #expect(IndexScorer.minMax(140, best: 135, worst: 150, higherIsBetter: true) == 1)
    }

    @Test func decilesAndZScores() {
        #expect(IndexScorer.decile(100, best: 100, worst: 0, higherIsBetter: true) == 1.0)
        #expect(IndexScorer.decile(0, best: 100, worst: 0, higherIsBetter: true) == 0.1)
        #expect(IndexScorer.decile(55, best: 100, worst: 0, higherIsBetter: true) == 0.6)
        #expect(IndexScorer.decile(55, best: 0, worst: 100, higherIsBetter: false) == 0.5)
        #expect(IndexScorer.zScore(12, mean: 10, deviation: 2, higherIsBetter: true) == 1)
        #expect(IndexScorer.zScore(12, mean: 10, deviation: 2, higherIsBetter: false) == -1)
        #expect(IndexScorer.zScore(12, mean: 12, deviation: 0, higherIsBetter: true) == 0)
    }

    // A two-pillar toy framework: category A (core a1 ↑ with norm 100, supporting a2 ↓), category B (core b1 ↑ only).
    static let unit = Unit(
        id: "percent", title: "percent", symbol: "%", dimension: .none, factor: 1, family: nil,
        location: SourceLocation(file: "t"))
    static func indicator(
        _ id: String, theme: String, type: IndicatorType, direction: Direction, benchmark: Benchmark? = nil
    ) -> Indicator {
        var i = Indicator(
            id: "x:\(id)", framework: "x", clause: id, theme: theme, type: type, title: id, formula: .undefined,
            multiplier: 1, unit: unit, numeratorUnit: nil, denominatorUnit: nil, range: nil, direction: direction,
            confidence: .verified, confidenceNote: nil, source: "t", notes: nil, examples: [],
            location: SourceLocation(file: "t"))
        i.benchmark = benchmark
        return i
    }
    static let a1 = indicator("1.1", theme: "a", type: .core, direction: .higher, benchmark: .fixed(100))
    static let a2 = indicator("1.2", theme: "a", type: .supporting, direction: .lower)
    static let b1 = indicator("2.1", theme: "b", type: .core, direction: .higher)
    static let framework = Framework(
        id: "x", title: "X", standard: "X", edition: "1",
        themes: [
            Theme(id: "a", clause: "1", title: "A", pillar: "p"), Theme(id: "b", clause: "2", title: "B", pillar: "q"),
        ],
        pillars: [Pillar(id: "p", title: "P", weight: 0.25), Pillar(id: "q", title: "Q", weight: 0.75)],
        notes: nil, location: SourceLocation(file: "t"))

    func city(_ name: String, _ population: Double, _ values: [String: Double?]) -> ScoreInput {
        let results = [Self.a1, Self.a2, Self.b1].map { i -> IndicatorResult in
            let v = values[i.clause] ?? nil
            return IndicatorResult(
                indicator: i, status: v == nil ? .notSubmitted : .computed, value: v, inputs: [], sources: [])
        }
        return ScoreInput(city: name, ulbCode: name, year: 2024, population: population, results: results)
    }

    @Test func categoriesPillarsAndIndex() {
        var settings = ScoringSettings()
        settings.groups = []
        let scores = IndexScorer(framework: Self.framework, settings: settings).score([
            city("u", 1e6, ["1.1": 50, "1.2": 10, "2.1": 4]),
            city("v", 1e6, ["1.1": 0, "1.2": 30, "2.1": 2]),
        ])
        let u = scores.first { $0.city == "u" }!
        let v = scores.first { $0.city == "v" }!
        // u: a1 = (50 − 0)/(100 − 0) = 0.5 (anchored at the norm 100), a2 = 1 (lowest), A = 0.7·0.5 + 0.3·1 = 0.65;
        //    b1 = 1 (best), B = 1 (no supporting: core alone); index = 100·(0.25·0.65 + 0.75·1) = 91.25.
        #expect(abs(u.categories["a"]! - 65) < 1e-9)
        #expect(abs(u.index - 91.25) < 1e-9)
        #expect(v.index == 0)
        #expect(u.rank == 1 && v.rank == 2)
    }

    @Test func missingDataPolicies() {
        var settings = ScoringSettings()
        settings.groups = []
        let cities = [
            city("u", 1e6, ["1.1": 50, "1.2": nil, "2.1": 4]), city("v", 1e6, ["1.1": 0, "1.2": 30, "2.1": 2]),
        ]
        settings.missing = .zero
        let zero = IndexScorer(framework: Self.framework, settings: settings).score(cities).first { $0.city == "u" }!
        #expect(abs(zero.categories["a"]! - 35) < 1e-9)  // 0.7·0.5 + 0.3·0
        #expect(zero.missing == 1)
        settings.missing = .categoryMean
        let proxy = IndexScorer(framework: Self.framework, settings: settings).score(cities).first { $0.city == "u" }!
        #expect(abs(proxy.categories["a"]! - 50) < 1e-9)  // a2 takes the mean of A's other scores: 0.5
        settings.missing = .reweight
        let dropped = IndexScorer(framework: Self.framework, settings: settings).score(cities).first { $0.city == "u" }!
        #expect(abs(dropped.categories["a"]! - 50) < 1e-9)  // core alone
    }

    @Test func populationGroupsAreScoredAndRankedApart() {
        var settings = ScoringSettings()
        settings.groups = [
            .init(id: "small", title: "Small", below: 50_000), .init(id: "big", title: "Big", below: nil),
        ]
        let scores = IndexScorer(framework: Self.framework, settings: settings).score([
            city("s1", 20_000, ["1.1": 10, "1.2": 10, "2.1": 1]),
            city("b1", 2e6, ["1.1": 90, "1.2": 5, "2.1": 9]),
            city("b2", 2e6, ["1.1": 80, "1.2": 6, "2.1": 8]),
        ])
        #expect(scores.first { $0.city == "s1" }?.group == "small")
        #expect(scores.first { $0.city == "s1" }?.rank == 1)  // alone in its group: the group best
        #expect(scores.first { $0.city == "b2" }?.rank == 2)
    }

    @Test func byPopulationBenchmarks() {
        let b = Benchmark.byPopulation([
            (below: 50_000, value: 12), (below: 5_000_000, value: 33), (below: nil, value: 38),
        ])
        #expect(b.value(population: 10_000) == 12)
        #expect(b.value(population: 3_521_000) == 33)
        #expect(b.value(population: 12_000_000) == 38)
        #expect(Benchmark.groupBest.value(population: 1) == nil)
    }

    @Test func theSampleCityScoresOnTheRealCatalog() throws {
        let catalog = Fixtures.catalog
        let fw = try #require(catalog.frameworks["lsc-2017"])
        #expect(fw.scoring?.coreWeight == 0.7)
        #expect(fw.pillars.map(\.weight) == [0.25, 0.25, 0.05, 0.45])
        let ws = try Workspace.open(Fixtures.path("SampleData/sahyadrinagar"), catalog: catalog)
        let set = try ws.submissions(year: 2024, catalog: catalog)
        let results = IndicatorComputer(catalog: catalog).compute(frameworks: ["lsc-2017"], set: set, year: 2024)
        let scores = IndexScorer(framework: fw).score([
            ScoreInput(
                city: "s", ulbCode: "s", year: 2024, population: set.values["population_total"]?.value, results: results
            )
        ])
        let s = try #require(scores.first)
        #expect(s.group == "metropolitan")
        #expect(s.index > 0 && s.index <= 100)
        #expect(Set(s.pillars.keys) == ["institutional", "social", "economic", "physical"])
    }
}

@Suite struct ScoringAcrossCitiesTests {
    @Test func theSampleCityAndTwentySyntheticCitiesAreRankedAndEachIndexAddsUp() throws {
        let catalog = Fixtures.catalog
        let template = try Workspace.open(Fixtures.path("SampleData/sahyadrinagar"), catalog: catalog)
        let dir = NSTemporaryDirectory() + "score-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try Synthetic.generate(
            template: template, catalog: catalog, out: dir, cities: 20, years: 1, lastYear: 2024, seed: 7)
        var inputs: [ScoreInput] = []
        for path in [Fixtures.path("SampleData/sahyadrinagar")] + paths {
            let ws = try Workspace.open(path, catalog: catalog)
            let set = try ws.submissions(year: 2024, catalog: catalog)
            #expect(
                set.allDiagnostics.errorCount == 0,
                "\(path): \(set.allDiagnostics.filter { $0.severity == .error }.prefix(3).map(\.rendered))")
            inputs.append(
                ScoreInput(
                    city: ws.city.name, ulbCode: ws.city.ulbCode, year: 2024,
                    population: set.values["population_total"]?.value,
                    results: IndicatorComputer(catalog: catalog).compute(frameworks: ["lsc-2017"], set: set, year: 2024)
                ))
        }
        let fw = try #require(catalog.frameworks["lsc-2017"])
        let scores = IndexScorer(framework: fw).score(inputs)
        #expect(scores.count == 21)
        for s in scores {
            // The explanation adds up: Σ weight × pillar = index, each pillar the mean of its categories.
            let sum = fw.pillars.reduce(0) { $0 + $1.weight * (s.pillars[$1.id] ?? 0) }
            #expect(abs(sum - s.index) < 1e-9)
            for p in fw.pillars {
                let cats = fw.themes.filter { $0.pillar == p.id }.compactMap { s.categories[$0.id] }
                #expect(abs(cats.reduce(0, +) / Double(cats.count) - (s.pillars[p.id] ?? -1)) < 1e-9)
            }
            #expect(s.index >= 0 && s.index <= 100)
        }
        // Ranks within each group run 1…n.
        for (_, group) in Dictionary(grouping: scores, by: { $0.group ?? "" }) {
            #expect(group.map(\.rank).min() == 1)
            #expect(group.map(\.rank).max()! <= group.count)
        }
    }

    @Test func aWrongScoringExampleFailsTheCheck() throws {
        var text = try String(contentsOfFile: Fixtures.path("Indicators/frameworks/eoli-2020.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "expect: 53.26", with: "expect: 53.27")
        var files = try CatalogSource.directory(Fixtures.path("Indicators"))
        files.removeAll { $0.relativePath == "frameworks/eoli-2020.yaml" }
        files.append(
            CatalogFile(
                displayPath: "Indicators/frameworks/eoli-2020.yaml", relativePath: "frameworks/eoli-2020.yaml",
                data: Data(text.utf8)))
        let catalog = CatalogLoader.load(files, origin: "test").catalog
        let failures = CatalogCheck.runScoring(catalog.frameworks["eoli-2020"]!)
        #expect(failures.map(\.code.rawValue) == ["C010"])
        #expect(failures.first?.message.contains("expects 53.27, computed 53.2625") == true)
    }
}

@Suite struct ReportIndexSectionTests {
    @Test func theReportScoresTheCityOnItsIndexFrameworksWithItsPeers() throws {
        let catalog = Fixtures.catalog
        let ws = try Workspace.open(Fixtures.path("SampleData/sahyadrinagar"), catalog: catalog)
        let alone = try ReportData.build(workspace: ws, catalog: catalog, year: 2024, framework: "iso37120-2018")
        let section = try #require(alone.indexes.first)
        #expect(section.framework.id == "lsc-2017")
        #expect(section.groupSize == 1)
        #expect(MarkdownReport.render(alone).contains("**Scored alone:**"))

        let dir = NSTemporaryDirectory() + "peers-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let peers = try Synthetic.generate(
            template: ws, catalog: catalog, out: dir, cities: 8, years: 1, lastYear: 2024, seed: 11
        ).map { path -> ScoreInput in
            let p = try Workspace.open(path, catalog: catalog)
            let set = try p.submissions(year: 2024, catalog: catalog)
            return ScoreInput(
                city: p.city.name, ulbCode: p.city.ulbCode, year: 2024,
                population: set.values["population_total"]?.value,
                results: IndicatorComputer(catalog: catalog).compute(frameworks: ["lsc-2017"], set: set, year: 2024))
        }
        let withPeers = try ReportData.build(
            workspace: ws, catalog: catalog, year: 2024, framework: "iso37120-2018",
            options: ReportOptions(peers: peers))
        let s = try #require(withPeers.indexes.first)
        // The same score as `cityind score` over the same cities.
        let own = ScoreInput(
            city: ws.city.name, ulbCode: ws.city.ulbCode, year: 2024, population: 3_521_000,
            results: IndicatorComputer(catalog: catalog).compute(
                frameworks: ["lsc-2017"], set: try ws.submissions(year: 2024, catalog: catalog), year: 2024))
        let direct = IndexScorer(framework: s.framework).score([own] + peers).first { $0.ulbCode == ws.city.ulbCode }!
        #expect(abs(direct.index - s.score.index) < 1e-9)
        let html = HTMLReport.render(withPeers)
        #expect(html.contains("id=\"index-lsc-2017\""))
        #expect(html.contains(Format.fixed(s.score.index, decimals: 2)))
        #expect(!html.contains("Scored alone"))
    }
}
