import CityIndicatorsBase
import Foundation

/// One file of a catalog: the path shown in diagnostics, its path inside the catalog, its bytes.
public struct CatalogFile: Sendable {
    public var displayPath: String
    public var relativePath: String
    public var data: Data

    public init(displayPath: String, relativePath: String, data: Data) {
        self.displayPath = displayPath
        self.relativePath = relativePath
        self.data = data
    }
}

public enum CatalogSource {
    /// The catalog compiled into the binary from the repository's `Indicators/`.
    public static func builtIn() -> [CatalogFile] {
        EmbeddedCatalog.files.compactMap { entry in
            guard let data = Data(base64Encoded: entry.base64) else { return nil }
            let relative =
                entry.path.hasPrefix("Indicators/") ? String(entry.path.dropFirst("Indicators/".count)) : entry.path
            return CatalogFile(displayPath: entry.path, relativePath: relative, data: data)
        }.sorted { $0.relativePath < $1.relativePath }
    }

    /// Every `.yaml`/`.yml` file under `directory`; throws when the folder cannot be read.
    public static func directory(_ directory: String) throws -> [CatalogFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(
                "catalog folder '\(directory)' does not exist",
                hint: "Give the folder that holds units.yaml, departments.yaml, elements/ and frameworks/.")
        }
        let root = URL(fileURLWithPath: directory)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw InputError("cannot read catalog folder '\(directory)'")
        }
        let prefix = root.standardizedFileURL.path
        var files: [CatalogFile] = []
        for case let url as URL in walker {
            let ext = url.pathExtension.lowercased()
            guard ext == "yaml" || ext == "yml" else { continue }
            let full = url.standardizedFileURL.path
            var relative =
                full.hasPrefix(prefix + "/") ? String(full.dropFirst(prefix.count + 1)) : url.lastPathComponent
            relative = relative.replacingOccurrences(of: "\\", with: "/")
            guard let data = FileManager.default.contents(atPath: full) else {
                throw InputError("cannot read catalog file '\(full)'")
            }
            let display = (directory.hasSuffix("/") ? String(directory.dropLast()) : directory) + "/" + relative
            files.append(CatalogFile(displayPath: display, relativePath: relative, data: data))
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }
}
