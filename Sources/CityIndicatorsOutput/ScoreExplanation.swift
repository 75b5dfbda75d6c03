import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

/// `cityind score --explain`: a city's index taken apart, from indicator values to the total.
public enum ScoreExplanation {
    public static func text(
        _ s: CityScore, all: [CityScore], framework: Framework, catalog: Catalog, settings: ScoringSettings
    ) -> String {
        let peers = all.filter { $0.group == s.group }.map(\.ulbCode).sorted()
        func f(_ v: Double, _ d: Int = 3) -> String { Format.fixed(v, decimals: d) }
        var t = "\(s.city) (\(s.ulbCode)), \(s.year) — \(framework.title)\n"
        t +=
            "group: \(s.group ?? "all cities"); scored together with \(peers.count) cit\(peers.count == 1 ? "y" : "ies"): \(peers.joined(separator: ", "))\n"
        t +=
            "normalisation \(settings.normalisation.rawValue), benchmarks \(settings.benchmarks.rawValue), missing data \(settings.missing.rawValue); category = \(f(settings.coreWeight, 2)) × core mean + \(f(1 - settings.coreWeight, 2)) × supporting mean\n"
        var total = 0.0
        for pillar in framework.pillars {
            let themes = framework.themes.filter { $0.pillar == pillar.id }
            t += "\n\(pillar.title) (weight \(f(pillar.weight, 2)))\n"
            var used: [Double] = []
            for theme in themes {
                guard let category = s.categories[theme.id] else { continue }
                used.append(category)
                t += "  \(theme.clause) \(theme.title): \(f(category, 2))\n"
                for score in s.indicators where catalog.indicator(score.indicator)?.theme == theme.id {
                    let i = catalog.indicator(score.indicator)!
                    let value = score.value.map { "\(Format.readable($0)) \(i.unit.label)" } ?? "no value"
                    let sc = score.score.map { f($0) } ?? "left out"
                    t +=
                        "      \(i.clause) [\(i.type.rawValue)] \(TextRenderers.truncate(i.title, 60)): \(value) → \(sc)\(score.imputed ? " (imputed)" : "")\n"
                }
            }
            if let p = s.pillars[pillar.id] {
                t +=
                    "  pillar = mean of \(used.count) categor\(used.count == 1 ? "y" : "ies") = \(f(p, 2)); × \(f(pillar.weight, 2)) = \(f(p * pillar.weight, 2))\n"
                total += p * pillar.weight
            }
        }
        t += "\nindex = \(f(total, 2))"
        if settings.missing == .reweight, abs(total - s.index) > 1e-9 {
            t += " ÷ weight of the pillars present = \(f(s.index, 2))"
        }
        t += "; rank \(s.rank) of \(peers.count) in the group\n"
        return t
    }
}
