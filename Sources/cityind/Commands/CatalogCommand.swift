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

    @Option(help: "Only this framework (e.g. iso37120-2018).") var framework: String?

    @Option(help: "Output format: table, json or md.") var format: OutputFormat = .table

    @Flag(help: "List data elements instead of indicators.") var elements = false

    @Flag(help: "List departments instead of indicators.") var departments = false

    @Flag(help: "List units instead of indicators.") var units = false

    @Flag(
        help:
            "List departmental registers and the elements derived from them; with --format json, each register's Frictionless Table Schema and its derivations as SQL."
    )
    var registers = false

    @Option(
        help: ArgumentHelp(
            "One register's columns, constraints and derivations (what its CSV export must hold).", valueName: "id"))
    var register: String?

    @Option(help: "The reporting year put in the SQL of --registers --format json.") var year: Int = 2024

    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let catalog = try catalogOptions.load()
        if let framework { _ = try catalog.framework(named: framework) }
        let out = Terminal.standardOutput
        if departments { return out.write(TextRenderers.departments(catalog)) }
        if units { return out.write(TextRenderers.units(catalog)) }
        if let register { return out.write(Explanation.register(try catalog.register(named: register), catalog)) }
        if registers {
            return out.write(
                format == .json ? try RegisterExport.json(catalog, year: year) : TextRenderers.registers(catalog))
        }
        if elements { return out.write(TextRenderers.elements(catalog)) }
        let list = framework.map { catalog.indicators(in: $0) } ?? catalog.indicators
        switch format {
        case .json:
            let entries = list.map { Documents.IndicatorEntry($0, catalog: catalog) }
            out.write(try Documents.encode(Documents.CatalogDocument(catalog: catalog.origin, indicators: entries)))
        case .md:
            out.write(TextRenderers.catalogMarkdown(catalog, frameworks: framework.map { [$0] }))
        case .table:
            out.write(TextRenderers.catalogTable(list) + "\n\(list.count) indicators\n")
        }
    }
}
