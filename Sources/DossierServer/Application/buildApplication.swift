public import DossierCore
import DossierPostgres
import Foundation
public import Hummingbird
import HTTPTypes
public import Logging
public import Prometheus
import PostgresNIO
import ServiceLifecycle

/// Builds the Dossier HTTP application: the PostgreSQL pool, the router with every core
/// and module route, and the timer scheduler, as one set of services. Migrations run
/// before the server accepts requests. `dossier serve` and the tests both call this.
///
/// ```swift
/// let app = try buildApplication(configuration: configuration, modules: [ColdCases()], logger: logger)
/// try await app.runService()   // stops gracefully on SIGTERM and SIGINT
/// ```
/// - Parameter extensions: mounted beside `/api/v1` (the console).
/// - Parameter onListening: called once the server listens, with the address it is bound
///   to (not before: a port already in use fails the run instead).
public func buildApplication(
    configuration: ServerConfiguration, modules: [any CaseModule], extensions: [any RouterExtension] = [], logger: Logger,
    onListening: @escaping @Sendable (String) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let registry = try ModuleRegistry(modules)
    var database = configuration.database
    database.options.maximumConnections = configuration.maximumDatabaseConnections
    database.options.additionalStartupParameters.append(("application_name", "dossier"))
    let client = PostgresClient(configuration: database, backgroundLogger: logger)
    let checkpoints = try configuration.checkpointDirectory.map { try CheckpointDirectory($0) }
    let services = DossierServices(
        client: client, registry: registry, clock: configuration.clock, checkpoints: checkpoints, logger: logger)
    let router = buildRouter(
        services: services, maximumBodySize: configuration.maximumBodySize, trustedProxies: configuration.trustedProxies,
        databaseAcquisitionTimeout: configuration.databaseAcquisitionTimeout, checkingResponses: configuration.checksResponses,
        metrics: configuration.metrics)
    for routerExtension in extensions {
        try routerExtension.mount(on: router, services: services, configuration: configuration)
    }

    var backgroundServices: [any Service] = [
        client,
        DatabaseMonitor(
            configuration: database, availability: services.databaseAvailability, interval: configuration.databaseCheckInterval,
            timeout: configuration.databaseCheckTimeout, logger: logger),
        PoolMetricsSampler(
            client: client, maximumConnections: configuration.maximumDatabaseConnections, interval: .seconds(10), logger: logger),
    ]
    if configuration.runsTimerScheduler {
        backgroundServices.append(TimerScheduler(
            store: services.store, client: client, sweepInterval: configuration.timerSweepInterval, logger: logger))
    }
    if let checkpoints {
        backgroundServices.append(CheckpointService(
            directory: checkpoints, store: services.store, registry: registry, interval: configuration.checkpointInterval,
            logger: logger))
    }
    if configuration.runsBackgroundJobs {
        for module in registry.modules.compactMap({ $0 as? any BackgroundJobModule }) {
            for job in module.backgroundJobs {
                backgroundServices.append(BackgroundJobRunner(module: module.id, job: job, services: services, logger: logger))
            }
        }
    }
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Dossier"),
        services: backgroundServices,
        onServerRunning: { channel in
            await onListening(channel.localAddress.map { "\($0.ipAddress ?? configuration.host):\($0.port ?? configuration.port)" }
                ?? "\(configuration.host):\(configuration.port)")
        },
        logger: logger)
    app.beforeServerStarts {
        do {
            try await migrate(configuration, registry: registry, client: client, logger: logger)
        } catch {
            configuration.onStartupFailure?(error)
            throw error
        }
    }
    return app
}

/// The router on its own, for tests that compare its routes with the OpenAPI document.
/// - Parameter checkingResponses: holds every answer to its route's declaration
///   (``ServerConfiguration/checksResponses``).
public func buildRouter(
    services: DossierServices, maximumBodySize: Int = 1 << 20, trustedProxies: [String] = [],
    databaseAcquisitionTimeout: Duration = .seconds(5), checkingResponses: Bool = false,
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) -> Router<DossierRequestContext> {
    let tables = routeTables(services: services)
    let router = Router(context: DossierRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: BodyLimitMiddleware(limit: maximumBodySize))
    router.add(middleware: NULCharacterMiddleware())
    router.add(middleware: ClientAddressMiddleware(trustedProxies: Set(trustedProxies)))
    router.add(middleware: DatabaseAvailabilityMiddleware(
        availability: services.databaseAvailability, acquisitionTimeout: databaseAcquisitionTimeout))
    MetaRoutes(services: services, openAPI: OpenAPIDocument.document(tables: tables), metrics: metrics).addRoutes(to: router)

    let api = router.group("api/v1").add(middleware: AuthenticationMiddleware(users: services.users))
        .group(context: AuthenticatedContext.self)
    for table in tables { table.mount(on: api, checkingResponses: checkingResponses) }
    return router
}

/// The core's route tables, then each HTTP module's: what the router mounts and the
/// OpenAPI document describes.
func routeTables(services: DossierServices) -> [RouteTable] {
    [
        RouteTable(tag: "cases", routes: CaseRoutes(services: services).routes),
        RouteTable(tag: "persons", routes: PersonRoutes(services: services).routes),
        RouteTable(tag: "workflows", routes: DirectoryRoutes(services: services).routes),
        RouteTable(tag: "admin", routes: AdminRoutes(services: services).routes),
    ] + services.registry.modules.compactMap { $0 as? any HTTPModule }.map { module in
        RouteTable(tag: module.id, prefix: module.id, routes: module.routes(services: services))
    }
}

/// Every operation the OpenAPI document lists, as `METHOD /path`.
public func documentedOperations(registry: ModuleRegistry) -> [String] {
    OpenAPIDocument.operations(tables: routeTables(services: .unconnected(registry: registry)))
}

/// The OpenAPI document for these modules, as `/api/v1/openapi.json` serves it.
public func openAPIDocument(registry: ModuleRegistry) -> JSONValue {
    OpenAPIDocument.document(tables: routeTables(services: .unconnected(registry: registry)))
}

extension DossierServices {
    /// Services on a client that never connects: declaring routes reads nothing, and
    /// their handlers never run.
    static func unconnected(registry: ModuleRegistry) -> DossierServices {
        let unconnected = PostgresClient(
            configuration: .init(host: "localhost", username: "unused", password: nil, database: nil, tls: .disable),
            backgroundLogger: Logger(label: "dossier.openapi"))
        return DossierServices(client: unconnected, registry: registry, logger: Logger(label: "dossier.openapi"))
    }
}

/// Migrates (as the schema owner when ``ServerConfiguration/migrationDatabase`` is set, then
/// granting the server's role what it needs), and refuses to serve as a role that could
/// rewrite history unless ``ServerConfiguration/allowsPrivilegedDatabaseRole``.
func migrate(
    _ configuration: ServerConfiguration, registry: ModuleRegistry, client: PostgresClient, logger: Logger
) async throws {
    if let owner = configuration.migrationDatabase {
        let ownerClient = PostgresClient(configuration: owner, backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await ownerClient.run() }
            defer { group.cancelAll() }
            try await Migrator(client: ownerClient, registry: registry, logger: logger).migrate()
            try await ownerClient.withConnection { connection in
                try await ApplicationRole.grant(to: configuration.database.username, on: connection, logger: logger)
            }
        }
    } else {
        try await Migrator(client: client, registry: registry, logger: logger).migrate()
    }
    let problems = try await client.withConnection { connection in
        try await ApplicationRole.excessPrivileges(on: connection, logger: logger)
    }
    guard !problems.isEmpty else { return }
    if configuration.allowsPrivilegedDatabaseRole {
        logger.warning("serving as a privileged database role", metadata: ["problems": "\(problems.joined(separator: "; "))"])
    } else {
        throw PrivilegedDatabaseRole(role: configuration.database.username, problems: problems)
    }
}

/// The server's database role could rewrite history: it refuses to serve.
public struct PrivilegedDatabaseRole: Error, CustomStringConvertible {
    public var role: String
    public var problems: [String]

    public var description: String {
        "refusing to serve as database role \(role): \(problems.joined(separator: "; ")). Connect as a role with only the "
            + "privileges the server needs (DATABASE_URL), migrating as the owner (DATABASE_OWNER_URL); see the README's "
            + "'Database roles'. --allow-privileged-database-role serves anyway"
    }
}

