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
    /// Whether the decisions may be appealed (not in the US: habeas corpus only).
    public var hasAppeal: Bool
    public var timers: [InstrumentTimer]
    /// Extensions a court or authority may grant, each once per deadline.
    public var extensions: [InstrumentExtension]
    /// Periods set per requesting state in place of a timer's own (UK s.74(11)(b)).
    public var territoryPeriods: [TerritoryPeriod]
    public var documentRequirements: [DocumentRequirement]
    public var updatedAt: Date?
    public var updatedBy: String?

    public init(
        id: String, name: String, parties: String = "", citation: String, hasExecutiveStage: Bool, hasAppeal: Bool = true,
        timers: [InstrumentTimer], extensions: [InstrumentExtension] = [], territoryPeriods: [TerritoryPeriod] = [],
        documentRequirements: [DocumentRequirement] = [], updatedAt: Date? = nil, updatedBy: String? = nil
    ) {
        self.territoryPeriods = territoryPeriods
        self.id = id
        self.name = name
        self.parties = parties
        self.citation = citation
        self.hasExecutiveStage = hasExecutiveStage
        self.hasAppeal = hasAppeal
        self.timers = timers.map { rule in
            var rule = rule
            if rule.startedBy.isEmpty { rule.startedBy = rule.timer.defaultStartedBy(hasExecutiveStage: hasExecutiveStage) }
            return rule
        }
        self.extensions = extensions
        self.documentRequirements = documentRequirements
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    public func timer(_ timer: ExtraditionTimer) -> InstrumentTimer? { timers.first { $0.timer == timer } }

    public func allowedExtension(of timer: ExtraditionTimer) -> InstrumentExtension? { extensions.first { $0.timer == timer } }

    /// The rules a step starts under this instrument for a request from `requestingState`:
    /// a period set for that territory takes the place of the timer's own.
    public func rules(startedBy transition: String, requestingState: String) -> [InstrumentTimer] {
        timers.filter { $0.startedBy.contains(transition) }.map { rule(for: $0, requestingState: requestingState) }
    }

    /// `rule`, with the period and legal basis set for `requestingState` where there is one.
    public func rule(for rule: InstrumentTimer, requestingState: String) -> InstrumentTimer {
        guard let territory = territoryPeriods.first(where: { $0.timer == rule.timer && $0.requestingState == requestingState })
        else { return rule }
        var adjusted = rule
        adjusted.duration = territory.duration
        adjusted.legalBasis = territory.legalBasis
        return adjusted
    }

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
        var extended: Set<ExtraditionTimer> = []
        for (index, rule) in extensions.enumerated() {
            let field = "extensions[\(index)]"
            guard extended.insert(rule.timer).inserted else {
                throw .invalidInput("\(field): timer '\(rule.timer.rawValue)' is extended twice")
            }
            guard let extendedRule = timer(rule.timer) else {
                throw .invalidInput("\(field): timer '\(rule.timer.rawValue)' has no rule in timers to extend")
            }
            guard rule.duration.unit == extendedRule.duration.unit else {
                throw .invalidInput(
                    "\(field).unit must be the extended timer's unit, \(extendedRule.duration.unit.rawValue), "
                        + "not \(rule.duration.unit.rawValue)")
            }
            guard (1...3650).contains(rule.duration.value) else {
                throw .invalidInput("\(field).value must be from 1 to 3650, not \(rule.duration.value)")
            }
            try FreeText.require(rule.legalBasis, field: "\(field).legal_basis", max: 1000)
        }
        var territories: Set<String> = []
        for (index, period) in territoryPeriods.enumerated() {
            let field = "territory_periods[\(index)]"
            guard territories.insert("\(period.timer.rawValue) \(period.requestingState)").inserted else {
                throw .invalidInput("\(field): \(period.timer.rawValue) for \(period.requestingState) is listed twice")
            }
            guard period.requestingState.utf8.count == 2, period.requestingState.utf8.allSatisfy({ (65...90).contains($0) }) else {
                throw .invalidInput("\(field).requesting_state '\(period.requestingState)' must be an ISO 3166 code such as IN")
            }
            guard let periodRule = timer(period.timer) else {
                throw .invalidInput("\(field): timer '\(period.timer.rawValue)' has no rule in timers")
            }
            guard period.duration.unit == periodRule.duration.unit else {
                throw .invalidInput(
                    "\(field).unit must be the timer's unit, \(periodRule.duration.unit.rawValue), not \(period.duration.unit.rawValue)")
            }
            guard (1...3650).contains(period.duration.value) else {
                throw .invalidInput("\(field).value must be from 1 to 3650, not \(period.duration.value)")
            }
            try FreeText.require(period.legalBasis, field: "\(field).legal_basis", max: 1000)
        }
        let transitions = Set(ExtraditionWorkflow.definition.transitions.map(\.name))
        for (index, requirement) in documentRequirements.enumerated() where !transitions.contains(requirement.transition) {
            throw .invalidInput(
                "document_requirements[\(index)].transition '\(requirement.transition)' is not a transition of the "
                    + "extradition workflow; use \(transitions.sorted().joined(separator: ", "))")
        }
    }
}

/// An instrument's rule for one timer: its period, how it is counted, its legal basis,
/// whether expiry means the person may or must be released, the steps that start it and
/// whether it runs from the step or from the date appointed for surrender.
public struct InstrumentTimer: Codable, Sendable, Hashable {
    /// What a period runs from.
    public enum RunsFrom: String, Sendable, Hashable, ChoiceCodable {
        /// The effective time of the step that starts it.
        case step
        /// The date appointed (or agreed) for surrender, given with the step (ECE Art. 18(4)).
        case appointedDate = "appointed_date"
        /// The first day after the instrument's appeal period that the same step starts
        /// (UK Part 1 s.35(4)(a)).
        case afterAppealPeriod = "after_appeal_period"
    }

    public var timer: ExtraditionTimer
    public var duration: DeadlineDuration
    public var counting: CountingRule
    public var legalBasis: String
    public var obligation: TimerObligation
    /// The transitions that start it; empty takes the workflow's default for the timer.
    public var startedBy: [String]
    public var runsFrom: RunsFrom

    public init(
        _ timer: ExtraditionTimer, _ duration: DeadlineDuration, counting: CountingRule = .dayAfterEvent,
        legalBasis: String, obligation: TimerObligation, startedBy: [String] = [], runsFrom: RunsFrom = .step
    ) {
        self.timer = timer
        self.duration = duration
        self.counting = counting
        self.legalBasis = legalBasis
        self.obligation = obligation
        self.startedBy = startedBy
        self.runsFrom = runsFrom
    }

    func validate(field: String) throws(DossierError) {
        guard (1...3650).contains(duration.value) else {
            throw .invalidInput("\(field).value must be from 1 to 3650, not \(duration.value)")
        }
        try FreeText.require(legalBasis, field: "\(field).legal_basis", max: 1000)
        let possible = timer.possibleStarts
        for (index, transition) in startedBy.enumerated() where !possible.contains(transition) {
            throw .invalidInput(
                "\(field).started_by[\(index)] '\(transition)' cannot start a \(timer.rawValue) deadline; use "
                    + possible.sorted().joined(separator: ", "))
        }
        if runsFrom != .step, !timer.mayRunFromAnotherDate {
            throw .invalidInput("\(field).runs_from: only surrender periods run from another date than the step's; use step")
        }
    }

    /// Flat in JSON: `{"timer": "request", "value": 18, "unit": "calendar_days", ...}`.
    enum CodingKeys: String, CodingKey {
        case timer, value, unit, counting, legalBasis, obligation, startedBy, runsFrom
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timer = try container.decode(ExtraditionTimer.self, forKey: .timer)
        duration = try container.decodeDuration(.value, .unit)
        counting = try container.decodeIfPresent(CountingRule.self, forKey: .counting) ?? .dayAfterEvent
        legalBasis = try container.decode(String.self, forKey: .legalBasis)
        obligation = try container.decode(TimerObligation.self, forKey: .obligation)
        startedBy = try container.decodeIfPresent([String].self, forKey: .startedBy) ?? []
        runsFrom = try container.decodeIfPresent(RunsFrom.self, forKey: .runsFrom) ?? .step
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timer, forKey: .timer)
        try container.encode(duration, value: .value, unit: .unit)
        try container.encode(counting, forKey: .counting)
        try container.encode(legalBasis, forKey: .legalBasis)
        try container.encode(obligation, forKey: .obligation)
        try container.encode(startedBy, forKey: .startedBy)
        try container.encode(runsFrom, forKey: .runsFrom)
    }
}

/// An extension an instrument allows for one timer: how much longer, in the timer's unit,
/// on what legal basis. Granted once per deadline, as a recorded step.
public struct InstrumentExtension: Codable, Sendable, Hashable {
    public var timer: ExtraditionTimer
    public var duration: DeadlineDuration
    public var legalBasis: String

    public init(_ timer: ExtraditionTimer, by duration: DeadlineDuration, legalBasis: String) {
        self.timer = timer
        self.duration = duration
        self.legalBasis = legalBasis
    }

    /// Flat in JSON, as timers are: `{"timer": "decision", "value": 30, "unit": "calendar_days", "legal_basis": ...}`.
    enum CodingKeys: String, CodingKey { case timer, value, unit, legalBasis }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timer = try container.decode(ExtraditionTimer.self, forKey: .timer)
        duration = try container.decodeDuration(.value, .unit)
        legalBasis = try container.decode(String.self, forKey: .legalBasis)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timer, forKey: .timer)
        try container.encode(duration, value: .value, unit: .unit)
        try container.encode(legalBasis, forKey: .legalBasis)
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

/// A period an instrument sets for one requesting state in place of a timer's own: UK Part
/// 2 requests from India must arrive within 65 days, not 45 (SI 2003/3334 art. 4).
public struct TerritoryPeriod: Codable, Sendable, Hashable {
    public var timer: ExtraditionTimer
    public var requestingState: String
    public var duration: DeadlineDuration
    public var legalBasis: String

    public init(_ timer: ExtraditionTimer, for requestingState: String, _ duration: DeadlineDuration, legalBasis: String) {
        self.timer = timer
        self.requestingState = requestingState
        self.duration = duration
        self.legalBasis = legalBasis
    }

    /// Flat in JSON: `{"timer": "request", "requesting_state": "IN", "value": 65, "unit": "calendar_days", ...}`.
    enum CodingKeys: String, CodingKey { case timer, requestingState, value, unit, legalBasis }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timer = try container.decode(ExtraditionTimer.self, forKey: .timer)
        requestingState = try container.decode(String.self, forKey: .requestingState)
        duration = try container.decodeDuration(.value, .unit)
        legalBasis = try container.decode(String.self, forKey: .legalBasis)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timer, forKey: .timer)
        try container.encode(requestingState, forKey: .requestingState)
        try container.encode(duration, value: .value, unit: .unit)
        try container.encode(legalBasis, forKey: .legalBasis)
    }
}

extension KeyedDecodingContainer {
    /// A duration written flat, as a `value` and a `unit` key beside the others.
    func decodeDuration(_ value: Key, _ unit: Key) throws -> DeadlineDuration {
        DeadlineDuration(try decode(Int.self, forKey: value), try decode(DeadlineDuration.Unit.self, forKey: unit))
    }
}

extension KeyedEncodingContainer {
    mutating func encode(_ duration: DeadlineDuration, value: Key, unit: Key) throws {
        try encode(duration.value, forKey: value)
        try encode(duration.unit, forKey: unit)
    }
}
