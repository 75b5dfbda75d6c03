import Foundation

/// What `import` did with one year of a city.
public struct YearImport: Sendable {
    public var year: Int
    public var outcomes: [ImportOutcome]
}

extension City {
    /// Validates each year's submissions and records them in the store, each file atomically,
    /// then records the indicators computed from the stored values. Year-over-year warnings never
    /// block an import, so the earlier year is not read.
    public func importYears(_ years: [Int]? = nil, into store: Store, by actor: String) throws -> [YearImport] {
        var done: [YearImport] = []
        for year in years ?? workspace.years {
            let set = try workspace.submissions(year: year, catalog: catalog)
            let outcomes = try store.importYear(city: profile, year: year, set: set, catalog: catalog, by: actor)
            try store.recordResults(
                city: profile, year: year, frameworks: profile.frameworks, catalog: catalog, by: actor)
            done.append(YearImport(year: year, outcomes: outcomes))
        }
        return done
    }
}

/// Who is running the command, for provenance: the login name.
public func currentUser() -> String {
    let environment = ProcessInfo.processInfo.environment
    return environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
}
