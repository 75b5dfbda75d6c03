import Foundation

/// The status of one city-year in the store: every department's latest revision, who owes
/// what, indicators reported per theme and the certification level reached (`cityind status`).
public struct StatusReport: Encodable, Sendable {
    public struct Department: Encodable, Sendable {
        public var department: String
        public var revision: Int
        public var file: String
        public var importedBy: String
        public var importedAt: String
        public var accepted: Int
        public var notReported: Int
        public var rejected: Int
    }

    public struct ThemeCount: Encodable, Sendable {
        public var framework: String
        public var theme: String
        public var title: String
        public var reported: Int
        public var total: Int
    }

    public struct Level: Encodable, Sendable {
        public var framework: String
        public var scheme: String
        public var thresholdsConfidence: String
        public var reached: String?
        public var next: String?
        public var reported: Int
        public var total: Int
        public var coreReported: Int
        public var coreTotal: Int
        public var missingCoreForNext: [String]
        public var moreNeededForNext: Int
    }

    /// `cityind status --format json`.
    public struct Document: Encodable, Sendable {
        public var schemaVersion = Documents.schemaVersion
        public var city: String
        public var ulbCode: String
        public var store: String
        public var years: [StatusReport]
    }

    public var year: Int
    public var departments: [Department]
    public var missingDepartments: [String]
    public var themes: [ThemeCount]
    public var certification: [Level]

    /// The status of a year of this city in its store.
    public static func make(store: Store, cityID: Int64, year: Int, city: CityProfile, catalog: Catalog) throws
        -> StatusReport
    {
        let stored = try store.latest(cityID: cityID, year: year)
        let departments = stored.submissions.map {
            Department(
                department: $0.department, revision: $0.revision, file: $0.fileName, importedBy: $0.importedBy,
                importedAt: $0.importedAt, accepted: $0.rowsAccepted, notReported: $0.rowsNotReported,
                rejected: $0.rowsRejected)
        }
        // A department that sent a register has sent something.
        let present = Set(stored.submissions.map { catalog.registers[$0.department]?.department ?? $0.department })
        let owing = catalog.departments.keys.sorted().filter {
            !present.contains($0) && !Templates.owed(catalog, department: $0, frameworks: city.frameworks).isEmpty
        }
        let results = stored.compute(catalog, frameworks: city.frameworks)
        var themes: [ThemeCount] = []
        var levels: [Level] = []
        for id in city.frameworks {
            guard let fw = catalog.frameworks[id] else { continue }
            for theme in fw.themes {
                let mine = results.filter { $0.indicator.framework == id && $0.indicator.theme == theme.id }
                guard !mine.isEmpty else { continue }
                let reported = mine.filter { $0.status == .computed }.count
                themes.append(
                    ThemeCount(
                        framework: id, theme: theme.id, title: theme.title, reported: reported, total: mine.count))
            }
            if let a = CertificationAssessment.assess(fw, results: results) {
                levels.append(
                    Level(
                        framework: id, scheme: a.scheme, thresholdsConfidence: a.confidence.rawValue,
                        reached: a.reached?.title, next: a.next?.title, reported: a.reported, total: a.total,
                        coreReported: a.coreReported, coreTotal: a.coreTotal,
                        missingCoreForNext: a.missingCore.map(\.id),
                        moreNeededForNext: a.moreNeeded))
            }
        }
        return StatusReport(
            year: year, departments: departments, missingDepartments: owing, themes: themes, certification: levels)
    }

    /// Every year of a city in its store (or one year).
    public static func make(city: City, year: Int?) throws -> Document {
        let (store, cityID) = try city.stored()
        let years = try year.map { [$0] } ?? store.years(cityID: cityID)
        let reports = try years.map {
            try make(store: store, cityID: cityID, year: $0, city: city.profile, catalog: city.catalog)
        }
        return Document(city: city.profile.name, ulbCode: city.profile.ulbCode, store: store.path, years: reports)
    }

    /// The year as text: departments, who has not sent, themes, certification.
    public var text: String {
        var t = "\n\(year)\n"
        let rows = departments.map {
            [
                $0.department, String($0.revision), $0.importedBy, $0.importedAt, String($0.accepted),
                String($0.notReported), String($0.rejected), $0.file,
            ]
        }
        let table = TextRenderers.table(
            ["department", "rev", "imported by", "imported at", "accepted", "blank", "rejected", "file"], rows)
        t += table.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        if !missingDepartments.isEmpty {
            t += "  not submitted: \(missingDepartments.joined(separator: ", "))\n"
        }
        for fw in Set(themes.map(\.framework)).sorted() {
            let list = themes.filter { $0.framework == fw }
            t +=
                "  \(fw) by theme: " + list.map { "\($0.title) \($0.reported)/\($0.total)" }.joined(separator: ", ")
                + "\n"
        }
        for c in certification {
            t += "  \(c.framework) \(c.scheme) (thresholds \(c.thresholdsConfidence)): "
            t += "\(c.reported) of \(c.total) reported, \(c.coreReported) of \(c.coreTotal) core; "
            t += c.reached.map { "\($0) reached" } ?? "no level reached"
            if let next = c.next {
                t += "; for \(next): "
                var needs: [String] = []
                if !c.missingCoreForNext.isEmpty {
                    needs.append("core \(c.missingCoreForNext.joined(separator: ", "))")
                }
                if c.moreNeededForNext > 0 { needs.append("\(c.moreNeededForNext) more indicator(s) of any type") }
                t += needs.isEmpty ? "nothing missing" : needs.joined(separator: " and ")
            }
            t += "\n"
        }
        return t
    }
}

extension StatusReport.Document {
    /// Every year as text, under a line naming the city and the store.
    public var text: String {
        "\(city) (ULB \(ulbCode)) — store \(store)\n" + years.map(\.text).joined()
    }
}
