import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute

/// `cityind score` output: the cities' index, pillar scores and ranks as JSON, CSV or a table.
public struct ScoreTables: Sendable {
    public var framework: Framework
    public var settings: ScoringSettings
    public var scores: [CityScore]

    public init(framework: Framework, settings: ScoringSettings, scores: [CityScore]) {
        self.framework = framework
        self.settings = settings
        self.scores = scores
    }

    /// The set of cities scored together is part of the result: min–max depends on it.
    public var json: String {
        get throws {
            struct Group: Encodable {
                var group: String
                var cities: [String]
            }
            struct Document: Encodable {
                var schemaVersion = Documents.schemaVersion
                var framework: String
                var normalisation: String
                var missing: String
                var benchmarks: String
                var scoredTogether: [Group]
                var cities: [CityScore]
            }
            let groups = Dictionary(grouping: scores) { $0.group ?? "all" }.map {
                Group(group: $0.key, cities: $0.value.map(\.ulbCode).sorted())
            }.sorted { $0.group < $1.group }
            return try Documents.encode(
                Document(
                    framework: framework.id, normalisation: settings.normalisation.rawValue,
                    missing: settings.missing.rawValue, benchmarks: settings.benchmarks.rawValue,
                    scoredTogether: groups, cities: scores))
        }
    }

    public var csv: String {
        let pillars = framework.pillars
        var text = CSVText.row(
            ["group", "rank", "city", "ulb_code", "year", "index"] + pillars.map(\.id) + ["missing_indicators"])
        for s in scores {
            let first = [
                s.group ?? "", String(s.rank), s.city, s.ulbCode, String(s.year), Format.fixed(s.index, decimals: 2),
            ]
            let pillarScores = pillars.map { s.pillars[$0.id].map { Format.fixed($0, decimals: 2) } ?? "" }
            text += CSVText.row(first + pillarScores + [String(s.missing)])
        }
        return text
    }

    /// One table per population group, ranked.
    public var table: String {
        let benchmarks = settings.benchmarks.rawValue
        var text =
            "\(framework.title)\n\(settings.normalisation.rawValue), missing data: \(settings.missing.rawValue), benchmarks: \(benchmarks)\n\n"
        let groups = settings.groups.isEmpty ? [nil] : settings.groups.map { Optional($0.id) } + [Optional("unknown")]
        for g in groups {
            let list = scores.filter { $0.group == g }.sorted { ($0.rank, $0.ulbCode) < ($1.rank, $1.ulbCode) }
            guard !list.isEmpty else { continue }
            if let g { text += (settings.groups.first { $0.id == g }?.title ?? "population unknown") + "\n" }
            let rows = list.map { s in
                [String(s.rank), s.city, String(s.year), Format.fixed(s.index, decimals: 2)]
                    + framework.pillars.map { s.pillars[$0.id].map { Format.fixed($0, decimals: 2) } ?? "—" } + [
                        String(s.missing)
                    ]
            }
            text += TextRenderers.table(
                ["rank", "city", "year", "index"] + framework.pillars.map(\.title) + ["missing"], rows)
            text += "\n"
        }
        return text
    }
}
