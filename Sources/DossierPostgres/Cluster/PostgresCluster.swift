import DossierCore
public import Foundation
import Logging
public import PostgresNIO

/// A private PostgreSQL cluster in a directory of its own, reachable only through a unix
/// socket in a 0700 directory: the embedded default and the tests' throwaway server.
///
/// Layout of `directory`: `pgdata/` (the cluster), `run/` (the socket, mode 0700),
/// `postgres.log`, and `password` (mode 0600) when the cluster has one. As root, every
/// PostgreSQL program runs as the `postgres` system user, which then owns the directory.
public struct PostgresCluster: Sendable {
    public var directory: URL
    public var binaries: PostgresBinaries
    /// The cluster's superuser.
    public var superuser = "dossier"
    /// Extra server settings, e.g. `["fsync": "off"]` for throwaway test clusters.
    public var settings: [String: String] = [:]

    public init(directory: URL, binaries: PostgresBinaries) {
        self.directory = directory
        self.binaries = binaries
    }

    public var dataDirectory: URL { directory.appending(path: "pgdata") }
    public var socketDirectory: URL { directory.appending(path: "run") }
    public var logFile: URL { directory.appending(path: "postgres.log") }
    public var passwordFile: URL { directory.appending(path: "password") }

    /// The system user the server runs as: `postgres` when we are root, else ourselves.
    var serverUser: String? { geteuid() == 0 ? "postgres" : nil }

    public var isInitialized: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appending(path: "PG_VERSION").path)
    }

    /// Creates the cluster: the directories with their modes, then `initdb`.
    /// - Parameter password: the superuser's password (stored 0600 beside the cluster);
    ///   nil for trust authentication, which only the socket directory's owner can reach.
    public func initialize(password: String?) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try manager.createDirectory(at: socketDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var arguments = ["-D", dataDirectory.path, "-U", superuser, "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"]
        if let password {
            let passwordInput = directory.appending(path: "initdb-password")
            try Data(password.utf8).write(to: passwordInput)
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordInput.path)
            try handOver(passwordInput)
            defer { try? manager.removeItem(at: passwordInput) }
            try handOver(directory)
            arguments += ["--auth=scram-sha-256", "--pwfile=\(passwordInput.path)"]
            try ProcessRunner.run(binaries.initdb, arguments, as: serverUser)
            try Data(password.utf8).write(to: passwordFile)
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile.path)
        } else {
            try handOver(directory)
            arguments += ["--auth=trust"]
            try ProcessRunner.run(binaries.initdb, arguments, as: serverUser)
        }
    }

    /// The stored superuser password, if the cluster has one.
    public func storedPassword() -> String? {
        (try? String(contentsOf: passwordFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func isRunning() -> Bool {
        (try? ProcessRunner.run(binaries.pgCtl, ["status", "-D", dataDirectory.path], as: serverUser)) != nil
    }

    /// Starts the server, listening on the unix socket only, and waits until it accepts
    /// connections. A `postmaster.pid` left by a crash is removed first when no server
    /// runs with it.
    public func start() throws {
        try removeStalePidFile()
        var options = ["-c listen_addresses=''", "-k \(socketDirectory.path)", "-c unix_socket_permissions=0700"]
        options += settings.sorted { $0.key < $1.key }.map { "-c \($0.key)=\($0.value)" }
        try ProcessRunner.run(
            binaries.pgCtl,
            ["start", "-w", "-t", "60", "-D", dataDirectory.path, "-l", logFile.path, "-o", options.joined(separator: " ")],
            as: serverUser)
    }

    /// Stops the server: `fast` rolls back open transactions; `immediate` just ends it.
    public func stop(mode: String = "fast") throws {
        guard isRunning() else { return }
        try ProcessRunner.run(binaries.pgCtl, ["stop", "-w", "-m", mode, "-D", dataDirectory.path], as: serverUser)
    }

    /// Creates a database owned by the superuser, over the socket (the server must run).
    public func createDatabase(_ name: String) throws {
        let createdb = URL(fileURLWithPath: binaries.pgCtl).deletingLastPathComponent().appending(path: "createdb").path
        try ProcessRunner.run(
            createdb, ["-h", socketDirectory.path, "-U", superuser, name], as: serverUser,
            environment: storedPassword().map { ["PGPASSWORD": $0] } ?? [:])
    }

    /// How many client connections the server has now (other programs using the cluster).
    public func clientConnectionCount() throws -> Int {
        let psql = URL(fileURLWithPath: binaries.pgCtl).deletingLastPathComponent().appending(path: "psql").path
        let output = try ProcessRunner.run(
            psql,
            ["-h", socketDirectory.path, "-U", superuser, "-d", "postgres", "-At", "-c",
             "SELECT count(*) - 1 FROM pg_stat_activity WHERE backend_type = 'client backend'"],
            as: serverUser, environment: storedPassword().map { ["PGPASSWORD": $0] } ?? [:])
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Client configuration for a database of this cluster, over the unix socket, as the
    /// superuser or as `username` with `password`.
    public func clientConfiguration(database: String, username: String? = nil, password: String? = nil) -> PostgresClient.Configuration {
        let socket = socketDirectory.appending(path: ".s.PGSQL.5432").path
        return PostgresClient.Configuration(
            unixSocketPath: socket, username: username ?? superuser, password: username == nil ? storedPassword() : password,
            database: database)
    }

    /// A postmaster.pid whose process is gone (a crash, a reboot) would stop `pg_ctl start`.
    private func removeStalePidFile() throws {
        let pidFile = dataDirectory.appending(path: "postmaster.pid")
        guard let contents = try? String(contentsOf: pidFile, encoding: .utf8) else { return }
        guard let pid = contents.split(separator: "\n").first.flatMap({ Int32($0.trimmingCharacters(in: .whitespaces)) })
        else { return }
        if kill(pid, 0) != 0, errno == ESRCH {
            try FileManager.default.removeItem(at: pidFile)
        }
    }

    /// As root, gives the `postgres` user a path the server must own.
    private func handOver(_ url: URL) throws {
        guard serverUser != nil else { return }
        try ProcessRunner.run("/bin/chown", ["-R", "postgres:postgres", url.path])
    }
}
