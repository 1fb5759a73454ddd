import Crypto
public import Foundation

/// A signed checkpoint file read a line at a time. Opening it checks the signature in one
/// pass over the bytes; ``heads()`` then reads the heads again, in key order, and throws
/// at a line out of order or, on reaching the last head, if the bytes read differ from the
/// signed ones (the file changed between the passes): whoever reads the heads must read
/// them to the end before trusting what they found, as every comparison does. Memory stays
/// at a buffer, whatever the file holds.
///
/// ```swift
/// let file = try CheckpointFile(url, publicKey: pinned)
/// var heads = try file.heads()
/// while let head = try heads.next() { ... }
/// ```
public struct CheckpointFile: Sendable {
    public let url: URL
    public let takenAt: Date
    /// How many chain heads the file holds.
    public let chains: Int
    /// The key that signed it.
    public let publicKey: String
    let digest: [UInt8]

    /// Opens the file and checks its signature: against `pinned` when given, else against
    /// the key the file names.
    public init(_ url: URL, publicKey pinned: String? = nil) throws {
        self.url = url
        var lines = try LineReader(url)
        guard let headerLine = try lines.next(), let header = ChainCheckpoint.parse(headerLine[...])?.objectValue,
              header["format"]?.stringValue == ChainCheckpoint.format,
              let takenAt = header["taken_at_us"]?.intValue,
              let signer = header["public_key"]?.stringValue,
              let count = header["chains"]?.intValue
        else {
            throw DossierError.invalidInput("not a \(ChainCheckpoint.format) file: its first line is not a checkpoint header")
        }
        // Every line but the last is signed; the last is the signature.
        var hasher = SHA256()
        var pending = headerLine
        var lineCount = 1
        while let line = try lines.next() {
            hasher.update(data: pending + [UInt8(ascii: "\n")])
            pending = line
            lineCount += 1
        }
        guard lineCount >= 2, let signature = ChainCheckpoint.parse(pending[...])?.objectValue?["signature"]?.stringValue else {
            throw DossierError.invalidInput("the checkpoint ends without its signature line: it was cut short")
        }
        let digest = Array(hasher.finalize())
        if let pinned, pinned != signer {
            throw DossierError.invalidInput("the checkpoint is signed by key \(signer), not the pinned key \(pinned)")
        }
        guard SigningKey.isValid(signature: signature, of: digest, publicKey: signer) else {
            throw DossierError.invalidInput("the checkpoint's signature does not verify: the file was altered after it was signed")
        }
        guard lineCount - 2 == count else {
            throw DossierError.invalidInput("the checkpoint's header lists \(count) chains; it holds \(lineCount - 2)")
        }
        self.takenAt = Date(microsecondsSince1970: takenAt)
        self.chains = Int(count)
        self.publicKey = signer
        self.digest = digest
    }

    /// The heads in key order, read from the file again (see the type's note on reading
    /// them to the end).
    public func heads() throws -> Heads { try Heads(self) }

    /// The whole checkpoint in memory, for small ones and tests.
    public func read() throws -> ChainCheckpoint {
        var heads = try heads()
        var all: [ChainCheckpoint.Head] = []
        while let head = try heads.next() { all.append(head) }
        return ChainCheckpoint(takenAt: takenAt, heads: all)
    }

    /// The heads of a checkpoint file, one at a time.
    public struct Heads: ChainHeadReader {
        var lines: LineReader
        var hasher = SHA256()
        var remaining: Int
        var number = 1
        var previous: ChainCheckpoint.Key?
        let expected: [UInt8]

        init(_ file: CheckpointFile) throws {
            lines = try LineReader(file.url)
            remaining = file.chains
            expected = file.digest
            if let header = try lines.next() { hasher.update(data: header + [UInt8(ascii: "\n")]) }
        }

        public mutating func next() throws -> ChainCheckpoint.Head? {
            guard remaining > 0 else { return nil }
            guard let line = try lines.next() else {
                throw DossierError.invalidInput("the checkpoint changed while it was read: it is shorter than when it was opened")
            }
            hasher.update(data: line + [UInt8(ascii: "\n")])
            number += 1
            remaining -= 1
            let head = try ChainCheckpoint.head(from: line[...], number: number)
            if let previous, !(previous < head.key) {
                throw DossierError.invalidInput("checkpoint line \(number) is out of order: heads are sorted by chain, then case")
            }
            previous = head.key
            if remaining == 0, Array(hasher.finalize()) != expected {
                throw DossierError.invalidInput("the checkpoint changed while it was read: its bytes differ from the signed ones")
            }
            return head
        }
    }
}

/// Heads in key order, one at a time: from a checkpoint file, or from one in memory.
public protocol ChainHeadReader {
    mutating func next() throws -> ChainCheckpoint.Head?
}

extension IndexingIterator: ChainHeadReader where Elements == [ChainCheckpoint.Head] {}

/// Writes a checkpoint file as its heads arrive, in key order: the heads go to a scratch
/// file beside it, then the header (which counts them), the heads and the signature go
/// to `url` (created 0600; it must not exist). Memory stays at a buffer.
public final class CheckpointWriter {
    let url: URL
    let scratch: URL
    let takenAt: Date
    let key: SigningKey
    var body: FileHandle
    var buffer: [UInt8] = []
    public private(set) var chains = 0
    var adminLogLength: Int64 = 0
    var previous: ChainCheckpoint.Key?

    public init(_ url: URL, takenAt: Date, signedWith key: SigningKey) throws {
        self.url = url
        self.takenAt = takenAt
        self.key = key
        scratch = url.deletingLastPathComponent().appending(path: ".\(url.lastPathComponent).heads")
        try? FileManager.default.removeItem(at: scratch)
        body = try PrivateFile.create(scratch)
    }

    /// Adds the next head; heads must come in key order.
    public func append(_ head: ChainCheckpoint.Head) throws {
        if let previous, !(previous < head.key) {
            throw DossierError.invalidInput("checkpoint heads out of order: \(head.chain) \(head.reference) after \(previous.chain)")
        }
        previous = head.key
        if head.chain == ChainCheckpoint.adminLogChain { adminLogLength = head.length }
        buffer += ChainCheckpoint.line(of: head)
        chains += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        try body.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the signed file, flushed to disk, and removes the scratch file.
    public func finish() throws {
        try flush()
        try body.close()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = try PrivateFile.create(url)
        var hasher = SHA256()
        func write(_ bytes: [UInt8]) throws {
            hasher.update(data: bytes)
            try output.write(contentsOf: bytes)
        }
        try write(ChainCheckpoint.headerLine(takenAt: takenAt, publicKey: key.publicKeyHex, chains: chains, adminLogLength: adminLogLength))
        let heads = try FileHandle(forReadingFrom: scratch)
        while let chunk = try heads.read(upToCount: 1 << 20), !chunk.isEmpty { try write(Array(chunk)) }
        try heads.close()
        try output.write(contentsOf: try ChainCheckpoint.signatureLine(of: Array(hasher.finalize()), signedWith: key))
        try output.synchronize()
        try output.close()
    }

    /// Gives up: removes what was written, the scratch file and any part of the file itself.
    public func abandon() {
        try? body.close()
        try? FileManager.default.removeItem(at: scratch)
        try? FileManager.default.removeItem(at: url)
    }
}

/// A file's lines, without their newlines, read a megabyte at a time.
struct LineReader {
    let handle: FileHandle
    var buffer: [UInt8] = []
    var start = 0
    /// Where the search for the next newline resumes: the bytes before it hold none.
    var searched = 0
    var atEnd = false

    init(_ url: URL) throws {
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw DossierError.invalidInput("cannot read the checkpoint '\(url.path)'")
        }
    }

    /// The next line; a last line without a newline counts, an empty end does not.
    mutating func next() throws -> [UInt8]? {
        while true {
            if let newline = buffer[max(start, searched)...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                searched = start
                return line
            }
            searched = buffer.count
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            searched -= start
            start = 0
            if let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                buffer += chunk
            } else {
                atEnd = true
                try? handle.close()
            }
        }
    }
}
