import ArgumentParser
import CityIndicators
import Foundation

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Write a fill-in CSV template for each department.",
        discussion: """
            One file per department (water.csv, fire.csv, …) listing every data element it owes
            for the chosen frameworks, with title, expected unit and description, plus a
            Frictionless datapackage.json describing the columns. Running it again over partly
            filled templates keeps what was filled (value, unit, source, notes, data_year).

            Examples:
              cityind templates --out templates
              cityind templates --out my-city --year 2025            # writes my-city/2025/*.csv
              cityind templates --out . --department water --framework iso37120-2018
            """)

    @Option(help: ArgumentHelp("The folder to write to (created if needed).", valueName: "dir")) var out: String

    @Option(help: "Only this department (repeatable). Default: every department that owes an element.")
    var department: [String] = []

    @Option(help: "Framework id (repeatable). Default: every framework of the catalog.") var framework: [String] = []

    @Option(help: "Write into a folder named after this year inside --out.") var year: Int?

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if let year, !Workspace.years.contains(year) {
            throw ValidationError("--year must be a year from 1900 to 2100")
        }
    }

    func run() throws {
        let catalog = try catalogOptions.load()
        let folder = year.map { (out as NSString).appendingPathComponent(String($0)) } ?? out
        let frameworks = framework.isEmpty ? catalog.frameworks.keys.sorted() : framework
        let (written, dataPackage) = try Templates.write(
            catalog, departments: department, frameworks: frameworks, into: folder)
        let t = Terminal.standardOutput
        for w in written {
            t.write(
                "wrote \(w.path): \(w.owed) elements"
                    + (w.replaced ? ", \(w.file.keptValues) filled value(s) kept" : "") + "\n")
            if !w.file.keptExtraRows.isEmpty {
                let rows = w.file.keptExtraRows
                t.write(
                    "  kept \(rows.count) row(s) for elements not owed by these frameworks at the end: \(rows.joined(separator: ", "))\n"
                )
            }
        }
        t.write("wrote \(dataPackage)\n")
    }
}
