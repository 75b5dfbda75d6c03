import ArgumentParser
import CityIndicators
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how an indicator (or data element) is defined and, for a city-year, computed.",
        discussion: """
            Without a workspace: the definition, formula, unit check, source, confidence and worked
            examples. With --workspace: also each input used, with its value, file:line and source,
            and the result; for an element, where its value came from (for one derived from a
            register: the records read, rejected and matched).

            Examples:
              cityind explain iso37120-2018:15.2
              cityind explain iso37120-2018:23.3 --workspace SampleData/sahyadrinagar --year 2024
              cityind explain population_total
              cityind explain fire_deaths --workspace SampleData/sahyadrinagar --year 2024
            """)

    @Argument(help: ArgumentHelp("An indicator id (iso37120-2018:15.2) or an element id.", valueName: "id"))
    var id: String

    @Option(help: "A city workspace, to show this indicator's computation from its submissions.")
    var workspace: String?

    @Option(help: "The year (default: the latest year folder of the workspace).")
    var year: Int?

    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let (catalog, _) = try catalogOptions.load()
        let out = Terminal.standardOutput
        if let element = catalog.elements[id] {
            out.write(describe(element, catalog))
            if let workspace { try explainValue(element, workspace: workspace, catalog, to: out) }
            return
        }
        guard let indicator = catalog.indicator(id) else {
            let suggestion = Suggest.nearest(id, in: catalog.indicators.map(\.id) + catalog.elements.keys)
            throw InputError("no indicator or element '\(id)'", hint: (suggestion.map { "Did you mean '\($0)'? " } ?? "") + "`cityind catalog` lists the indicators.")
        }
        out.write(Explanation.definition(indicator, catalog))
        guard let workspace else { return }
        let ws = try Workspace.open(workspace, catalog: catalog)
        guard let year = year ?? ws.years.last else { throw InputError("\(workspace): no year folders") }
        let set = try ws.submissions(year: year, catalog: catalog)
        let result = IndicatorComputer(catalog: catalog).compute(indicator, baseValues: set.baseValues(catalog), submitted: set.values, notReported: set.notReported, year: year)
        out.write(Explanation.computation(result, city: ws.city.name, year: year, catalog))
    }

    /// The element's value in a city-year: the row it was submitted in, or how it was derived from
    /// a register (records read, rejected, matched).
    private func explainValue(_ e: DataElement, workspace: String, _ catalog: Catalog, to out: Terminal) throws {
        let ws = try Workspace.open(workspace, catalog: catalog)
        guard let year = year ?? ws.years.last else { throw InputError("\(workspace): no year folders") }
        let set = try ws.submissions(year: year, catalog: catalog, previousYear: false)
        out.write("\n\(ws.city.name), \(year):\n")
        if let s = set.submissions.first(where: { $0.register?.derived.contains { $0.element == e.id } == true }), let r = s.register,
            let d = r.derived.first(where: { $0.element == e.id })
        {
            out.write("  derived from \(r.path) (register \(r.register))\n")
            out.write("  derivation: \(d.derivation)\n")
            out.write("  records:    \(Format.grouped(r.records)) read, \(Format.grouped(r.accepted)) accepted, \(Format.grouped(r.rejected)) rejected\n")
            out.write("  matched:    \(Format.grouped(d.matched)) accepted record(s) pass the filter\(d.valued != d.matched ? ", \(Format.grouped(d.valued)) with a value" : "")\n")
            if let v = d.value {
                out.write("  value:      \(Format.readable(v)) \(e.unit.id)\n")
            } else {
                out.write("  value:      not derived — \(d.reason ?? "")\n")
            }
            if r.rejected > 0 {
                out.write("  rejected records are not counted; the first:\n")
                for x in r.rejectedSamples.prefix(10) { out.write("    line \(x.line): \(x.reason)\n") }
                if r.rejected > 10 { out.write("    … `cityind validate \(r.path)` lists them all\n") }
            }
            // The same element in a department's file too (V033, at that row).
            if let row = set.submissions.first(where: { $0.register == nil && $0.values[e.id] != nil })?.values[e.id],
                let other = set.allDiagnostics.first(where: { $0.code == DiagnosticCode.derivedAndSubmitted.rawValue && $0.location == row.location })
            {
                out.write("  also submitted: \(other.rendered)\n")
            }
        } else if let v = set.values[e.id] {
            out.write("  \(Format.readable(v.value)) \(e.unit.id), submitted at \(v.location.description)\(v.source.map { "; source: \($0)" } ?? "")\n")
        } else {
            out.write("  not submitted\(set.notReported.contains(e.id) ? " (left blank: not reported)" : "")\n")
        }
    }

    private func describe(_ e: DataElement, _ catalog: Catalog) -> String {
        var text = "\(e.id) — \(e.title)\n\n\(e.description)\n\n"
        text += "department: \(catalog.departments[e.department]?.name ?? e.department) (\(e.department).csv)\n"
        text += "unit:       \(e.unit.id) (\(e.unit.title)); kind: \(e.kind.rawValue)\n"
        if let (register, derivation) = catalog.derivation(of: e.id) {
            text += "derivable:  from the \(register.id) register (\(register.id).csv): \(derivation.source)\n"
        }
        if let b = e.bounds { text += "bounds:     \(b.min.map(Format.plain) ?? "−∞") to \(b.max.map(Format.plain) ?? "∞") (outside: error)\n" }
        if let p = e.plausible { text += "plausible:  \(p.min.map(Format.plain) ?? "−∞") to \(p.max.map(Format.plain) ?? "∞") (outside: warning)\n" }
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
}
