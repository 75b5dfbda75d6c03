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

    @Option(help: ArgumentHelp("The folder to write to (created if needed).", valueName: "dir"))
    var out: String

    @Option(help: "Only this department (repeatable). Default: every department that owes an element.")
    var department: [String] = []

    @Option(help: "Framework id (repeatable). Default: every framework of the catalog.")
    var framework: [String] = []

    @Option(help: "Write into a folder named after this year inside --out.")
    var year: Int?

    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let (catalog, _) = try catalogOptions.load()
        let frameworks = framework.isEmpty ? catalog.frameworks.keys.sorted() : framework
        for id in frameworks where catalog.frameworks[id] == nil {
            throw ValidationError("unknown framework '\(id)'. Frameworks: \(catalog.frameworks.keys.sorted().joined(separator: ", "))")
        }
        for id in department where catalog.departments[id] == nil {
            throw ValidationError("unknown department '\(id)'. Departments: \(catalog.departments.keys.sorted().joined(separator: ", "))")
        }
        if let year, !(1900...2100).contains(year) { throw ValidationError("--year must be a four-digit year") }
        let dir = year.map { (out as NSString).appendingPathComponent(String($0)) } ?? out
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw InputError("cannot create \(dir): \(error.localizedDescription)")
        }
        let departments = (department.isEmpty ? catalog.departments.keys.sorted() : department).filter {
            !Templates.owed(catalog, department: $0, frameworks: frameworks).isEmpty
        }
        var files: [Templates.File] = []
        let t = Terminal.standardOutput
        for d in departments {
            let path = (dir as NSString).appendingPathComponent("\(d).csv")
            let existing = FileManager.default.contents(atPath: path).map { Array($0) }
            let file = Templates.make(catalog, department: d, frameworks: frameworks, existing: existing)
            try emit(file.text, to: path)
            files.append(file)
            var line = "wrote \(path): \(Templates.owed(catalog, department: d, frameworks: frameworks).count) elements"
            if existing != nil { line += ", \(file.keptValues) filled value(s) kept" }
            t.write(line + "\n")
            if !file.keptExtraRows.isEmpty {
                t.write("  kept \(file.keptExtraRows.count) row(s) for elements not owed by these frameworks at the end: \(file.keptExtraRows.joined(separator: ", "))\n")
            }
        }
        let package = (dir as NSString).appendingPathComponent("datapackage.json")
        try emit(Templates.dataPackage(catalog, files: files, frameworks: frameworks), to: package)
        t.write("wrote \(package)\n")
    }
}
