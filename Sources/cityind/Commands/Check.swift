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

    @Flag(help: "Treat warnings (an unused element, …) as failures.")
    var strict = false

    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let (catalog, loadDiagnostics) = try catalogOptions.load(failOnErrors: false)
        let outcome = CatalogCheck.run(catalog)
        let diagnostics = (loadDiagnostics + outcome.diagnostics).sortedByLocation()
        let out = Terminal.standardOutput
        for d in diagnostics { out.write(out.render(d)) }
        if !diagnostics.isEmpty { out.write("\n") }
        for id in catalog.frameworks.keys.sorted() {
            let list = catalog.indicators(in: id)
            out.write("\(id): \(list.count) indicators (\(list.filter { $0.type == .core }.count) core, \(list.filter { $0.type == .supporting }.count) supporting, \(list.filter { $0.type == .profile }.count) profile)\n")
        }
        out.write("\(catalog.units.count) units, \(catalog.departments.count) departments, \(catalog.elements.count) elements, \(catalog.relations.count) relations, \(catalog.registers.count) registers deriving \(catalog.registers.values.reduce(0) { $0 + $1.derivations.count }) elements\n")
        out.write("\(outcome.examples) worked examples: \(outcome.passed) passed, \(outcome.examples - outcome.passed) failed\n")
        let failed = diagnostics.hasErrors || (strict && diagnostics.warningCount > 0)
        out.write(failed ? out.style("FAILED", .red) : out.style("OK", .green))
        out.write(": catalog \(catalog.origin), \(diagnostics.errorCount) error(s), \(diagnostics.warningCount) warning(s)\n")
        if failed { throw ExitCode(1) }
    }
}
