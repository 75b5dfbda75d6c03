import ArgumentParser
import CityIndicators
import Foundation

/// Regenerates the committed docs that come from code and catalog (tests fail when they are stale).
struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate docs/indicators.md and docs/diagnostics.md.",
        discussion: "Example: swift run cityind docs --out docs",
        shouldDisplay: false)

    @Option(help: "The docs folder.") var out: String = "docs"

    func run() throws {
        let catalog = try CatalogChoice().load()
        try TextFile.write(
            TextRenderers.catalogMarkdown(catalog), to: (out as NSString).appendingPathComponent("indicators.md"))
        try TextFile.write(DiagnosticsDoc.markdown(), to: (out as NSString).appendingPathComponent("diagnostics.md"))
        Terminal.standardOutput.write("wrote \(out)/indicators.md and \(out)/diagnostics.md\n")
    }
}
