import ArgumentParser
import CityIndicators
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what the store holds for a city: per year, department and theme, and the certification level.",
        discussion: """
            For each year in the store: every department's latest revision (who imported it and
            when, rows accepted / left blank / rejected), departments that owe elements but sent
            nothing, indicators reported per theme, and the certification level reached with
            what is still missing for the next one.

            Examples:
              cityind status SampleData/sahyadrinagar
              cityind status my-city --year 2024
              cityind status my-city --format json
            """)

    @Argument(help: ArgumentHelp("The city workspace.", valueName: "workspace")) var workspace: String

    @Option(help: "Only this year.") var year: Int?

    @Option(help: "Output format: text or json.") var format: TextFormat = .text

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let city = try City.open(workspace, catalog: try catalogOptions.load(), store: store.db)
        let status = try StatusReport.make(city: city, year: year)
        Terminal.standardOutput.write(format == .json ? try Documents.encode(status) : status.text)
    }
}
