import ArgumentParser
import CityIndicators
import CityIndicatorsStore
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what the store holds for a city: per year, department and theme, and the certification level.",
        discussion: """
            For each year in the store: every department's latest revision (who imported it and
            when, rows accepted / left blank / rejected), departments that owe elements but sent
            nothing, indicators reported per theme, and the certification level reached with
            what is still missing for the next one.

            Examples:
              cityind status SampleData/sahyadrinagar
              cityind status my-city --year 2024
              cityind status my-city --format json
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: ArgumentHelp("The city workspace.", valueName: "workspace"))
    var workspace: String

    @Option(help: "Only this year.")
    var year: Int?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var store: StoreOptions
    @OptionGroup var catalogOptions: CatalogOptions

    func run() throws {
        let (catalog, _) = try catalogOptions.load()
        let ws = try Workspace.open(workspace, catalog: catalog)
        let db = try openStore(store.path(workspace: workspace)!, create: false)
        guard let city = try db.city(ulbCode: ws.city.ulbCode), let cityID = city.id else {
            throw InputError("the store \(db.path) holds nothing for \(ws.city.name) (ULB \(ws.city.ulbCode))", hint: "Run `cityind import \(workspace)` first.")
        }
        let years = try year.map { [$0] } ?? db.years(cityID: cityID)
        let reports = try years.map { try StatusReport.make(db: db, cityID: cityID, year: $0, city: ws.city, catalog: catalog) }
        switch format {
        case .json:
            Terminal.standardOutput.write(Documents.encode(StatusReport.Document(city: ws.city.name, ulbCode: ws.city.ulbCode, store: db.path, years: reports)))
        case .text:
            var text = "\(ws.city.name) (ULB \(ws.city.ulbCode)) — store \(db.path)\n"
            for r in reports { text += r.text }
            Terminal.standardOutput.write(text)
        }
    }
}

/// The status of one city-year in the store (used by `status`, also as JSON).
struct StatusReport: Encodable {
    struct Department: Encodable {
        var department: String
        var revision: Int
        var file: String
        var importedBy: String
        var importedAt: String
        var accepted: Int
        var notReported: Int
        var rejected: Int
    }
    struct ThemeCount: Encodable { var framework: String; var theme: String; var title: String; var reported: Int; var total: Int }
    struct Level: Encodable {
        var framework: String
        var scheme: String
        var thresholdsConfidence: String
        var reached: String?
        var next: String?
        var reported: Int
        var total: Int
        var coreReported: Int
        var coreTotal: Int
        var missingCoreForNext: [String]
        var moreNeededForNext: Int
    }
    struct Document: Encodable {
        var schemaVersion = Documents.schemaVersion
        var city: String
        var ulbCode: String
        var store: String
        var years: [StatusReport]
    }

    var year: Int
    var departments: [Department]
    var missingDepartments: [String]
    var themes: [ThemeCount]
    var certification: [Level]

    static func make(db: Store, cityID: Int64, year: Int, city: CityProfile, catalog: Catalog) throws -> StatusReport {
        let stored = try db.latest(cityID: cityID, year: year)
        let departments = stored.submissions.map {
            Department(department: $0.department, revision: $0.revision, file: $0.fileName, importedBy: $0.importedBy, importedAt: $0.importedAt, accepted: $0.rowsAccepted, notReported: $0.rowsNotReported, rejected: $0.rowsRejected)
        }
        // A department that sent a register has sent something.
        let present = Set(stored.submissions.map { catalog.registers[$0.department]?.department ?? $0.department })
        let owing = catalog.departments.keys.sorted().filter { !present.contains($0) && !Templates.owed(catalog, department: $0, frameworks: city.frameworks).isEmpty }
        let results = stored.compute(catalog, frameworks: city.frameworks)
        var themes: [ThemeCount] = []
        var levels: [Level] = []
        for id in city.frameworks {
            guard let fw = catalog.frameworks[id] else { continue }
            for theme in fw.themes {
                let mine = results.filter { $0.indicator.framework == id && $0.indicator.theme == theme.id }
                guard !mine.isEmpty else { continue }
                themes.append(ThemeCount(framework: id, theme: theme.id, title: theme.title, reported: mine.filter { $0.status == .computed }.count, total: mine.count))
            }
            if let a = CertificationAssessment.assess(fw, results: results) {
                levels.append(Level(framework: id, scheme: a.scheme, thresholdsConfidence: a.confidence.rawValue, reached: a.reached?.title, next: a.next?.title, reported: a.reported, total: a.total, coreReported: a.coreReported, coreTotal: a.coreTotal, missingCoreForNext: a.missingCore.map(\.id), moreNeededForNext: a.moreNeeded))
            }
        }
        return StatusReport(year: year, departments: departments, missingDepartments: owing, themes: themes, certification: levels)
    }

    var text: String {
        var t = "\n\(year)\n"
        t += TextRenderers.table(["department", "rev", "imported by", "imported at", "accepted", "blank", "rejected", "file"], departments.map {
            [$0.department, String($0.revision), $0.importedBy, $0.importedAt, String($0.accepted), String($0.notReported), String($0.rejected), $0.file]
        }).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        if !missingDepartments.isEmpty {
            t += "  not submitted: \(missingDepartments.joined(separator: ", "))\n"
        }
        for fw in Set(themes.map(\.framework)).sorted() {
            let list = themes.filter { $0.framework == fw }
            t += "  \(fw) by theme: " + list.map { "\($0.title) \($0.reported)/\($0.total)" }.joined(separator: ", ") + "\n"
        }
        for c in certification {
            t += "  \(c.framework) \(c.scheme) (thresholds \(c.thresholdsConfidence)): \(c.reported) of \(c.total) reported, \(c.coreReported) of \(c.coreTotal) core; "
            t += c.reached.map { "\($0) reached" } ?? "no level reached"
            if let next = c.next {
                t += "; for \(next): "
                var needs: [String] = []
                if !c.missingCoreForNext.isEmpty { needs.append("core \(c.missingCoreForNext.joined(separator: ", "))") }
                if c.moreNeededForNext > 0 { needs.append("\(c.moreNeededForNext) more indicator(s) of any type") }
                t += needs.isEmpty ? "nothing missing" : needs.joined(separator: " and ")
            }
            t += "\n"
        }
        return t
    }
}
