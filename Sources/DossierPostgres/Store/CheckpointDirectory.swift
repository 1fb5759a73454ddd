public import DossierCore
public import Foundation
public import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A directory outside the database that holds the signing key (`signing-key`, 0600, and
/// `signing-key.pub`) and the newest signed checkpoints (`checkpoint-<time>.dcp`).
///
/// ```swift
/// let checkpoints = try CheckpointDirectory(URL(fileURLWithPath: "/var/lib/dossier/checkpoints"))
/// let taken = try await checkpoints.take(store: store)     // signs and writes one
/// let newest = try checkpoints.newest()                     // what `audit verify` compares with
/// ```
public struct CheckpointDirectory: Sendable {
    public let url: URL
    public let key: SigningKey
    /// How many checkpoints are kept; older ones are deleted once a newer one is written.
    public var retained = 48

    /// Opens the directory, creating it and its signing key when missing.
    public init(_ url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        key = try SigningKey.loadOrCreate(at: url.appending(path: "signing-key"))
    }

    private init(url: URL, key: SigningKey) {
        self.url = url
        self.key = key
    }

    /// The directory if it holds a signing key, without creating anything: what reading
    /// commands open, so that they never mint a key.
    public static func existing(_ url: URL) throws -> CheckpointDirectory? {
        let keyFile = url.appending(path: "signing-key")
        guard FileManager.default.fileExists(atPath: keyFile.path) else { return nil }
        return CheckpointDirectory(url: url, key: try SigningKey.load(at: keyFile))
    }

    /// Re-walks the chains (``CaseStore/verifyChains(caseID:parallelism:checkpoint:)``) and
    /// compares them with the newest checkpoint. A newest checkpoint that does not verify
    /// (altered, cut short, signed by another key than `publicKey`), or none at all when a
    /// key is pinned, makes the report not intact rather than failing the request.
    public func verify(store: CaseStore, caseID: UUID? = nil, publicKey: String? = nil) async throws -> ChainVerificationReport {
        let newest: CheckpointFile?
        var problem: String?
        do {
            newest = try self.newestFile(publicKey: publicKey)
            if newest == nil, publicKey != nil {
                problem = "the checkpoint directory \(url.path) holds no checkpoint for the pinned key to verify"
            }
        } catch let error as DossierError where error.code == .invalidInput {
            (newest, problem) = (nil, error.message)
        }
        var report: ChainVerificationReport
        do {
            report = try await store.verifyChains(caseID: caseID, checkpoint: newest)
        } catch let error as DossierError where error.code == .invalidInput && newest != nil {
            // The file turned out unreadable while its heads were read (a bad line, or bytes
            // changed since its signature was checked): the chains are still verified.
            report = try await store.verifyChains(caseID: caseID, checkpoint: nil)
            problem = "\(newest?.url.lastPathComponent ?? ""): \(error.message)"
        }
        report.checkpoint?.file = newest?.url.lastPathComponent
        report.checkpointProblem = problem
        return report
    }

    /// The checkpoint files, oldest first (their names sort by time).
    public func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("checkpoint-") && $0.pathExtension == "dcp" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The newest checkpoint file, its signature checked against `publicKey` when given,
    /// else against this directory's key; its heads are read when compared. Throws when
    /// the newest file does not verify.
    public func newestFile(publicKey: String? = nil) throws -> CheckpointFile? {
        guard let file = try files().last else { return nil }
        do {
            return try CheckpointFile(file, publicKey: publicKey ?? key.publicKeyHex)
        } catch let error as DossierError {
            throw DossierError(error.code, "\(file.lastPathComponent): \(error.message)")
        }
    }

    /// The newest checkpoint and its file, read whole (``newestFile(publicKey:)`` streams).
    public func newest(publicKey: String? = nil) throws -> (file: URL, checkpoint: ChainCheckpoint)? {
        guard let file = try newestFile(publicKey: publicKey) else { return nil }
        return (file.url, try file.read())
    }

    /// What ``take(store:logger:)`` did.
    public struct Taken: Sendable {
        public var file: URL
        public var takenAt: Date
        /// How many chain heads it holds.
        public var chains: Int
        /// What chains lost since the previous checkpoint (their previous heads were kept).
        public var losses: [CheckpointLoss]

        /// The checkpoint read back whole, for small ones and tests.
        public func read() throws -> ChainCheckpoint { try CheckpointFile(file).read() }
    }

    /// Signs and writes a checkpoint of every chain, carrying forward what chains lost since
    /// the newest one, then deletes all but the newest ``retained``. The heads stream from
    /// the database and the previous file to the new one, so memory does not grow with the
    /// number of chains (only with the losses found). It needs two of the store's pooled
    /// connections at once: one streams the heads while the other checks grown chains.
    public func take(store: CaseStore, logger: Logger) async throws -> Taken {
        removeLeftovers()
        let previous = try newestFile()
        let takenAt = Date(microsecondsSince1970: EventChain.microseconds(store.clock.now()))
        let file = url.appending(path: "checkpoint-\(Self.name(for: takenAt)).dcp")
        let partial = url.appending(path: ".\(file.lastPathComponent).partial")
        try? FileManager.default.removeItem(at: partial)
        let writer = try CheckpointWriter(partial, takenAt: takenAt, signedWith: key)
        let losses: [CheckpointLoss]
        do {
            losses = try await store.writeCheckpoint(carryingForward: previous, to: writer)
            try writer.finish()
        } catch {
            writer.abandon()
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        do {
            try moveIntoPlace(partial, as: file)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        for loss in losses {
            logger.error("a chain lost records since the previous checkpoint", metadata: [
                "chain": "\(loss.chain)", "case": "\(loss.reference)", "loss": "\(loss.description)",
            ])
        }
        for old in try files().dropLast(retained) { try? FileManager.default.removeItem(at: old) }
        return Taken(file: file, takenAt: takenAt, chains: writer.chains, losses: losses)
    }

    /// `2026-03-11T10-00-00.000000Z`: sorts by time, and is a valid file name everywhere.
    static func name(for date: Date) -> String {
        let micros = EventChain.microseconds(date)
        let seconds = Date(timeIntervalSince1970: TimeInterval(micros.quotientAndRemainder(dividingBy: 1_000_000).quotient))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: seconds)
        func two(_ value: Int?) -> String { (value ?? 0).zeroPadded(2) }
        return "\((parts.year ?? 0).zeroPadded(4))-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour))-\(two(parts.minute))-"
            + "\(two(parts.second)).\((micros % 1_000_000).zeroPadded(6))Z"
    }

    /// Scratch files a checkpoint interrupted by a crash left behind (`.checkpoint-….partial`
    /// and its `.heads`), which no later checkpoint would reuse.
    func removeLeftovers() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        for name in names where name.hasPrefix(".") && name.contains("checkpoint-") && name.contains(".partial") {
            try? FileManager.default.removeItem(at: url.appending(path: name))
        }
    }

    /// Renames a finished partial file to its checkpoint's name, so a crash never leaves a
    /// partial checkpoint under a checkpoint's name.
    func moveIntoPlace(_ partial: URL, as file: URL) throws {
        guard rename(partial.path, file.path) == 0 else {
            throw DossierError.invalidInput("cannot write '\(file.path)': \(String(cString: strerror(errno)).lowercased())")
        }
    }
}
