import CityIndicatorsBase
import CityIndicatorsCatalog
import Foundation

extension Submission {
    /// A register read as a submission: its rows are the derived elements, so sets, compute,
    /// reports and the store treat them as submitted values (with where they came from).
    public init(register result: RegisterResult, catalog: Catalog) {
        self.init(path: result.path, department: catalog.registers[result.register]?.department)
        register = result
        blankLines = result.blankLines
        diagnostics = result.diagnostics
        registerDiagnostics = result.diagnostics.count
        let title = catalog.registers[result.register]?.title ?? result.register
        let location = SourceLocation(file: result.path)
        for d in result.derived {
            guard let element = catalog.elements[d.element] else { continue }
            guard let value = d.value else {
                rows.append(SubmissionRow(line: 0, outcome: .notReported(element: d.element)))
                diagnostics.append(
                    Diagnostic(
                        .notDerived, "\(d.element) cannot be derived: \(d.reason ?? "no value")", at: location,
                        hint:
                            "The derivation is \(d.derivation). Check that the register holds the records of the reporting year\(result.year.map { " (\($0))" } ?? "").",
                        severity: d.ran ? nil : .info))
                continue
            }
            var notes: String?
            if result.rejected > 0 {
                notes = "\(Format.grouped(result.rejected)) rejected record(s) of the register are not counted"
                diagnostics.append(
                    Diagnostic(
                        .derivedWithRejected,
                        "\(d.element) is derived from \(Format.grouped(result.accepted)) accepted records; \(Format.grouped(result.rejected)) rejected record(s) are not counted",
                        at: location,
                        hint:
                            "Fix the rejected records (each is listed with its line) and validate again; `cityind explain \(d.element) --workspace …` shows the first of them."
                    ))
            }
            let written = Format.plain((value * 1e9).rounded() / 1e9)
            let source =
                "\(title), \(URL(fileURLWithPath: result.path).lastPathComponent): \(d.derivation), over \(Format.grouped(d.matched)) matching record(s)"
            if let b = element.bounds, !b.contains(value) {
                rows.append(
                    SubmissionRow(
                        line: 0,
                        outcome: .rejected(
                            element: d.element, reason: "derived value \(written) is outside the bounds of \(d.element)"
                        )))
                diagnostics.append(
                    Diagnostic(
                        .outOfBounds,
                        "\(d.element) derived as \(written) \(element.unit.id), outside its bounds \(b.min.map(Format.plain) ?? "−∞") to \(b.max.map(Format.plain) ?? "∞")",
                        at: location, hint: "Check the register's records and units."))
                continue
            }
            if let p = element.plausible, !p.contains(value) {
                diagnostics.append(
                    Diagnostic(
                        .implausible,
                        "\(d.element) derived as \(written) \(element.unit.id), outside the plausible range \(p.min.map(Format.plain) ?? "−∞") to \(p.max.map(Format.plain) ?? "∞")",
                        at: location, hint: "Check the register is complete and its units."))
            }
            rows.append(
                SubmissionRow(
                    line: 0,
                    outcome: .accepted(
                        SubmittedValue(
                            element: d.element, value: value, written: written, writtenUnit: element.unit.id,
                            source: source, notes: notes, dataYear: nil, location: location))))
        }
    }
}
