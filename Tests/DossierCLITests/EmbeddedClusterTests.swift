import DossierPostgres
import Foundation
import Testing

/// The embedded default: no DATABASE_URL, a private cluster in the data directory.
@Suite(.serialized) struct EmbeddedClusterTests {
    /// A fresh data directory whose parent the `postgres` user can enter.
    func makeDataDirectory(owner: String? = nil) throws -> URL {
        let parent = URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "dossier-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        if let owner { _ = try ProcessRunner.capture("/bin/chown", ["\(owner):\(owner)", parent.path]) }
        return parent.appending(path: "data")
    }

    func permissions(_ url: URL) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int ?? -1
    }

    func clusterLifecycle(as user: String?) async throws {
        let directory = try makeDataDirectory(owner: user)
        defer {
            _ = try? DossierBinary.runBlocking(["db", "stop", "--data-dir", directory.path], databaseURL: nil, as: user)
            try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
        }
        func dossier(_ arguments: [String]) async throws -> DossierBinary.Run {
            try await DossierBinary.run(arguments + ["--data-dir", directory.path], databaseURL: nil, as: user)
        }

        let before = try await dossier(["db", "status"])
        #expect(before.status == 1)
        #expect(before.stderr.contains("no embedded cluster in \(directory.path) yet"))

        let started = try await dossier(["db", "start"])
        #expect(started.status == 0, "\(started.stdout)\(started.stderr)")
        #expect(try await dossier(["db", "status"]).status == 0)
        #expect(try permissions(directory.appending(path: "run")) == 0o700)
        #expect(try permissions(directory.appending(path: "password")) == 0o600)
        #expect(try await dossier(["db", "url"]).stdout.hasPrefix("postgresql://dossier:"))

        let added = try await dossier(["person", "add", "--name", "Marlon Reid", "--nationality", "JM", "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let id = try #require((try added.json() as? [String: Any])?["id"] as? String)

        #expect(try await dossier(["db", "stop"]).status == 0)
        let stopped = try await dossier(["db", "status"])
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("is stopped"))

        // A command on a stopped cluster starts it for its own duration, then stops it.
        let shown = try await dossier(["person", "show", id])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Marlon Reid"))
        #expect(try await dossier(["db", "status"]).status == 1)

        // A crash leaves postmaster.pid behind; the next command recovers.
        #expect(try await dossier(["db", "start"]).status == 0)
        let pidFile = directory.appending(path: "pgdata/postmaster.pid")
        let pid = try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8).split(separator: "\n")[0]))
        kill(pid, SIGKILL)
        for _ in 0..<50 where kill(pid, 0) == 0 { usleep(100_000) }
        usleep(500_000)
        let recovered = try await dossier(["person", "show", id])
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(recovered.stdout.contains("Marlon Reid"))
    }

    @Test func startsStopsRestartsAndRecoversWithItsDataIntact() async throws {
        try await clusterLifecycle(as: nil)
    }

    /// As a non-root user, the test above is this one.
    @Test(.enabled(if: geteuid() == 0, "runs as root, acting as the postgres user"))
    func worksForANonRootUserToo() async throws {
        try await clusterLifecycle(as: "postgres")
    }
}
