import Crypto
public import Foundation

/// A signed record of every chain's length and newest hash at one instant: each case's
/// event chain, each module record chain, the admin log. Kept outside the database, it
/// catches what re-walking the chains cannot: a removed tail (the chain still verifies,
/// only shorter), a removed case, a database rolled back to an older backup.
///
/// The file is text, one canonical JSON value per line (a chain per line, about 130 bytes
/// each; ``CheckpointWriter`` and ``CheckpointFile`` stream it, so a million chains need no
/// more memory than a few):
///
/// ```
/// {"admin_log_length":12,"chains":2,"format":"dossier-checkpoint/1","public_key":"…","taken_at_us":1773223200000000}
/// ["admin-log",null,"",12,"9f…"]
/// ["events","5a0c…","COLD-2026-000001",7,"c4…"]
/// {"signature":"…"}
/// ```
///
/// The signature is the Ed25519 signature of the SHA-256 of every byte before its line.
public struct ChainCheckpoint: Sendable, Hashable {
    public static let format = "dossier-checkpoint/1"
    /// The chain name of the admin log's head.
    public static let adminLogChain = "admin-log"
    /// The chain name of cases' event chains; module record chains go by their module's id.
    public static let eventsChain = "events"

    /// One chain's position: its length and the hash of its last record.
    public struct Head: Sendable, Hashable {
        /// `events`, `admin-log`, or the module whose record chain this is.
        public var chain: String
        /// Nil for the admin log, which belongs to no case.
        public var caseID: UUID?
        public var reference: String
        public var length: Int64
        public var hash: [UInt8]

        public init(chain: String, caseID: UUID?, reference: String, length: Int64, hash: [UInt8]) {
            self.chain = chain
            self.caseID = caseID
            self.reference = reference
            self.length = length
            self.hash = hash
        }

        public var key: Key { Key(chain: chain, caseID: caseID) }
    }

    /// Which chain a head is of. Heads are kept in key order: by chain name, then by case
    /// id (the order of the uuid's bytes, which is PostgreSQL's order of uuids too).
    public struct Key: Sendable, Hashable, Comparable {
        public var chain: String
        public var caseID: UUID?

        public init(chain: String, caseID: UUID?) {
            self.chain = chain
            self.caseID = caseID
        }

        public static func < (left: Key, right: Key) -> Bool {
            guard left.chain == right.chain else { return left.chain < right.chain }
            switch (left.caseID, right.caseID) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let left?, let right?):
                return withUnsafeBytes(of: left.uuid) { leftBytes in
                    withUnsafeBytes(of: right.uuid) { leftBytes.lexicographicallyPrecedes($0) }
                }
            }
        }
    }

    public var takenAt: Date
    /// Every chain with at least one record, sorted by chain then case.
    public var heads: [Head]

    public init(takenAt: Date, heads: [Head]) {
        self.takenAt = Date(microsecondsSince1970: EventChain.microseconds(takenAt))
        self.heads = heads.sorted { $0.key < $1.key }
    }

    /// The signed file's bytes.
    public func encoded(signedWith key: SigningKey) throws -> Data {
        let adminLogLength = heads.first { $0.chain == Self.adminLogChain }?.length ?? 0
        var body = Self.headerLine(takenAt: takenAt, publicKey: key.publicKeyHex, chains: heads.count, adminLogLength: adminLogLength)
        for head in heads { body.append(contentsOf: Self.line(of: head)) }
        body.append(contentsOf: try Self.signatureLine(of: Array(SHA256.hash(data: body)), signedWith: key))
        return Data(body)
    }

    /// The first line: what the file is, when it was taken, by which key, how many chains.
    static func headerLine(takenAt: Date, publicKey: String, chains: Int, adminLogLength: Int64) -> [UInt8] {
        let header: JSONValue = [
            "format": .string(format), "taken_at_us": .int(EventChain.microseconds(takenAt)),
            "public_key": .string(publicKey), "chains": .int(Int64(chains)), "admin_log_length": .int(adminLogLength),
        ]
        return header.canonicalBytes + [UInt8(ascii: "\n")]
    }

    /// A head's line: `["events","5a0c…","COLD-2026-000001",7,"c4…"]`.
    static func line(of head: Head) -> [UInt8] {
        let line: JSONValue = [
            .string(head.chain), head.caseID.map { .string($0.uuidString.lowercased()) } ?? .null, .string(head.reference),
            .int(head.length), .string(head.hash.hexString),
        ]
        return line.canonicalBytes + [UInt8(ascii: "\n")]
    }

    /// The last line: the signature of the SHA-256 of every byte before it.
    static func signatureLine(of digest: [UInt8], signedWith key: SigningKey) throws -> [UInt8] {
        let signature: JSONValue = ["signature": .string(try key.sign(digest))]
        return signature.canonicalBytes + [UInt8(ascii: "\n")]
    }

    /// The head on a line (line numbers count from 1, the header being 1), or a precise error.
    static func head(from line: ArraySlice<UInt8>, number: Int) throws -> Head {
        guard case .array(let fields)? = parse(line), fields.count == 5,
              let chain = fields[0].stringValue, let reference = fields[2].stringValue, let length = fields[3].intValue,
              let hash = fields[4].stringValue.flatMap([UInt8].init(hex:))
        else {
            throw DossierError.invalidInput("checkpoint line \(number) is not a chain head")
        }
        return Head(chain: chain, caseID: fields[1].stringValue.flatMap(UUID.init(uuidString:)), reference: reference,
                    length: length, hash: hash)
    }

    /// A checkpoint read back, and the public key that signed it.
    public struct Signed: Sendable, Hashable {
        public var checkpoint: ChainCheckpoint
        public var publicKey: String
    }

    /// Reads a checkpoint file, checking its signature: against `publicKey` when given (a
    /// pinned key), else against the key the file names.
    public static func decode(_ data: Data, publicKey pinned: String? = nil) throws -> Signed {
        let bytes = [UInt8](data)
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.count >= 2, let headerLine = lines.first,
              let header = parse(headerLine)?.objectValue,
              header["format"]?.stringValue == format,
              let takenAt = header["taken_at_us"]?.intValue,
              let signer = header["public_key"]?.stringValue,
              let count = header["chains"]?.intValue
        else {
            throw DossierError.invalidInput("not a \(format) file: its first line is not a checkpoint header")
        }
        guard let signatureLine = lines.last,
              let signature = parse(signatureLine)?.objectValue?["signature"]?.stringValue
        else {
            throw DossierError.invalidInput("the checkpoint ends without its signature line: it was cut short")
        }
        let signedLength = bytes.count - signatureLine.count - (bytes.last == UInt8(ascii: "\n") ? 1 : 0)
        let digest = Array(SHA256.hash(data: bytes[..<signedLength]))
        if let pinned, pinned != signer {
            throw DossierError.invalidInput("the checkpoint is signed by key \(signer), not the pinned key \(pinned)")
        }
        guard SigningKey.isValid(signature: signature, of: digest, publicKey: signer) else {
            throw DossierError.invalidInput("the checkpoint's signature does not verify: the file was altered after it was signed")
        }
        var heads: [Head] = []
        for (index, line) in lines.dropFirst().dropLast().enumerated() {
            heads.append(try head(from: line, number: index + 2))
        }
        guard heads.count == count else {
            throw DossierError.invalidInput("the checkpoint's header lists \(count) chains; it holds \(heads.count)")
        }
        return Signed(checkpoint: ChainCheckpoint(takenAt: Date(microsecondsSince1970: takenAt), heads: heads), publicKey: signer)
    }

    static func parse(_ line: ArraySlice<UInt8>) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(line))
    }
}

/// What a chain lost since a checkpoint: records it held then that are gone or different.
public struct CheckpointLoss: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The case (or its whole chain) is gone.
        case removed
        /// The chain is shorter than it was: its newest records were removed.
        case truncated
        /// The chain no longer passes through the checkpointed record: it was rewritten.
        case rewritten
    }

    public var kind: Kind
    public var chain: String
    public var caseID: UUID?
    public var reference: String
    /// The chain's length at the checkpoint, and now (nil when it is gone).
    public var checkpointedLength: Int64
    public var currentLength: Int64?

    public init(kind: Kind, chain: String, caseID: UUID?, reference: String, checkpointedLength: Int64, currentLength: Int64?) {
        self.kind = kind
        self.chain = chain
        self.caseID = caseID
        self.reference = reference
        self.checkpointedLength = checkpointedLength
        self.currentLength = currentLength
    }

    /// The first record lost.
    public var sequence: Int64 {
        switch kind {
        case .removed: 1
        case .truncated: (currentLength ?? 0) + 1
        case .rewritten: checkpointedLength
        }
    }

    /// "records 6 to 7 were removed", naming events or entries as the chain calls them.
    public var description: String {
        let (record, records) = chain == ChainCheckpoint.eventsChain ? ("event", "events") : ("entry", "entries")
        let whole = chain == ChainCheckpoint.adminLogChain ? "the admin log" : chain == ChainCheckpoint.eventsChain
            ? "the case" : "the \(chain) log"
        switch kind {
        case .removed:
            return "\(whole) is gone: it held \(checkpointedLength) \(checkpointedLength == 1 ? record : records) at the checkpoint"
        case .truncated:
            let first = (currentLength ?? 0) + 1
            let span = first == checkpointedLength ? "\(record) \(first) was" : "\(records) \(first) to \(checkpointedLength) were"
            return "\(span) removed since the checkpoint (\(whole) now holds \(currentLength ?? 0))"
        case .rewritten:
            return "\(record) \(checkpointedLength) is not the one checkpointed: \(whole) was rewritten from there back"
        }
    }
}
