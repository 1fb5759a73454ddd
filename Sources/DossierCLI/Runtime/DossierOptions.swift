public import ArgumentParser
public import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO

/// The options every command that touches the database shares.
public struct DossierOptions: ParsableArguments, Sendable {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The embedded cluster's directory (default: $DOSSIER_DATA_DIR, else $XDG_DATA_HOME/dossier or ~/.local/share/dossier; /var/lib/dossier as root). Ignored when DATABASE_URL is set.",
            valueName: "path"))
    public var dataDir: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The directory, outside the database, of the signing key and the signed checkpoints of every chain (default: $DOSSIER_CHECKPOINT_DIR, else <data-dir>-checkpoints beside the embedded cluster, else none).",
            valueName: "path"))
    public var checkpointDir: String?

    @Flag(name: .long, help: "Print JSON with stable field names, for scripts.")
    public var json = false

    @Option(name: .customLong("as"), help: ArgumentHelp("The user to act as; recorded in the event chain.", valueName: "user"))
    public var user: String?

    @Option(
        name: .customLong("as-role"),
        help: ArgumentHelp("A role to act with (repeatable; default: the --as user's roles, or every role for the local operator).", valueName: "role"))
    public var roles: [Role] = []

    public init() {}

    /// The user the command acts as: `--as`, else the local operator `local:<login>`.
    public var actor: Actor {
        let login = ProcessInfo.processInfo.environment["USER"] ?? (geteuid() == 0 ? "root" : "operator")
        return Actor(
            id: user ?? "local:\(login)", roles: roles.isEmpty ? Set(Role.allCases) : Set(roles), agency: nil,
            clearance: .secret)
    }

    /// Connects to the database, migrates it, and runs `body`; starts the embedded cluster
    /// for the duration when it is not already running.
    public func withSession<Result: Sendable>(
        migrate: Bool = true, _ body: (Session) async throws -> Result
    ) async throws -> Result {
        try await Session.with(options: self, migrate: migrate, body)
    }

    /// A session on a database `serve` has already leased.
    func withSession<Result: Sendable>(
        using lease: DatabaseLocation.Lease, checkpointDirectory: URL?, _ body: (Session) async throws -> Result
    ) async throws -> Result {
        try await Session.with(
            options: self, lease: lease, describedAs: "the database", checkpointDirectory: checkpointDirectory, migrate: true, body)
    }
}

extension Role: ExpressibleByArgument {}
extension Priority: ExpressibleByArgument {}
extension Classification: ExpressibleByArgument {}
extension CaseParty.Role: ExpressibleByArgument {}
extension CaseMember.Role: ExpressibleByArgument {}
extension CaseSort: ExpressibleByArgument {}
