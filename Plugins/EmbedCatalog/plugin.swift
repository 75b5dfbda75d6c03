import Foundation
import PackagePlugin

/// Embeds every file under the package's top-level `Indicators/` folder into the
/// `CityIndicatorsCatalog` module, keyed by its path relative to the package (`Indicators/units.yaml`),
/// so the built binary carries its catalog and runs from any directory.
@main
struct EmbedCatalog: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let root = context.package.directoryURL
        let script = root.appending(path: "Plugins/EmbedCatalog/embed.sh")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCatalog.swift")
        // Inputs: the folder itself with a trailing slash (a directory-structure input, so adding
        // or removing a file re-runs the command) and every file present when SwiftPM plans the
        // build (so editing one re-runs it). The script enumerates the folder itself.
        let catalog = root.appending(path: "Indicators")
        let tree = URL(fileURLWithPath: catalog.path + "/")
        var files: [URL] = []
        if let walker = FileManager.default.enumerator(at: catalog, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
                files.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding the indicator catalog",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, root.path, output.path],
                inputFiles: [tree, script] + files.sorted { $0.path < $1.path },
                outputFiles: [output]
            )
        ]
    }
}
