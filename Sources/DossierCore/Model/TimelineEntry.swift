package import Foundation

/// A timeline event as the API and `--json` show it: the hashes in hex.
package struct TimelineEntry: Encodable, Sendable {
    package var sequence: Int64
    package var kind: String
    package var actor: String
    package var occurredAt: Date
    package var payload: JSONValue
    package var previousHash: String
    package var hash: String

    package init(_ event: CaseEvent) {
        sequence = event.sequence
        kind = event.kind.rawValue
        actor = event.actor
        occurredAt = event.occurredAt
        payload = event.payload
        previousHash = event.previousHash.hexString
        hash = event.hash.hexString
    }
}
