import CityIndicatorsBase
import CityIndicatorsCatalog

/// The submissions of one city-year, checked together: duplicates across files and relations
/// between elements of different departments.
public struct SubmissionSet: Sendable {
    public var submissions: [Submission]
    /// Diagnostics that concern more than one file (relations, cross-file duplicates).
    public var diagnostics: [Diagnostic] = []
    /// The accepted values of every file, by element id.
    public private(set) var values: [String: SubmittedValue] = [:]
    /// Elements some file left blank on purpose.
    public private(set) var notReported: Set<String> = []
    /// Ids of the relations whose check failed (each also a V019 diagnostic).
    public private(set) var brokenRelations: [String] = []

    public init(submissions: [Submission], catalog: Catalog) {
        self.submissions = submissions
        // Registers first: a derived value is used over a submitted one (V033 below).
        let ordered = submissions.filter { $0.register != nil } + submissions.filter { $0.register == nil }
        var derived: Set<String> = []
        for submission in ordered {
            notReported.formUnion(submission.notReported)
            for (id, value) in submission.values.sorted(by: { $0.key < $1.key }) {
                if let first = values[id], derived.contains(id), submission.register == nil {
                    // Agreeing means equal at the precision the department wrote.
                    let unit = catalog.elements[id]?.unit.id ?? ""
                    let slack =
                        value.writtenUnit == unit
                        ? NumberText.halfUnitOfLastPlace(value.written) * 1.000001 : abs(value.value) * 1e-6
                    let agree = abs(first.value - value.value) <= slack
                    diagnostics.append(
                        Diagnostic(
                            .derivedAndSubmitted,
                            "\(id) is given here (\(value.written) \(value.writtenUnit)) and also derived from \(first.location.file) (\(Format.readable(first.value)) \(unit))"
                                + (agree
                                    ? "; they agree, and the derived value is used"
                                    : "; they differ, and the derived value is used"),
                            at: value.location,
                            hint:
                                "Submit the register or the total, not both: remove this row if the register is complete\(agree ? "" : ", or correct the register").",
                            severity: agree ? .warning : .error))
                    continue
                }
                if let first = values[id] {
                    diagnostics.append(
                        Diagnostic(
                            .duplicateElement,
                            "element '\(id)' is also given in \(first.location.description); the first value is used",
                            at: value.location, hint: "Each element is submitted once a year, by its department."))
                    continue
                }
                values[id] = value
                if submission.register != nil { derived.insert(id) }
            }
        }
        checkRelations(catalog)
    }

    /// Every diagnostic of every file, then the cross-file ones, in location order.
    public var allDiagnostics: [Diagnostic] {
        (submissions.flatMap(\.diagnostics) + diagnostics).sortedByLocation()
    }

    /// Values in base units, for the evaluator.
    public func baseValues(_ catalog: Catalog) -> [String: Double] {
        var result: [String: Double] = [:]
        for (id, v) in values {
            if let element = catalog.elements[id] { result[id] = v.value * element.unit.factor }
        }
        return result
    }

    /// Flags values that changed more than their element allows since an earlier year (V027).
    /// A jump explained in the notes column is an info note, not a warning.
    public mutating func compare(with earlier: EarlierYear, catalog: Catalog) {
        let previousYear = earlier.year
        let previousValues = earlier.values
        for (id, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let element = catalog.elements[id], let allowed = element.allowedChange,
                let before = previousValues[id], before.value != 0
            else { continue }
            let change = (value.value - before.value) / abs(before.value)
            guard abs(change) > allowed else { continue }
            let percent = (change * 100).rounded()
            let sign = percent > 0 ? "+" : ""
            let explained = value.notes != nil
            diagnostics.append(
                Diagnostic(
                    .yearOverYearJump,
                    "\(id) changed by \(sign)\(Format.plain(percent)) % since \(previousYear) (\(Format.readable(before.value, decimals: before.value == before.value.rounded() ? 0 : nil)) → \(Format.readable(value.value, decimals: value.value == value.value.rounded() ? 0 : nil)) \(element.unit.id)); more than the \(Format.plain(allowed * 100)) % expected"
                        + (explained ? "; explained in notes" : ""),
                    at: value.location,
                    hint: explained
                        ? nil
                        : "If the change is real, say why in the notes column; otherwise check the figure and its unit. The \(previousYear) value is at \(before.location.description).",
                    severity: explained ? .info : .warning))
        }
        diagnostics = diagnostics.sortedByLocation()
    }

    private mutating func checkRelations(_ catalog: Catalog) {
        let evaluator = ExpressionEvaluator(values: baseValues(catalog))
        for relation in catalog.relations {
            guard case .binary(let op, let left, let right, let at) = relation.check.root else { continue }
            guard relation.check.elements.allSatisfy({ values[$0] != nil }) else { continue }
            let src = Array(relation.check.source.utf8)
            let opLength = op.rawValue.utf8.count
            let leftText = String(decoding: src[..<at], as: UTF8.self).trimmedSpaces
            let rightText = String(decoding: src[min(src.count, at + opLength)...], as: UTF8.self).trimmedSpaces
            guard
                case .success(let a) = ExpressionEvaluator(values: evaluator.values).number(
                    Expression(source: leftText, root: left)),
                case .success(let b) = ExpressionEvaluator(values: evaluator.values).number(
                    Expression(source: rightText, root: right))
            else { continue }
            let slack = relation.tolerance * max(abs(a), abs(b))
            let holds: Bool
            switch op {
            case .less: holds = a < b + slack
            case .lessEqual: holds = a <= b + slack
            case .greater: holds = a + slack > b
            case .greaterEqual: holds = a + slack >= b
            case .equal: holds = abs(a - b) <= slack
            case .notEqual: holds = abs(a - b) > slack
            default: holds = true
            }
            if holds { continue }
            brokenRelations.append(relation.id)
            // Show each side in the unit of its first element, and point at the rows.
            func shown(_ node: ExpressionNode, _ text: String, _ base: Double) -> String {
                let ids = Expression(source: text, root: node).elements
                if let id = ids.first, let element = catalog.elements[id] {
                    let checker = ExpressionChecker(knownElements: []) { catalog.elements[$0]?.unit.dimension }
                    if case .number(let d)? = checker.check(Expression(source: text, root: node)).type,
                        d == element.unit.dimension
                    {
                        return
                            "\(text) = \(Format.plain((base / element.unit.factor * 1e6).rounded() / 1e6)) \(element.unit.id)"
                    }
                }
                return "\(text) = \(Format.plain(base))"
            }
            let rows = relation.check.elements.compactMap { values[$0] }.map {
                "\($0.element) at \($0.location.description)"
            }
            let first = relation.check.elements.compactMap { values[$0] }.first!
            let tolerance = relation.tolerance > 0 ? " (tolerance \(Format.plain(relation.tolerance * 100)) %)" : ""
            diagnostics.append(
                Diagnostic(
                    .relationBroken,
                    "\(relation.message) Expected \(leftText) \(op.rawValue) \(rightText)\(tolerance), but \(shown(left, leftText, a)) and \(shown(right, rightText, b)).",
                    at: first.location,
                    hint: "One of these values is wrong: \(rows.joined(separator: "; ")). [relation \(relation.id)]",
                    severity: relation.severity))
        }
    }
}
