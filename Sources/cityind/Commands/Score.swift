import ArgumentParser
import CityIndicators
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

    @Argument(help: ArgumentHelp("City workspaces.", valueName: "workspace")) var workspaces: [String] = []

    @Option(help: "The year (default: each city's latest).") var year: Int?

    @Option(help: "The index framework.") var framework: String = "lsc-2017"

    @Option(help: "Override: min_max, z_score or deciles.") var normalisation: ScoringSettings.Normalisation?

    @Option(help: "Override the missing-data policy: zero, category_mean or reweight.")
    var missing: ScoringSettings.Missing?

    @Option(help: "Override: anchor (a numeric benchmark tops the scale) or ignore.")
    var benchmarks: ScoringSettings.BenchmarkUse?

    @Flag(help: "Compare all cities together instead of by population group.") var noGroups = false

    @Option(
        help: ArgumentHelp(
            "Show how this city's index is made, from each indicator's value to the total.", valueName: "ulb-code"))
    var explain: String?

    @Option(help: "Output format: table, json or csv.") var format: TableFormat = .table

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if workspaces.isEmpty && store.db == nil {
            throw ValidationError("give city workspaces, or --db with a store of many cities")
        }
    }

    func run() throws {
        let catalog = try catalogOptions.load()
        let fw = try catalog.framework(named: framework)
        var settings = fw.scoring ?? ScoringSettings()
        if let normalisation { settings.normalisation = normalisation }
        if let missing { settings.missing = missing }
        if let benchmarks { settings.benchmarks = benchmarks }
        if noGroups { settings.groups = [] }
        let inputs =
            if workspaces.isEmpty, let path = store.db {
                try ScoreInputs.fromStore(
                    try Store(path: path, create: false), catalog: catalog, framework: framework, year: year)
            } else {
                try ScoreInputs.fromWorkspaces(workspaces, catalog: catalog, frameworks: [framework], year: year)
            }
        let scores = IndexScorer(framework: fw, settings: settings).score(inputs)
        let out = Terminal.standardOutput
        if let explain {
            guard let s = scores.first(where: { $0.ulbCode == explain }) else {
                let scored = scores.map(\.ulbCode).sorted().joined(separator: ", ")
                throw InputError("no city with ULB code \(explain) among those scored", hint: "Scored: \(scored).")
            }
            return out.write(ScoreExplanation.text(s, all: scores, framework: fw, catalog: catalog, settings: settings))
        }
        let tables = ScoreTables(framework: fw, settings: settings, scores: scores)
        switch format {
        case .json: out.write(try tables.json)
        case .csv: out.write(tables.csv)
        case .table: out.write(tables.table)
        }
    }
}

extension ScoringSettings.Normalisation: ExpressibleByArgument {}
extension ScoringSettings.Missing: ExpressibleByArgument {}
extension ScoringSettings.BenchmarkUse: ExpressibleByArgument {}
