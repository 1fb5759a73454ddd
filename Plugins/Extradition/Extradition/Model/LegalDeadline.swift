public import DossierCore
public import Foundation

/// A legal deadline a step started on a case, with the rule it was computed from.
public struct LegalDeadline: Codable, Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case running
        /// Its step happened (late when `endedAt` is after `dueAt`).
        case met
        /// Its time ran out and its step has not happened.
        case expired
        /// Restarted by a postponement or a re-arrest, replaced (consent, an appeal) or
        /// extended.
        case superseded
        /// Stopped by a postponement without an agreed date: it runs again once one is agreed.
        case postponed
        /// The case ended.
        case closed
    }

    public var id: UUID
    public var caseID: UUID
    public var timer: ExtraditionTimer
    public var instrument: String
    public var duration: DeadlineDuration
    public var counting: CountingRule
    public var legalBasis: String
    public var obligation: TimerObligation
    /// The calendar working days were counted in.
    public var calendar: String
    /// The country whose law sets the period, and the IANA zone of the place the step
    /// happened: the last day ends at midnight there.
    public var country: String
    public var timeZone: String
    public var startedBy: String
    /// The event the period runs from (an arrest, an order, the appointed date).
    public var runsFrom: Date
    /// The last day of the period in `timeZone`, for day and month units.
    public var lastDay: CalendarDate?
    public var dueAt: Date
    public var status: Status
    public var endedAt: Date?
    public var endedBy: String?
    /// Why it was restarted, replaced, extended or postponed, when it was.
    public var reason: String
    /// How many extensions this deadline's period includes, and how much they add (in the
    /// period's unit, already in `duration`).
    public var extensions: Int
    public var extendedBy: Int
    /// The step it counts from; a correction of that step recomputes it.
    public var stepID: UUID?
    /// For a deadline met after it ran out: by how many days, counted in `timeZone` (whole
    /// days after the last day; for hour periods, started days after the due instant).
    public var metLateByDays: Int?

    /// Open: running or expired without its step.
    public var isOpen: Bool { status == .running || status == .expired }

    /// How late a step at `date` meets a deadline due at `dueAt` with `lastDay`, in days; nil when in time.
    static func lateness(of date: Date, dueAt: Date, lastDay: CalendarDate?, in zone: TimeZone) -> Int? {
        guard date >= dueAt else { return nil }
        if let lastDay {
            return CalendarDate(date, in: zone).daysSinceEpoch - lastDay.daysSinceEpoch
        }
        return Int((date.timeIntervalSince(dueAt) / 86_400).rounded(.down)) + 1
    }
}

/// How a release task was resolved.
public enum ReleaseResolution: String, Sendable, Hashable, Codable, CaseIterable {
    case released
    case withdrawn
    /// Legal staff recorded why the person is still lawfully held (e.g. an extension).
    case lawfullyHeld = "lawfully_held"
    case caseClosed = "case_closed"
    /// The deadline it came from was met late (the step happened after all).
    case deadlineMet = "deadline_met"
    /// The deadline it came from was replaced (an extension, an agreed date, an appeal).
    case deadlineSuperseded = "deadline_superseded"
    /// The deadline it came from was stopped by a postponement.
    case deadlinePostponed = "deadline_postponed"
}

/// Opened when a deadline whose expiry means the person *must* be released runs out.
public struct ReleaseTask: Codable, Sendable, Hashable {
    public var id: UUID
    public var caseID: UUID
    public var deadlineID: UUID
    public var legalBasis: String
    public var openedAt: Date
    public var resolvedAt: Date?
    public var resolvedBy: String?
    public var resolution: ReleaseResolution?
    public var note: String
}

/// A recorded step of the workflow: when it happened, when and by whom it was recorded.
public struct ExtraditionStep: Codable, Sendable, Hashable {
    public var id: UUID
    public var transition: String
    public var fromState: String
    public var toState: String
    public var occurredAt: Date
    /// The IANA zone of the place it happened.
    public var timeZone: String
    public var recordedAt: Date
    public var actor: String
    public var note: String
    /// Its corrections, oldest first: the effective time and zone above are the latest.
    public var corrections: [StepCorrection]
}

/// A correction of a step's effective time or place, with the values it replaced.
public struct StepCorrection: Codable, Sendable, Hashable {
    public var oldOccurredAt: Date
    public var newOccurredAt: Date
    public var oldTimeZone: String
    public var newTimeZone: String
    public var reason: String
    public var correctedAt: Date
    public var correctedBy: String
}

/// A line of the deadline board: an open deadline of an open extradition.
public struct BoardEntry: Codable, Sendable, Hashable {
    public var caseID: UUID
    public var reference: String
    public var title: String
    public var state: String
    /// The person sought, by their name in Latin script.
    public var personName: String
    public var requestingState: String
    public var requestedState: String
    /// The requesting state's own zone, for its view of the due instant.
    public var requestingTimeZone: String
    public var custody: CustodyStatus
    public var deadline: LegalDeadline
    /// Whether a release task is open on the case.
    public var releaseTaskOpen: Bool

    public func isOverdue(at date: Date) -> Bool { deadline.dueAt <= date }
}

/// What the deadline board is cut to; nil fields do not filter.
public struct BoardFilter: Sendable, Hashable {
    /// A legal instrument's id (`ece-1957`).
    public var instrument: String?
    /// ISO 3166-1 alpha-2 codes.
    public var requestingState: String?
    public var requestedState: String?
    public var custody: CustodyStatus?

    public init(instrument: String? = nil, requestingState: String? = nil, requestedState: String? = nil, custody: CustodyStatus? = nil) {
        self.instrument = instrument
        self.requestingState = requestingState
        self.requestedState = requestedState
        self.custody = custody
    }

    /// Whether any field filters.
    public var isEmpty: Bool { self == BoardFilter() }

    func validate() throws(DossierError) {
        for (field, code) in [("requesting state", requestingState), ("requested state", requestedState)] {
            if let code, !(code.count == 2 && code.allSatisfy { $0.isASCII && $0.isUppercase }) {
                throw .invalidInput("\(field) '\(code)' must be a two-letter ISO 3166-1 code in capitals, such as FR")
            }
        }
    }
}
