public import DossierCore
public import Foundation

/// A disclosure export of an operation: its authorisations and log as JSON Lines, and a
/// manifest. A recipient verifies it with ``DisclosureVerifier`` (or
/// `dossier surveillance verify FILE`) without access to the database.
public struct Disclosure: Sendable {
    public static let format = "dossier-surveillance-export/1"

    public var manifest: DisclosureManifest
    /// One JSON object per line: `{"type": "authorisation", ...}` lines, then
    /// `{"type": "entry", ...}` lines in sequence order.
    public var lines: [String]

    public init(
        reference: String, caseID: UUID, authorisations: [Authorisation], entries: [LogEntry], exporter: String, at date: Date,
        signedWith key: SigningKey
    ) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        var lines: [String] = []
        for authorisation in authorisations {
            guard case .object(var object) = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(authorisation)) else {
                continue
            }
            object["type"] = "authorisation"
            lines.append(JSONValue.object(object).canonicalString)
        }
        for entry in entries {
            guard case .object(var object) = entry.content else { continue }
            object["type"] = "entry"
            object["previous_hash"] = .string(entry.previousHash)
            object["hash"] = .string(entry.hash)
            lines.append(JSONValue.object(object).canonicalString)
        }
        self.lines = lines
        manifest = DisclosureManifest(
            format: Self.format, operation: reference, caseID: caseID, exportedAt: date, exportedBy: exporter,
            authorisations: authorisations.count, entries: entries.count, firstSequence: entries.first?.sequence,
            lastSequence: entries.last?.sequence, chainHead: entries.last?.hash ?? LogChain.genesisHash.hexString)
        try manifest.sign(with: key)
    }

    /// The JSON Lines file's text.
    public var jsonLines: String { lines.map { $0 + "\n" }.joined() }
}

/// What an export holds, written beside it as `<file>.manifest.json`.
public struct DisclosureManifest: Codable, Sendable, Hashable {
    public var format: String
    public var operation: String
    public var caseID: UUID
    public var exportedAt: Date
    public var exportedBy: String
    public var authorisations: Int
    public var entries: Int
    public var firstSequence: Int64?
    public var lastSequence: Int64?
    /// The hash of the last entry (lower-case hex): the whole log is fixed by it.
    public var chainHead: String
    /// The Ed25519 key that signed the manifest (hex), and its signature of
    /// ``signedBytes``: without them a recipient could not tell the manifest from one
    /// rewritten to match a shortened file.
    public var publicKey: String?
    public var signature: String?

    /// The file's field names, whatever the encoder's key strategy.
    enum CodingKeys: String, CodingKey {
        case format, operation, authorisations, entries
        case caseID = "case_id"
        case exportedAt = "exported_at"
        case exportedBy = "exported_by"
        case firstSequence = "first_sequence"
        case lastSequence = "last_sequence"
        case chainHead = "chain_head"
        case publicKey = "public_key"
        case signature
    }

    /// What the signature covers: the manifest's canonical JSON (times to the second, as
    /// the file holds them) without the signature.
    public var signedBytes: [UInt8] {
        get throws {
            var unsigned = self
            unsigned.signature = nil
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            return try JSONDecoder().decode(JSONValue.self, from: encoder.encode(unsigned)).canonicalBytes
        }
    }

    public mutating func sign(with key: SigningKey) throws {
        publicKey = key.publicKeyHex
        signature = nil
        signature = try key.sign(try signedBytes)
    }

    /// Why the signature does not hold, or nil when it does: signed by the manifest's key,
    /// and that key is `pinned` when given.
    public func signatureProblem(pinned: String?) -> String? {
        guard let signature, let publicKey else {
            return "the manifest is not signed: it could have been rewritten to match a shortened file"
        }
        if let pinned, pinned != publicKey {
            return "the manifest is signed by key \(publicKey), not the pinned key \(pinned)"
        }
        guard let bytes = try? signedBytes, SigningKey.isValid(signature: signature, of: bytes, publicKey: publicKey) else {
            return "the manifest's signature does not verify: the manifest was altered after it was signed"
        }
        return nil
    }
}

/// Recomputes an export's chain from the file alone and reports the first line that
/// does not match.
public enum DisclosureVerifier {
    public struct Result: Sendable, Hashable {
        public var entriesChecked: Int
        public var authorisations: Int
        /// The head the file's entries hash to.
        public var chainHead: String
        /// The first problem: its line (from 1), the entry's sequence if known, and what is wrong.
        public var firstProblem: Problem?

        public var isIntact: Bool { firstProblem == nil }
    }

    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var sequence: Int64?
        public var reason: String

        /// Line 0 is the manifest.
        public var description: String { line == 0 ? "manifest: \(reason)" : "line \(line): \(reason)" }
    }

    /// Verifies the JSON Lines text, and the manifest's signature, counts and head when
    /// given. Only a pinned `publicKey` (the exporter's) authenticates the manifest: without
    /// it the signature is checked against the key the manifest names, which anyone who
    /// rewrote the manifest could have signed with.
    public static func verify(jsonLines text: String, manifest: DisclosureManifest? = nil, publicKey: String? = nil) -> Result {
        var verifier = LogChain.Verifier()
        var result = Result(entriesChecked: 0, authorisations: 0, chainHead: LogChain.genesisHash.hexString, firstProblem: nil)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let number = index + 1
            guard let object = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)).objectValue else {
                result.firstProblem = Problem(line: number, sequence: nil, reason: "not a JSON object")
                return result
            }
            switch object["type"]?.stringValue {
            case "authorisation":
                result.authorisations += 1
            case "entry":
                var content = object
                content["type"] = nil
                let previousHash = content.removeValue(forKey: "previous_hash")?.stringValue ?? ""
                let hash = content.removeValue(forKey: "hash")?.stringValue ?? ""
                guard let sequence = content["sequence"]?.intValue else {
                    result.firstProblem = Problem(line: number, sequence: nil, reason: "entry has no sequence")
                    return result
                }
                verifier.add(sequence: sequence, content: .object(content), previousHash: previousHash, hash: hash)
                if let broken = verifier.firstBreak {
                    result.firstProblem = Problem(line: number, sequence: broken.sequence, reason: broken.problem)
                    return result
                }
                result.entriesChecked += 1
                result.chainHead = verifier.lastHash.hexString
            default:
                result.firstProblem = Problem(line: number, sequence: nil, reason: "unknown line type; expected authorisation or entry")
                return result
            }
        }
        guard let manifest else { return result }
        if let problem = manifest.signatureProblem(pinned: publicKey) {
            result.firstProblem = Problem(line: 0, sequence: nil, reason: problem)
        } else if manifest.format != Disclosure.format {
            result.firstProblem = Problem(line: 0, sequence: nil, reason: "manifest format '\(manifest.format)' is not \(Disclosure.format)")
        } else if manifest.entries != result.entriesChecked {
            result.firstProblem = Problem(
                line: lines.count, sequence: nil,
                reason: "the manifest lists \(manifest.entries) entries; the file holds \(result.entriesChecked)")
        } else if manifest.authorisations != result.authorisations {
            result.firstProblem = Problem(
                line: lines.count, sequence: nil,
                reason: "the manifest lists \(manifest.authorisations) authorisations; the file holds \(result.authorisations)")
        } else if manifest.chainHead != result.chainHead {
            result.firstProblem = Problem(
                line: lines.count, sequence: manifest.lastSequence,
                reason: "the entries hash to \(result.chainHead), not the manifest's chain head \(manifest.chainHead)")
        }
        return result
    }
}
