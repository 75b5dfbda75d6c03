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

    enum OutputFormat: String, CaseIterable { case html, md, csv, json }

    @Argument(help: ArgumentHelp("The city workspace (the folder with city.yaml).", valueName: "workspace"))
    var workspace: String

    @Option(help: "The year to report on (default: the latest year folder).")
    var year: Int?

    @Option(help: "Framework id (default: the first framework in city.yaml).")
    var framework: String?

    @Option(help: ArgumentHelp("The folder to write into, created if needed (default: ./report-<ulb_code>-<year>).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Formats to write, comma-separated: html, md, csv, json (default: all).", valueName: "list"))
    var format: [String] = []

    @Flag(help: "Also write report.pdf with a headless Chromium (chromium, chromium-browser or google-chrome in PATH).")
    var pdf = false

    @Flag(help: "Start indicators.csv with a UTF-8 byte order mark (for older Excel).")
    var csvBom = false

    @Option(help: "Digit grouping in HTML and Markdown: international, indian or none.")
    var numberStyle: Format.Grouping = .international

    @Option(help: ArgumentHelp("Text shown as the generation date (no clock is read otherwise).", valueName: "text"))
    var generatedAt: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Other city workspaces to score this city with on the index frameworks of city.yaml (lsc-2017 …).", valueName: "workspace"))
    var peers: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions

    var formats: [OutputFormat] {
        get throws {
            let names = format.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            for name in names where OutputFormat(rawValue: name) == nil {
                throw ValidationError("unknown report format '\(name)'. Formats: html, md, csv, json (and --pdf).")
            }
            return names.isEmpty ? OutputFormat.allCases : OutputFormat.allCases.filter { names.contains($0.rawValue) }
        }
    }

    func validate() throws { _ = try formats }

    func run() throws {
        let (catalog, _) = try catalogOptions.load()
        let ws = try Workspace.open(workspace, catalog: catalog)
        guard let year = year ?? ws.years.last else {
            throw InputError("\(workspace): no year folders", hint: "Put each year's submissions in a folder named after the year (2024/water.csv).")
        }
        guard let frameworkID = framework ?? ws.city.frameworks.first else {
            throw InputError("city.yaml lists no framework of the catalog", hint: "Add one to city.yaml (frameworks: [iso37120-2018]) or give --framework.")
        }
        if catalog.frameworks[frameworkID] == nil {
            throw ValidationError("unknown framework '\(frameworkID)'. Frameworks: \(catalog.frameworks.keys.sorted().joined(separator: ", "))")
        }
        let browser = pdf ? PDFPrinter.findBrowser() : nil
        if pdf && browser == nil {
            throw InputError("--pdf needs a headless Chromium, and none of \(PDFPrinter.browsers.joined(separator: ", ")) is in PATH", hint: "Install one (Debian/Ubuntu: apt-get install chromium), or print report.html to PDF from any browser: its print stylesheet is laid out for A4.")
        }
        var peerInputs: [ScoreInput] = []
        for path in peers {
            let peer = try Workspace.open(path, catalog: catalog)
            guard peer.years.contains(year) else { continue }
            let set = try peer.submissions(year: year, catalog: catalog, previousYear: false)
            let indexFrameworks = ws.city.frameworks.filter { catalog.frameworks[$0]?.scoring != nil }
            peerInputs.append(ScoreInput(city: peer.city.name, ulbCode: peer.city.ulbCode, year: year, population: set.values["population_total"]?.value,
                                         results: IndicatorComputer(catalog: catalog).compute(frameworks: indexFrameworks, set: set, year: year)))
        }
        let data = try ReportData.build(workspace: ws, catalog: catalog, year: year, framework: frameworkID, options: ReportOptions(grouping: numberStyle, generatedAt: generatedAt, peers: peerInputs))
        let dir = out ?? "report-\(Report.slug(ws.city.ulbCode))-\(year)"
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw InputError("cannot create \(dir): \(error.localizedDescription)")
        }
        let t = Terminal.standardOutput
        func write(_ name: String, _ text: String) throws {
            let path = (dir as NSString).appendingPathComponent(name)
            try emit(text, to: path)
            t.write("wrote \(path)\n")
        }
        let formats = try formats
        var html: String?
        for f in formats {
            switch f {
            case .html:
                html = HTMLReport.render(data)
                try write("report.html", html!)
            case .md: try write("report.md", MarkdownReport.render(data))
            case .csv: try write("indicators.csv", ReportCSV.render(data, byteOrderMark: csvBom))
            case .json: try write("report.json", ReportJSON.render(data))
            }
        }
        if let browser {
            let path = (dir as NSString).appendingPathComponent("report.pdf")
            try PDFPrinter.print(html: html ?? HTMLReport.render(data), to: path, browser: browser)
            t.write("wrote \(path)\n")
        }
        let summary = "\(data.city.name) \(year), \(frameworkID): \(data.count(.computed)) of \(data.results.count) indicators computed; level reached: \(data.assessment?.reached?.title ?? "none")"
        t.write(summary + "\n")
        let err = Terminal.standardError
        if data.errorCount > 0 {
            for var d in data.diagnostics where d.severity == .error {
                // The report's paths are relative to the workspace; on the terminal, to here.
                if let file = d.location?.file { d.location?.file = (workspace as NSString).appendingPathComponent(file) }
                err.write(err.render(d))
            }
            err.write("\(data.errorCount) error(s) in the \(year) submissions: rows with errors were left out (the report lists them under Data issues). Run `cityind validate \(workspace)` for the full list.\n")
            throw ExitCode(1)
        }
    }

    /// A folder-name-safe form of a ULB code.
    static func slug(_ text: String) -> String {
        let s = String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        return s.isEmpty ? "city" : s
    }
}
