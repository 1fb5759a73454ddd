import DossierPostgres
import Foundation
import Testing

/// The built `dossier` executable, run as a user would run it.
enum DossierBinary {
    /// Next to the test bundle in the build directory.
    static var path: String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appending(path: "dossier").path), directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appending(path: "dossier").path
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Standard output parsed as JSON.
        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed]) }
    }

    /// Runs `dossier` with `arguments` against `databaseURL`, or against the embedded
    /// cluster (no DATABASE_URL) when nil. The wait happens on a GCD thread, not on one of
    /// the cooperative pool's (two, on two cores): a blocked pool stalls every other test's
    /// server, and the live-socket tests beside these time out.
    static func run(
        _ arguments: [String], databaseURL: String?, as user: String? = nil, environment: [String: String] = [:]
    ) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try runBlocking(arguments, databaseURL: databaseURL, as: user, environment: environment)
                })
            }
        }
    }

    /// ``run(_:databaseURL:as:environment:)`` on the calling thread, for a `defer`.
    static func runBlocking(
        _ arguments: [String], databaseURL: String?, as user: String? = nil, environment: [String: String] = [:]
    ) throws -> Run {
        var variables = environment
        if let databaseURL { variables["DATABASE_URL"] = databaseURL }
        let result = try ProcessRunner.capture(
            path, arguments, as: user, environment: variables, removingEnvironment: databaseURL == nil ? ["DATABASE_URL"] : [])
        return Run(status: result.status, stdout: result.output, stderr: result.errors)
    }
}
