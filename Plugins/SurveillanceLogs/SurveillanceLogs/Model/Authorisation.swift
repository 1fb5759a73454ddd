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
    /// The issuing authority's zone: its periods end at midnight there.
    public var timeZone: String
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

/// A renewal (extension) of an authorisation: when it was granted, when and by whom it was
/// entered, and the new end.
public struct Renewal: Codable, Sendable, Hashable {
    /// When the authority granted it: its effective time.
    public var grantedAt: Date
    /// When it was entered here.
    public var renewedAt: Date
    /// Entered after the authorisation had expired (granted in time): entries could not be
    /// logged between the old end and this entry.
    public var recordedAfterExpiry: Bool
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
    /// The issuing authority's zone; nil takes the legal basis's.
    public var timeZone: String?
    public var validFrom: Date
    public var validTo: Date

    public init(
        reference: String, legalBasis: String, issuingAuthority: String, applicant: String, approver: String,
        subjects: [String], facilities: [String] = [], methods: [SurveillanceMethod], urgent: Bool = false,
        timeZone: String? = nil, validFrom: Date, validTo: Date
    ) {
        self.timeZone = timeZone
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

    /// Checks the fields, and the period against the legal basis counted in `calendar` (the
    /// authority's zone and working days): a period longer than the basis allows is
    /// refused, naming both.
    func validate(against basis: LegalBasis, calendar: WorkingDayCalendar) throws(DossierError) {
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
        if urgent, let limit = basis.urgentMaximum {
            try Self.checkPeriod(
                from: validFrom, to: validTo, limit: limit, counting: basis.urgentCounting, calendar: calendar, basis: basis,
                what: "an urgent authorisation", rule: basis.urgentCountingText)
        } else {
            try Self.checkPeriod(
                from: validFrom, to: validTo, limit: basis.maximum, counting: basis.counting, calendar: calendar, basis: basis,
                what: "an authorisation", rule: basis.countingText)
        }
    }

    /// Refuses a period from `start` to `end` longer than `limit`, counted by `counting` in
    /// `calendar`: it may end at the latest at midnight after its last day, on the
    /// calendar's clock.
    static func checkPeriod(
        from start: Date, to end: Date, limit: DeadlineDuration, counting: CountingRule, calendar: WorkingDayCalendar,
        basis: LegalBasis, what: String, rule: String
    ) throws(DossierError) {
        let latest = DeadlineCalculator(calendar: calendar).deadline(from: start, duration: limit, counting: counting)
        guard end <= latest.dueAt else {
            let lastDay = latest.lastDay.map { ", the end of \($0) in \(calendar.timeZone.identifier)" } ?? ""
            throw .invalidInput(
                "\(what) under \(basis.name) may run at most \(limit) (until \(latest.dueAt.formatted(.iso8601))\(lastDay)); "
                    + "this one runs until \(end.formatted(.iso8601)). \(rule.isEmpty ? basis.citation : rule)")
        }
    }
}
