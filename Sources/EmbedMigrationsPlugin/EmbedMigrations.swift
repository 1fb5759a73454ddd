import Foundation
import PackagePlugin

/// Carries the package's `migrations/<module-id>/NNNN_name.sql` files into the target's
/// binary as generated Swift, so a running server never reads SQL from the source tree.
///
/// Any package can apply it to a target that depends on DossierCore:
/// `plugins: [.plugin(name: "EmbedMigrations", package: "dossier")]`, then read
/// `EmbeddedMigrations.migrations(for: "my-module")`.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let migrations = context.package.directoryURL.appending(path: "migrations")
        let files = (FileManager.default.subpaths(atPath: migrations.path) ?? [])
            .filter { $0.hasSuffix(".sql") }
            .sorted()
            .map { migrations.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) migration files into \(target.name)",
                executable: try context.tool(named: "EmbedMigrationsTool").url,
                arguments: [migrations.path, output.path],
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
