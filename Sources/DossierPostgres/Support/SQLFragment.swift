public import PostgresNIO

/// A piece of SQL with its bound values, composed without numbering placeholders by hand.
/// Fragments join with `+` and ``joined(_:separator:)``, and interpolate into one another
/// and into a `PostgresQuery`, where each value becomes the next `$n` in order.
///
/// ```swift
/// var filter: SQLFragment = "owning_agency = \(agency)"
/// if let state { filter += " AND state = \(state)" }
/// let rows = try await client.query("SELECT id FROM cases WHERE \(filter) ORDER BY id", logger: logger)
/// ```
public struct SQLFragment: Sendable, ExpressibleByStringInterpolation {
    enum Part: Sendable {
        case sql(String)
        case value(any PostgresDynamicTypeEncodable & Sendable)
        case null
    }

    var parts: [Part]

    public init(stringLiteral value: String) {
        parts = [.sql(value)]
    }

    public init(stringInterpolation: StringInterpolation) {
        parts = stringInterpolation.parts
    }

    /// SQL written by the calling code, never client input: a column list, say.
    public init(unescaped sql: String) {
        parts = [.sql(sql)]
    }

    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { parts.append(.sql(literal)) }

        /// A value, bound.
        public mutating func appendInterpolation<Value: PostgresDynamicTypeEncodable & Sendable>(_ value: Value) {
            parts.append(.value(value))
        }

        /// A value or NULL, bound.
        public mutating func appendInterpolation<Value: PostgresDynamicTypeEncodable & Sendable>(_ value: Value?) {
            parts.append(value.map { .value($0) } ?? .null)
        }

        /// Another fragment, its values bound after those before it.
        public mutating func appendInterpolation(_ fragment: SQLFragment) { parts += fragment.parts }

        /// SQL the calling code wrote (an identifier, a column list), never client input.
        public mutating func appendInterpolation(unescaped sql: String) { parts.append(.sql(sql)) }
    }

    public static func + (lhs: SQLFragment, rhs: SQLFragment) -> SQLFragment {
        var joined = lhs
        joined.parts += rhs.parts
        return joined
    }

    public static func += (lhs: inout SQLFragment, rhs: SQLFragment) {
        lhs.parts += rhs.parts
    }

    /// The fragments one after another, `separator` between them: `conditions.joined(" AND ")`.
    public static func joined(_ fragments: [SQLFragment], separator: String) -> SQLFragment {
        var joined = SQLFragment(parts: [])
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { joined.parts.append(.sql(separator)) }
            joined.parts += fragment.parts
        }
        return joined
    }

    init(parts: [Part]) {
        self.parts = parts
    }

    /// The fragment as a query, its values bound as `$1`, `$2`, … in order.
    public var query: PostgresQuery {
        PostgresQuery(stringInterpolation: {
            var interpolation = PostgresQuery.StringInterpolation(literalCapacity: 0, interpolationCount: parts.count)
            interpolation.appendInterpolation(self)
            return interpolation
        }())
    }
}

extension PostgresQuery.StringInterpolation {
    /// A fragment inside a query, its values bound after those before it.
    public mutating func appendInterpolation(_ fragment: SQLFragment) {
        for part in fragment.parts {
            switch part {
            case .sql(let sql): appendLiteral(sql)
            case .value(let value): appendBound(value)
            case .null: appendInterpolation(Optional<String>.none)
            }
        }
    }

    private mutating func appendBound<Value: PostgresDynamicTypeEncodable>(_ value: Value) {
        appendInterpolation(value)
    }
}
