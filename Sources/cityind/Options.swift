import ArgumentParser
import CityIndicators
import Foundation

/// `--catalog DIR`: use another catalog folder instead of the one built into the binary.
struct CatalogOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Use the catalog in this folder instead of the built-in one.", valueName: "dir"))
    var catalog: String?

    /// The catalog; one with errors stops the command (exit 2).
    func load(scope: CatalogLoader.Scope = .all) throws -> Catalog {
        try CatalogChoice(directory: catalog).load(scope: scope)
    }
}

/// `--db PATH`: the store (default `WORKSPACE/cityind.sqlite`).
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The store (default: WORKSPACE/cityind.sqlite).", valueName: "path")) var db: String?
}

/// Output formats of commands that print a table, JSON or CSV.
enum TableFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

/// Output formats of commands that print text or JSON.
enum TextFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

extension Format.Grouping: ExpressibleByArgument {}

/// Writes a document to a file, or to standard output.
func emit(_ text: String, to path: String?) throws {
    guard let path else { return Terminal.standardOutput.write(text) }
    try TextFile.write(text, to: path)
}
