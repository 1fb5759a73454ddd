import DossierCore
import DossierPostgres
import Foundation
import Hummingbird
import HTTPTypes
import Metrics
public import Prometheus

/// Health checks, Prometheus metrics and the OpenAPI document: no sign-in needed.
struct MetaRoutes {
    let services: DossierServices
    let openAPI: JSONValue
    let metrics: PrometheusCollectorRegistry

    func addRoutes(to router: Router<DossierRequestContext>) {
        router.get("health/live") { _, context in try context.json(["status": "live"]) }
        router.get("health/ready", use: ready)
        router.get("metrics") { [metrics] _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.emitToString())))
        }
        router.get("api/v1/openapi.json") { [openAPI] _, context in try context.json(openAPI) }
    }

    /// Ready when the database answers and every known migration is applied unchanged.
    @Sendable func ready(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let unreachable = ["status": "not ready", "reason": "the database is unreachable"]
        guard services.databaseAvailability.isReachable else {
            return try context.json(unreachable, status: .serviceUnavailable, headers: [.retryAfter: "5"])
        }
        do {
            let statuses = try await Migrator(client: services.client, registry: services.registry, logger: services.logger).status()
            let pending = statuses.filter { $0.appliedAt == nil || $0.driftedChecksum != nil }
            guard pending.isEmpty else {
                return try context.json(
                    ["status": "not ready", "reason": "\(pending.count) migrations pending or changed"], status: .serviceUnavailable)
            }
            return try context.json(["status": "ready"])
        } catch {
            return try context.json(unreachable, status: .serviceUnavailable, headers: [.retryAfter: "5"])
        }
    }
}

/// swift-metrics backed by Prometheus, for an executable to choose: no library calls this,
/// since a process bootstraps its metrics system once and that choice is the program's.
///
/// ```swift
/// await DossierCommand.main(modules: modules, metrics: PrometheusMetrics.bootstrap())
/// ```
public enum PrometheusMetrics {
    /// Bootstraps swift-metrics with a new Prometheus registry and returns it for
    /// ``ServerConfiguration/metrics``. Call it once per process.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }
}
