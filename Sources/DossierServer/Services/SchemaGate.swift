import DossierCore
import DossierPostgres
import Logging
import PostgresNIO
import ServiceLifecycle

/// Waits until every migration (the core's and the modules') is applied, since they run as
/// the server starts: background work must not touch tables that do not exist yet.
struct SchemaGate {
    let client: PostgresClient
    let registry: ModuleRegistry
    let logger: Logger

    func waitUntilMigrated() async {
        let migrator = Migrator(client: client, registry: registry, logger: logger)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if let statuses = try? await migrator.status(), statuses.allSatisfy({ $0.appliedAt != nil }) {
                return
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(500)) }
        }
    }
}
