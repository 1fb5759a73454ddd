import ArgumentParser
import DossierCore
import DossierPostgres
import Foundation

/// `dossier migrate [status]`.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations of the core and every module, or show their status.",
        discussion: """
            Every other command migrates first, so this is mostly for servers and for checking.

            Examples:
              dossier migrate
              dossier migrate status --json
            """,
        subcommands: [Apply.self, Status.self],
        defaultSubcommand: Apply.self
    )

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations (the default).",
            discussion: """
            Examples:
              dossier migrate apply
              DATABASE_URL=postgres://dossier_owner@db/dossier dossier migrate apply
            """)
        @OptionGroup var options: DossierOptions

        func run() async throws {
            try await options.withSession(migrate: false) { session in
                let applied = try await Migrator(client: session.client, registry: session.registry, logger: session.logger).migrate()
                if session.output.json {
                    try session.output.printJSON(applied.map { ["module": $0.module, "file": $0.fileName, "checksum": $0.checksum] })
                } else if applied.isEmpty {
                    print("nothing to apply: the database is up to date")
                } else {
                    for migration in applied { print("applied \(migration.module)/\(migration.fileName)") }
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every migration, applied or pending, per module, with checksums; exit 1 on drift.",
            discussion: """
            Examples:
              dossier migrate status
              dossier migrate status --json
            """)
        @OptionGroup var options: DossierOptions

        func run() async throws {
            let drifted = try await options.withSession(migrate: false) { session in
                let statuses = try await Migrator(client: session.client, registry: session.registry, logger: session.logger).status()
                if session.output.json {
                    try session.output.printJSON(statuses.map { status in
                        [
                            "module": status.migration.module, "file": status.migration.fileName,
                            "checksum": status.migration.checksum,
                            "state": status.driftedChecksum != nil ? "changed" : (status.appliedAt == nil ? "pending" : "applied"),
                            "applied_at": status.appliedAt.map { $0.formatted(.iso8601) } ?? "",
                        ]
                    })
                } else {
                    session.output.printTable(
                        ["MODULE", "FILE", "STATE", "APPLIED", "CHECKSUM"],
                        statuses.map { status in
                            [
                                status.migration.module, status.migration.fileName,
                                status.driftedChecksum != nil ? "CHANGED" : (status.appliedAt == nil ? "pending" : "applied"),
                                status.appliedAt?.shortUTC ?? "-", String(status.migration.checksum.prefix(12)),
                            ]
                        })
                }
                return statuses.filter { $0.driftedChecksum != nil }.map { "\($0.migration.module)/\($0.migration.fileName)" }
            }
            if !drifted.isEmpty {
                throw CommandFailure("applied migrations have changed since: \(drifted.joined(separator: ", "))")
            }
        }
    }
}
