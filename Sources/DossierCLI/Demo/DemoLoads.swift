import DossierCore
import Foundation
import Logging
import PostgresNIO

/// Which modules' demo data is loaded completely (table `demo_loads`), so a demo load run
/// again after its idempotency keys have expired adds nothing.
enum DemoLoads {
    static func completed(on client: PostgresClient, logger: Logger) async throws -> Set<String> {
        var modules: Set<String> = []
        for try await module in try await client.query("SELECT module FROM demo_loads", logger: logger).decode(String.self) {
            modules.insert(module)
        }
        return modules
    }

    static func markCompleted(_ module: String, at date: Date, on client: PostgresClient, logger: Logger) async throws {
        try await client.query(
            "INSERT INTO demo_loads (module, completed_at) VALUES (\(module), \(date)) ON CONFLICT (module) DO NOTHING",
            logger: logger)
    }
}
