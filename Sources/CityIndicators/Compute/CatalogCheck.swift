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
                diagnostics.append(Diagnostic(.exampleFailed, "\(indicator.id): example '\(example.name)' \(failure)", at: example.location, hint: "Correct the formula or the expected value; the expected value is compared at the precision it is written."))
            }
        }
        return diagnostics
    }

    public static func run(_ catalog: Catalog) -> Outcome {
        var outcome = Outcome()
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
