import Foundation

/// A city as every command opens it: the catalog, its workspace (`city.yaml` and year folders)
/// and where its store is. The one place that opens a city, with one set of errors, and the one
/// previous-year policy.
public struct City: Sendable {
    public let catalog: Catalog
    public let workspace: Workspace
    /// The store: `--db`, else `WORKSPACE/cityind.sqlite` (which may not exist yet).
    public let storePath: String

    public var profile: CityProfile { workspace.city }

    /// Opens the workspace at `path` (its `city.yaml` is read and checked).
    public static func open(_ path: String, catalog: Catalog, store: String? = nil) throws -> City {
        let workspace = try Workspace.open(path, catalog: catalog)
        return City(catalog: catalog, workspace: workspace, storePath: store ?? defaultStorePath(workspace: path))
    }

    /// `WORKSPACE/cityind.sqlite`.
    public static func defaultStorePath(workspace: String) -> String {
        (workspace as NSString).appendingPathComponent("cityind.sqlite")
    }

    /// The year asked for, or the latest year folder.
    public func year(_ requested: Int?) throws -> Int { try workspace.year(requested) }

    /// The frameworks asked for (each must exist), or those of `city.yaml`.
    public func frameworks(_ requested: [String]) throws -> [String] {
        for id in requested { _ = try catalog.framework(named: id) }
        return requested.isEmpty ? profile.frameworks : requested
    }

    /// The framework asked for, or the first of `city.yaml`.
    public func framework(_ requested: String?) throws -> Framework {
        guard let id = requested ?? profile.frameworks.first else {
            throw InputError(
                "city.yaml lists no framework of the catalog",
                hint: "Add one to city.yaml (frameworks: [iso37120-2018]) or give --framework.")
        }
        return try catalog.framework(named: id)
    }

    /// Opens the store (creating it when asked).
    public func openStore(create: Bool) throws -> Store { try Store(path: storePath, create: create) }

    /// The store and this city's id in it; an error when the store holds nothing for the city.
    public func stored() throws -> (store: Store, cityID: Int64) {
        let store = try openStore(create: false)
        guard let id = try store.city(ulbCode: profile.ulbCode)?.id else {
            throw InputError(
                "the store \(store.path) holds nothing for \(profile.name) (ULB \(profile.ulbCode))",
                hint: "Run `cityind import \(workspace.path)` first.")
        }
        return (store, id)
    }

    /// What a year's submissions are compared with (V027), the same for every command: the
    /// store's latest revisions of the last year imported before `year` when the store exists
    /// and holds one, else the latest earlier year folder. Errors reading either propagate.
    public func earlierYear(before year: Int) throws -> EarlierYear? {
        if FileManager.default.fileExists(atPath: storePath) {
            let store = try openStore(create: false)
            if let id = try store.city(ulbCode: profile.ulbCode)?.id,
                let previous = try store.previousYear(cityID: id, before: year)
            {
                return EarlierYear(year: previous, values: try store.latest(cityID: id, year: previous).values)
            }
        }
        return try workspace.earlierYear(before: year, catalog: catalog)
    }

    /// A year's submissions, read, checked together and compared with the earlier year.
    public func submissions(year: Int) throws -> SubmissionSet {
        try workspace.submissions(year: year, catalog: catalog, comparedWith: try earlierYear(before: year))
    }

    /// Every indicator of `frameworks` for a year, from the workspace's files.
    public func compute(year: Int, frameworks: [String]) throws -> (set: SubmissionSet, results: [IndicatorResult]) {
        let set = try submissions(year: year)
        return (set, IndicatorComputer(catalog: catalog).compute(frameworks: frameworks, set: set, year: year))
    }

    /// One indicator for a year, from the workspace's files, with the submissions it read (for
    /// `explain`: its inputs, their rows and the problems found at them).
    public func compute(_ indicator: Indicator, year: Int) throws -> (set: SubmissionSet, result: IndicatorResult) {
        let set = try submissions(year: year)
        let result = IndicatorComputer(catalog: catalog).compute(
            indicator, baseValues: set.baseValues(catalog), submitted: set.values, notReported: set.notReported,
            year: year)
        return (set, result)
    }
}
