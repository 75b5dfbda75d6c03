import Foundation
import PackagePlugin

/// Embeds every file under the package's top-level `Indicators/` folder into the
/// `CityIndicators` module, keyed by its path relative to the package (`Indicators/units.yaml`).
@main
struct EmbedCatalog: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let root = context.package.directoryURL
        let catalog = root.appending(path: "Indicators")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(
            at: catalog, includingPropertiesForKeys: [.isRegularFileKey])
        {
            for case let url as URL in walker {
                let ext = url.pathExtension.lowercased()
                if ext == "yaml" || ext == "yml" { inputs.append(url) }
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCatalog.swift")
        let tool = try context.tool(named: "CatalogEmbedder")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) catalog files",
                executable: tool.url,
                arguments: [root.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
