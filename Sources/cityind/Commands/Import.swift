import ArgumentParser
import CityIndicators
import CityIndicatorsStore
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a workspace's submissions and record them in the store.",
        discussion: """
            Each file is imported atomically: all of it or nothing. A file with errors is refused
            whole (run `cityind validate` to see why); a file identical to its department's latest
            revision (same SHA-256) is skipped; a changed file becomes a new revision. Nothing is
            ever overwritten or deleted. The indicators are then computed from the stored values
            and recorded with the hash of each definition.

            Examples:
              cityind import SampleData/sahyadrinagar
              cityind import my-city --year 2024 --by "CDO office"
              cityind import city-a city-b city-c --db state.sqlite
            """)

    @Argument(help: ArgumentHelp("City workspaces (folders with city.yaml).", valueName: "workspace"))
    var workspaces: [String]

    @Option(help: "Import only this year.")
    var year: Int?

    @Option(help: "Who is importing (default: the login name).")
    var by: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if store.db == nil && workspaces.count > 1 {
            throw ValidationError("give --db when importing several workspaces into one store")
        }
    }

    func run() throws {
        let (catalog, _) = try catalogOptions.load()
        let out = Terminal.standardOutput
        var anyRefused = false
        for path in workspaces {
            var imported = 0, unchanged = 0, refused = 0
            let ws = try Workspace.open(path, catalog: catalog)
            let db = try openStore(store.path(workspace: path)!, create: true)
            if let seconds = ProcessInfo.processInfo.environment["CITYIND_FAULT_PAUSE_IN_IMPORT"].flatMap(Double.init) {
                // Test-only fault injection (docs/store.md): hold the first file's transaction open.
                db.insideImportTransaction = { file in
                    Terminal.standardError.write("paused inside the import transaction of \(file)\n")
                    Thread.sleep(forTimeInterval: seconds)
                }
            }
            let years = year.map { [$0] } ?? ws.years
            for y in years {
                // Year-over-year warnings never block an import, so the previous year is not read.
                let set = try ws.submissions(year: y, catalog: catalog, previousYear: false)
                let outcomes: [ImportOutcome]
                do {
                    outcomes = try db.importYear(city: ws.city, year: y, set: set, catalog: catalog, by: by ?? currentUser())
                } catch let error as StoreError {
                    throw InputError(error.message, hint: error.hint)
                }
                for o in outcomes {
                    switch o.status {
                    case .imported(let revision, let rows):
                        imported += 1
                        out.write("\(out.style("imported", .green))  \(o.file): \(o.department ?? "?") \(y) revision \(revision) (\(rows) rows)\n")
                    case .unchanged(let revision):
                        unchanged += 1
                        out.write("unchanged \(o.file): same as revision \(revision)\n")
                    case .refused(let errors):
                        refused += 1
                        out.write("\(out.style("refused", .red))   \(o.file): \(errors) error(s); nothing of it was imported. Run `cityind validate \(o.file)`.\n")
                    }
                }
                try db.recordResults(city: ws.city, year: y, frameworks: ws.city.frameworks, catalog: catalog, by: by ?? currentUser())
            }
            out.write("\(ws.city.name) → \(db.path): \(imported) imported, \(unchanged) unchanged, \(refused) refused\n")
            anyRefused = anyRefused || refused > 0
        }
        if anyRefused { throw ExitCode(1) }
    }
}
