import CityIndicatorsBase
import CityIndicatorsCatalog
import Foundation

extension Templates {
    /// A template written to disk, for the command's report of what it did.
    public struct Written: Sendable {
        public var path: String
        public var file: File
        /// Elements the department owes.
        public var owed: Int
        /// True when an earlier file was there (its filled values are kept).
        public var replaced: Bool
    }

    /// Writes one template per department that owes an element (all of them, or those given)
    /// into `folder`, keeping what earlier files there hold, and `datapackage.json` beside them.
    /// Returns the templates written and the data package's path.
    public static func write(
        _ catalog: Catalog, departments requested: [String], frameworks: [String], into folder: String
    ) throws -> (templates: [Written], dataPackage: String) {
        for id in requested { _ = try catalog.department(named: id) }
        for id in frameworks { _ = try catalog.framework(named: id) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError("cannot create \(folder): \(error.localizedDescription)")
        }
        let departments = (requested.isEmpty ? catalog.departments.keys.sorted() : requested).filter {
            !owed(catalog, department: $0, frameworks: frameworks).isEmpty
        }
        var written: [Written] = []
        for department in departments {
            let path = (folder as NSString).appendingPathComponent("\(department).csv")
            let existing = FileManager.default.contents(atPath: path).map { Array($0) }
            let file = make(catalog, department: department, frameworks: frameworks, existing: existing)
            try TextFile.write(file.text, to: path)
            let count = owed(catalog, department: department, frameworks: frameworks).count
            written.append(Written(path: path, file: file, owed: count, replaced: existing != nil))
        }
        let package = (folder as NSString).appendingPathComponent("datapackage.json")
        try TextFile.write(try dataPackage(catalog, files: written.map(\.file), frameworks: frameworks), to: package)
        return (written, package)
    }
}
