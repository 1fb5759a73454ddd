public import DossierCore

/// The deadlines the extradition workflow knows (DOMAIN.md §1.4). Which step starts and
/// which step meets each is fixed here; its period, counting, legal basis and obligation
/// come from the case's ``LegalInstrument``.
public enum ExtraditionTimer: String, Sendable, Hashable, ChoiceCodable {
    /// The formal request must arrive after provisional arrest (ECE 18 days "may").
    case request
    /// The outer limit for the request (ECE 40 days "must").
    case requestLimit = "request_limit"
    /// The requested state says whether the person consents (ECE 3rd Protocol, 10 days).
    case consentNotice = "consent_notice"
    /// The person is brought before a judge after arrest (UK Part 1: 48 hours).
    case firstAppearance = "first_appearance"
    /// The decision after arrest (EAW 60 days).
    case decision
    /// The decision after consent (EAW 10 days).
    case decisionAfterConsent = "decision_after_consent"
    /// Notice of appeal after the order (UK Part 2: 14 days).
    case appeal
    /// Surrender after the final decision (ECE 15 days "may", EAW 10 "must", UK 28).
    case surrender
    /// The outer limit for surrender (ECE 30 days "must"); the EAW has none: an agreed new
    /// date starts its 10 days again (Art. 23(3)-(5)).
    case surrenderLimit = "surrender_limit"
    /// Speciality protection after final discharge in the requesting state (ECE 45 days).
    case speciality

    typealias Name = ExtraditionWorkflow.TransitionName

    /// The transitions that start this deadline (restarting a running one) when an
    /// instrument's rule does not name its own: the instrument's data says which event its
    /// article counts from (UK Part 2 counts the appeal and surrender from the Secretary of
    /// State's order).
    public func defaultStartedBy(hasExecutiveStage: Bool) -> [String] {
        switch self {
        case .request, .requestLimit, .consentNotice: [Name.provisionallyArrest]
        case .firstAppearance, .decision: [Name.provisionallyArrest, Name.arrestOnRequest, Name.reArrest]
        case .decisionAfterConsent: [Name.recordConsent]
        case .appeal: [hasExecutiveStage ? Name.approveByExecutive : Name.findExtraditable]
        case .surrender, .surrenderLimit: [Name.orderSurrender, Name.dismissAppeal, Name.postponeSurrender]
        case .speciality: [Name.recordFinalDischarge]
        }
    }

    /// The transitions that may start a deadline of this timer: an instrument's rule names
    /// some of them.
    public var possibleStarts: Set<String> {
        switch self {
        case .request, .requestLimit, .consentNotice, .firstAppearance, .decision:
            [Name.provisionallyArrest, Name.arrestOnRequest, Name.reArrest]
        case .decisionAfterConsent: [Name.recordConsent]
        case .appeal: [Name.findExtraditable, Name.approveByExecutive]
        case .surrender, .surrenderLimit:
            [Name.findExtraditable, Name.approveByExecutive, Name.orderSurrender, Name.dismissAppeal, Name.postponeSurrender]
        case .speciality: [Name.recordFinalDischarge]
        }
    }

    /// The transitions that meet this deadline. A first appearance is met by the person
    /// appearing (``ExtraditionStore/recordFirstAppearance(caseID:at:by:)``) or consenting
    /// before the judge, not by a hearing being listed.
    public var metBy: Set<String> {
        switch self {
        case .request, .requestLimit: [Name.receiveRequest]
        case .consentNotice: [Name.recordConsent, Name.receiveRequest]
        case .firstAppearance: [Name.recordConsent]
        case .decision, .decisionAfterConsent: [Name.findExtraditable, Name.discharge]
        case .appeal: [Name.lodgeAppeal, Name.orderSurrender]
        case .surrender, .surrenderLimit: [Name.surrender]
        case .speciality: [Name.close]
        }
    }

    /// The transitions that replace this deadline with another: consent replaces the
    /// decision period after arrest with the one after consent (EAW Art. 17(2)-(3)); an
    /// appeal replaces a surrender period already running with the one that starts when the
    /// appeal is decided (UK s.117 with s.118, s.35 with s.36).
    public var supersededBy: Set<String> {
        switch self {
        case .decision: [Name.recordConsent]
        case .surrender, .surrenderLimit: [Name.lodgeAppeal]
        default: []
        }
    }

    /// Whether a rule of this timer may count from another date than its step's (the
    /// appointed surrender date, the end of the appeal period).
    public var mayRunFromAnotherDate: Bool { self == .surrender || self == .surrenderLimit }

    /// The workflow's timer of this name; its period is a placeholder, since each case
    /// times it from its instrument.
    var definition: TimerDefinition {
        TimerDefinition(rawValue, start: .byEffect, duration: .days(1), legalBasis: "the case's legal instrument")
    }
}
