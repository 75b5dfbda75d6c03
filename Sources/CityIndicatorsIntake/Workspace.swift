import CityIndicatorsBase
import CityIndicatorsCatalog
import Foundation
import Yams

/// A city's `city.yaml`.
public struct CityProfile: Sendable, Codable {
    public var name: String
    public var country: String
    public var state: String?
    public var ulbCode: String
    public var currency: String
    public var frameworks: [String]
    public var yearBasis: String?
    public var notes: String?
}

/// A city workspace: `city.yaml` and one folder per year of departmental CSV files.
public struct Workspace: Sendable {
    public var path: String
    public var city: CityProfile
    /// Year folders present, ascending.
    public var years: [Int]
    public var diagnostics: [Diagnostic]

    /// Opens a workspace. Throws only when the folder or its city.yaml cannot be read;
    /// problems inside city.yaml are diagnostics (and throw if they leave no usable profile).
    public static func open(_ path: String, catalog: Catalog) throws -> Workspace {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(
                "workspace '\(path)' is not a folder",
                hint: "Give the city's folder, the one that holds city.yaml and the year folders.")
        }
        let cityPath = (path as NSString).appendingPathComponent("city.yaml")
        guard let data = FileManager.default.contents(atPath: cityPath) else {
            throw InputError(
                "\(cityPath): no such file",
                hint:
                    "A workspace holds city.yaml (name, country, ulb_code, currency, frameworks). See SampleData/sahyadrinagar/city.yaml."
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(cityPath): not UTF-8 text", hint: "Re-save city.yaml as UTF-8.")
        }
        let yaml = YAMLFile(path: cityPath, text: text)
        var profile: CityProfile?
        if let root = yaml.root(),
            let f = yaml.fields(
                root, what: "city.yaml",
                allowed: ["name", "country", "state", "ulb_code", "currency", "frameworks", "year_basis", "notes"])
        {
            let name = f.string("name")
            let country = f.string("country")
            let ulb = f.string("ulb_code")
            let currency = f.string("currency")
            var frameworks: [String] = []
            for node in f.sequence("frameworks", required: true) {
                guard let id = node.scalar?.string else {
                    yaml.report(.wrongType, "each framework must be an id such as iso37120-2018", node: node)
                    continue
                }
                if catalog.frameworks[id] == nil {
                    yaml.report(
                        .undefinedReference, "unknown framework '\(id)'", node: node,
                        hint: (Suggest.nearest(id, in: catalog.frameworks.keys).map { "did you mean '\($0)'? " } ?? "")
                            + "Frameworks: \(catalog.frameworks.keys.sorted().joined(separator: ", ")).")
                } else {
                    frameworks.append(id)
                }
            }
            let basis = f.choice("year_basis", ["financial", "calendar"], required: false)
            if let name, let country, let ulb, let currency {
                profile = CityProfile(
                    name: name, country: country, state: f.string("state", required: false), ulbCode: ulb,
                    currency: currency, frameworks: frameworks, yearBasis: basis,
                    notes: f.string("notes", required: false))
            }
        }
        var diagnostics = yaml.diagnostics
        guard let profile else {
            let listing = diagnostics.map(\.rendered).joined(separator: "\n")
            throw InputError("\(cityPath) cannot be used:\n\(listing)")
        }
        var years: [Int] = []
        for name in try listing(path).sorted() where name.count == 4 && Int(name) != nil {
            let folder = (path as NSString).appendingPathComponent(name)
            var dir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &dir), dir.boolValue else { continue }
            guard let year = Workspace.year(named: name) else {
                diagnostics.append(
                    Diagnostic(
                        .strayFile, "'\(name)' is not a year this tool accepts (1900 to 2100); the folder is ignored",
                        at: SourceLocation(file: folder), hint: "Name each year folder after its year, 1900 to 2100."))
                continue
            }
            years.append(year)
        }
        if years.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .noYears, "no year folders (2023/, 2024/, …) in the workspace", at: SourceLocation(file: path),
                    hint: "Put each year's submissions in a folder named after the year."))
        }
        return Workspace(path: path, city: profile, years: years, diagnostics: diagnostics)
    }

    /// The names in a folder; a folder that cannot be read is an error, never an empty one.
    static func listing(_ folder: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw InputError(
                "cannot read the folder \(folder): \(error.localizedDescription)",
                hint: "Check the folder's permissions.")
        }
    }

    /// The years a workspace, a store and a report accept: one rule everywhere.
    public static let years = 1900...2100

    /// The year a folder name stands for (`2024`), or nil when it is not one in `years`.
    public static func year(named name: String) -> Int? {
        guard name.count == 4, name.allSatisfy(\.isASCII), let year = Int(name), years.contains(year) else {
            return nil
        }
        return year
    }

    /// True when `path` is a folder holding `city.yaml`.
    public static func isWorkspace(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("city.yaml"))
    }

    /// For a year folder of a workspace (`my-city/2024`): the workspace and the year.
    public static func yearFolder(_ folder: String) -> (workspace: String, year: Int)? {
        let name = (folder as NSString).lastPathComponent
        let parent = (folder as NSString).deletingLastPathComponent
        let root = parent.isEmpty ? "." : parent
        guard let year = Workspace.year(named: name), isWorkspace(root) else { return nil }
        return (root, year)
    }

    /// The `.csv` files directly in a folder, sorted (hidden files left out).
    public static func csvFiles(in folder: String) throws -> [String] {
        return try listing(folder).sorted().filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".csv") }.map {
            (folder as NSString).appendingPathComponent($0)
        }
    }

    /// The CSV files of a year, sorted; other files are W002 warnings.
    public func files(year: Int) throws -> (csv: [String], diagnostics: [Diagnostic]) {
        let dir = (path as NSString).appendingPathComponent(String(year))
        let entries = try Workspace.listing(dir).sorted()
        var csv: [String] = []
        var diagnostics: [Diagnostic] = []
        for name in entries where !name.hasPrefix(".") {
            let full = (dir as NSString).appendingPathComponent(name)
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDir)
            if !isDir.boolValue && name.lowercased().hasSuffix(".csv") {
                try requireInside(full)
                csv.append(full)
            } else {
                diagnostics.append(
                    Diagnostic(
                        .strayFile, "not a .csv submission; ignored", at: SourceLocation(file: full),
                        hint: "Keep only departmental .csv files in a year folder."))
            }
        }
        return (csv, diagnostics)
    }

    /// A workspace's files are read only where they lie inside it: a link that leads out of the
    /// workspace (to a system file, another city's data) is refused, so nothing outside can end up
    /// in a report or the store.
    func requireInside(_ file: String) throws {
        let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        let target = URL(fileURLWithPath: file).resolvingSymlinksInPath().standardizedFileURL.path
        guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw InputError(
                "\(file) leads to \(target), outside the workspace \(path)",
                hint: "Copy the file into the year folder instead of linking to it.")
        }
    }

    /// The submissions of the latest year folder before `year`, for year-over-year checks; nil
    /// when there is none. This is the folder half of the one previous-year policy
    /// (`City.earlierYear(before:)` asks the store first).
    public func earlierYear(before year: Int, catalog: Catalog) throws -> EarlierYear? {
        guard let previous = years.last(where: { $0 < year }) else { return nil }
        let reader = SubmissionReader(catalog: catalog)
        let set = SubmissionSet(
            submissions: try files(year: previous).csv.map { try reader.read(path: $0) }, catalog: catalog)
        return EarlierYear(year: previous, values: set.values)
    }

    /// Reads and checks every submission of a year; with `earlier`, also against that year's
    /// values (year-over-year jumps, V027).
    public func submissions(year: Int, catalog: Catalog, comparedWith earlier: EarlierYear? = nil) throws
        -> SubmissionSet
    {
        guard years.contains(year) else {
            throw InputError(
                "the workspace has no \(year)/ folder",
                hint: years.isEmpty
                    ? "Create a folder named after the year."
                    : "Years present: \(years.map(String.init).joined(separator: ", ")).")
        }
        let (files, strays) = try files(year: year)
        let reader = SubmissionReader(catalog: catalog)
        var set = SubmissionSet(submissions: try files.map { try reader.read(path: $0) }, catalog: catalog)
        set.diagnostics += strays
        if let earlier { set.compare(with: earlier, catalog: catalog) }
        return set
    }

    /// The year asked for, or the latest year folder.
    public func year(_ requested: Int?) throws -> Int {
        if let requested { return requested }
        guard let latest = years.last else {
            throw InputError(
                "\(path): no year folders",
                hint: "Put each year's submissions in a folder named after the year (2024/water.csv).")
        }
        return latest
    }
}

/// The values of an earlier year that a year's submissions are compared with (V027): from the
/// store's latest revisions, or from the earlier year folder.
public struct EarlierYear: Sendable {
    public var year: Int
    public var values: [String: SubmittedValue]

    public init(year: Int, values: [String: SubmittedValue]) {
        self.year = year
        self.values = values
    }
}
