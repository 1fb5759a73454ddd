import Crypto
import DossierCore
import DossierPostgres
import Foundation

/// The private PostgreSQL cluster `dossier` runs on when no `DATABASE_URL` is set.
///
/// Created on first use with a generated superuser password (stored 0600), listening only
/// on a unix socket in a 0700 directory; a crash's leftover `postmaster.pid` is cleared
/// before starting.
struct EmbeddedDatabase: Sendable {
    static let databaseName = "dossier"
    var cluster: PostgresCluster

    init(directory: URL) throws {
        cluster = PostgresCluster(directory: directory, binaries: try PostgresBinaries.locate())
        cluster.settings = Self.settings(physicalMemory: Self.availableMemory())
    }

    /// Server settings for a machine the cluster shares with Dossier alone: a quarter of
    /// the memory (at most 4 GiB) as shared buffers, as PostgreSQL's documentation advises
    /// for a dedicated server, instead of the 128 MB default that keeps a million cases out
    /// of PostgreSQL's own cache; random reads priced as the memory or SSD they come from.
    /// The machine's memory, or the container's limit when one is set (cgroup v2 or v1):
    /// a cluster sized by the host's memory would be killed by the container's.
    static func availableMemory() -> UInt64 {
        let physical = ProcessInfo.processInfo.physicalMemory
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  let limit = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { continue }
            return min(physical, limit)
        }
        return physical
    }

    static func settings(physicalMemory: UInt64) -> [String: String] {
        let megabytes = physicalMemory / (1 << 20)
        let sharedBuffers = min(4096, max(128, megabytes / 4))
        return [
            "shared_buffers": "\(sharedBuffers)MB",
            "effective_cache_size": "\(max(256, megabytes / 2))MB",
            "work_mem": "16MB",
            "random_page_cost": "1.1",
        ]
    }

    /// Creates and starts the cluster as needed.
    /// - Returns: whether this call started it (and so should stop it afterwards).
    @discardableResult
    func ensureRunning() throws -> Bool {
        var startedHere = false
        if !cluster.isInitialized {
            try checkReachableByServerUser()
            try cluster.initialize(password: Self.generatePassword())
        }
        if !cluster.isRunning() {
            try cluster.start()
            startedHere = true
        }
        // Created once, after the first start; a run interrupted before this retries it.
        let marker = cluster.directory.appending(path: "database-created")
        if !FileManager.default.fileExists(atPath: marker.path) {
            do {
                try cluster.createDatabase(Self.databaseName)
            } catch let failure as ProcessRunner.Failure where failure.output.contains("already exists") {}
            // Without the marker the next command only tries the creation again: no harm.
            _ = FileManager.default.createFile(atPath: marker.path, contents: Data())
        }
        return startedHere
    }

    /// The role `serve` connects as: no superuser, no UPDATE or DELETE on the append-only
    /// tables (``ApplicationRole``). The superuser owns the schema and migrates.
    static let applicationRole = "dossier_app"

    /// The application role's password, generated on first use and stored 0600 in the
    /// cluster's directory beside the superuser's.
    func applicationPassword() throws -> String {
        let file = cluster.directory.appending(path: "app-password")
        if let stored = try? String(contentsOf: file, encoding: .utf8), !stored.isEmpty {
            return stored.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let password = Self.generatePassword()
        // A password that is not stored would be lost with this process, and the role with it.
        guard FileManager.default.createFile(atPath: file.path, contents: Data(password.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CommandFailure("cannot write \(file.path): is the data directory writable?") }
        return password
    }

    /// The connection URL of the running cluster (with its password).
    var connectionURL: String {
        let password = cluster.storedPassword().map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        return "postgresql://\(cluster.superuser)\(password)@/\(Self.databaseName)?host=\(cluster.socketDirectory.path)"
    }

    /// As root the server runs as `postgres`, which must be able to reach the directory.
    private func checkReachableByServerUser() throws {
        guard geteuid() == 0 else { return }
        var ancestor = cluster.directory.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: ancestor.path) { ancestor = ancestor.deletingLastPathComponent() }
        while ancestor.path != "/" {
            let attributes = try FileManager.default.attributesOfItem(atPath: ancestor.path)
            let mode = (attributes[.posixPermissions] as? Int) ?? 0
            if mode & 0o001 == 0 {
                throw DossierError.invalidInput(
                    "the data directory \(cluster.directory.path) is inside \(ancestor.path), which the postgres user "
                        + "cannot enter; choose another --data-dir (e.g. /var/lib/dossier) or set DATABASE_URL")
            }
            ancestor = ancestor.deletingLastPathComponent()
        }
    }

    static func generatePassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
