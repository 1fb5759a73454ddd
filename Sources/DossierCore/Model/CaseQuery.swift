public import Foundation

/// Filters, an order and a page position for listing cases. Every filter is optional;
/// all given filters must match.
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
    /// Only cases of exactly this classification.
    public var classification: Classification?
    /// Only cases this agency owns.
    public var agency: String?
    public var sort: CaseSort
    /// Where the previous page ended (its `nextCursor`), in the same order.
    public var cursor: CaseCursor?
    public var limit: Int

    public static let maximumLimit = 500

    public init(
        module: String? = nil, type: String? = nil, state: String? = nil, priority: Priority? = nil, member: String? = nil,
        country: String? = nil, tag: String? = nil, text: String? = nil, classification: Classification? = nil,
        agency: String? = nil, sort: CaseSort = .opened, cursor: CaseCursor? = nil, limit: Int = 50
    ) {
        self.module = module
        self.type = type
        self.state = state
        self.priority = priority
        self.member = member
        self.country = country
        self.tag = tag
        self.text = text
        self.classification = classification
        self.agency = agency
        self.sort = sort
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
        if let cursor, cursor.sort != sort {
            throw .invalidInput(
                "cursor is from a list sorted by \(cursor.sort.rawValue), not \(sort.rawValue); start again without it")
        }
    }
}

/// The orders a case list comes in.
public enum CaseSort: String, Sendable, Hashable, Codable, CaseIterable {
    /// Newest first (the default).
    case opened
    /// Most recently changed first: by the time of each case's newest event.
    case updated
    /// Soonest next deadline first (overdue ones lead); cases without a deadline last.
    case deadline

    public static var allowedValuesText: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// An opaque position in a case list: the last case's id and, for the orders other than
/// newest first, its sort value. Only the server makes one; it reads back only in the
/// order that made it.
public struct CaseCursor: Sendable, Hashable, Codable, CustomStringConvertible {
    public var lastID: UUID
    public var sort: CaseSort
    /// The last case's `updated_at` or next deadline, in microseconds since 1970 (nil: a
    /// case without a deadline).
    public var lastValue: Int64?

    /// A position in the newest-first list.
    public init(lastID: UUID) {
        self.init(lastID: lastID, sort: .opened, lastValue: nil)
    }

    public init(lastID: UUID, sort: CaseSort, lastValue: Int64?) {
        self.lastID = lastID
        self.sort = sort
        self.lastValue = sort == .opened ? nil : lastValue
    }

    /// Reads `5f0c…` (newest first), `u.<µs>.5f0c…` (updated) or `d.<µs or ->.5f0c…` (deadline).
    public init(parsing text: String) throws(DossierError) {
        let invalid = DossierError.invalidInput("cursor '\(text.prefix(100))' is not one this server issued")
        if let id = UUID(uuidString: text) {
            self.init(lastID: id)
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let id = UUID(uuidString: String(parts[2])) else { throw invalid }
        switch parts[0] {
        case "u":
            guard let value = Int64(parts[1]) else { throw invalid }
            self.init(lastID: id, sort: .updated, lastValue: value)
        case "d":
            if parts[1] == "-" {
                self.init(lastID: id, sort: .deadline, lastValue: nil)
            } else {
                guard let value = Int64(parts[1]) else { throw invalid }
                self.init(lastID: id, sort: .deadline, lastValue: value)
            }
        default:
            throw invalid
        }
    }

    public var description: String {
        let id = lastID.uuidString.lowercased()
        switch sort {
        case .opened: return id
        case .updated: return "u.\(lastValue ?? 0).\(id)"
        case .deadline: return "d.\(lastValue.map(String.init) ?? "-").\(id)"
        }
    }

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

/// One page of cases, in the query's order.
public struct CasePage: Sendable, Hashable, Codable {
    public var cases: [Case]
    /// Pass as `cursor` to get the next page; nil on the last page.
    public var nextCursor: CaseCursor?
    /// When each case of the page last changed and its next deadline, by case id: what
    /// the list orders by, for a list to show (not part of the API's JSON).
    public var activity: [UUID: CaseActivity] = [:]

    public init(cases: [Case], nextCursor: CaseCursor?, activity: [UUID: CaseActivity] = [:]) {
        self.cases = cases
        self.nextCursor = nextCursor
        self.activity = activity
    }

    enum CodingKeys: String, CodingKey {
        case cases
        case nextCursor
    }
}

/// When a case last changed and when its next deadline falls.
public struct CaseActivity: Sendable, Hashable {
    /// The time of the case's newest event.
    public var updatedAt: Date
    /// The earliest due time among its running or overdue timers; nil when it has none.
    public var nextDeadlineAt: Date?

    public init(updatedAt: Date, nextDeadlineAt: Date?) {
        self.updatedAt = updatedAt
        self.nextDeadlineAt = nextDeadlineAt
    }
}
