import ArgumentParser
import CityIndicators
import CityIndicatorsSynthetic
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write synthetic city workspaces for benchmarks and scale tests.",
        discussion: """
            Each city is the template's latest year scaled to a random size (0.15× to 3×) and grown
            0.5–3 % a year, so values stay consistent with each other. The same seed gives the
            same files. The cities are fictional (city.yaml says so).

            Examples:
              cityind generate --out /tmp/national --cities 100 --years 10
              cityind generate --out bench --cities 1000 --years 1 --seed 7 --template my-city
            """)

    @Option(help: ArgumentHelp("The folder to write the workspaces into.", valueName: "dir")) var out: String

    @Option(help: "Number of cities.") var cities: Int = 10

    @Option(help: "Years per city.") var years: Int = 3

    @Option(help: "The last year (default: the template's latest year).") var lastYear: Int?

    @Option(help: "Random seed.") var seed: UInt64 = 2017

    @Option(help: ArgumentHelp("The workspace to imitate.", valueName: "workspace"))
    var template: String = "SampleData/sahyadrinagar"

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if cities < 1 || years < 1 { throw ValidationError("--cities and --years must be at least 1") }
    }

    func run() throws {
        let catalog = try catalogOptions.load()
        let ws = try Workspace.open(template, catalog: catalog)
        let paths = try Synthetic.generate(
            template: ws, catalog: catalog, out: out, cities: cities, years: years,
            lastYear: lastYear ?? ws.years.last ?? 2024, seed: seed)
        Terminal.standardOutput.write("wrote \(paths.count) workspaces × \(years) years into \(out)\n")
    }
}
