public import DossierCore
public import Foundation

/// The kinds of document an extradition file holds (DOMAIN.md §1.3).
public enum DocumentKind: String, Sendable, Hashable, ChoiceCodable {
    case arrestWarrant = "arrest_warrant"
    case statementOfFacts = "statement_of_facts"
    /// The text of the law, the penalty and any limitation period.
    case legalProvisions = "legal_provisions"
    case identification
    case translation
    /// E.g. that the death penalty will not be imposed or carried out.
    case assurances

    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// A document registered on a case. The file stays in the document system; its SHA-256
/// proves which file was registered, and by whom.
public struct ExtraditionDocument: Codable, Sendable, Hashable {
    public var id: UUID
    public var caseID: UUID
    public var kind: DocumentKind
    public var title: String
    public var fileName: String
    /// Lower-case hex.
    public var sha256: String
    /// ISO 639 code of the language it is written in (`fr`); empty when not said.
    public var language: String
    /// The day it was received; nil when not said.
    public var receivedOn: CalendarDate?
    public var registeredAt: Date
    public var registeredBy: String
}

/// A document to register.
public struct NewExtraditionDocument: Sendable, Hashable {
    public var kind: DocumentKind
    public var title: String
    public var fileName: String
    public var sha256: String
    public var language: String
    public var receivedOn: CalendarDate?

    public init(
        kind: DocumentKind, title: String, fileName: String = "", sha256: String, language: String = "",
        receivedOn: CalendarDate? = nil
    ) {
        self.kind = kind
        self.title = title
        self.fileName = fileName
        self.sha256 = sha256.lowercased()
        self.language = language
        self.receivedOn = receivedOn
    }
}
