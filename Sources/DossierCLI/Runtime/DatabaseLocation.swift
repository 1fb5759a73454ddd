import DossierCore
import DossierPostgres
import Foundation
import PostgresNIO

/// Where the CLI's database is: `DATABASE_URL`, or the embedded cluster in the data
/// directory (`--data-dir`, `$DOSSIER_DATA_DIR`, `$XDG_DATA_HOME/dossier`,
/// `~/.local/share/dossier`; `/var/lib/dossier` as root, where the `postgres` user that
/// runs the server can reach it).
enum DatabaseLocation: CustomStringConvertible {
    case url(DatabaseURL)
    case embedded(EmbeddedDatabase)

    init(options: DossierOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            self = .url(try DatabaseURL(url))
        } else {
            self = .embedded(try EmbeddedDatabase(directory: Self.dataDirectory(options: options, environment: environment)))
        }
    }

    var description: String {
        switch self {
        case .url(let url): "DATABASE_URL \(url)"
        case .embedded(let embedded): "the embedded cluster in \(embedded.cluster.directory.path)"
        }
    }

    static func dataDirectory(options: DossierOptions, environment: [String: String]) -> URL {
        if let path = options.dataDir ?? environment["DOSSIER_DATA_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path).standardizedFileURL
        }
        if geteuid() == 0 { return URL(fileURLWithPath: "/var/lib/dossier") }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appending(path: "dossier")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appending(path: ".local/share/dossier")
    }

    /// The checkpoint directory: `--checkpoint-dir`, `$DOSSIER_CHECKPOINT_DIR`, else beside
    /// the embedded cluster's directory (`/var/lib/dossier-checkpoints` beside
    /// `/var/lib/dossier`): outside the directory PostgreSQL's user owns, so that a database
    /// superuser cannot reach the key through the server; with DATABASE_URL and neither
    /// set, none.
    func checkpointDirectory(options: DossierOptions, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let path = options.checkpointDir ?? environment["DOSSIER_CHECKPOINT_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path).standardizedFileURL
        }
        guard case .embedded(let embedded) = self else { return nil }
        let cluster = embedded.cluster.directory.standardizedFileURL
        return cluster.deletingLastPathComponent().appending(path: cluster.lastPathComponent + "-checkpoints")
    }

    /// A connection for the duration of one command.
    struct Lease {
        var configuration: PostgresClient.Configuration
        var release: () -> Void
    }

    /// Uses the running embedded cluster, or starts it now and stops it on release.
    func lease() throws -> Lease {
        switch self {
        case .url(let url):
            return Lease(configuration: url.clientConfiguration, release: {})
        case .embedded(let embedded):
            let startedHere = try embedded.ensureRunning()
            return Lease(
                configuration: embedded.cluster.clientConfiguration(database: EmbeddedDatabase.databaseName),
                release: {
                    // Stop what this command started, unless another program (a server
                    // started meanwhile) is still using it.
                    guard startedHere, (try? embedded.cluster.clientConnectionCount()) ?? 0 == 0 else { return }
                    try? embedded.cluster.stop()
                })
        }
    }
}
