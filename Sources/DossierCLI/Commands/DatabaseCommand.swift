import ArgumentParser
import DossierCore
import DossierPostgres
import Foundation

/// `dossier db start|stop|status|url`: the embedded PostgreSQL cluster.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the embedded PostgreSQL cluster (used when DATABASE_URL is not set).",
        discussion: """
            Other commands start the cluster for their own duration when it is not running; \
            `dossier db start` keeps it running between commands.

            Examples:
              dossier db start
              dossier db status
              psql "$(dossier db url)"
            """,
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self]
    )

    struct ClusterOptions: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("The cluster's directory (default as for every command).", valueName: "path"))
        var dataDir: String?

        func embedded() throws -> EmbeddedDatabase {
            var options = DossierOptions()
            options.dataDir = dataDir
            let environment = ProcessInfo.processInfo.environment.filter { $0.key != "DATABASE_URL" }
            guard case .embedded(let embedded) = try DatabaseLocation(options: options, environment: environment) else {
                throw CommandFailure("no embedded cluster")
            }
            return embedded
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the cluster if needed, start it and leave it running.",
            discussion: """
            Examples:
              dossier db start
              dossier db start --data-dir /srv/dossier
            """)
        @OptionGroup var cluster: ClusterOptions

        func run() throws {
            let embedded = try cluster.embedded()
            if try embedded.ensureRunning() {
                print("started the embedded cluster in \(embedded.cluster.directory.path)")
            } else {
                print("the embedded cluster in \(embedded.cluster.directory.path) was already running")
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop the cluster (open transactions are rolled back).",
            discussion: """
            Example:
              dossier db stop
            """)
        @OptionGroup var cluster: ClusterOptions

        func run() throws {
            let embedded = try cluster.embedded()
            guard embedded.cluster.isInitialized, embedded.cluster.isRunning() else {
                print("the embedded cluster in \(embedded.cluster.directory.path) is not running")
                return
            }
            try embedded.cluster.stop()
            print("stopped the embedded cluster in \(embedded.cluster.directory.path)")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether the cluster runs and where; exit 0 when it runs, 1 when not.",
            discussion: """
            Examples:
              dossier db status
              dossier db status || dossier db start
            """)
        @OptionGroup var cluster: ClusterOptions

        func run() throws {
            let embedded = try cluster.embedded()
            let directory = embedded.cluster.directory.path
            guard embedded.cluster.isInitialized else {
                throw CommandFailure("no embedded cluster in \(directory) yet: `dossier db start` creates one")
            }
            guard embedded.cluster.isRunning() else {
                throw CommandFailure("the embedded cluster in \(directory) is stopped")
            }
            print("running: \(directory) (socket in \(embedded.cluster.socketDirectory.path))")
        }
    }

    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url", abstract: "Print the cluster's connection URL (it holds the password: keep it private).",
            discussion: """
            Example:
              psql "$(dossier db url)"
            """)
        @OptionGroup var cluster: ClusterOptions

        func run() throws {
            let embedded = try cluster.embedded()
            guard embedded.cluster.isInitialized else {
                throw CommandFailure("no embedded cluster in \(embedded.cluster.directory.path) yet: `dossier db start` creates one")
            }
            print(embedded.connectionURL)
        }
    }
}
