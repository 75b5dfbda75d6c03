import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsIntake

/// Runs every worked example of the catalog (`cityind check`).
public struct CatalogCheck {
    public struct Outcome: Sendable {
        public var indicators = 0
        public var examples = 0
        public var passed = 0
        public var diagnostics: [Diagnostic] = []
    }

    /// Runs the examples of one indicator; failures are C010 diagnostics at the example.
    public static func run(_ indicator: Indicator, catalog: Catalog) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let computer = IndicatorComputer(catalog: catalog)
        for example in indicator.examples {
            var base: [String: Double] = [:]
            for (id, v) in example.inputs { base[id] = v * (catalog.elements[id]?.unit.factor ?? 1) }
            let result = computer.compute(indicator, baseValues: base)
            let got: String
            switch result.status {
            case .computed: got = "computed \(Format.plain(result.value!))"
            case .notComputable: got = "not computable (\(result.reason?.rawValue ?? "?"): \(result.reasonText ?? ""))"
            case .notSubmitted: got = "not submitted"
            case .notDefined: got = "not defined"
            }
            var failure: String?
            switch example.expectation {
            case .value(let expected, let tolerance, let written):
                if let v = result.value {
                    if abs(v - expected) > tolerance {
                        failure = "expects \(written), computed \(Format.plain(v))"
                    }
                } else {
                    failure = "expects \(written), but the indicator was \(got)"
                }
            case .notComputable(let reason):
                if result.status != .notComputable || (reason != nil && result.reason != reason) {
                    failure = "expects not computable\(reason.map { " (\($0.rawValue))" } ?? ""), but it was \(got)"
                }
            case .notSubmitted:
                if result.status != .notSubmitted { failure = "expects not submitted, but it was \(got)" }
            }
            if let failure {
                diagnostics.append(
                    Diagnostic(
                        .exampleFailed, "\(indicator.id): example '\(example.name)' \(failure)", at: example.location,
                        hint:
                            "Correct the formula or the expected value; the expected value is compared at the precision it is written."
                    ))
            }
        }
        return diagnostics
    }

    /// Runs a framework's scoring examples through `IndexScorer` itself; failures are C010
    /// diagnostics.
    public static func runScoring(_ framework: Framework) -> [Diagnostic] {
        guard let settings = framework.scoring else { return [] }
        let scorer = IndexScorer(framework: framework, settings: settings)
        var diagnostics: [Diagnostic] = []
        for e in settings.examples {
            let got: Double
            switch e.example {
            case .normalise(let v, let lo, let hi, let higher):
                got = IndexScorer.minMax(v, best: higher ? hi : lo, worst: higher ? lo : hi, higherIsBetter: higher)
            case .category(let core, let supporting):
                func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
                got =
                    scorer.category(
                        core: mean(core) ?? 0, supporting: mean(supporting), hasSupporting: !supporting.isEmpty) ?? 0
            case .index(let pillars):
                for key in pillars.keys.sorted() where !framework.pillars.contains(where: { $0.id == key }) {
                    diagnostics.append(
                        Diagnostic(
                            .undefinedReference,
                            "\(framework.id): scoring example '\(e.name)' names unknown pillar '\(key)'",
                            at: e.location))
                }
                // Each pillar given as the one category of a theme of that pillar.
                var categories: [String: Double] = [:]
                for (pillar, value) in pillars {
                    if let theme = framework.themes.first(where: { $0.pillar == pillar }) {
                        categories[theme.id] = value
                    }
                }
                got = scorer.combine(categories).index
            }
            if abs(got - e.expect) > e.tolerance {
                diagnostics.append(
                    Diagnostic(
                        .exampleFailed,
                        "\(framework.id): scoring example '\(e.name)' expects \(e.written), computed \(Format.plain(got))",
                        at: e.location, hint: "Correct the scoring settings or the expected value."))
            }
        }
        return diagnostics
    }

    /// Certification levels that can be met: a level's total can never be below the core
    /// indicators it requires (every core indicator of the framework for `core: all`).
    public static func checkLevels(_ framework: Framework, catalog: Catalog) -> [Diagnostic] {
        guard let certification = framework.certification else { return [] }
        let coreCount = catalog.indicators(in: framework.id).filter { $0.type == .core }.count
        return certification.levels.compactMap { level in
            let core = level.core ?? coreCount
            guard level.total < core else { return nil }
            let which =
                level.core == nil ? "every core indicator (\(coreCount) in this catalog)" : "\(core) core indicators"
            return Diagnostic(
                .invalidValue, "level '\(level.id)' asks for \(level.total) indicators in all but also for \(which)",
                at: level.location, hint: "A level's total counts its core indicators too: make it at least \(core).")
        }
    }

    public static func run(_ catalog: Catalog) -> Outcome {
        var outcome = Outcome()
        for framework in catalog.frameworks.values.sorted(by: { $0.id < $1.id }) {
            outcome.diagnostics += checkLevels(framework, catalog: catalog)
            let failures = runScoring(framework)
            let count = framework.scoring?.examples.count ?? 0
            outcome.examples += count
            outcome.passed += count - failures.filter { $0.code == .exampleFailed }.count
            outcome.diagnostics += failures
        }
        for indicator in catalog.indicators {
            outcome.indicators += 1
            let failures = run(indicator, catalog: catalog)
            outcome.examples += indicator.examples.count
            outcome.passed += indicator.examples.count - failures.count
            outcome.diagnostics += failures
        }
        return outcome
    }
}
