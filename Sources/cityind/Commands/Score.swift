import ArgumentParser
import CityIndicators
import CityIndicatorsStore
import Foundation

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score cities on an index framework (Liveability Standards 2017, …) and rank them.",
        discussion: """
            Each indicator is normalised across the cities of the same population group (min–max,
            z-score or deciles, as the framework's `scoring:` says or the options override),
            categories combine core and supporting indicators, pillars average their categories
            and the pillar weights give the index. Cities come from workspaces, or from a store
            that holds many cities (--db without workspaces).

            Examples:
              cityind score city-a city-b city-c --year 2024
              cityind score --db state.sqlite --year 2024 --framework lsc-2017 --format csv
              cityind score city-* --missing category_mean --normalisation deciles
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Argument(help: ArgumentHelp("City workspaces.", valueName: "workspace"))
    var workspaces: [String] = []

    @Option(help: "The year (default: each city's latest).")
    var year: Int?

    @Option(help: "The index framework.")
    var framework: String = "lsc-2017"

    @Option(help: "Override: min_max, z_score or deciles.")
    var normalisation: String?

    @Option(help: "Override the missing-data policy: zero, category_mean or reweight.")
    var missing: String?

    @Option(help: "Override: anchor (a numeric benchmark tops the scale) or ignore.")
    var benchmarks: String?

    @Flag(help: "Compare all cities together instead of by population group.")
    var noGroups = false

    @Option(help: ArgumentHelp("Show how this city's index is made, from each indicator's value to the total.", valueName: "ulb-code"))
    var explain: String?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if workspaces.isEmpty && store.db == nil { throw ValidationError("give city workspaces, or --db with a store of many cities") }
        if let n = normalisation, ScoringSettings.Normalisation(rawValue: n) == nil { throw ValidationError("--normalisation must be min_max, z_score or deciles") }
        if let m = missing, ScoringSettings.Missing(rawValue: m) == nil { throw ValidationError("--missing must be zero, category_mean or reweight") }
        if let b = benchmarks, ScoringSettings.BenchmarkUse(rawValue: b) == nil { throw ValidationError("--benchmarks must be anchor or ignore") }
    }

    func run() throws {
        let (catalog, _) = try catalogOptions.load()
        guard let fw = catalog.frameworks[framework] else {
            throw ValidationError("unknown framework '\(framework)'. Frameworks: \(catalog.frameworks.keys.sorted().joined(separator: ", "))")
        }
        var settings = fw.scoring ?? ScoringSettings()
        if let n = normalisation { settings.normalisation = .init(rawValue: n)! }
        if let m = missing { settings.missing = .init(rawValue: m)! }
        if let b = benchmarks { settings.benchmarks = .init(rawValue: b)! }
        if noGroups { settings.groups = [] }
        var inputs: [ScoreInput] = []
        if workspaces.isEmpty, let path = store.db {
            let db = try openStore(path, create: false)
            for city in try db.cities() {
                guard let id = city.id, let y = try year ?? db.years(cityID: id).last else { continue }
                let stored = try db.latest(cityID: id, year: y)
                guard !stored.submissions.isEmpty else { continue }
                inputs.append(ScoreInput(city: city.name, ulbCode: city.ulbCode, year: y, population: stored.values["population_total"]?.value, results: stored.compute(catalog, frameworks: [framework])))
            }
        } else {
            for path in workspaces {
                let ws = try Workspace.open(path, catalog: catalog)
                guard let y = year ?? ws.years.last else { continue }
                let set = try ws.submissions(year: y, catalog: catalog, previousYear: false)
                let results = IndicatorComputer(catalog: catalog).compute(frameworks: [framework], set: set, year: y)
                inputs.append(ScoreInput(city: ws.city.name, ulbCode: ws.city.ulbCode, year: y, population: set.values["population_total"]?.value, results: results))
            }
        }
        let scores = IndexScorer(framework: fw, settings: settings).score(inputs)
        let out = Terminal.standardOutput
        if let explain {
            guard let s = scores.first(where: { $0.ulbCode == explain }) else {
                throw InputError("no city with ULB code \(explain) among those scored", hint: "Scored: \(scores.map(\.ulbCode).sorted().joined(separator: ", ")).")
            }
            out.write(ScoreExplanation.text(s, all: scores, framework: fw, catalog: catalog, settings: settings))
            return
        }
        switch format {
        case .json:
            // The set of cities scored together is part of the result: min–max depends on it.
            struct Group: Encodable { var group: String; var cities: [String] }
            struct Document: Encodable { var schemaVersion = Documents.schemaVersion; var framework: String; var normalisation: String; var missing: String; var benchmarks: String; var scoredTogether: [Group]; var cities: [CityScore] }
            let groups = Dictionary(grouping: scores) { $0.group ?? "all" }.map { Group(group: $0.key, cities: $0.value.map(\.ulbCode).sorted()) }.sorted { $0.group < $1.group }
            out.write(Documents.encode(Document(framework: framework, normalisation: settings.normalisation.rawValue, missing: settings.missing.rawValue, benchmarks: settings.benchmarks.rawValue, scoredTogether: groups, cities: scores)))
        case .csv:
            var text = CSVText.row(["group", "rank", "city", "ulb_code", "year", "index"] + fw.pillars.map(\.id) + ["missing_indicators"])
            for s in scores {
                text += CSVText.row([s.group ?? "", String(s.rank), s.city, s.ulbCode, String(s.year), Format.fixed(s.index, decimals: 2)] + fw.pillars.map { s.pillars[$0.id].map { Format.fixed($0, decimals: 2) } ?? "" } + [String(s.missing)])
            }
            out.write(text)
        case .table:
            out.write("\(fw.title)\n\(settings.normalisation.rawValue), missing data: \(settings.missing.rawValue), benchmarks: \(settings.benchmarks.rawValue)\n\n")
            let groups = settings.groups.isEmpty ? [nil] : settings.groups.map { Optional($0.id) } + [Optional("unknown")]
            for g in groups {
                let list = scores.filter { $0.group == g }.sorted { ($0.rank, $0.ulbCode) < ($1.rank, $1.ulbCode) }
                guard !list.isEmpty else { continue }
                if let g { out.write((settings.groups.first { $0.id == g }?.title ?? "population unknown") + "\n") }
                out.write(TextRenderers.table(["rank", "city", "year", "index"] + fw.pillars.map(\.title) + ["missing"], list.map { s in
                    [String(s.rank), s.city, String(s.year), Format.fixed(s.index, decimals: 2)] + fw.pillars.map { s.pillars[$0.id].map { Format.fixed($0, decimals: 2) } ?? "—" } + [String(s.missing)]
                }))
                out.write("\n")
            }
        }
    }
}
