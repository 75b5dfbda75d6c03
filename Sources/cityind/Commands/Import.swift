import ArgumentParser
import CityIndicators
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

    @Option(help: "Import only this year.") var year: Int?

    @Option(help: "Who is importing (default: the login name).") var by: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if store.db == nil && workspaces.count > 1 {
            throw ValidationError("give --db when importing several workspaces into one store")
        }
    }

    func run() throws {
        let catalog = try catalogOptions.load()
        let out = Terminal.standardOutput
        var anyRefused = false
        for path in workspaces {
            let city = try City.open(path, catalog: catalog, store: store.db)
            let db = try city.openStore(create: true)
            var imported = 0
            var unchanged = 0
            var refused = 0
            for done in try city.importYears(year.map { [$0] }, into: db, by: by ?? currentUser()) {
                for o in done.outcomes {
                    switch o.status {
                    case .imported(let revision, let rows):
                        imported += 1
                        out.write(
                            "\(out.style("imported", .green))  \(o.file): \(o.department ?? "?") \(done.year) revision \(revision) (\(rows) rows)\n"
                        )
                    case .unchanged(let revision):
                        unchanged += 1
                        out.write("unchanged \(o.file): same as revision \(revision)\n")
                    case .refused(let errors):
                        refused += 1
                        out.write(
                            "\(out.style("refused", .red))   \(o.file): \(errors) error(s); nothing of it was imported. Run `cityind validate \(o.file)`.\n"
                        )
                    }
                }
            }
            out.write(
                "\(city.profile.name) → \(db.path): \(imported) imported, \(unchanged) unchanged, \(refused) refused\n")
            anyRefused = anyRefused || refused > 0
        }
        if anyRefused { throw ExitCode(1) }
    }
}
