import Foundation
import PackagePlugin

/// Carries a console target's `Files/` folder (Mustache templates, the stylesheet, the
/// script) into its binary as generated Swift, so the console serves the same pages
/// wherever the executable is copied, and never reads templates from the source tree.
///
/// A module's console target applies it the same way:
/// `plugins: [.plugin(name: "EmbedConsoleFiles", package: "dossier")]` with
/// `exclude: ["Files"]`, then reads `EmbeddedConsoleFiles.files`.
@main
struct EmbedConsoleFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let folder = target.directoryURL.appending(path: "Files")
        let files = (FileManager.default.subpaths(atPath: folder.path) ?? [])
            .filter { !$0.hasPrefix(".") && !$0.contains("/.") }
            .sorted()
            .map { folder.appending(path: $0) }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedConsoleFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) console files into \(target.name)",
                executable: try context.tool(named: "EmbedConsoleFilesTool").url,
                arguments: [folder.path, output.path],
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
