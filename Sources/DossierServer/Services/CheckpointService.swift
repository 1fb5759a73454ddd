import DossierCore
import DossierPostgres
import Foundation
import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle

/// Takes a signed checkpoint of every chain head once the schema is migrated, then every
/// `interval`, into the checkpoint directory. A failure is logged and retried at the next
/// interval (`dossier_checkpoint_failures` counts them; an altered newest checkpoint is one,
/// and no checkpoint is signed over it); a chain found to have lost records is logged as an
/// error (and its previous head kept in the new checkpoint).
struct CheckpointService: Service {
    let directory: CheckpointDirectory
    let store: CaseStore
    let registry: ModuleRegistry
    let interval: Duration
    let logger: Logger
    let taken = Counter(label: "dossier_checkpoints_taken")
    let lost = Counter(label: "dossier_checkpoint_losses")
    let failed = Counter(label: "dossier_checkpoint_failures")

    func run() async throws {
        await SchemaGate(client: store.client, registry: registry, logger: logger).waitUntilMigrated()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let result = try await directory.take(store: store, logger: logger)
                taken.increment()
                if !result.losses.isEmpty { lost.increment(by: result.losses.count) }
                logger.info("checkpoint taken", metadata: [
                    "file": "\(result.file.lastPathComponent)", "chains": "\(result.chains)",
                ])
            } catch {
                // An altered newest checkpoint lands here too: no new one is signed over it.
                failed.increment()
                logger.error("taking a checkpoint failed; trying again at the next interval", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
