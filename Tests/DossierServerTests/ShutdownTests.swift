import DossierCore
import DossierPostgres
import DossierServer
import DossierTesting
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// A module with one slow route, to have a request in flight during shutdown.
struct SlowModule: CaseModule, HTTPModule {
    let id = "slow"
    let name = "Slow"
    let version = SemanticVersion(1, 0, 0)
    let referencePrefix = "SLW"

    func routes(services: DossierServices) -> [APIRoute] {
        [
            .get("wait", "Answers after 1.5 s", response: RouteResponse(status: .ok, schema: nil).or("text/plain")) { _, _ in
                SlowModule.requestsStarted.withLock { $0 += 1 }
                try await Task.sleep(for: .milliseconds(1500))
                return "done"
            }
        ]
    }

    /// How many requests reached the slow route, so the test shuts down only once one is in flight.
    static let requestsStarted = Mutex(0)

}

@Suite struct ShutdownTests {
    /// Runs curl on a GCD thread (it blocks), not on the cooperative pool the server uses.
    func curl(_ arguments: [String]) async throws -> ProcessRunner.Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ProcessRunner.capture("/usr/bin/curl", arguments) })
            }
        }
    }

    @Test func gracefulShutdownFinishesRequestsInFlight() async throws {
        try await TestDatabase.with(modules: [SlowModule()]) { db async throws in
            let users = UserStore(client: db.client, logger: db.logger)
            _ = try await users.createUser(id: "ivy", displayName: "Ivy", roles: [.investigator], agency: "MET", clearance: .secret)
            let token = try await users.issueToken(userID: "ivy").token
            let port = Int.random(in: 20_000...29_999)
            var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
            configuration.allowsPrivilegedDatabaseRole = true   // the test cluster's superuser
            configuration.port = port
            var logger = Logger(label: "dossier.shutdown.test")
            logger.logLevel = .warning
            let app = try buildApplication(configuration: configuration, modules: [SlowModule()], logger: logger)
            let group = ServiceGroup(configuration: .init(services: [app], logger: logger))

            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var live = false
                for _ in 0..<100 where !live {
                    live = try await curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/health/live"]).output == "200"
                    if !live { try await Task.sleep(for: .milliseconds(100)) }
                }
                #expect(live)
                async let slow = curl([
                    "-s", "-w", " %{http_code}", "-H", "Authorization: Bearer \(token)", "http://127.0.0.1:\(port)/api/v1/slow/wait",
                ])
                // Shut down once the request is in the handler, however loaded the machine is.
                for _ in 0..<200 where SlowModule.requestsStarted.withLock({ $0 }) == 0 {
                    try await Task.sleep(for: .milliseconds(50))
                }
                await group.triggerGracefulShutdown()
                let answer = try await slow
                #expect(answer.output == "done 200")
                try await tasks.waitForAll()
            }
            let refused = try await curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/health/live"])
            #expect(refused.output == "000")
        }
    }
}
