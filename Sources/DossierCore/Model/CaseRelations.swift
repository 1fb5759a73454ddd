public import Foundation

/// A person's part in a case.
public struct CaseParty: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case fugitive, suspect, victim, witness, complainant, informant, associate, other
    }

    public var caseID: UUID
    public var personID: UUID
    public var role: Role
    public var note: String
    public var addedAt: Date
    public var addedBy: String

    public init(caseID: UUID, personID: UUID, role: Role, note: String, addedAt: Date, addedBy: String) {
        self.caseID = caseID
        self.personID = personID
        self.role = role
        self.note = note
        self.addedAt = addedAt
        self.addedBy = addedBy
    }
}

/// Someone who works a case, and how.
///
/// | role | reads | changes the case (steps, notes, parties, links, module records) | changes who works it |
/// |---|---|---|---|
/// | lead | yes | yes | yes |
/// | investigator, legal | yes | yes | no |
/// | analyst, observer | yes | no | no |
///
/// A supervisor of the owning agency may do all three without being a member.
public struct CaseMember: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case lead, investigator, legal, analyst, observer

        /// Whether a member with this role may change the case.
        public var mayChange: Bool {
            switch self {
            case .lead, .investigator, .legal: true
            case .analyst, .observer: false
            }
        }
    }

    public var caseID: UUID
    public var userID: String
    public var role: Role
    public var addedAt: Date
    public var addedBy: String

    public init(caseID: UUID, userID: String, role: Role, addedAt: Date, addedBy: String) {
        self.caseID = caseID
        self.userID = userID
        self.role = role
        self.addedAt = addedAt
        self.addedBy = addedBy
    }
}

/// A link from a case to another case, a person, or an entry a module keeps (a directory
/// entry, say). Modules never import each other; they meet through links.
public struct CaseLink: Sendable, Hashable, Codable, Identifiable {
    /// What a link points at. In JSON: `{"type": "case", "case_id": …}`,
    /// `{"type": "person", "person_id": …}`, `{"type": "entry", "module": …, "entry_id": …}`,
    /// or `{"type": "case", "hidden": true}` (`"person"`) for one the reader may not see.
    public enum Target: Sendable, Hashable, Codable {
        case `case`(UUID)
        /// A case the reader may not see: that the link exists is shown, the case is not,
        /// not even its id.
        case hiddenCase
        case person(UUID)
        /// A person the reader may not see: the link is shown, the person is not.
        case hiddenPerson
        /// An object owned by a module, named by the module's id and the object's id.
        case entry(module: String, id: String)

        enum CodingKeys: String, CodingKey {
            case type, hidden
            case caseID = "case_id"
            case personID = "person_id"
            case module
            case entryID = "entry_id"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .type) {
            case "case":
                if try container.decodeIfPresent(Bool.self, forKey: .hidden) == true { self = .hiddenCase; return }
                self = .case(try container.decode(UUID.self, forKey: .caseID))
            case "person":
                if try container.decodeIfPresent(Bool.self, forKey: .hidden) == true { self = .hiddenPerson; return }
                self = .person(try container.decode(UUID.self, forKey: .personID))
            case "entry":
                self = .entry(module: try container.decode(String.self, forKey: .module), id: try container.decode(String.self, forKey: .entryID))
            case let other:
                throw DecodingError.dataCorruptedError(
                    forKey: .type, in: container, debugDescription: "'\(other)' is not a link target; use case, person or entry")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .case(let id):
                try container.encode("case", forKey: .type)
                try container.encode(id.uuidString.lowercased(), forKey: .caseID)
            case .hiddenCase:
                try container.encode("case", forKey: .type)
                try container.encode(true, forKey: .hidden)
            case .person(let id):
                try container.encode("person", forKey: .type)
                try container.encode(id.uuidString.lowercased(), forKey: .personID)
            case .hiddenPerson:
                try container.encode("person", forKey: .type)
                try container.encode(true, forKey: .hidden)
            case .entry(let module, let id):
                try container.encode("entry", forKey: .type)
                try container.encode(module, forKey: .module)
                try container.encode(id, forKey: .entryID)
            }
        }
    }

    public var id: UUID
    public var caseID: UUID
    /// What the link means, e.g. `originating-case`, `related`, `external-contact`.
    public var kind: String
    public var target: Target
    public var createdAt: Date
    public var createdBy: String

    public init(id: UUID, caseID: UUID, kind: String, target: Target, createdAt: Date, createdBy: String) {
        self.id = id
        self.caseID = caseID
        self.kind = kind
        self.target = target
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

/// A note on a case's timeline.
public struct CaseNote: Sendable, Hashable, Codable {
    public var caseID: UUID
    public var text: String
    public var author: String
    public var createdAt: Date

    public init(caseID: UUID, text: String, author: String, createdAt: Date) {
        self.caseID = caseID
        self.text = text
        self.author = author
        self.createdAt = createdAt
    }
}
