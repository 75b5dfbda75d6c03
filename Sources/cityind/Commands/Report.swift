import ArgumentParser
import CityIndicators
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a certification-ready report for a city-year (HTML, Markdown, CSV, JSON, PDF).",
        discussion: """
            Computes every indicator of one framework for a year of a workspace and
            writes into the --out folder: report.html (one self-contained file with
            charts and a print stylesheet for A4), report.md, indicators.csv (WCCD
            submission layout, Excel-safe) and report.json; with --pdf, also
            report.pdf through a headless Chromium. The same inputs give
            byte-identical files (a date only with --generated-at). Exits 1 when the
            year's submissions had errors (the report is still written).

            Examples:
              cityind report SampleData/sahyadrinagar
              cityind report my-city --year 2024 --out reports/2024 --pdf
              cityind report my-city --format html,csv --csv-bom --number-style indian
              cityind report my-city --generated-at "12 May 2025, City Data Office"
            """)

    @Argument(help: ArgumentHelp("The city workspace (the folder with city.yaml).", valueName: "workspace"))
    var workspace: String

    @Option(help: "The year to report on (default: the latest year folder).") var year: Int?

    @Option(help: "Framework id (default: the first framework in city.yaml).") var framework: String?

    @Option(
        help: ArgumentHelp(
            "The folder to write into, created if needed (default: ./report-<ulb_code>-<year>).", valueName: "dir"))
    var out: String?

    @Option(
        help: ArgumentHelp("Formats to write, comma-separated: html, md, csv, json (default: all).", valueName: "list"))
    var format: [String] = []

    @Flag(help: "Also write report.pdf with a headless Chromium (chromium, chromium-browser or google-chrome in PATH).")
    var pdf = false

    @Flag(help: "Start indicators.csv with a UTF-8 byte order mark (for older Excel).") var csvBom = false

    @Option(help: "Digit grouping in HTML and Markdown: international, indian or none.")
    var numberStyle: Format.Grouping = .international

    @Option(help: ArgumentHelp("Text shown as the generation date (no clock is read otherwise).", valueName: "text"))
    var generatedAt: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Other city workspaces to score this city with on the index frameworks of city.yaml (lsc-2017 …).",
            valueName: "workspace"))
    var peers: [String] = []

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        do { _ = try ReportFormat.parse(format) } catch let error as InputError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let city = try City.open(workspace, catalog: try catalogOptions.load(), store: store.db)
        let year = try city.year(year)
        let framework = try city.framework(framework)
        let browser = pdf ? PDFPrinter.findBrowser() : nil
        if pdf && browser == nil {
            throw InputError(
                "--pdf needs a headless Chromium, and none of \(PDFPrinter.browsers.joined(separator: ", ")) is in PATH",
                hint:
                    "Install one (Debian/Ubuntu: apt-get install chromium), or print report.html to PDF from any browser: its print stylesheet is laid out for A4."
            )
        }
        let indexes = city.profile.frameworks.filter { city.catalog.frameworks[$0]?.scoring != nil }
        let peerInputs = try ScoreInputs.fromWorkspaces(
            peers, catalog: city.catalog, frameworks: indexes, year: year, skippingCitiesWithoutTheYear: true)
        let options = ReportOptions(grouping: numberStyle, generatedAt: generatedAt, peers: peerInputs)
        let data = try city.report(year: year, framework: framework.id, options: options)
        let written = try ReportWriter.write(
            data, formats: try ReportFormat.parse(format), into: out ?? city.reportFolderName(year: year),
            csvByteOrderMark: csvBom, pdfBrowser: browser)
        let t = Terminal.standardOutput
        for path in written { t.write("wrote \(path)\n") }
        let level = data.assessment?.reached?.title ?? "none"
        t.write(
            "\(data.city.name) \(year), \(framework.id): \(data.count(.computed)) of \(data.results.count) indicators computed; level reached: \(level)\n"
        )
        let err = Terminal.standardError
        if data.errorCount > 0 {
            for var d in data.diagnostics where d.severity == .error {
                // The report's paths are relative to the workspace; on the terminal, to here.
                if let file = d.location?.file {
                    d.location?.file = (workspace as NSString).appendingPathComponent(file)
                }
                err.write(err.render(d))
            }
            err.write(
                "\(data.errorCount) error(s) in the \(year) submissions: rows with errors were left out (the report lists them under Data issues). Run `cityind validate \(workspace)` for the full list.\n"
            )
            throw ExitCode(1)
        }
    }
}
