import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsIntake

/// The lines `validate` ends with: one per file (accepted, rejected, errors, warnings; for a
/// register what it derived), then the verdict. Marks are kinds, coloured by the terminal.
public enum ValidationSummary {
    public enum Mark: Sendable { case failed, warned, passed }

    public struct Line: Sendable {
        /// The file's mark; nil for a line under a file (a derived value).
        public var mark: Mark?
        public var text: String
    }

    /// One line per file, and for a register one per derived element.
    public static func lines(_ submissions: [Submission], diagnostics: [Diagnostic], catalog: Catalog) -> [Line] {
        var lines: [Line] = []
        for s in submissions {
            let tally = s.tally(in: diagnostics)
            let mark: Mark = tally.errors > 0 ? .failed : tally.warnings > 0 ? .warned : .passed
            let problems = "\(tally.errors) error(s), \(tally.warnings) warning(s)"
            guard let r = s.register else {
                lines.append(
                    Line(
                        mark: mark,
                        text:
                            "\(s.path): \(s.acceptedCount) accepted, \(s.notReportedCount) not reported, \(s.rejectedCount) rejected — \(problems)"
                    ))
                continue
            }
            let records =
                "\(Format.grouped(r.records)) record(s): \(Format.grouped(r.accepted)) accepted, \(Format.grouped(r.rejected)) rejected"
            lines.append(Line(mark: mark, text: "\(s.path): register \(r.register), \(records) — \(problems)"))
            for d in r.derived {
                let unit = catalog.elements[d.element]?.unit.id ?? ""
                if let v = d.value {
                    lines.append(
                        Line(
                            text:
                                "    \(d.element) = \(Format.readable(v)) \(unit)  (\(d.derivation); \(Format.grouped(d.matched)) record(s) matched)"
                        ))
                } else {
                    lines.append(Line(text: "    \(d.element): not derived — \(d.reason ?? "")"))
                }
            }
        }
        return lines
    }

    /// Whether the run failed: errors, or warnings with `strict`.
    public static func failed(_ tally: Tally, strict: Bool) -> Bool {
        tally.errors > 0 || (strict && tally.warnings > 0)
    }

    /// The verdict line after the mark word (`FAILED`, `FAILED (strict)`, `OK`).
    public static func verdict(_ tally: Tally, files: Int, strict: Bool) -> (word: String, failed: Bool, text: String) {
        let word = tally.errors > 0 ? "FAILED" : (strict && tally.warnings > 0) ? "FAILED (strict)" : "OK"
        return (
            word, failed(tally, strict: strict),
            ": \(files) file(s), \(tally.errors) error(s), \(tally.warnings) warning(s)"
        )
    }
}
