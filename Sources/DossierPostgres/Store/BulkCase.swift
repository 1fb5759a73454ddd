public import DossierCore
public import Foundation

/// A case with its members, parties and timeline, written by ``CaseStore/writeBulk(_:)``
/// for large demo and benchmark data sets.
///
/// Bulk writing trusts its caller: it checks what the schema checks and nothing more
/// (no workflow, attribute or access rules, no hooks). The timeline is chained exactly as
/// `openCase` and transitions chain it, so `dossier audit verify` walks it like any other.
public struct BulkCase: Sendable {
    /// An event after the opening, member and party events.
    public struct Event: Sendable {
        public var kind: EventKind
        public var actor: String
        public var payload: JSONValue

        public init(_ kind: EventKind, actor: String, payload: JSONValue) {
            self.kind = kind
            self.actor = actor
            self.payload = payload
        }
    }

    public struct Party: Sendable {
        public var personID: UUID
        public var name: String
        public var role: CaseParty.Role

        public init(personID: UUID, name: String, role: CaseParty.Role) {
            self.personID = personID
            self.name = name
            self.role = role
        }
    }

    public var new: NewCase
    /// The state the events leave the case in.
    public var state: String
    public var openedAt: Date
    public var closedAt: Date?
    /// Opens the case and becomes its lead member.
    public var lead: String
    /// Members besides the lead; each gets a `member_added` event.
    public var members: [(user: String, role: CaseMember.Role)]
    /// Each gets a `party_added` event.
    public var parties: [Party]
    /// The rest of the timeline; event `n` happens `n` hours after the opening.
    public var events: [Event]

    public init(
        _ new: NewCase, state: String, openedAt: Date, closedAt: Date? = nil, lead: String,
        members: [(user: String, role: CaseMember.Role)] = [], parties: [Party] = [], events: [Event] = []
    ) {
        self.new = new
        self.state = state
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.lead = lead
        self.members = members
        self.parties = parties
        self.events = events
    }
}
