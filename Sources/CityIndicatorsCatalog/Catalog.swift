import CityIndicatorsBase

/// A department of the city that owns data elements; its id names its submission file.
public struct Department: Sendable, Hashable {
    public var id: String
    public var name: String
    public var external: Bool
    public var location: SourceLocation
}

public struct Bounds: Sendable, Hashable {
    public var min: Double?
    public var max: Double?

    public func contains(_ value: Double) -> Bool {
        if let min, value < min { return false }
        if let max, value > max { return false }
        return true
    }
}

public enum ElementKind: String, Sendable, CaseIterable {
    case count, amount, measure, ratio, boolean, category
}

/// A raw fact a department submits (`population_total`, `fire_deaths`).
public struct DataElement: Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var department: String
    public var unit: Unit
    public var kind: ElementKind
    public var bounds: Bounds?
    public var plausible: Bounds?
    /// Largest relative change from one year to the next before a V027 warning (0.5 = 50 %).
    public var maxChange: Double?
    public var location: SourceLocation

    /// The change allowed when the element does not say: 50 % for numbers, none for yes/no and categories.
    public var allowedChange: Double? {
        if let maxChange { return maxChange }
        return kind == .boolean || kind == .category ? nil : 0.5
    }
}

/// A check across elements of one city-year (`households_total <= population_total`).
public struct Relation: Sendable {
    public var id: String
    public var check: Expression
    public var severity: Severity
    public var tolerance: Double
    public var message: String
    public var location: SourceLocation
}

public struct Theme: Sendable, Hashable {
    public var id: String
    public var clause: String
    public var title: String
    /// The pillar the theme (category) belongs to, for frameworks that group them.
    public var pillar: String? = nil
}

/// A pillar of an index framework (LSC 2017: Institutional 25 %, Social 25 %, …).
public struct Pillar: Sendable, Hashable {
    public var id: String
    public var title: String
    public var weight: Double
}

/// What an indicator's value is compared with when scored (LSC 2017 Annex 2).
public enum Benchmark: Sendable, Hashable {
    /// A norm: full marks at or beyond this value.
    case fixed(Double)
    /// No norm: the best city of the same population group.
    case groupBest
    /// A norm that depends on the city's population: (upper bound exclusive, value); the last
    /// row has no bound.
    case byPopulation([(below: Double?, value: Double)])
    /// A norm that is not a single number (noise limits by zone, water classes); scored by group.
    case described(String)

    public static func == (a: Benchmark, b: Benchmark) -> Bool { a.hashKey == b.hashKey }
    public func hash(into hasher: inout Hasher) { hasher.combine(hashKey) }
    private var hashKey: String {
        switch self {
        case .fixed(let v): "fixed \(v)"
        case .groupBest: "group best"
        case .byPopulation(let rows):
            "population " + rows.map { "\($0.below ?? -1):\($0.value)" }.joined(separator: ",")
        case .described(let t): "text \(t)"
        }
    }

    /// The norm for a city of this population, if the benchmark is numeric.
    public func value(population: Double?) -> Double? {
        switch self {
        case .fixed(let v): return v
        case .byPopulation(let rows):
            guard let population else { return nil }
            return rows.first { $0.below.map { population < $0 } ?? true }?.value
        case .groupBest, .described: return nil
        }
    }
}

/// A framework edition: ISO 37120:2018, ISO 37120:2014, …
public struct Framework: Sendable {
    public var id: String
    public var title: String
    public var standard: String
    public var edition: String
    public var themes: [Theme]
    public var pillars: [Pillar] = []
    public var notes: String?
    /// Counts the standard gives (checked by the consistency tests when present).
    public var expected: ExpectedCounts?
    public var certification: Certification?
    public var scoring: ScoringSettings?
    public var location: SourceLocation

    public func theme(_ id: String) -> Theme? { themes.first { $0.id == id } }
}

/// How an index framework turns indicator values into scores (LSC 2017 Methodology, Stage 2), as
/// data; every choice the source leaves open is a setting (docs/frameworks.md).
public struct ScoringSettings: Sendable, Hashable {
    public enum Normalisation: String, Sendable, CaseIterable {
        case minMax = "min_max"
        case zScore = "z_score"
        case deciles
    }
    public enum BenchmarkUse: String, Sendable, CaseIterable { case anchor, ignore }
    public enum NoSupporting: String, Sendable, CaseIterable {
        case coreOnly = "core_only"
        case weighted
    }
    public enum Missing: String, Sendable, CaseIterable {
        case zero
        case categoryMean = "category_mean"
        case reweight
    }
    public struct Group: Sendable, Hashable {
        public var id: String
        public var title: String
        /// Upper bound (exclusive) of the population; nil for the last group.
        public var below: Double?
    }

    public var normalisation: Normalisation = .minMax
    public var benchmarks: BenchmarkUse = .anchor
    /// Category index = coreWeight × mean(core) + (1 − coreWeight) × mean(supporting).
    public var coreWeight: Double = 0.7
    public var categoriesWithoutSupporting: NoSupporting = .coreOnly
    public var missing: Missing = .zero
    public var groups: [Group] = []
    public var scale: Double = 100
    public var confidence: Confidence = .verified
    public var note: String?
    /// Worked examples of the scoring rules, run by `cityind check`.
    public var examples: [ScoringExample] = []

    public init() {}

    public func group(population: Double?) -> Group? {
        guard let population else { return nil }
        return groups.first { $0.below.map { population < $0 } ?? true }
    }
}

/// A worked example of a framework's scoring: one normalisation, one category index or one index.
public struct ScoringExample: Sendable, Hashable {
    public enum Case: Sendable, Hashable {
        case normalise(value: Double, min: Double, max: Double, higherIsBetter: Bool)
        case category(core: [Double], supporting: [Double])
        case index(pillars: [String: Double])
    }
    public var name: String
    public var example: Case
    public var expect: Double
    public var tolerance: Double
    public var written: String
    public var location: SourceLocation
}

public struct ExpectedCounts: Sendable, Hashable {
    public var indicators: Int?
    public var core: Int?
    public var supporting: Int?
}

/// Certification levels of a framework (WCCD for ISO 37120), as data.
public struct Certification: Sendable {
    public struct Level: Sendable, Hashable {
        public var id: String
        public var title: String
        /// Core indicators that must be reported; nil = every core indicator of the framework.
        public var core: Int?
        /// Indicators that must be reported in all (core + supporting).
        public var total: Int
        /// Where the level is defined (its `total`).
        public var location: SourceLocation
    }

    public var scheme: String
    public var confidence: Confidence
    public var note: String?
    public var source: String
    /// Ascending.
    public var levels: [Level]
}

/// How indicators of one framework edition map to another (ISO 37120:2014 → 2018).
public struct Crosswalk: Sendable {
    public enum Change: String, Sendable, CaseIterable { case same, changed, moved, new, dropped }
    public struct Entry: Sendable {
        public var from: String?
        public var to: String?
        public var change: Change
        public var note: String?
        public var location: SourceLocation
    }

    public var id: String
    public var from: String
    public var to: String
    public var source: String
    public var entries: [Entry]
    public var location: SourceLocation
}

public enum IndicatorType: String, Sendable, CaseIterable { case core, supporting, profile }
public enum Direction: String, Sendable, CaseIterable { case higher, lower, neutral }
/// How sure the catalog is of a definition: `verified` from the source's text, `reconstructed`
/// where no source gives it, `adapted` where it deliberately differs from what the source prints
/// (the reason is then required).
public enum Confidence: String, Sendable, CaseIterable {
    case verified, reconstructed, adapted

    /// True when a note must say why (reconstructed from what, adapted for what reason).
    public var needsNote: Bool { self != .verified }
}

/// How an indicator is computed: numerator ÷ denominator × multiplier, or a direct value × multiplier.
public enum Formula: Sendable {
    case ratio(numerator: Expression, denominator: Expression)
    case value(Expression)
    /// A slot of the standard that no source identifies: counted, never computed. A city
    /// holding the standard's text defines it in a local catalog.
    case undefined

    public var elements: [String] {
        switch self {
        case .ratio(let n, let d):
            var ids = n.elements
            for id in d.elements where !ids.contains(id) { ids.append(id) }
            return ids
        case .value(let v): return v.elements
        case .undefined: return []
        }
    }
}

/// A worked example: inputs and what the indicator must give for them.
public struct WorkedExample: Sendable {
    public enum Expectation: Sendable {
        /// The value, and the largest difference accepted.
        case value(Double, tolerance: Double, written: String)
        case notComputable(NotComputableReason?)
        case notSubmitted
    }

    public var name: String
    public var inputs: [String: Double]
    public var expectation: Expectation
    public var location: SourceLocation
}

/// One indicator of one framework edition, keyed by (framework, clause).
public struct Indicator: Sendable {
    public var id: String
    public var framework: String
    public var clause: String
    public var theme: String
    public var type: IndicatorType
    public var title: String
    public var formula: Formula
    public var multiplier: Double
    public var unit: Unit
    public var numeratorUnit: Unit?
    public var denominatorUnit: Unit?
    public var range: Bounds?
    public var direction: Direction
    public var confidence: Confidence
    public var confidenceNote: String?
    public var source: String
    public var notes: String?
    public var examples: [WorkedExample]
    public var location: SourceLocation
    /// SHA-256 of the definition file: results computed from another definition can be told apart.
    public var definitionHash: String = ""
    public var benchmark: Benchmark?
    /// A fixed normalisation range (a score already on a scale, like a survey score) instead of
    /// the range of the cities scored together.
    public var scoreRange: Bounds?
    /// Where the benchmark comes from (SLB, RTE Act, WHO …).
    public var benchmarkSource: String?
    /// SDG targets the indicator serves ("6.1", "11.6.2").
    public var sdg: [String] = []
}

/// The whole catalog: what `Indicators/` defines.
public struct Catalog: Sendable {
    public var units: [String: Unit] = [:]
    public var departments: [String: Department] = [:]
    public var elements: [String: DataElement] = [:]
    public var relations: [Relation] = []
    public var frameworks: [String: Framework] = [:]
    public var crosswalks: [Crosswalk] = []
    /// Departmental registers by id (`Indicators/registers/`), and the elements derived from them.
    public var registers: [String: Register] = [:]
    /// Sorted by framework, then clause in numeric order (15.2 before 15.10).
    public var indicators: [Indicator] = []
    /// Where the catalog came from: "built-in" or a folder.
    public var origin: String = ""
    /// SHA-256 over every file's path and bytes: two catalogs with the same version are identical.
    public var version: String = ""

    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }

    public func indicators(in framework: String) -> [Indicator] {
        indicators.filter { $0.framework == framework }
    }

    /// Elements of a department, sorted by id.
    public func elements(of department: String) -> [DataElement] {
        elements.values.filter { $0.department == department }.sorted { $0.id < $1.id }
    }

    public var sortedElements: [DataElement] { elements.values.sorted { $0.id < $1.id } }

    /// The register and derivation an element can be derived from, if any.
    public func derivation(of element: String) -> (register: Register, derivation: Derivation)? {
        for register in registers.values.sorted(by: { $0.id < $1.id }) {
            if let d = register.derivations.first(where: { $0.element == element }) { return (register, d) }
        }
        return nil
    }
}

/// Orders clause numbers numerically, part by part: 9.4 < 15.2 < 15.10.
public func clauseLess(_ a: String, _ b: String) -> Bool {
    let pa = a.split(separator: ".").map { Int($0) ?? Int.max }
    let pb = b.split(separator: ".").map { Int($0) ?? Int.max }
    if pa != pb { return pa.lexicographicallyPrecedes(pb) }
    return a < b
}
