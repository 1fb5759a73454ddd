public import DossierCore
import Foundation

/// The per-operation log chain: `hash = SHA-256(previous hash ‖ canonical entry content)`,
/// the same construction as the case event chain, checkable from the entries alone.
public enum LogChain {
    /// The previous hash of an operation's first entry.
    public static let genesisHash = [UInt8](repeating: 0, count: 32)

    public static func hash(previousHash: [UInt8], content: JSONValue) -> [UInt8] {
        EventChain.hash(previousHash: previousHash, canonicalEvent: content.canonicalBytes)
    }

    /// Walks one operation's entries in sequence order and keeps the first that does not
    /// verify.
    public struct Verifier: Sendable {
        public private(set) var expectedSequence: Int64 = 1
        public private(set) var lastHash: [UInt8] = LogChain.genesisHash
        /// The sequence and the reason of the first entry that does not verify.
        public private(set) var firstBreak: (sequence: Int64, problem: String)?

        public init() {}

        /// Records a break found outside the hashes (a stored value that cannot be read).
        public mutating func fail(sequence: Int64, problem: String) {
            if firstBreak == nil { firstBreak = (sequence, problem) }
        }

        /// Checks the next entry, given as its content and its two stored hashes (hex).
        public mutating func add(sequence: Int64, content: JSONValue, previousHash: String, hash: String) {
            guard firstBreak == nil else { return }
            defer { expectedSequence = sequence + 1 }
            guard sequence == expectedSequence else {
                firstBreak = (expectedSequence, "entry \(expectedSequence) is missing (found \(sequence) in its place)")
                return
            }
            guard previousHash == lastHash.hexString else {
                firstBreak = (sequence, "entry \(sequence) does not point at the hash of entry \(sequence - 1)")
                return
            }
            let recomputed = LogChain.hash(previousHash: lastHash, content: content)
            guard recomputed.hexString == hash else {
                firstBreak = (sequence, "entry \(sequence) was altered: its content does not match its hash")
                return
            }
            lastHash = recomputed
        }
    }
}
