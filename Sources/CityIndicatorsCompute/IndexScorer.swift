import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsIntake
import Foundation

/// One city-year to be scored: its results for the framework and its population (for groups
/// and population-dependent benchmarks).
public struct ScoreInput: Sendable {
    public var city: String
    public var ulbCode: String
    public var year: Int
    public var population: Double?
    public var results: [IndicatorResult]

    public init(city: String, ulbCode: String, year: Int, population: Double?, results: [IndicatorResult]) {
        self.city = city
        self.ulbCode = ulbCode
        self.year = year
        self.population = population
        self.results = results
    }
}

public struct IndicatorScore: Codable, Sendable {
    public var indicator: String
    public var value: Double?
    /// 0–1 (min–max, deciles) or a z-score; nil when left out (reweighting, neutral direction).
    public var score: Double?
    /// The score stands in for a missing value (zero, or the category mean).
    public var imputed: Bool
}

public struct CityScore: Codable, Sendable {
    public var city: String
    public var ulbCode: String
    public var year: Int
    public var group: String?
    public var index: Double
    public var rank: Int
    public var pillars: [String: Double]
    public var categories: [String: Double]
    public var indicators: [IndicatorScore]
    public var missing: Int
}

/// Scores cities on an index framework (LSC 2017 Methodology, Stage 2): normalise each indicator
/// across the cities of a population group, combine core and supporting into category indexes,
/// average categories into pillars and weight the pillars into the index.
public struct IndexScorer {
    public let framework: Framework
    public let settings: ScoringSettings

    public init(framework: Framework, settings: ScoringSettings? = nil) {
        self.framework = framework
        self.settings = settings ?? framework.scoring ?? ScoringSettings()
    }

    // MARK: Normalisers (the Methodology's equations)

    /// Min–max: ↑ (x − lo)/(hi − lo), ↓ 1 − (x − best)/(worst − best), clipped to [0, 1]; `best` is
    /// the benchmark when one anchors the scale, else the group's best value.
    public static func minMax(_ x: Double, best: Double, worst: Double, higherIsBetter: Bool) -> Double {
        let span = higherIsBetter ? best - worst : worst - best
        if span <= 0 { return (higherIsBetter ? x >= best : x <= best) ? 1 : 0 }
        let raw = higherIsBetter ? (x - worst) / span : (worst - x) / span
        return min(1, max(0, raw))
    }

    /// Deciles of the [worst, best] range: 1 (worst tenth) … 10 (best tenth), as a share (0.1 … 1).
    public static func decile(_ x: Double, best: Double, worst: Double, higherIsBetter: Bool) -> Double {
        let share = minMax(x, best: best, worst: worst, higherIsBetter: higherIsBetter)
        return Double(min(10, Int((share * 10).rounded(.down)) + 1)) / 10
    }

    public static func zScore(_ x: Double, mean: Double, deviation: Double, higherIsBetter: Bool) -> Double {
        guard deviation > 0 else { return 0 }
        let z = (x - mean) / deviation
        return higherIsBetter ? z : -z
    }

    // MARK: Scoring

    public func score(_ inputs: [ScoreInput]) -> [CityScore] {
        var byGroup: [String: [ScoreInput]] = [:]
        for input in inputs {
            let key = settings.groups.isEmpty ? "" : (settings.group(population: input.population)?.id ?? "unknown")
            byGroup[key, default: []].append(input)
        }
        var scored: [CityScore] = []
        for key in byGroup.keys.sorted() {
            var group = byGroup[key]!.sorted { ($0.ulbCode, $0.year) < ($1.ulbCode, $1.year) }.map {
                scoreCity($0, among: byGroup[key]!, group: key.isEmpty ? nil : key)
            }
            // Ranks within the group, best first; equal indexes share a rank.
            let order = group.indices.sorted { group[$0].index > group[$1].index }
            for (position, i) in order.enumerated() {
                let previous = position > 0 ? order[position - 1] : nil
                group[i].rank =
                    previous.map { abs(group[$0].index - group[i].index) < 1e-12 ? group[$0].rank : position + 1 } ?? 1
            }
            scored += group
        }
        return scored
    }

    private func indicators(in theme: String, of inputs: [ScoreInput]) -> [Indicator] {
        var seen = Set<String>()
        return inputs.flatMap(\.results).map(\.indicator).filter {
            $0.framework == framework.id && $0.theme == theme && $0.type != .profile && seen.insert($0.id).inserted
        }.sorted { clauseLess($0.clause, $1.clause) }
    }

    private func scoreCity(_ city: ScoreInput, among peers: [ScoreInput], group: String?) -> CityScore {
        var indicatorScores: [IndicatorScore] = []
        var categories: [String: Double] = [:]
        var missing = 0
        for theme in framework.themes {
            let list = indicators(in: theme.id, of: peers)
            guard !list.isEmpty else { continue }
            var scores: [(indicator: Indicator, score: Double?, imputed: Bool)] = []
            for indicator in list where indicator.direction != .neutral {
                let value = city.results.first { $0.indicator.id == indicator.id }?.value
                if value == nil { missing += 1 }
                scores.append((indicator, value.map { normalise($0, indicator, city: city, peers: peers) }, false))
            }
            // Missing values, by policy.
            let known = scores.compactMap(\.score)
            for i in scores.indices where scores[i].score == nil {
                switch settings.missing {
                case .zero:
                    scores[i].score = 0
                    scores[i].imputed = true
                case .categoryMean:
                    scores[i].score = known.isEmpty ? 0 : known.reduce(0, +) / Double(known.count)
                    scores[i].imputed = true
                case .reweight: break
                }
            }
            for s in scores {
                indicatorScores.append(
                    IndicatorScore(
                        indicator: s.indicator.id,
                        value: city.results.first { $0.indicator.id == s.indicator.id }?.value, score: s.score,
                        imputed: s.imputed))
            }
            func mean(_ type: IndicatorType) -> Double? {
                let xs = scores.filter { $0.indicator.type == type }.compactMap(\.score)
                return xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count)
            }
            let hasSupporting = list.contains { $0.type == .supporting }
            if let c = category(core: mean(.core), supporting: mean(.supporting), hasSupporting: hasSupporting) {
                categories[theme.id] = c
            }
        }
        let (pillars, index) = combine(categories)
        let scale = settings.normalisation == .zScore ? 1 : settings.scale
        return CityScore(
            city: city.city, ulbCode: city.ulbCode, year: city.year, group: group, index: index * scale, rank: 0,
            pillars: pillars.mapValues { $0 * scale }, categories: categories.mapValues { $0 * scale },
            indicators: indicatorScores, missing: missing)
    }

    /// A category's index from the mean scores of its core and supporting indicators: the
    /// core weight and its complement (0.7/0.3 in LSC 2017); a category without supporting
    /// indicators as `categories_without_supporting` says; under reweighting what is there, alone.
    public func category(core: Double?, supporting: Double?, hasSupporting: Bool) -> Double? {
        if !hasSupporting {
            return core.map { settings.categoriesWithoutSupporting == .coreOnly ? $0 : settings.coreWeight * $0 }
        }
        if let core, let supporting { return settings.coreWeight * core + (1 - settings.coreWeight) * supporting }
        return core ?? supporting
    }

    /// Pillars as the mean of their categories, and the index as the pillars' weighted sum (divided
    /// by the weight present under reweighting), before scaling.
    public func combine(_ categories: [String: Double]) -> (pillars: [String: Double], index: Double) {
        var pillars: [String: Double] = [:]
        var index = 0.0
        var weightUsed = 0.0
        for pillar in framework.pillars {
            let values = framework.themes.filter { $0.pillar == pillar.id }.compactMap { categories[$0.id] }
            guard !values.isEmpty else { continue }
            let p = values.reduce(0, +) / Double(values.count)
            pillars[pillar.id] = p
            index += pillar.weight * p
            weightUsed += pillar.weight
        }
        if settings.missing == .reweight, weightUsed > 0 { index /= weightUsed }
        return (pillars, index)
    }

    private func normalise(_ x: Double, _ indicator: Indicator, city: ScoreInput, peers: [ScoreInput]) -> Double {
        let higher = indicator.direction == .higher
        if let range = indicator.scoreRange, let lo = range.min, let hi = range.max {
            return IndexScorer.minMax(x, best: higher ? hi : lo, worst: higher ? lo : hi, higherIsBetter: higher)
        }
        let values = peers.compactMap { peer in peer.results.first { $0.indicator.id == indicator.id }?.value }
        guard let lo = values.min(), let hi = values.max() else { return 0 }
        if settings.normalisation == .zScore {
            let mean = values.reduce(0, +) / Double(values.count)
            let deviation = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
            return IndexScorer.zScore(x, mean: mean, deviation: deviation, higherIsBetter: higher)
        }
        var best = higher ? hi : lo
        let worst = higher ? lo : hi
        if settings.benchmarks == .anchor, let norm = indicator.benchmark?.value(population: city.population) {
            best = norm
        }
        return settings.normalisation == .deciles
            ? IndexScorer.decile(x, best: best, worst: worst, higherIsBetter: higher)
            : IndexScorer.minMax(x, best: best, worst: worst, higherIsBetter: higher)
    }
}
