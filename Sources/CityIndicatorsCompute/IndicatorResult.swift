import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsIntake

/// An element value used by a computed indicator, with where it came from.
public struct InputUse: Sendable, Codable, Equatable {
    public var element: String
    public var value: Double?
    public var unit: String
    public var file: String?
    public var line: Int?
    public var source: String?
    public var dataYear: Int?
    public var status: InputStatus
}

/// Whether an input was there: reported, left blank (`not_reported`) or with no row (`absent`).
public enum InputStatus: String, Sendable, Codable {
    case reported
    case notReported = "not_reported"
    case absent
}

/// A number shown with its unit (a numerator or denominator).
public struct Quantity: Sendable, Codable, Equatable {
    public var value: Double
    public var unit: String
}

public enum ResultStatus: String, Sendable, Codable {
    case computed
    case notComputable = "not_computable"
    case notSubmitted = "not_submitted"
    /// A slot of the standard the catalog does not define.
    case notDefined = "not_defined"
}

/// One indicator for one city-year: its value or why there is none.
public struct IndicatorResult: Sendable {
    public var indicator: Indicator
    public var status: ResultStatus
    public var value: Double?
    public var numerator: Quantity?
    public var denominator: Quantity?
    public var reason: NotComputableReason?
    public var reasonText: String?
    public var inputs: [InputUse]
    /// The latest data year among the inputs (the submission year unless a row says otherwise).
    public var dataYear: Int?
    public var sources: [String]
}

/// Computes indicators from element values. Pure: the same inputs give the same results.
public struct IndicatorComputer {
    public let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    /// Evaluates one indicator over values in base units.
    /// - Parameter submitted: the submitted values (for provenance); `notReported` the blank ones.
    public func compute(
        _ indicator: Indicator, baseValues: [String: Double], submitted: [String: SubmittedValue] = [:],
        notReported: Set<String> = [], year: Int? = nil
    ) -> IndicatorResult {
        let ids = indicator.formula.elements
        let inputs = ids.map {
            inputUse($0, baseValues: baseValues, submitted: submitted, notReported: notReported, year: year)
        }
        var result = IndicatorResult(
            indicator: indicator, status: .computed, inputs: inputs, dataYear: inputs.compactMap(\.dataYear).max(),
            sources: Array(Set(inputs.compactMap(\.source))).sorted())
        if case .undefined = indicator.formula {
            result.status = .notDefined
            result.reasonText =
                "the catalog does not define this slot of the standard; define it in a local catalog (--catalog)"
            return result
        }
        let missing = ids.filter { baseValues[$0] == nil }
        if !missing.isEmpty {
            if missing.count == ids.count {
                result.status = .notSubmitted
                result.reasonText = "no input submitted: " + describe(missing, notReported)
            } else {
                result.status = .notComputable
                result.reason = .missingInput
                result.reasonText = "missing input: " + describe(missing, notReported)
            }
            return result
        }
        let evaluator = ExpressionEvaluator(values: baseValues)
        let raw: Result<Double, EvaluationFailure>
        switch indicator.formula {
        case .value(let expression):
            raw = evaluator.number(expression)
        case .undefined:
            return result
        case .ratio(let numerator, let denominator):
            raw = ratio(numerator, denominator, of: indicator, evaluator, into: &result)
        }
        switch raw {
        case .failure(let f): return fail(result, f)
        case .success(let v): return scaled(v, result)
        }
    }

    /// Where the value of element `id` came from: a submitted value, a value derived in base
    /// units, a value left blank (`notReported`) or none.
    private func inputUse(
        _ id: String, baseValues: [String: Double], submitted: [String: SubmittedValue], notReported: Set<String>,
        year: Int?
    ) -> InputUse {
        let element = catalog.elements[id]
        let unit = element?.unit.id ?? ""
        if let v = submitted[id] {
            return InputUse(
                element: id, value: v.value, unit: unit, file: v.location.file, line: v.location.line,
                source: v.source, dataYear: v.dataYear ?? year, status: .reported)
        }
        let base = baseValues[id]
        return InputUse(
            element: id, value: base.map { $0 / (element?.unit.factor ?? 1) }, unit: unit, file: nil, line: nil,
            source: nil, dataYear: base == nil ? nil : year,
            status: base != nil ? .reported : notReported.contains(id) ? .notReported : .absent)
    }

    /// Numerator ÷ denominator in base units; both parts, in their display units, go into `result`.
    private func ratio(
        _ numerator: Expression, _ denominator: Expression, of indicator: Indicator, _ evaluator: ExpressionEvaluator,
        into result: inout IndicatorResult
    ) -> Result<Double, EvaluationFailure> {
        let n: Double
        let d: Double
        switch evaluator.number(numerator) {
        case .failure(let f): return .failure(f)
        case .success(let v): n = v
        }
        switch evaluator.number(denominator) {
        case .failure(let f): return .failure(f)
        case .success(let v): d = v
        }
        result.numerator = quantity(n, numerator, indicator.numeratorUnit)
        result.denominator = quantity(d, denominator, indicator.denominatorUnit)
        guard d != 0 else {
            return .failure(
                EvaluationFailure(reason: .divisionByZero, message: "the denominator (\(denominator.description)) is 0")
            )
        }
        return .success(n / d)
    }

    /// `result` with the value `raw` (base units) in the indicator's unit, times its multiplier;
    /// not computable when that is not finite or outside the indicator's sensible range.
    private func scaled(_ raw: Double, _ result: IndicatorResult) -> IndicatorResult {
        let indicator = result.indicator
        let value = raw / indicator.unit.factor * indicator.multiplier
        guard value.isFinite else {
            return fail(result, EvaluationFailure(reason: .nonFinite, message: "the result is too large to represent"))
        }
        if let range = indicator.range, !range.contains(value) {
            let limits = "\(range.min.map(Format.plain) ?? "−∞")–\(range.max.map(Format.plain) ?? "∞")"
            return fail(
                result,
                EvaluationFailure(
                    reason: .outOfRange,
                    message:
                        "the result \(Format.readable(value)) \(indicator.unit.label) is outside the sensible range \(limits); an input is probably wrong"
                ))
        }
        var computed = result
        computed.value = value
        return computed
    }

    private func describe(_ missing: [String], _ notReported: Set<String>) -> String {
        missing.map { notReported.contains($0) ? "\($0) (left blank)" : "\($0) (not submitted)" }.joined(
            separator: ", ")
    }

    private func fail(_ result: IndicatorResult, _ failure: EvaluationFailure) -> IndicatorResult {
        var r = result
        r.status = .notComputable
        r.reason = failure.reason
        r.reasonText = failure.message
        r.value = nil
        return r
    }

    /// A numerator or denominator in its display unit: the one given, else the unit of the
    /// first element of the same dimension, else base units.
    func quantity(_ base: Double, _ expression: Expression, _ preferred: Unit?) -> Quantity {
        let checker = ExpressionChecker(knownElements: []) { catalog.elements[$0]?.unit.dimension }
        var unit = preferred
        if unit == nil, case .number(let d)? = checker.check(expression).type {
            unit = expression.elements.compactMap { catalog.elements[$0]?.unit }.first { $0.dimension == d }
        }
        guard let unit else { return Quantity(value: base, unit: "base") }
        return Quantity(value: base / unit.factor, unit: unit.id)
    }

    /// Every indicator of the given frameworks for one city-year.
    public func compute(frameworks: [String], set: SubmissionSet, year: Int) -> [IndicatorResult] {
        let base = set.baseValues(catalog)
        return catalog.indicators.filter { frameworks.contains($0.framework) }.map {
            compute($0, baseValues: base, submitted: set.values, notReported: set.notReported, year: year)
        }
    }
}
