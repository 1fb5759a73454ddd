import ArgumentParser
import DossierConsole
import DossierCore
import DossierPostgres
import DossierServer
import Hummingbird
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import ServiceLifecycle
import UnixSignals

/// `dossier serve`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API (/api/v1) and the web console (/console/) with the timer scheduler, until SIGTERM or SIGINT.",
        discussion: """
            Uses DATABASE_URL, else the embedded cluster (started for as long as the server runs). \
            Migrations run before the server accepts requests.

            Examples:
              dossier serve --demo
              DATABASE_URL=postgres://dossier@db/dossier dossier serve --host 0.0.0.0 \\
                  --port 8080
            """)
    @OptionGroup var options: DossierOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Load the demo data into an empty database and print ready-to-use tokens and curl lines.") var demo = false
    @Option(help: "Refuse request bodies larger than this many bytes (413).") var maxBodySize = 1 << 20
    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            "The address of a reverse proxy whose Forwarded or X-Forwarded-For header the access log believes (repeatable; default none: the peer's address is recorded).",
            valueName: "address"))
    var trustedProxies: [String] = []
    @Option(help: "Seconds between signed checkpoints of every chain head, taken into --checkpoint-dir (60 to 86400).")
    var checkpointInterval = 3600
    @Flag(help: "Serve even as a database superuser, or a role that may update or delete the append-only tables (not advised).")
    var allowPrivilegedDatabaseRole = false
    @Flag(help: "Check every answer against the OpenAPI document and answer 500 where one disagrees (for API tests; slower).")
    var checkResponses = false
    @Option(help: "Minutes a console session may sit unused before it ends (1 to 1440).") var sessionIdleMinutes = 30
    @Option(help: "Hours a console session lasts after signing in, however busy (1 to 72).") var sessionHours = 12

    func run() async throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard (1...1440).contains(sessionIdleMinutes) else {
            throw ValidationError("--session-idle-minutes must be between 1 and 1440, not \(sessionIdleMinutes)")
        }
        guard (1...72).contains(sessionHours) else { throw ValidationError("--session-hours must be between 1 and 72, not \(sessionHours)") }
        guard (60...86400).contains(checkpointInterval) else {
            throw ValidationError("--checkpoint-interval must be between 60 and 86400 seconds, not \(checkpointInterval)")
        }
        // Before the database starts, migrates or takes the demo: a taken port ends it at once.
        try await Self.requireFreeAddress(host: host, port: port)
        let location = try DatabaseLocation(options: options)
        let checkpointDirectory = location.checkpointDirectory(options: options)
        let lease = try location.lease()
        defer { lease.release() }

        // The demo's tokens and try-lines come last, once the server listens, so they are
        // not scrolled away by start-up lines.
        let afterStart: String
        if demo {
            let tokens = try await options.withSession(using: lease, checkpointDirectory: checkpointDirectory) { session in
                try await DemoCommand.load(into: session)
                return try await DemoUsers.ensure(in: session)
            }
            afterStart = DemoUsers.introduction(tokens: tokens, base: "http://\(host):\(port)")
        } else {
            afterStart = ""
        }

        var logger = Logger(label: "dossier.server")
        logger.logLevel = ProcessInfo.processInfo.environment["DOSSIER_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        var configuration = ServerConfiguration(database: lease.configuration)
        try await Self.chooseDatabaseRoles(for: location, lease: lease, into: &configuration, logger: logger)
        configuration.allowsPrivilegedDatabaseRole = allowPrivilegedDatabaseRole
        configuration.host = host
        configuration.port = port
        configuration.maximumBodySize = maxBodySize
        configuration.trustedProxies = trustedProxies
        configuration.checksResponses = checkResponses
        if let metrics = DossierCommand.metrics {
            configuration.metrics = metrics
        } else {
            logger.notice("this executable bootstrapped no metrics (DossierCommand.main(metrics:)): /metrics stays empty")
        }
        configuration.checkpointDirectory = checkpointDirectory
        configuration.onStartupFailure = { error in
            StartupWatchdog.arm(message: (error as? PrivilegedDatabaseRole)?.description ?? "\(error)", after: 20)
        }
        configuration.checkpointInterval = .seconds(checkpointInterval)
        if checkpointDirectory == nil {
            logger.warning("no --checkpoint-dir: chain heads are not checkpointed, so removed newest records would go unnoticed, and disclosure exports cannot be signed")
        }
        let console = Console(configuration: ConsoleConfiguration(
            sessions: SessionPolicy(idleTimeout: .seconds(sessionIdleMinutes * 60), lifetime: .seconds(sessionHours * 3600))))
        let app = try buildApplication(
            configuration: configuration, modules: DossierCommand.modules, extensions: [console], logger: logger
        ) {
            say("serving on http://\($0) (\(location)); the console is at http://\($0)/console/")
            if !afterStart.isEmpty { say(afterStart) }
        }
        // SIGTERM and SIGINT stop the server gracefully: requests in flight finish, for at
        // most 15 s (a request stuck on a database outage gives up after the acquisition
        // timeout anyway); then whatever is left is cancelled, and the process ends.
        var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(15)
        group.maximumCancellationDuration = .seconds(5)
        do {
            try await ServiceGroup(configuration: group).run()
        } catch let refusal as PrivilegedDatabaseRole {
            throw CommandFailure(refusal.description)
        } catch let error as IOError where Self.isListenFailure(error) {
            throw Self.listenFailure(error, host: host, port: port)
        }
    }

    /// Binds the address and lets it go, so a port another process holds is reported
    /// before anything starts. The server binds again later: a port taken in between is
    /// still reported, by the same words.
    static func requireFreeAddress(host: String, port: Int) async throws {
        do {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port).get()
            try await channel.close()
        } catch let error as IOError where isListenFailure(error) {
            throw listenFailure(error, host: host, port: port)
        }
    }

    static func isListenFailure(_ error: IOError) -> Bool {
        [EADDRINUSE, EADDRNOTAVAIL, EACCES].contains(error.errnoCode)
    }

    static func listenFailure(_ error: IOError, host: String, port: Int) -> CommandFailure {
        CommandFailure(
            "cannot listen on \(host):\(port): \(String(cString: strerror(error.errnoCode)).lowercased()); "
                + "is another server using it? Choose another with --port")
    }
}

extension ServeCommand {
    /// The embedded cluster: migrate as its superuser, serve as `dossier_app`, created on
    /// first use. DATABASE_URL: serve as its role, migrating as DATABASE_OWNER_URL's when set.
    static func chooseDatabaseRoles(
        for location: DatabaseLocation, lease: DatabaseLocation.Lease, into configuration: inout ServerConfiguration,
        logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws {
        switch location {
        case .embedded(let embedded):
            let password = try embedded.applicationPassword()
            let owner = PostgresClient(configuration: lease.configuration, backgroundLogger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await owner.run() }
                defer { group.cancelAll() }
                try await owner.withConnection { connection in
                    try await ApplicationRole.ensureLoginRole(
                        EmbeddedDatabase.applicationRole, password: password, on: connection, logger: logger)
                }
            }
            configuration.migrationDatabase = lease.configuration
            configuration.database = embedded.cluster.clientConfiguration(
                database: EmbeddedDatabase.databaseName, username: EmbeddedDatabase.applicationRole, password: password)
        case .url:
            if let owner = environment["DATABASE_OWNER_URL"], !owner.isEmpty {
                configuration.migrationDatabase = try DatabaseURL(owner).clientConfiguration
            }
        }
    }
}

/// Writes a line to standard output at once (unbuffered even when piped), so it comes
/// before the server's log rather than when the process exits.
private func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// The demo's users and the tokens `serve --demo` prints.
enum DemoUsers {
    static let accounts: [(id: String, name: String, roles: Set<Role>, agency: String, clearance: Classification)] = [
        ("admin", "Administrator", [.admin], "DOSSIER", .official),
        ("a.okafor", "Adaeze Okafor", [.investigator], "MET", .secret),
        ("s.mendes", "Sofia Mendes", [.supervisor], "MET", .secret),
        ("l.chen", "Lin Chen", [.legal], "CPS", .secret),
        ("r.haddad", "Rami Haddad", [.analyst], "MET", .confidential),
        ("k.brennan", "Kate Brennan", [.auditor], "IOPC", .secret),
    ]

    /// Fresh tokens for the three users the try-lines speak as, and a fresh console
    /// password for every demo user.
    struct Tokens {
        var supervisor: String
        var legal: String
        var admin: String
        var passwords: [(user: String, role: String, password: String)] = []
    }

    static func ensure(in session: Session) async throws -> Tokens {
        let users = UserStore(client: session.client, logger: session.logger)
        let existing = Set(try await users.users().map(\.id))
        for account in accounts where !existing.contains(account.id) {
            _ = try await users.createUser(
                id: account.id, displayName: account.name, roles: account.roles, agency: account.agency, clearance: account.clearance)
        }
        var tokens = Tokens(
            supervisor: try await users.issueToken(userID: "s.mendes", label: "serve --demo").token,
            legal: try await users.issueToken(userID: "l.chen", label: "serve --demo").token,
            admin: try await users.issueToken(userID: "admin", label: "serve --demo").token)
        for account in accounts {
            let password = newPassword()
            try await users.setPassword(password, forUser: account.id)
            tokens.passwords.append((account.id, account.roles.map(\.rawValue).sorted().joined(separator: ", "), password))
        }
        return tokens
    }

    /// A password for a demo user, new at every start: four groups of four letters and
    /// digits (no look-alikes), e.g. `k7mq-2hxp-9wtc-r4nd`.
    static func newPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }.joined(separator: "-")
    }

    /// What `serve --demo` prints once it listens: the tokens as shell variables, and
    /// lines to try that use them.
    static func introduction(tokens: Tokens, base: String) -> String {
        """

        Demo data loaded. Tokens (shown once; keep them private), to paste into your shell:
          export TOKEN=\(tokens.supervisor)        # s.mendes, supervisor at MET
          export LEGAL_TOKEN=\(tokens.legal)  # l.chen, legal officer at CPS
          export ADMIN_TOKEN=\(tokens.admin)  # admin

        The console: open \(base)/console/ and sign in, e.g. as l.chen to see the legal deadlines.
        Passwords (new at every start):
        \(tokens.passwords.map { "  \($0.user.padding(toLength: 10, withPad: " ", startingAt: 0)) \($0.password)   # \($0.role)" }.joined(separator: "\n"))

        Try:
          curl -s -H "Authorization: Bearer $TOKEN" '\(base)/api/v1/cases?limit=5'
          curl -s -H "Authorization: Bearer $LEGAL_TOKEN" '\(base)/api/v1/deadlines?days=30'   # overdue first
          curl -s -H "Authorization: Bearer $TOKEN" '\(base)/api/v1/persons?name=ivanov'
          curl -s -H "Authorization: Bearer $ADMIN_TOKEN" '\(base)/api/v1/users'
          curl -s '\(base)/api/v1/openapi.json'

        """
    }
}
