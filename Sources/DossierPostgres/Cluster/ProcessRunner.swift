import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion and captures what it printed.
///
/// Uses `posix_spawn` and `waitpid` rather than Foundation's `Process`: `pg_ctl start`
/// leaves a server running that inherits the child's descriptors, so output goes to a
/// temporary file instead of a pipe, and the exit is awaited directly.
package enum ProcessRunner {
    package struct Failure: Error, CustomStringConvertible {
        package var command: String
        package var status: Int32
        package var output: String
        package var description: String {
            "\(command) exited with status \(status): \(output.trimmingCharacters(in: .whitespacesAndNewlines).suffix(2000))"
        }
    }

    /// Runs `executable` with `arguments`; as root, through `runuser -u <user> --` when a
    /// user is given (PostgreSQL refuses to run as root).
    /// - Parameter environment: variables added to this process's environment for the child.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], as user: String? = nil, environment: [String: String] = [:]
    ) throws -> String {
        let result = try capture(executable, arguments, as: user, environment: environment, mergeErrors: true)
        guard result.status == 0 else {
            throw Failure(command: ([executable] + arguments).joined(separator: " "), status: result.status, output: result.output)
        }
        return result.output
    }

    /// What a finished program printed, and how it exited.
    package struct Result: Sendable {
        package var status: Int32
        package var output: String
        package var errors: String
    }

    /// Runs a program and returns its exit status and what it printed on standard output
    /// and standard error (merged into `output` when `mergeErrors`).
    package static func capture(
        _ executable: String, _ arguments: [String], as user: String? = nil, environment: [String: String] = [:],
        removingEnvironment removed: Set<String> = [], mergeErrors: Bool = false
    ) throws -> Result {
        var argv = [executable] + arguments
        if let user, geteuid() == 0 { argv = ["/usr/sbin/runuser", "-u", user, "--"] + argv }

        let base = NSTemporaryDirectory() + "dossier-process-\(getpid())-\(UUID().uuidString)"
        let outputPath = base + ".out"
        let errorPath = base + ".err"
        defer { unlink(outputPath); unlink(errorPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if mergeErrors {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        // Nothing else of this process's goes with the child: not its listening sockets (a
        // cluster started by the server would hold the server's port after it ends), not its
        // database connections.
        closeInheritedFiles(&actions)

        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var variables = ProcessInfo.processInfo.environment.filter { !removed.contains($0.key) }
        variables.merge(environment) { _, added in added }
        let cEnvironment = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else {
            throw Failure(command: argv.joined(separator: " "), status: spawned, output: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(
            status: exitCode, output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            errors: mergeErrors ? "" : (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later; not in Swift's
    /// Glibc module): closes every descriptor from 3 up in the child.
    private static func closeInheritedFiles(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }
}
