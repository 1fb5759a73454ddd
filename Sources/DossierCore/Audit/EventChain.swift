public import Foundation
import Crypto

/// The per-case hash chain: `hash = SHA-256(previousHash ‖ canonical event)`.
///
/// The canonical event is the canonical JSON of the case id, sequence, kind, actor, time in
/// whole microseconds since 1970 (PostgreSQL's precision) and payload. Verification needs
/// nothing but the events themselves.
public enum EventChain {
    /// The `previousHash` of a case's first event.
    public static let genesisHash = [UInt8](repeating: 0, count: 32)

    public static func canonicalBytes(
        caseID: UUID, sequence: Int64, kind: EventKind, actor: String, occurredAt: Date, payload: JSONValue
    ) -> [UInt8] {
        canonicalBytes(
            caseID: caseID, sequence: sequence, kind: kind.rawValue, actor: actor,
            atMicroseconds: microseconds(occurredAt), canonicalPayload: payload.canonicalBytes)
    }

    /// The canonical event from its parts, the payload already canonical: the same bytes
    /// as the canonical JSON of the event object, its keys in byte order.
    public static func canonicalBytes(
        caseID: UUID, sequence: Int64, kind: String, actor: String, atMicroseconds: Int64, canonicalPayload: [UInt8]
    ) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(canonicalPayload.count + actor.utf8.count + kind.utf8.count + 120)
        output.append(contentsOf: #"{"actor":"#.utf8)
        JSONValue.writeCanonicalString(actor, into: &output)
        output.append(contentsOf: #","at_us":"#.utf8)
        output.append(contentsOf: String(atMicroseconds).utf8)
        output.append(contentsOf: #","case":""#.utf8)
        output.append(contentsOf: caseID.uuidString.lowercased().utf8)
        output.append(contentsOf: #"","kind":"#.utf8)
        JSONValue.writeCanonicalString(kind, into: &output)
        output.append(contentsOf: #","payload":"#.utf8)
        output.append(contentsOf: canonicalPayload)
        output.append(contentsOf: #","seq":"#.utf8)
        output.append(contentsOf: String(sequence).utf8)
        output.append(UInt8(ascii: "}"))
        return output
    }

    public static func hash(previousHash: [UInt8], canonicalEvent: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previousHash)
        hasher.update(data: canonicalEvent)
        return Array(hasher.finalize())
    }

    /// Builds the next event of a chain, with its hash.
    public static func seal(
        caseID: UUID, sequence: Int64, kind: EventKind, actor: String, occurredAt: Date, payload: JSONValue,
        previousHash: [UInt8]
    ) -> CaseEvent {
        let at = Date(microsecondsSince1970: microseconds(occurredAt))
        let canonical = canonicalBytes(
            caseID: caseID, sequence: sequence, kind: kind, actor: actor, occurredAt: at, payload: payload)
        return CaseEvent(
            caseID: caseID, sequence: sequence, kind: kind, actor: actor, occurredAt: at, payload: payload,
            previousHash: previousHash, hash: hash(previousHash: previousHash, canonicalEvent: canonical))
    }

    /// A time as whole microseconds since 1970, rounded as PostgreSQL stores `timestamptz`.
    public static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// Why a chain does not verify.
    public enum Break: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The sequence numbers skip or repeat.
        case sequenceGap(expected: Int64, found: Int64)
        /// The event's `previousHash` is not the hash of the event before it.
        case previousHashMismatch(sequence: Int64)
        /// The event's content does not hash to its stored hash: it was edited.
        case hashMismatch(sequence: Int64)
        /// The case's recorded chain head is not the last event's hash.
        case headMismatch(sequence: Int64)

        public var sequence: Int64 {
            switch self {
            case .sequenceGap(let expected, _): expected
            case .previousHashMismatch(let sequence), .hashMismatch(let sequence), .headMismatch(let sequence): sequence
            }
        }

        public var description: String {
            switch self {
            case .sequenceGap(let expected, let found):
            found == 0 ? "event \(expected) and any after it are missing" : "event \(expected) is missing (found \(found) in its place)"
            case .previousHashMismatch(let sequence): "event \(sequence) does not point at the hash of event \(sequence - 1)"
            case .hashMismatch(let sequence): "event \(sequence) was altered: its content does not match its hash"
            case .headMismatch(let sequence): "the case's chain head does not match event \(sequence)"
            }
        }
    }

    /// Walks one case's chain incrementally, so that millions of events verify without
    /// holding them in memory.
    public struct Verifier: Sendable {
        public private(set) var expectedSequence: Int64 = 1
        public private(set) var lastHash: [UInt8] = EventChain.genesisHash
        public private(set) var firstBreak: Break?
        /// The chain length the case row records, if known; its head is checked against
        /// the hash of that event (events appended later are still verified).
        let recordedLength: Int64?
        private var hashAtRecordedLength: [UInt8]?

        public init(recordedLength: Int64? = nil) {
            self.recordedLength = recordedLength
        }

        /// Checks the next event; after the first break, later events are not checked.
        public mutating func add(_ event: CaseEvent) {
            add(
                sequence: event.sequence, previousHash: event.previousHash, hash: event.hash,
                canonicalEvent: { EventChain.canonicalBytes(
                    caseID: event.caseID, sequence: event.sequence, kind: event.kind, actor: event.actor,
                    occurredAt: event.occurredAt, payload: event.payload) })
        }

        /// Checks the next event from its stored parts; `canonicalEvent` is asked for only
        /// when the sequence and the link to the previous hash hold.
        public mutating func add(
            sequence: Int64, previousHash: [UInt8], hash: [UInt8], canonicalEvent: () throws -> [UInt8]
        ) rethrows {
            guard firstBreak == nil else { return }
            defer { expectedSequence = sequence + 1 }
            if sequence != expectedSequence {
                firstBreak = .sequenceGap(expected: expectedSequence, found: sequence)
                return
            }
            if previousHash != lastHash {
                firstBreak = .previousHashMismatch(sequence: sequence)
                return
            }
            let recomputed = EventChain.hash(previousHash: lastHash, canonicalEvent: try canonicalEvent())
            if hash != recomputed {
                firstBreak = .hashMismatch(sequence: sequence)
                return
            }
            lastHash = recomputed
            if sequence == recordedLength { hashAtRecordedLength = recomputed }
        }

        /// Checks the case's recorded chain head once all events were added: it must be the
        /// hash of the event at the recorded length (the last event when no length is given).
        public mutating func finish(head: [UInt8]?) {
            guard firstBreak == nil else { return }
            let length = recordedLength ?? (expectedSequence - 1)
            let expectedHead = recordedLength == nil ? (length == 0 ? nil : lastHash) : hashAtRecordedLength
            if length == 0 && head == nil { return }
            if let expectedHead, expectedHead == head { return }
            if expectedHead == nil && length > 0 {
                firstBreak = .sequenceGap(expected: expectedSequence, found: 0)
            } else {
                firstBreak = .headMismatch(sequence: length)
            }
        }
    }
}

extension Date {
    public init(microsecondsSince1970 microseconds: Int64) {
        self.init(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }
}

extension Array where Element == UInt8 {
    /// Lower-case hexadecimal.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var output = [UInt8]()
        output.reserveCapacity(count * 2)
        for byte in self {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
