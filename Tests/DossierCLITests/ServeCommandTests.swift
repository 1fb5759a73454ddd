import DossierPostgres
import DossierTesting
import Foundation
import Logging
import PostgresNIO
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `dossier serve` as an operator starts it.
@Suite struct ServeCommandTests {
    /// A socket listening on a free loopback port, held open for the test.
    struct OccupiedPort: ~Copyable {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(descriptor, 1) == 0 else { throw POSIXError(.EADDRINUSE) }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(descriptor) }
    }

    @Test func aPortInUseEndsServeWithExitOneNamingTheAddress() async throws {
        try await TestDatabase.with { db in
            let occupied = try OccupiedPort()
            let started = ContinuousClock.now
            let run = try await DossierBinary.run(
                ["serve", "--port", "\(occupied.port)", "--allow-privileged-database-role"], databaseURL: db.url)
            #expect(run.status == 1)
            #expect(!run.stdout.contains("serving on"), "\(run.stdout)")
            #expect(run.stderr.contains(
                "error: cannot listen on 127.0.0.1:\(occupied.port): address already in use; is another server using it? Choose another with --port"),
                "\(run.stderr)")
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test func serveRefusesASuperuserRoleUnlessAllowed() async throws {
        try await TestDatabase.with { db in
            let run = try await DossierBinary.run(["serve", "--port", "\(Int.random(in: 40_000...49_999))"], databaseURL: db.url)
            #expect(run.status == 1)
            #expect(run.stderr.contains("error: refusing to serve as database role "), "\(run.stderr)")
            #expect(run.stderr.contains("is a superuser"))
            #expect(!run.stdout.contains("serving on"))
        }
    }

    /// Whether the process has ended. Foundation's `isRunning` is set by a monitor that a
    /// busy test process can delay by tens of seconds; on Linux the kernel says at once (the
    /// entry is gone, or a zombie not yet reaped).
    static func hasEnded(_ process: Process) -> Bool {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8) else { return true }
        // "1234 (dossier) S ...": the state follows the command's closing parenthesis.
        guard let close = stat.lastIndex(of: ")"), stat.index(close, offsetBy: 2) < stat.endIndex else { return !process.isRunning }
        return ["Z", "X"].contains(stat[stat.index(close, offsetBy: 2)])
        #else
        return !process.isRunning
        #endif
    }

    @Test func onTheEmbeddedClusterServeRunsAsTheApplicationRoleAndStopsOnSIGTERM() async throws {
        let parent = URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "dossier-serve-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let directory = parent.appending(path: "data")
        defer {
            _ = try? DossierBinary.runBlocking(["db", "stop", "--data-dir", directory.path], databaseURL: nil)
            try? FileManager.default.removeItem(at: parent)
        }
        let port = Int.random(in: 30_000...39_999)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: DossierBinary.path)
        server.arguments = ["serve", "--data-dir", directory.path, "--port", "\(port)"]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DATABASE_URL")
        let log = parent.appending(path: "serve.log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        server.standardOutput = FileHandle.nullDevice
        server.standardError = try FileHandle(forWritingTo: log)
        environment["DOSSIER_LOG_LEVEL"] = "debug"
        server.environment = environment
        try server.run()
        defer { if server.isRunning { server.terminate() } }

        var ready = false
        for _ in 0..<300 where !ready && server.isRunning {
            ready = (try? ProcessRunner.capture(
                "/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/health/ready"]))?.output == "200"
            if !ready { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(ready, "serve on the embedded cluster became ready")

        // The server's own connections are dossier_app's, which may not rewrite the event chain.
        let cluster = PostgresCluster(directory: directory, binaries: try PostgresBinaries.locate())
        let client = PostgresClient(configuration: cluster.clientConfiguration(database: "dossier"), backgroundLogger: .init(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let rows = try await client.query(
                "SELECT DISTINCT usename::text FROM pg_stat_activity WHERE application_name = 'dossier'", logger: .init(label: "test"))
            var roles: [String] = []
            for try await role in rows.decode(String.self) { roles.append(role) }
            #expect(roles == ["dossier_app"])
            let granted = try await client.query(
                "SELECT has_table_privilege('dossier_app', 'case_events', 'UPDATE'), has_table_privilege('dossier_app', 'case_events', 'INSERT')",
                logger: .init(label: "test"))
            for try await (update, insert) in granted.decode((Bool, Bool).self) { #expect(!update && insert) }
        }

        let stopping = ContinuousClock.now
        server.terminate()   // SIGTERM
        for _ in 0..<250 where !Self.hasEnded(server) { try await Task.sleep(for: .milliseconds(100)) }
        let stopped = ContinuousClock.now - stopping
        func tail(_ file: URL, _ lines: Int) -> String {
            (try? String(contentsOf: file, encoding: .utf8))?.split(separator: "\n").suffix(lines).joined(separator: "\n") ?? ""
        }
        let tail = tail(log, 12) + "\nPostgreSQL's log ends:\n" + tail(directory.appending(path: "postgres.log"), 12)
        #expect(Self.hasEnded(server), "serve ended within 25 s of SIGTERM; its log ends:\n\(tail)")
        #expect(stopped < .seconds(25), "its log ends:\n\(tail)")
    }
}

