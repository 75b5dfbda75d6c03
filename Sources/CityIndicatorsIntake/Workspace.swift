import Foundation
import Yams
import CityIndicatorsBase
import CityIndicatorsCatalog

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
            throw InputError("workspace '\(path)' is not a folder", hint: "Give the city's folder, the one that holds city.yaml and the year folders.")
        }
        let cityPath = (path as NSString).appendingPathComponent("city.yaml")
        guard let data = FileManager.default.contents(atPath: cityPath) else {
            throw InputError("\(cityPath): no such file", hint: "A workspace holds city.yaml (name, country, ulb_code, currency, frameworks). See SampleData/sahyadrinagar/city.yaml.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(cityPath): not UTF-8 text", hint: "Re-save city.yaml as UTF-8.")
        }
        let yaml = YAMLFile(path: cityPath, text: text)
        var profile: CityProfile?
        if let root = yaml.root(), let f = yaml.fields(root, what: "city.yaml", allowed: ["name", "country", "state", "ulb_code", "currency", "frameworks", "year_basis", "notes"]) {
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
                    yaml.report(.undefinedReference, "unknown framework '\(id)'", node: node, hint: (Suggest.nearest(id, in: catalog.frameworks.keys).map { "did you mean '\($0)'? " } ?? "") + "Frameworks: \(catalog.frameworks.keys.sorted().joined(separator: ", ")).")
                } else {
                    frameworks.append(id)
                }
            }
            let basis = f.choice("year_basis", ["financial", "calendar"], required: false)
            if let name, let country, let ulb, let currency {
                profile = CityProfile(name: name, country: country, state: f.string("state", required: false), ulbCode: ulb, currency: currency, frameworks: frameworks, yearBasis: basis, notes: f.string("notes", required: false))
            }
        }
        var diagnostics = yaml.diagnostics
        guard let profile else {
            let listing = diagnostics.map(\.rendered).joined(separator: "\n")
            throw InputError("\(cityPath) cannot be used:\n\(listing)")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let years = entries.compactMap { name -> Int? in
            guard name.count == 4, let year = Int(name) else { return nil }
            var dir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &dir)
            return dir.boolValue ? year : nil
        }.sorted()
        if years.isEmpty {
            diagnostics.append(Diagnostic(.noYears, "no year folders (2023/, 2024/, …) in the workspace", at: SourceLocation(file: path), hint: "Put each year's submissions in a folder named after the year."))
        }
        return Workspace(path: path, city: profile, years: years, diagnostics: diagnostics)
    }

    /// The CSV files of a year, sorted; other files are W002 warnings.
    public func files(year: Int) -> (csv: [String], diagnostics: [Diagnostic]) {
        let dir = (path as NSString).appendingPathComponent(String(year))
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        var csv: [String] = []
        var diagnostics: [Diagnostic] = []
        for name in entries where !name.hasPrefix(".") {
            let full = (dir as NSString).appendingPathComponent(name)
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDir)
            if !isDir.boolValue && name.lowercased().hasSuffix(".csv") {
                csv.append(full)
            } else {
                diagnostics.append(Diagnostic(.strayFile, "not a .csv submission; ignored", at: SourceLocation(file: full), hint: "Keep only departmental .csv files in a year folder."))
            }
        }
        return (csv, diagnostics)
    }

    /// For a year folder inside a workspace (`my-city/2024`), the submissions of the latest
    /// earlier year folder, read quietly, for year-over-year checks; nil elsewhere.
    public static func previousYear(of directory: String, catalog: Catalog) -> (year: Int, set: SubmissionSet)? {
        let name = (directory as NSString).lastPathComponent
        guard name.count == 4, let year = Int(name) else { return nil }
        let parent = (directory as NSString).deletingLastPathComponent
        let root = parent.isEmpty ? "." : parent
        guard FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent("city.yaml")) else { return nil }
        let siblings = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap { n -> Int? in
            n.count == 4 ? Int(n) : nil
        }
        guard let previous = siblings.filter({ $0 < year }).max() else { return nil }
        let dir = (root as NSString).appendingPathComponent(String(previous))
        let reader = SubmissionReader(catalog: catalog)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().filter { $0.lowercased().hasSuffix(".csv") }
        let submissions = files.compactMap { try? reader.read(path: (dir as NSString).appendingPathComponent($0)) }
        return (previous, SubmissionSet(submissions: submissions, catalog: catalog))
    }

    /// Reads and checks every submission of a year; with `previousYear`, also against the
    /// latest earlier year folder (year-over-year jumps).
    public func submissions(year: Int, catalog: Catalog, previousYear: Bool = true) throws -> SubmissionSet {
        guard years.contains(year) else {
            throw InputError("the workspace has no \(year)/ folder", hint: years.isEmpty ? "Create a folder named after the year." : "Years present: \(years.map(String.init).joined(separator: ", ")).")
        }
        let (files, strays) = files(year: year)
        let reader = SubmissionReader(catalog: catalog)
        var set = SubmissionSet(submissions: try files.map { try reader.read(path: $0) }, catalog: catalog)
        set.diagnostics += strays
        if previousYear, let previous = years.last(where: { $0 < year }) {
            let earlier = SubmissionSet(submissions: try self.files(year: previous).csv.map { try reader.read(path: $0) }, catalog: catalog)
            set.compare(with: earlier, year: previous, catalog: catalog)
        }
        return set
    }
}
