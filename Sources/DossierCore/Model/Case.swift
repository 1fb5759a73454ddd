public import Foundation

/// A case: the unit of work every module builds on.
public struct Case: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    /// Human-readable and unique, e.g. `EXT-2026-000042`.
    public var reference: String
    public var module: String
    public var type: String
    public var title: String
    public var summary: String
    public var state: String
    public var priority: Priority
    public var classification: Classification
    public var owningAgency: String
    /// ISO 3166-1 alpha-2.
    public var country: String
    public var openedAt: Date
    public var closedAt: Date?
    /// Bumped on every change; the HTTP layer's ETag.
    public var version: Int64
    /// The module's typed payload, validated by the case type.
    public var attributes: JSONValue
    public var tags: [String]

    public init(
        id: UUID, reference: String, module: String, type: String, title: String, summary: String,
        state: String, priority: Priority, classification: Classification, owningAgency: String,
        country: String, openedAt: Date, closedAt: Date?, version: Int64, attributes: JSONValue,
        tags: [String]
    ) {
        self.id = id
        self.reference = reference
        self.module = module
        self.type = type
        self.title = title
        self.summary = summary
        self.state = state
        self.priority = priority
        self.classification = classification
        self.owningAgency = owningAgency
        self.country = country
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.version = version
        self.attributes = attributes
        self.tags = tags
    }
}

/// What it takes to open a case.
public struct NewCase: Sendable, Hashable, Codable {
    public var module: String
    public var type: String
    public var title: String
    public var summary: String
    public var priority: Priority
    public var classification: Classification
    public var owningAgency: String
    public var country: String
    public var attributes: JSONValue
    public var tags: [String]

    public init(
        module: String, type: String, title: String, summary: String = "", priority: Priority = .normal,
        classification: Classification = .official, owningAgency: String, country: String,
        attributes: JSONValue = [:], tags: [String] = []
    ) {
        self.module = module
        self.type = type
        self.title = title
        self.summary = summary
        self.priority = priority
        self.classification = classification
        self.owningAgency = owningAgency
        self.country = country
        self.attributes = attributes
        self.tags = tags
    }

    /// Checks the fields every case needs; the case type checks its attributes.
    public func validate() throws(DossierError) {
        // Counted as PostgreSQL's length() counts: in Unicode code points.
        let length = title.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.count
        guard (1...500).contains(length) else {
            throw .invalidInput("title must be 1 to 500 characters, not \(length)")
        }
        guard CountryCode.isValid(country) else {
            throw .invalidInput("country '\(country)' is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. JM)")
        }
        guard !owningAgency.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidInput("owningAgency must not be empty")
        }
        for tag in tags where tag.isEmpty || tag.count > 64 {
            throw .invalidInput("tag '\(tag)' must be 1 to 64 characters")
        }
    }
}
