import ArgumentParser
import CityIndicators
import CityIndicatorsStore
import Foundation

/// `--catalog DIR`: use another catalog folder instead of the one built into the binary.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use the catalog in this folder instead of the built-in one.", valueName: "dir"))
    var catalog: String?

    /// Loads the catalog. Catalog errors are printed and make the command exit 2, except for
    /// `check`, which reports them itself.
    func load(failOnErrors: Bool = true, scope: CatalogLoader.Scope = .all) throws -> (Catalog, [Diagnostic]) {
        try CatalogOptions.load(catalog, failOnErrors: failOnErrors, scope: scope)
    }

    static func load(_ catalog: String?, failOnErrors: Bool = true, scope: CatalogLoader.Scope = .all) throws -> (Catalog, [Diagnostic]) {
        let files: [CatalogFile]
        let origin: String
        if let catalog {
            files = try CatalogSource.directory(catalog)
            origin = catalog
        } else {
            files = CatalogSource.builtIn()
            origin = "built-in"
        }
        let (loaded, diagnostics) = CatalogLoader.load(files, origin: origin, scope: scope)
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

/// `--db PATH`: the store (default `WORKSPACE/cityind.sqlite`).
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The store (default: WORKSPACE/cityind.sqlite).", valueName: "path"))
    var db: String?

    func path(workspace: String?) -> String? {
        db ?? workspace.map { ($0 as NSString).appendingPathComponent("cityind.sqlite") }
    }
}

/// Opens a store; store errors become unreadable-input errors (exit 2).
func openStore(_ path: String, create: Bool) throws -> Store {
    do {
        return try Store(path: path, create: create)
    } catch let error as StoreError {
        throw InputError(error.message, hint: error.hint)
    }
}

/// Who is running the command, for provenance.
func currentUser() -> String {
    let env = ProcessInfo.processInfo.environment
    return env["USER"] ?? env["LOGNAME"] ?? "unknown"
}

/// Year-over-year checks for a year's submissions: against the last year imported into the
/// store when there is one (DESIGN: "against the last imported year"), else the previous year
/// folder of the workspace.
func compareWithPreviousYear(_ set: inout SubmissionSet, yearDirectory: String, catalog: Catalog, storePath: String?) {
    let name = (yearDirectory as NSString).lastPathComponent
    let root = (yearDirectory as NSString).deletingLastPathComponent
    guard name.count == 4, let year = Int(name) else { return }
    let storeFile = storePath ?? ((root.isEmpty ? "." : root) as NSString).appendingPathComponent("cityind.sqlite")
    if FileManager.default.fileExists(atPath: storeFile),
        let ws = try? Workspace.open(root.isEmpty ? "." : root, catalog: catalog),
        let store = try? Store(path: storeFile, create: false),
        let cityID = try? store.city(ulbCode: ws.city.ulbCode)?.id,
        let previous = try? store.previousYear(cityID: cityID, before: year),
        let stored = try? store.latest(cityID: cityID, year: previous)
    {
        set.compare(with: stored.values, year: previous, catalog: catalog)
        return
    }
    if let (previous, earlier) = Workspace.previousYear(of: yearDirectory, catalog: catalog) {
        set.compare(with: earlier, year: previous, catalog: catalog)
    }
}
