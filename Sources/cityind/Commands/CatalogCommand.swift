import ArgumentParser
import CityIndicators
import Foundation

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List the indicators (or elements, departments, units) of the catalog.",
        discussion: """
            Examples:
              cityind catalog
              cityind catalog --framework iso37120-2018 --format json
              cityind catalog --format md > docs/indicators.md
              cityind catalog --elements
              cityind catalog --registers
              cityind catalog --registers --format json --year 2024   # Table Schemas and SQL
              cityind catalog --register fire_calls   # the columns its CSV export must have
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json, md }

    @Option(help: "Only this framework (e.g. iso37120-2018).")
    var framework: String?

    @Option(help: "Output format: table, json or md.")
    var format: OutputFormat = .table

    @Flag(help: "List data elements instead of indicators.")
    var elements = false

    @Flag(help: "List departments instead of indicators.")
    var departments = false

    @Flag(help: "List units instead of indicators.")
    var units = false

    @Flag(help: "List departmental registers and the elements derived from them; with --format json, each register's Frictionless Table Schema and its derivations as SQL.")
    var registers = false

    @Option(help: ArgumentHelp("One register's columns, constraints and derivations (what its CSV export must hold).", valueName: "id"))
    var register: String?

    @Option(help: "The reporting year put in the SQL of --registers --format json.")
    var year: Int = 2024

    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let (catalog, _) = try catalogOptions.load()
        if let framework, catalog.frameworks[framework] == nil {
            throw ValidationError("unknown framework '\(framework)'. Frameworks: \(catalog.frameworks.keys.sorted().joined(separator: ", "))")
        }
        let out = Terminal.standardOutput
        if departments {
            out.write(TextRenderers.table(["department", "file", "name", "elements"], catalog.departments.values.sorted { $0.id < $1.id }.map {
                [$0.id, "\($0.id).csv", $0.name, String(catalog.elements(of: $0.id).count)]
            }))
            return
        }
        if units {
            out.write(TextRenderers.table(["unit", "symbol", "dimension", "converts with"], catalog.units.values.sorted { $0.id < $1.id }.map { u in
                [u.id, u.symbol, u.dimension.description, catalog.units.values.filter { $0.id != u.id && u.converts(to: $0) }.map(\.id).sorted().joined(separator: " ")]
            }))
            return
        }
        if let id = register {
            guard let r = catalog.registers[id] else {
                throw InputError("no register '\(id)'", hint: (Suggest.nearest(id, in: catalog.registers.keys).map { "Did you mean '\($0)'? " } ?? "") + "`cityind catalog --registers` lists them.")
            }
            out.write(describe(r, catalog))
            return
        }
        if registers {
            if format == .json {
                out.write(RegisterExport.json(catalog, year: year))
                return
            }
            var rows: [[String]] = []
            for r in catalog.registers.values.sorted(by: { $0.id < $1.id }) {
                rows.append([r.id, "\(r.id).csv", r.department, String(r.fields.count), r.derivations.map(\.element).joined(separator: " ")])
            }
            out.write(TextRenderers.table(["register", "file", "department", "columns", "derives"], rows))
            return
        }
        if elements {
            out.write(TextRenderers.table(["element", "department", "unit", "kind", "title"], catalog.sortedElements.map {
                [$0.id, $0.department, $0.unit.id, $0.kind.rawValue, $0.title]
            }))
            return
        }
        let list = framework.map { catalog.indicators(in: $0) } ?? catalog.indicators
        switch format {
        case .json:
            out.write(Documents.encode(Documents.CatalogDocument(catalog: catalog.origin, indicators: list.map { Documents.IndicatorEntry($0, catalog: catalog) })))
        case .md:
            out.write(TextRenderers.catalogMarkdown(catalog, frameworks: framework.map { [$0] }))
        case .table:
            out.write(TextRenderers.catalogTable(list))
            out.write("\n\(list.count) indicators\n")
        }
    }

    /// A register as a nodal officer needs it: the file name, the header, each column's rules.
    private func describe(_ r: Register, _ catalog: Catalog) -> String {
        var text = "\(r.id) — \(r.title)\n\n\(r.description)\n\n"
        text += "file:        <year>/\(r.id).csv, kept by \(catalog.departments[r.department]?.name ?? r.department)\n"
        text += "header:      \(r.fields.map(\.name).joined(separator: ","))\n"
        if !r.primaryKey.isEmpty { text += "primary key: \(r.primaryKey.joined(separator: ", ")) (each record once)\n" }
        text += "\n"
        var rows: [[String]] = []
        for f in r.fields {
            var rules: [String] = []
            if f.required { rules.append("required") }
            if f.unique { rules.append("unique") }
            if let lo = f.minimumText { rules.append("≥ \(lo)") }
            if let hi = f.maximumText { rules.append("≤ \(hi)") }
            if let values = f.enumValues { rules.append("one of: " + values.joined(separator: ", ")) }
            if let p = f.pattern { rules.append("pattern \(p.source)") }
            if let n = f.minLength { rules.append("≥ \(n) characters") }
            if let n = f.maxLength { rules.append("≤ \(n) characters") }
            let type = f.type == .date ? "date (YYYY-MM-DD)" : f.type.rawValue
            rows.append([f.name, type, f.unit?.id ?? "", rules.joined(separator: "; ")])
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
}
