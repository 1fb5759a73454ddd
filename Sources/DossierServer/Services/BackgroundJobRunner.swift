import DossierPostgres
import Logging
import ServiceLifecycle

/// Runs one module job every interval once the schema is migrated, until the server shuts
/// down; a failing run is logged and retried at the next interval.
struct BackgroundJobRunner: Service {
    let module: String
    let job: BackgroundJob
    let services: DossierServices
    let logger: Logger

    func run() async throws {
        await SchemaGate(client: services.client, registry: services.registry, logger: logger).waitUntilMigrated()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await job.run(services)
            } catch {
                logger.warning(
                    "background job failed", metadata: ["module": "\(module)", "job": "\(job.name)", "error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: job.interval) }
        }
    }
}
