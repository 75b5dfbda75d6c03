import ArgumentParser
import CityIndicators
import CityIndicatorsStore
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

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Argument(help: ArgumentHelp("The city workspace (the folder with city.yaml).", valueName: "workspace"))
    var workspace: String

    @Option(help: "The year to compute (default: the latest year folder).")
    var year: Int?

    @Option(help: "Framework id (default: the frameworks in city.yaml). Repeatable.")
    var framework: [String] = []

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Digit grouping in the table: international, indian or none.")
    var numberStyle: Format.Grouping = .international

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let (catalog, _) = try catalogOptions.load()
        let ws = try Workspace.open(workspace, catalog: catalog)
        guard let year = year ?? ws.years.last else {
            throw InputError("\(workspace): no year folders", hint: "Put each year's submissions in a folder named after the year (2024/water.csv).")
        }
        let frameworks = framework.isEmpty ? ws.city.frameworks : framework
        for id in frameworks where catalog.frameworks[id] == nil {
            throw ValidationError("unknown framework '\(id)'. Frameworks: \(catalog.frameworks.keys.sorted().joined(separator: ", "))")
        }
        var set = try ws.submissions(year: year, catalog: catalog, previousYear: false)
        compareWithPreviousYear(&set, yearDirectory: (workspace as NSString).appendingPathComponent(String(year)), catalog: catalog, storePath: store.db)
        let results = IndicatorComputer(catalog: catalog).compute(frameworks: frameworks, set: set, year: year)
        let diagnostics = ws.diagnostics + set.allDiagnostics
        switch format {
        case .json:
            var doc = Documents.ComputeDocument(workspace: ws, year: year, frameworks: frameworks, catalog: catalog, set: set, results: results)
            doc.diagnostics = diagnostics
            try emit(Documents.encode(doc), to: output)
        case .csv:
            try emit(TextRenderers.resultsCSV(results), to: output)
        case .table:
            var text = "\(ws.city.name) — \(year) — \(frameworks.joined(separator: ", "))\n\n"
            text += TextRenderers.results(results, grouping: numberStyle)
            let computed = results.filter { $0.status == .computed }.count
            let notComputable = results.filter { $0.status == .notComputable }.count
            text += "\n\(results.count) indicators: \(computed) computed, \(notComputable) not computable, \(results.count - computed - notComputable) not submitted.\n"
            try emit(text, to: output)
        }
        let err = Terminal.standardError
        if diagnostics.errorCount > 0 {
            for d in diagnostics where d.severity == .error { err.write(err.render(d)) }
            err.write("\(diagnostics.errorCount) error(s) in the \(year) submissions: rows with errors were left out. Run `cityind validate \(workspace)` for the full list.\n")
            throw ExitCode(1)
        } else if diagnostics.warningCount > 0, format == .table, output == nil {
            err.write("\(diagnostics.warningCount) warning(s) in the \(year) submissions; run `cityind validate \((workspace as NSString).appendingPathComponent(String(year)))` to see them.\n")
        }
    }
}

extension Format.Grouping: ExpressibleByArgument {}
