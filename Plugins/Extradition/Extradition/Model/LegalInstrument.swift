public import DossierCore
public import Foundation

/// A treaty, convention or statute extraditions proceed under, with its deadline rules
/// and the documents its steps need. Instruments are data: administrators add and edit
/// them; the seeds come from DOMAIN.md §1.2.
public struct LegalInstrument: Codable, Sendable, Hashable {
    /// Lower-case letters, digits and hyphens: `ece-1957`.
    public var id: String
    public var name: String
    public var parties: String
    public var citation: String
    /// Whether a minister decides after the court (US, UK Part 2); none under the EAW.
    public var hasExecutiveStage: Bool
    public var timers: [InstrumentTimer]
    public var documentRequirements: [DocumentRequirement]
    public var updatedAt: Date?
    public var updatedBy: String?

    public init(
        id: String, name: String, parties: String = "", citation: String, hasExecutiveStage: Bool,
        timers: [InstrumentTimer], documentRequirements: [DocumentRequirement] = [], updatedAt: Date? = nil,
        updatedBy: String? = nil
    ) {
        self.id = id
        self.name = name
        self.parties = parties
        self.citation = citation
        self.hasExecutiveStage = hasExecutiveStage
        self.timers = timers
        self.documentRequirements = documentRequirements
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    public func timer(_ timer: ExtraditionTimer) -> InstrumentTimer? { timers.first { $0.timer == timer } }

    public func validate() throws(DossierError) {
        let idIsValid = id.utf8.count >= 2 && id.utf8.count <= 63
            && id.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
            && id.first != "-"
        guard idIsValid else {
            throw .invalidInput("instrument id '\(id)' must be 2 to 63 lower-case letters, digits and hyphens, e.g. ece-1957")
        }
        try FreeText.require(name, field: "name", max: 300)
        try FreeText.require(citation, field: "citation", max: 1000)
        guard parties.count <= 1000 else { throw .invalidInput("parties must be at most 1000 characters") }
        var seen: Set<ExtraditionTimer> = []
        for (index, timer) in timers.enumerated() {
            guard seen.insert(timer.timer).inserted else {
                throw .invalidInput("timers[\(index)]: timer '\(timer.timer.rawValue)' is listed twice")
            }
            try timer.validate(field: "timers[\(index)]")
        }
        let transitions = Set(ExtraditionWorkflow.definition.transitions.map(\.name))
        for (index, requirement) in documentRequirements.enumerated() where !transitions.contains(requirement.transition) {
            throw .invalidInput(
                "document_requirements[\(index)].transition '\(requirement.transition)' is not a transition of the "
                    + "extradition workflow; use \(transitions.sorted().joined(separator: ", "))")
        }
    }
}

/// An instrument's rule for one timer: its period, how it is counted, its legal basis, and
/// whether expiry means the person may or must be released.
public struct InstrumentTimer: Codable, Sendable, Hashable {
    public var timer: ExtraditionTimer
    public var duration: DeadlineDuration
    public var counting: CountingRule
    public var legalBasis: String
    public var obligation: TimerObligation

    public init(
        _ timer: ExtraditionTimer, _ duration: DeadlineDuration, counting: CountingRule = .dayAfterEvent,
        legalBasis: String, obligation: TimerObligation
    ) {
        self.timer = timer
        self.duration = duration
        self.counting = counting
        self.legalBasis = legalBasis
        self.obligation = obligation
    }

    func validate(field: String) throws(DossierError) {
        guard (1...3650).contains(duration.value) else {
            throw .invalidInput("\(field).value must be from 1 to 3650, not \(duration.value)")
        }
        try FreeText.require(legalBasis, field: "\(field).legal_basis", max: 1000)
    }

    /// Flat in JSON: `{"timer": "request", "value": 18, "unit": "calendar_days", ...}`.
    enum CodingKeys: String, CodingKey {
        case timer, value, unit, counting, legalBasis, obligation
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timer = try container.decode(ExtraditionTimer.self, forKey: .timer)
        duration = DeadlineDuration(
            try container.decode(Int.self, forKey: .value), try container.decode(DeadlineDuration.Unit.self, forKey: .unit))
        counting = try container.decodeIfPresent(CountingRule.self, forKey: .counting) ?? .dayAfterEvent
        legalBasis = try container.decode(String.self, forKey: .legalBasis)
        obligation = try container.decode(TimerObligation.self, forKey: .obligation)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timer, forKey: .timer)
        try container.encode(duration.value, forKey: .value)
        try container.encode(duration.unit, forKey: .unit)
        try container.encode(counting, forKey: .counting)
        try container.encode(legalBasis, forKey: .legalBasis)
        try container.encode(obligation, forKey: .obligation)
    }
}

/// A document a transition needs registered on the case before it may run.
public struct DocumentRequirement: Codable, Sendable, Hashable {
    public var transition: String
    public var kind: DocumentKind

    public init(_ transition: String, _ kind: DocumentKind) {
        self.transition = transition
        self.kind = kind
    }
}
