import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsIntake
import Foundation

extension Explanation {
    /// An element's definition: department, unit, bounds, which register can give it, which
    /// indicators use it and which relations check it.
    public static func element(_ e: DataElement, _ catalog: Catalog) -> String {
        func range(_ r: (min: Double?, max: Double?)) -> String {
            "\(r.min.map(Format.plain) ?? "−∞") to \(r.max.map(Format.plain) ?? "∞")"
        }
        var text = "\(e.id) — \(e.title)\n\n\(e.description)\n\n"
        text += "department: \(catalog.departments[e.department]?.name ?? e.department) (\(e.department).csv)\n"
        text += "unit:       \(e.unit.id) (\(e.unit.title)); kind: \(e.kind.rawValue)\n"
        if let (register, derivation) = catalog.derivation(of: e.id) {
            text += "derivable:  from the \(register.id) register (\(register.id).csv): \(derivation.source)\n"
        }
        if let b = e.bounds { text += "bounds:     \(range((b.min, b.max))) (outside: error)\n" }
        if let p = e.plausible { text += "plausible:  \(range((p.min, p.max))) (outside: warning)\n" }
        let users = catalog.indicators.filter { $0.formula.elements.contains(e.id) }
        text += "\nused by \(users.count) indicator(s):\n"
        for i in users { text += "  \(i.id)  \(i.title)\n" }
        let relations = catalog.relations.filter { $0.check.elements.contains(e.id) }
        if !relations.isEmpty {
            text += "\nchecked by:\n"
            for r in relations { text += "  \(r.check.description)  (\(r.severity.rawValue))\n" }
        }
        text += "\ndefined at \(e.location.description)\n"
        return text
    }

    /// Where an element's value in a city-year came from: the row it was submitted in, or how it
    /// was derived from a register (records read, rejected, matched); then the problems found at
    /// that row (a year-over-year jump, a conflict with the register).
    public static func elementValue(_ e: DataElement, set: SubmissionSet, city: String, year: Int) -> String {
        var text = "\n\(city), \(year):\n"
        let diagnostics = set.allDiagnostics
        if let s = set.submissions.first(where: { $0.register?.derived.contains { $0.element == e.id } == true }),
            let r = s.register, let d = r.derived.first(where: { $0.element == e.id })
        {
            text += derivation(d, of: e, register: r)
            // The same element in a department's file too (V033, at that row).
            if let row = set.submissions.first(where: { $0.register == nil && $0.values[e.id] != nil })?.values[e.id],
                let other = diagnostics.first(where: { $0.code == .derivedAndSubmitted && $0.location == row.location })
            {
                text += "  also submitted: \(other.rendered)\n"
            }
        } else if let v = set.values[e.id] {
            let source = v.source.map { "; source: \($0)" } ?? ""
            text += "  \(Format.readable(v.value)) \(e.unit.id), submitted at \(v.location.description)\(source)\n"
            text += problems(at: [v.location], in: diagnostics)
        } else {
            text += "  not submitted\(set.notReported.contains(e.id) ? " (left blank: not reported)" : "")\n"
        }
        return text
    }

    private static func derivation(_ d: DerivedValue, of e: DataElement, register r: RegisterResult) -> String {
        let read =
            "\(Format.grouped(r.records)) read, \(Format.grouped(r.accepted)) accepted, \(Format.grouped(r.rejected)) rejected"
        let valued = d.valued != d.matched ? ", \(Format.grouped(d.valued)) with a value" : ""
        var text = "  derived from \(r.path) (register \(r.register))\n"
        text += "  derivation: \(d.derivation)\n"
        text += "  records:    \(read)\n"
        text += "  matched:    \(Format.grouped(d.matched)) accepted record(s) pass the filter\(valued)\n"
        if let v = d.value {
            text += "  value:      \(Format.readable(v)) \(e.unit.id)\n"
        } else {
            text += "  value:      not derived — \(d.reason ?? "")\n"
        }
        if r.rejected > 0 {
            text += "  rejected records are not counted; the first:\n"
            for x in r.rejectedSamples.prefix(10) { text += "    line \(x.line): \(x.reason)\n" }
            if r.rejected > 10 { text += "    … `cityind validate \(r.path)` lists them all\n" }
        }
        return text
    }

    /// The problems found at these rows, one per line under `problems:`; empty when none.
    public static func problems(
        at locations: [SourceLocation], in diagnostics: [Diagnostic]
    ) -> String {
        // A row is its file and line; the column does not matter.
        let rows = Set(locations.map { SourceLocation(file: $0.file, line: $0.line) })
        let found = diagnostics.filter { d in
            d.location.map { rows.contains(SourceLocation(file: $0.file, line: $0.line)) } ?? false
        }
        guard !found.isEmpty else { return "" }
        return "\nproblems at these rows:\n"
            + found.map { "  " + $0.rendered.replacingOccurrences(of: "\n", with: "\n  ") + "\n" }.joined()
    }

    /// A register as a nodal officer needs it: the file name, the header, each column's rules.
    public static func register(_ r: Register, _ catalog: Catalog) -> String {
        var text = "\(r.id) — \(r.title)\n\n\(r.description)\n\n"
        text += "file:        <year>/\(r.id).csv, kept by \(catalog.departments[r.department]?.name ?? r.department)\n"
        text += "header:      \(r.fields.map(\.name).joined(separator: ","))\n"
        if !r.primaryKey.isEmpty { text += "primary key: \(r.primaryKey.joined(separator: ", ")) (each record once)\n" }
        text += "\n"
        let rows = r.fields.map { f in
            [
                f.name, f.type == .date ? "date (YYYY-MM-DD)" : f.type.rawValue, f.unit?.id ?? "",
                rules(f).joined(separator: "; "),
            ]
        }
        text += TextRenderers.table(["column", "type", "unit", "rules"], rows)
        if !r.derivations.isEmpty {
            text += "\nderives:\n"
            for d in r.derivations { text += "  \(d.element) = \(d.source)\n" }
        }
        if let source = r.source { text += "\nsource: \(source.trimmingCharacters(in: .whitespacesAndNewlines))\n" }
        text += "defined at \(r.location.description)\n"
        return text
    }

    private static func rules(_ f: RegisterField) -> [String] {
        var rules: [String] = []
        if f.required { rules.append("required") }
        if f.unique { rules.append("unique") }
        if let lo = f.minimumText { rules.append("≥ \(lo)") }
        if let hi = f.maximumText { rules.append("≤ \(hi)") }
        if let values = f.enumValues { rules.append("one of: " + values.joined(separator: ", ")) }
        if let p = f.pattern { rules.append("pattern \(p.source)") }
        if let n = f.minLength { rules.append("≥ \(n) characters") }
        if let n = f.maxLength { rules.append("≤ \(n) characters") }
        return rules
    }
}
