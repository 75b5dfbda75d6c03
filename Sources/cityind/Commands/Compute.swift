import ArgumentParser
import CityIndicators
import Foundation

struct Compute: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute every indicator for a city-year.",
        discussion: """
            Reads the year's submissions of a workspace, validates them, and computes each
            indicator of the city's frameworks with its value, numerator, denominator, multiplier,
            unit and status (computed / not computable with the reason / not submitted).
            Exits 1 when a submission had errors (the results are still written).

            Examples:
              cityind compute SampleData/sahyadrinagar
              cityind compute SampleData/sahyadrinagar --year 2023 --format json
              cityind compute my-city --framework iso37120-2018 --format csv --output 2024.csv
            """)

    @Argument(help: ArgumentHelp("The city workspace (the folder with city.yaml).", valueName: "workspace"))
    var workspace: String

    @Option(help: "The year to compute (default: the latest year folder).") var year: Int?

    @Option(help: "Framework id (default: the frameworks in city.yaml). Repeatable.") var framework: [String] = []

    @Option(help: "Output format: table, json or csv.") var format: TableFormat = .table

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    @Option(help: "Digit grouping in the table: international, indian or none.")
    var numberStyle: Format.Grouping = .international

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let city = try City.open(workspace, catalog: try catalogOptions.load(), store: store.db)
        let year = try city.year(year)
        let frameworks = try city.frameworks(framework)
        let (set, results) = try city.compute(year: year, frameworks: frameworks)
        let diagnostics = city.workspace.diagnostics + set.allDiagnostics
        switch format {
        case .json:
            var document = Documents.ComputeDocument(
                workspace: city.workspace, year: year, frameworks: frameworks, catalog: city.catalog, set: set,
                results: results)
            document.diagnostics = diagnostics
            try emit(try Documents.encode(document), to: output)
        case .csv:
            try emit(TextRenderers.resultsCSV(results), to: output)
        case .table:
            let header = "\(city.profile.name) — \(year) — \(frameworks.joined(separator: ", "))\n\n"
            try emit(
                header + TextRenderers.results(results, grouping: numberStyle) + TextRenderers.resultsTally(results),
                to: output)
        }
        let err = Terminal.standardError
        if diagnostics.errorCount > 0 {
            for d in diagnostics where d.severity == .error { err.write(err.render(d)) }
            err.write(
                "\(diagnostics.errorCount) error(s) in the \(year) submissions: rows with errors were left out. Run `cityind validate \(workspace)` for the full list.\n"
            )
            throw ExitCode(1)
        } else if diagnostics.warningCount > 0, format == .table, output == nil {
            let folder = (workspace as NSString).appendingPathComponent(String(year))
            err.write(
                "\(diagnostics.warningCount) warning(s) in the \(year) submissions; run `cityind validate \(folder)` to see them.\n"
            )
        }
    }
}
