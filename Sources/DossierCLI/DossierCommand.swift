public import ArgumentParser
public import DossierCore
import Foundation
import PostgresNIO
public import Prometheus

/// The `dossier` command tree. An executable registers its modules and runs it:
///
/// ```swift
/// @main struct Main {
///     static func main() async {
///         await DossierCommand.main(modules: [ColdCases(), MyModule()], metrics: PrometheusMetrics.bootstrap())
///     }
/// }
/// ```
public struct DossierCommand: AsyncParsableCommand {
    /// The modules this executable was built with; set by ``main(modules:metrics:arguments:)``.
    nonisolated(unsafe) public static var modules: [any CaseModule] = []
    /// The registry `serve` exposes at `/metrics`, if the executable bootstrapped one.
    nonisolated(unsafe) static var metrics: PrometheusCollectorRegistry?

    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "dossier",
            abstract: "Investigation case management: cases, workflows, legal deadlines, a tamper-evident timeline.",
            discussion: """
                Without DATABASE_URL, dossier runs on a private PostgreSQL cluster of its own in its data \
                directory, started for each command (or kept running with `dossier db start`).

                Exit codes: 0 success, 1 refused or failed (one line on stderr says what was wrong), 2 usage error.

                Examples:
                  dossier demo
                  dossier case list --state cold
                  dossier case show COLD-2026-000001
                """,
            version: DossierCoreInfo.version.description,
            subcommands: [
                ServeCommand.self, DatabaseCommand.self, MigrateCommand.self, CaseCommand.self, PersonCommand.self,
                WorkflowCommand.self, AuditCommand.self, DemoCommand.self, UsersCommand.self, TokensCommand.self, ModuleCommand.self,
            ] + modules.compactMap { ($0 as? any CommandLineModule)?.command }
        )
    }

    public init() {}

    /// Parses the arguments and runs the command with these modules; exits the process.
    /// - Parameter metrics: what `serve` exposes at `/metrics`; the executable bootstraps
    ///   it (``PrometheusMetrics/bootstrap()``), since that is a choice for the process.
    public static func main(
        modules: [any CaseModule], metrics: PrometheusCollectorRegistry? = nil, arguments: [String]? = nil
    ) async -> Never {
        Self.modules = modules
        Self.metrics = metrics
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let error as DossierError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch let error as PSQLError {
            FileHandle.standardError.write(Data("error: the database refused: \(error.databaseMessage)\n".utf8))
            Foundation.exit(1)
        } catch let error as CommandFailure {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            if code == .validationFailure {
                let suggestion = SubcommandSuggestion.message(
                    for: arguments ?? Array(CommandLine.arguments.dropFirst()), root: DossierCommand.self)
                FileHandle.standardError.write(Data(((suggestion ?? message) + "\n").utf8))
                Foundation.exit(2)
            }
            // Anything else failed at run time: one line, like every refusal.
            if !message.isEmpty {
                let line = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
                FileHandle.standardError.write(Data("error: \(line.replacingOccurrences(of: "\n", with: " "))\n".utf8))
            }
            Foundation.exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }
}

/// A failure a command reports itself: its message, and the exit code (1 unless said).
public struct CommandFailure: Error {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }
}
