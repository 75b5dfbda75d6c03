import ArgumentParser
import CityIndicators
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

    @Argument(help: ArgumentHelp("An element id or an indicator id.", valueName: "id")) var id: String

    @Option(help: "The city workspace (its city.yaml names the city; its store is the default).") var workspace: String?

    @Option(help: "The city's ULB code, when the store holds several cities.") var city: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if workspace == nil && (store.db == nil || city == nil) {
            throw ValidationError("give --workspace, or --db and --city")
        }
    }

    func run() throws {
        let catalog = try catalogOptions.load()
        let opened = try workspace.map { try City.open($0, catalog: catalog, store: store.db) }
        let storePath = opened?.storePath ?? store.db!
        let ulbCode = city ?? opened!.profile.ulbCode
        let text = try CityIndicators.History.text(
            of: id, ulbCode: ulbCode, store: try Store(path: storePath, create: false), catalog: catalog)
        Terminal.standardOutput.write(text)
    }
}
