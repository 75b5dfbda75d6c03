import ArgumentParser
import CityIndicators
import CityIndicatorsStore
import Foundation

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show an element's or an indicator's values over the years and revisions in the store.",
        discussion: """
            Examples:
              cityind history population_total --workspace SampleData/sahyadrinagar
              cityind history iso37120-2018:15.2 --workspace SampleData/sahyadrinagar
              cityind history fire_deaths --db state.sqlite --city 802999
            """)

    @Argument(help: ArgumentHelp("An element id or an indicator id.", valueName: "id"))
    var id: String

    @Option(help: "The city workspace (its city.yaml names the city; its store is the default).")
    var workspace: String?

    @Option(help: "The city's ULB code, when the store holds several cities.")
    var city: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if workspace == nil && (store.db == nil || city == nil) {
            throw ValidationError("give --workspace, or --db and --city")
        }
    }

    func run() throws {
        let (catalog, _) = try catalogOptions.load()
        let ulb = try city ?? Workspace.open(workspace!, catalog: catalog).city.ulbCode
        let db = try openStore(store.path(workspace: workspace)!, create: false)
        guard let cityID = try db.city(ulbCode: ulb)?.id else {
            throw InputError("the store \(db.path) holds no city with ULB code \(ulb)", hint: "Cities in it: \(try db.cities().map(\.ulbCode).joined(separator: ", ")).")
        }
        let out = Terminal.standardOutput
        if let element = catalog.elements[id] {
            let rows = try db.elementHistory(cityID: cityID, element: id)
            out.write("\(id) — \(element.title) [\(element.unit.id)]\n\n")
            out.write(TextRenderers.table(["year", "rev", "value", "imported by", "imported at", "from"], rows.map { s, v in
                [String(s.year), String(s.revision), v.value.map { Format.readable($0, decimals: $0 == $0.rounded() ? 0 : nil) } ?? "(blank)", s.importedBy, s.importedAt, v.line > 0 ? "\(s.fileName):\(v.line)" : s.fileName]
            }))
            if rows.isEmpty { out.write("(no values in the store)\n") }
        } else if let indicator = catalog.indicator(id) {
            let rows = try db.indicatorHistory(cityID: cityID, indicator: id)
            out.write("\(id) — \(indicator.title) [\(indicator.unit.label)]\n\n")
            out.write(TextRenderers.table(["year", "computed at", "status", "value", "definition"], rows.map { c, r in
                [String(c.year), c.computedAt, r.status, r.value.map { Format.readable($0) } ?? "—", String(r.definitionHash.prefix(12)) + (r.definitionHash == indicator.definitionHash ? "" : " (older definition)")]
            }))
            if rows.isEmpty { out.write("(no results in the store)\n") }
        } else {
            let suggestion = Suggest.nearest(id, in: catalog.indicators.map(\.id) + catalog.elements.keys)
            throw InputError("no element or indicator '\(id)'", hint: suggestion.map { "Did you mean '\($0)'?" })
        }
    }
}
