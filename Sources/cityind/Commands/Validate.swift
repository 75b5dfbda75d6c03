import ArgumentParser
import CityIndicators
import Foundation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check departmental submission files before sending them.",
        discussion: """
            Reads each CSV file against the catalog and reports every problem in one pass, with
            file, line and column, what was expected and how to fix it. Files of one folder (one
            year) are also checked together: relations between elements of different departments.

            Examples:
              cityind validate water.csv
              cityind validate my-city/2024/
              cityind validate my-city            # every year of a workspace, and its city.yaml
              cityind validate water.csv --format json
              cityind validate my-city/2024 --format sarif > results.sarif
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, github }

    @Argument(help: ArgumentHelp("CSV files, year folders or a workspace.", valueName: "path")) var paths: [String]

    @Option(help: "Output format: text, json, sarif (2.1.0) or github (workflow annotations).")
    var format: OutputFormat = .text

    @Flag(help: "Treat warnings as failures (exit 1).") var strict = false

    @Option(help: "List at most this many problems (all are still counted).") var maxErrors: Int = 200

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if maxErrors < 0 { throw ValidationError("--max-errors must be 0 or more") }
    }

    func run() throws {
        // Checking submissions needs the data part of the catalog, not the indicators.
        let catalog = try catalogOptions.load(scope: .data)
        let run = try CityIndicators.Validation.run(paths: paths, catalog: catalog, storePath: store.db)
        let diagnostics = run.diagnostics
        let tally = run.tally
        let out = Terminal.standardOutput
        switch format {
        case .json:
            let files = run.submissions.map { Documents.FileSummary($0, diagnostics: diagnostics) }
            let document = Documents.ValidationDocument(
                files: files, diagnostics: diagnostics, errors: tally.errors, warnings: tally.warnings)
            out.write(try Documents.encode(document))
        case .sarif:
            out.write(try SARIF.document(diagnostics))
            printSummary(run, catalog, to: Terminal.standardError)
        case .github:
            out.write(GitHubAnnotations.commands(diagnostics, limit: maxErrors))
            printSummary(run, catalog, to: Terminal.standardError)
        case .text:
            for d in diagnostics.prefix(maxErrors) { out.write(out.render(d)) }
            if diagnostics.count > maxErrors {
                out.write(
                    "… \(diagnostics.count - maxErrors) more problem(s) not listed (--max-errors \(maxErrors)); all are counted below.\n"
                )
            }
            if !diagnostics.isEmpty { out.write("\n") }
            printSummary(run, catalog, to: out)
        }
        if ValidationSummary.failed(tally, strict: strict) { throw ExitCode(1) }
    }

    private func printSummary(_ run: CityIndicators.Validation, _ catalog: Catalog, to t: Terminal) {
        for line in ValidationSummary.lines(run.submissions, diagnostics: run.diagnostics, catalog: catalog) {
            t.write((line.mark.map { t.mark($0) + " " } ?? "") + line.text + "\n")
        }
        let verdict = ValidationSummary.verdict(run.tally, files: run.submissions.count, strict: strict)
        t.write(t.style(verdict.word, verdict.failed ? .red : .green) + verdict.text + "\n")
    }
}
