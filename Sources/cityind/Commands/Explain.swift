import ArgumentParser
import CityIndicators
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how an indicator (or data element) is defined and, for a city-year, computed.",
        discussion: """
            Without a workspace: the definition, formula, unit check, source, confidence and worked
            examples. With --workspace: also each input used, with its value, file:line and source,
            the result, and the problems found at those rows; for an element, where its value came
            from (for one derived from a register: the records read, rejected and matched).

            Examples:
              cityind explain iso37120-2018:15.2
              cityind explain iso37120-2018:23.3 --workspace SampleData/sahyadrinagar --year 2024
              cityind explain population_total
              cityind explain fire_deaths --workspace SampleData/sahyadrinagar --year 2024
            """)

    @Argument(help: ArgumentHelp("An indicator id (iso37120-2018:15.2) or an element id.", valueName: "id"))
    var id: String

    @Option(help: "A city workspace, to show this indicator's computation from its submissions.") var workspace: String?

    @Option(help: "The year (default: the latest year folder of the workspace).") var year: Int?

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let catalog = try catalogOptions.load()
        let out = Terminal.standardOutput
        let element = catalog.elements[id]
        let indicator = catalog.indicator(id)
        if let element {
            out.write(Explanation.element(element, catalog))
        } else if let indicator {
            out.write(Explanation.definition(indicator, catalog))
        } else {
            throw catalog.unknownIndicatorOrElement(id)
        }
        guard let workspace else { return }
        let city = try City.open(workspace, catalog: catalog, store: store.db)
        let year = try city.year(year)
        if let element {
            let set = try city.submissions(year: year)
            out.write(Explanation.elementValue(element, set: set, city: city.profile.name, year: year))
        } else if let indicator {
            let (set, result) = try city.compute(indicator, year: year)
            out.write(Explanation.computation(result, city: city.profile.name, year: year, catalog))
            let rows = result.inputs.compactMap { set.values[$0.element]?.location }
            out.write(Explanation.problems(at: rows, in: set.allDiagnostics))
        }
    }
}
