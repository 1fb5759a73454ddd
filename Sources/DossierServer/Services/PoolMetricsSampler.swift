import Foundation
import Logging
import Metrics
import PostgresNIO
import ServiceLifecycle

/// Publishes how many of this server's database connections are busy and idle, sampled
/// from `pg_stat_activity` (the server's connections carry `application_name=dossier`):
/// `dossier_db_connections{state="active"|"idle"|"idle in transaction"}` and the pool's
/// configured maximum, `dossier_db_pool_max_connections`.
struct PoolMetricsSampler: Service {
    let client: PostgresClient
    let maximumConnections: Int
    let interval: Duration
    let logger: Logger

    func run() async throws {
        Gauge(label: "dossier_db_pool_max_connections").record(maximumConnections)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await sample()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    func sample() async {
        do {
            let rows = try await client.query(
                """
                SELECT s.state, count(a.pid)::int
                FROM unnest(ARRAY['active', 'idle', 'idle in transaction']) AS s(state)
                LEFT JOIN pg_stat_activity a
                  ON a.state = s.state AND a.application_name = 'dossier' AND a.datname = current_database()
                GROUP BY s.state
                """, logger: logger)
            for try await (state, count) in rows.decode((String, Int).self) {
                Gauge(label: "dossier_db_connections", dimensions: [("state", state)]).record(count)
            }
        } catch {
            logger.debug("sampling pool usage failed", metadata: ["error": "\(error)"])
        }
    }
}
