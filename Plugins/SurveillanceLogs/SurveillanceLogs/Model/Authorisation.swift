import DossierCore
public import Foundation

/// A warrant or authorisation covering part of an operation: who and what, by which
/// methods, from when to when.
public struct Authorisation: Codable, Sendable, Hashable {
    public var id: UUID
    public var caseID: UUID
    /// The issuing authority's reference, unique within the operation.
    public var reference: String
    public var legalBasis: String
    public var issuingAuthority: String
    public var applicant: String
    public var approver: String
    public var subjects: [String]
    public var facilities: [String]
    public var methods: [SurveillanceMethod]
    public var urgent: Bool
    public var validFrom: Date
    public var originalValidTo: Date
    /// The current end, moved by renewals.
    public var validTo: Date
    public var cancelledAt: Date?
    public var cancelledBy: String?
    public var cancellationReason: String?
    public var recordedAt: Date
    public var recordedBy: String
    public var renewals: [Renewal]

    /// When it stops covering anything: its end, or its cancellation if earlier.
    public var coverEnds: Date { min(validTo, cancelledAt ?? validTo) }

    public func isInForce(at date: Date) -> Bool { date >= validFrom && date < coverEnds }
}

/// A renewal (extension) of an authorisation: recorded with when, by whom and the new end.
public struct Renewal: Codable, Sendable, Hashable {
    public var renewedAt: Date
    public var renewedBy: String
    public var approver: String
    public var previousValidTo: Date
    public var newValidTo: Date
    public var note: String
}

/// An authorisation to record.
public struct NewAuthorisation: Sendable, Hashable {
    public var reference: String
    public var legalBasis: String
    public var issuingAuthority: String
    public var applicant: String
    public var approver: String
    public var subjects: [String]
    public var facilities: [String]
    public var methods: [SurveillanceMethod]
    public var urgent: Bool
    public var validFrom: Date
    public var validTo: Date

    public init(
        reference: String, legalBasis: String, issuingAuthority: String, applicant: String, approver: String,
        subjects: [String], facilities: [String] = [], methods: [SurveillanceMethod], urgent: Bool = false,
        validFrom: Date, validTo: Date
    ) {
        self.reference = reference.trimmingCharacters(in: .whitespaces)
        self.legalBasis = legalBasis
        self.issuingAuthority = issuingAuthority
        self.applicant = applicant
        self.approver = approver
        self.subjects = subjects.map { $0.trimmingCharacters(in: .whitespaces) }
        self.facilities = facilities.map { $0.trimmingCharacters(in: .whitespaces) }
        self.methods = methods
        self.urgent = urgent
        self.validFrom = validFrom
        self.validTo = validTo
    }

    /// Checks the fields, and the period against the legal basis: a period longer than the
    /// basis allows is refused, naming both.
    func validate(against basis: LegalBasis) throws(DossierError) {
        try FreeText.require(reference, field: "reference", max: 100)
        try FreeText.require(issuingAuthority, field: "issuing_authority", max: 300)
        try FreeText.require(applicant, field: "applicant", max: 200)
        try FreeText.require(approver, field: "approver", max: 200)
        guard !subjects.isEmpty else { throw .invalidInput("subjects must name at least one subject") }
        for (index, subject) in subjects.enumerated() { try FreeText.require(subject, field: "subjects[\(index)]", max: 300) }
        for (index, facility) in facilities.enumerated() { try FreeText.require(facility, field: "facilities[\(index)]", max: 300) }
        guard !methods.isEmpty else { throw .invalidInput("methods must name at least one method") }
        let notAllowed = methods.filter { !basis.methods.contains($0) }
        guard notAllowed.isEmpty else {
            throw .invalidInput(
                "\(basis.name) does not authorise \(notAllowed.map(\.rawValue).joined(separator: ", ")); "
                    + "it allows \(basis.methods.map(\.rawValue).joined(separator: ", "))")
        }
        guard validTo > validFrom else { throw .invalidInput("valid_to must be after valid_from") }
        let limit = urgent ? (basis.urgentMaximum ?? basis.maximum) : basis.maximum
        try Self.checkPeriod(from: validFrom, to: validTo, limit: limit, basis: basis, what: urgent ? "an urgent authorisation" : "an authorisation")
    }

    /// Refuses a period from `start` to `end` longer than `limit` (counted as the law
    /// counts days: from the day after the start, ending at the end of the last day).
    static func checkPeriod(from start: Date, to end: Date, limit: DeadlineDuration, basis: LegalBasis, what: String) throws(DossierError) {
        let latest = DeadlineCalculator().deadline(from: start, duration: limit, counting: .dayAfterEvent).dueAt
        guard end <= latest else {
            throw .invalidInput(
                "\(what) under \(basis.name) may run at most \(limit) (until \(latest.formatted(.iso8601))); "
                    + "this one runs until \(end.formatted(.iso8601)). \(basis.citation)")
        }
    }
}
