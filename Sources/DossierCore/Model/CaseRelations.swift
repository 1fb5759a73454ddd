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
public struct CaseMember: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case lead, investigator, legal, analyst, observer
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
    public enum Target: Sendable, Hashable, Codable {
        case `case`(UUID)
        case person(UUID)
        /// An object owned by a module, named by the module's id and the object's id.
        case entry(module: String, id: String)
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
