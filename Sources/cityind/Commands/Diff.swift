import ArgumentParser
import CityIndicators
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List element values and indicators that differ between two years in the store.",
        discussion: """
            Compares the latest revision of each department's submission of year A with year B.

            Examples:
              cityind diff SampleData/sahyadrinagar --year 2023 --year 2024
              cityind diff my-city --year 2023 --year 2024 --format json
            """)

    @Argument(help: ArgumentHelp("The city workspace.", valueName: "workspace")) var workspace: String

    @Option(name: .customLong("year"), help: "The two years to compare (give --year twice).") var years: [Int] = []

    @Option(help: "Output format: text or json.") var format: TextFormat = .text

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if years.count != 2 { throw ValidationError("give exactly two years: --year A --year B") }
    }

    func run() throws {
        let city = try City.open(workspace, catalog: try catalogOptions.load(), store: store.db)
        let diff = try YearDiff.make(city: city, from: years[0], to: years[1])
        Terminal.standardOutput.write(format == .json ? try Documents.encode(diff) : diff.text)
    }
}
