public import Foundation

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
enum ProcessRunner {
    struct Failure: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var output: String
        var description: String {
            "\(command) exited with status \(status): \(output.trimmingCharacters(in: .whitespacesAndNewlines).suffix(2000))"
        }
    }

    /// Runs `executable` with `arguments`; as root, through `runuser -u <user> --` when a
    /// user is given (PostgreSQL refuses to run as root).
    @discardableResult
    /// - Parameter environment: variables added to this process's environment for the child.
    static func run(
        _ executable: String, _ arguments: [String], as user: String? = nil, environment: [String: String] = [:]
    ) throws -> String {
        var argv = [executable] + arguments
        if let user, geteuid() == 0 { argv = ["/usr/sbin/runuser", "-u", user, "--"] + argv }

        let outputPath = NSTemporaryDirectory() + "dossier-process-\(getpid())-\(UUID().uuidString).log"
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var variables = ProcessInfo.processInfo.environment
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
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        guard exitCode == 0 else {
            throw Failure(command: argv.joined(separator: " "), status: exitCode, output: output)
        }
        return output
    }
}
