import ArgumentParser
import CityIndicators
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the catalog strictly, unit-check every formula and run every worked example.",
        discussion: """
            For catalog maintainers and CI. Exits 1 on any error: an unknown key, a wrong type, a
            dangling reference, a formula whose units disagree, or a worked example that fails.

            Examples:
              cityind check
              cityind check --catalog my-city/Indicators --strict
            """)

    @Flag(help: "Treat warnings (an unused element, …) as failures.") var strict = false

    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let (catalog, loadDiagnostics) = try CatalogChoice(directory: catalogOptions.catalog).loadWithDiagnostics()
        let outcome = CatalogCheck.run(catalog)
        let diagnostics = (loadDiagnostics + outcome.diagnostics).sortedByLocation()
        let out = Terminal.standardOutput
        for d in diagnostics { out.write(out.render(d)) }
        if !diagnostics.isEmpty { out.write("\n") }
        out.write(TextRenderers.checkSummary(catalog, outcome: outcome))
        let failed = diagnostics.hasErrors || (strict && diagnostics.warningCount > 0)
        out.write(failed ? out.style("FAILED", .red) : out.style("OK", .green))
        out.write(
            ": catalog \(catalog.origin), \(diagnostics.errorCount) error(s), \(diagnostics.warningCount) warning(s)\n")
        if failed { throw ExitCode(1) }
    }
}
