public import Foundation

/// Filters and a page position for listing cases. Every filter is optional; all given
/// filters must match.
public struct CaseQuery: Sendable, Hashable, Codable {
    public var module: String?
    public var type: String?
    public var state: String?
    public var priority: Priority?
    /// Cases this user is a member of.
    public var member: String?
    public var country: String?
    public var tag: String?
    /// Words to find in the reference, title and summary.
    public var text: String?
    /// Where the previous page ended (its `nextCursor`).
    public var cursor: CaseCursor?
    public var limit: Int

    public static let maximumLimit = 500

    public init(
        module: String? = nil, type: String? = nil, state: String? = nil, priority: Priority? = nil, member: String? = nil,
        country: String? = nil, tag: String? = nil, text: String? = nil, cursor: CaseCursor? = nil, limit: Int = 50
    ) {
        self.module = module
        self.type = type
        self.state = state
        self.priority = priority
        self.member = member
        self.country = country
        self.tag = tag
        self.text = text
        self.cursor = cursor
        self.limit = limit
    }

    public func validate() throws(DossierError) {
        guard (1...Self.maximumLimit).contains(limit) else {
            throw .invalidInput("limit must be between 1 and \(Self.maximumLimit), not \(limit)")
        }
        if let country, !CountryCode.isValid(country) {
            throw .invalidInput("country '\(country)' is not an ISO 3166-1 alpha-2 code")
        }
    }
}

/// An opaque position in a case list: newest first, by id (UUIDv7 is time-ordered).
public struct CaseCursor: Sendable, Hashable, Codable, CustomStringConvertible {
    public var lastID: UUID

    public init(lastID: UUID) { self.lastID = lastID }

    public init(parsing text: String) throws(DossierError) {
        guard let id = UUID(uuidString: text) else { throw .invalidInput("cursor '\(text)' is not one this server issued") }
        self.lastID = id
    }

    public var description: String { lastID.uuidString.lowercased() }

    /// Travels as the plain string clients pass back as `cursor`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// One page of cases, newest first.
public struct CasePage: Sendable, Hashable, Codable {
    public var cases: [Case]
    /// Pass as `cursor` to get the next page; nil on the last page.
    public var nextCursor: CaseCursor?

    public init(cases: [Case], nextCursor: CaseCursor?) {
        self.cases = cases
        self.nextCursor = nextCursor
    }
}
