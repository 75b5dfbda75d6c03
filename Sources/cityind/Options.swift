import ArgumentParser
import CityIndicators
import Foundation

/// `--catalog DIR`: use another catalog folder instead of the one built into the binary.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use the catalog in this folder instead of the built-in one.", valueName: "dir"))
    var catalog: String?

    /// Loads the catalog. Catalog errors are printed and make the command exit 2, except for
    /// `check`, which reports them itself.
    func load(failOnErrors: Bool = true) throws -> (Catalog, [Diagnostic]) {
        try CatalogOptions.load(catalog, failOnErrors: failOnErrors)
    }

    static func load(_ catalog: String?, failOnErrors: Bool = true) throws -> (Catalog, [Diagnostic]) {
        let files: [CatalogFile]
        let origin: String
        if let catalog {
            files = try CatalogSource.directory(catalog)
            origin = catalog
        } else {
            files = CatalogSource.builtIn()
            origin = "built-in"
        }
        let (loaded, diagnostics) = CatalogLoader.load(files, origin: origin)
        if failOnErrors && diagnostics.hasErrors {
            let err = Terminal.standardError
            for d in diagnostics where d.severity == .error { err.write(err.render(d)) }
            throw InputError("the catalog (\(origin)) has \(diagnostics.errorCount) error(s); run `cityind check\(catalog.map { " --catalog \($0)" } ?? "")` for details")
        }
        return (loaded, diagnostics)
    }
}

/// Writes a document to a file or to standard output.
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        Terminal.standardOutput.write(text)
        return
    }
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        throw InputError("cannot write \(path): \(error.localizedDescription)")
    }
}
