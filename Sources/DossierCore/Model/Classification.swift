/// How sensitive a case is. Ordered: a user sees a case only when their clearance is at
/// least its classification.
public enum Classification: String, Sendable, Codable, CaseIterable, Comparable {
    case official
    case restricted
    case confidential
    case secret

    public var rank: Int {
        switch self {
        case .official: 0
        case .restricted: 1
        case .confidential: 2
        case .secret: 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// How urgently a case should be worked. Ordered from `low` to `critical`.
public enum Priority: String, Sendable, Codable, CaseIterable, Comparable {
    case low
    case normal
    case high
    case critical

    public var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// What a user does in the organisation; workflows allow transitions per role.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case admin
    case supervisor
    case investigator
    case legal
    case analyst
    case auditor

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// "a, b or c": the allowed values, for error messages.
    public static var allowedValuesText: String {
        let values = allCases.map(\.rawValue)
        guard values.count > 1 else { return values.first ?? "" }
        return values.dropLast().joined(separator: ", ") + " or " + values.last!
    }

    /// Parses a raw value or throws an error naming the field and the allowed values.
    public static func parse(_ raw: String, field: String) throws(DossierError) -> Self {
        guard let value = Self(rawValue: raw) else {
            throw .invalidInput("\(field) '\(raw)' is not allowed; use \(allowedValuesText)")
        }
        return value
    }
}
