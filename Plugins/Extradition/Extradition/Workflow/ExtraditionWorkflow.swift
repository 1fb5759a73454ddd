public import DossierCore

/// The extradition workflow (DOMAIN.md §1.4): `wanted` → `located` → provisional arrest or
/// arrest on request → (consent) → request received → central review → hearing →
/// judicial decision → (executive decision) → (appeal) → surrender ordered → surrendered.
///
/// Terminal: `released_timeout` (a re-arrest on the same case reopens it), `refused`,
/// `discharged`, `withdrawn`, `closed`. Steps that happened before they were recorded take
/// an `occurred_at` input (their effective time) and a `zone` (the IANA zone of the place,
/// defaulting to the country's), and their deadlines run from that local day. The module's
/// hooks refuse a step whose documents are missing, an executive step under an instrument
/// without one, an appeal under an instrument without appeals, a step dated before the one
/// recorded before it, and a court's surrender order where a minister must decide first.
public enum ExtraditionWorkflow {
    public enum State {
        public static let wanted = "wanted"
        public static let located = "located"
        public static let provisionallyArrested = "provisionally_arrested"
        public static let arrestedOnRequest = "arrested_on_request"
        public static let consented = "consented"
        public static let requestReceived = "request_received"
        public static let centralReview = "central_review"
        public static let hearing = "hearing"
        public static let judicialDecision = "judicial_decision"
        public static let executiveDecision = "executive_decision"
        public static let appealPending = "appeal_pending"
        public static let surrenderOrdered = "surrender_ordered"
        public static let surrendered = "surrendered"
        public static let specialityPeriod = "speciality_period"
        public static let closed = "closed"
        public static let releasedTimeout = "released_timeout"
        public static let refused = "refused"
        public static let discharged = "discharged"
        public static let withdrawn = "withdrawn"

        /// States in which the person has been arrested and not yet surrendered or freed.
        public static let inCustodyStates = [
            provisionallyArrested, arrestedOnRequest, consented, requestReceived, centralReview, hearing,
            judicialDecision, executiveDecision, appealPending, surrenderOrdered,
        ]
    }

    public enum TransitionName {
        public static let locate = "locate"
        public static let provisionallyArrest = "provisionally_arrest"
        public static let arrestOnRequest = "arrest_on_request"
        public static let recordConsent = "record_consent"
        public static let receiveRequest = "receive_request"
        public static let beginCentralReview = "begin_central_review"
        public static let scheduleHearing = "schedule_hearing"
        public static let findExtraditable = "find_extraditable"
        public static let discharge = "discharge"
        public static let approveByExecutive = "approve_by_executive"
        public static let refuse = "refuse"
        public static let lodgeAppeal = "lodge_appeal"
        public static let allowAppeal = "allow_appeal"
        public static let dismissAppeal = "dismiss_appeal"
        public static let orderSurrender = "order_surrender"
        public static let postponeSurrender = "postpone_surrender"
        public static let surrender = "surrender"
        public static let recordFinalDischarge = "record_final_discharge"
        public static let close = "close"
        public static let releaseOnTimeout = "release_on_timeout"
        public static let reArrest = "re_arrest"
        public static let withdraw = "withdraw"
    }

    /// Grounds for resetting the surrender date (ECE Art. 18(5), Art. 19; UK s.36A, 118A).
    public static let postponementGrounds = ["postponement", "force_majeure"]

    static let occurredAt = InputField(
        "occurred_at", .timestamp, required: false,
        help: "when it happened, if before now; deadlines run from it")
    static let zone = InputField(
        "zone", .string, required: false,
        help: "the IANA time zone of the place it happened (e.g. America/Chicago); default: the country's")
    /// When and where a step happened: its deadlines count from that local day.
    static let effective = [occurredAt, zone]
    static let reason = InputField("reason", .string)
    static let appointedDate = InputField(
        "appointed_date", .date, required: false,
        help: "the date appointed for surrender; periods that count from it (ECE Art. 18(4)) need it")

    static let officers: Set<Role> = [.investigator, .legal, .supervisor]
    static let lawyers: Set<Role> = [.legal, .supervisor]

    public static let definition: WorkflowDefinition = {
        typealias S = State
        typealias T = TransitionName
        let custody = InputField("custody", .choice(["custody", "bail"]), required: false, help: "custody (default) or bail")
        return WorkflowDefinition(
            initialState: S.wanted,
            states: [
                .init(S.wanted), .init(S.located), .init(S.provisionallyArrested), .init(S.arrestedOnRequest),
                .init(S.consented), .init(S.requestReceived), .init(S.centralReview), .init(S.hearing),
                .init(S.judicialDecision, label: "judicial decision: extraditable"),
                .init(S.executiveDecision, label: "executive decision: surrender approved"),
                .init(S.appealPending), .init(S.surrenderOrdered), .init(S.surrendered),
                .init(S.specialityPeriod, label: "discharged after surrender (speciality running)"),
                .init(S.closed, isTerminal: true),
                .init(S.releasedTimeout, isTerminal: true, label: "released on timeout"),
                .init(S.refused, isTerminal: true), .init(S.discharged, isTerminal: true),
                .init(S.withdrawn, isTerminal: true),
            ],
            transitions: [
                .init(T.locate, from: [S.wanted], to: S.located, roles: officers,
                      inputs: effective + [.init("place", .string, required: false)]),
                .init(T.provisionallyArrest, from: [S.located], to: S.provisionallyArrested, roles: officers,
                      inputs: effective + [custody]),
                .init(T.arrestOnRequest, from: [S.located], to: S.arrestedOnRequest, roles: officers,
                      inputs: effective + [custody]),
                .init(T.recordConsent, from: [S.provisionallyArrested, S.arrestedOnRequest], to: S.consented,
                      roles: lawyers,
                      inputs: effective + [.init("speciality_renounced", .boolean, required: false,
                                                 help: "the person also renounced speciality (3rd Protocol Art. 5)")]),
                .init(T.receiveRequest, from: [S.provisionallyArrested, S.arrestedOnRequest, S.consented],
                      to: S.requestReceived, roles: lawyers, inputs: effective),
                .init(T.beginCentralReview, from: [S.requestReceived], to: S.centralReview, roles: lawyers,
                      inputs: effective),
                .init(T.scheduleHearing, from: [S.centralReview], to: S.hearing, roles: lawyers,
                      inputs: effective + [.init("hearing_on", .date)]),
                .init(T.findExtraditable, from: [S.hearing, S.consented], to: S.judicialDecision, roles: lawyers,
                      inputs: effective),
                .init(T.discharge, from: [S.hearing, S.appealPending], to: S.discharged, roles: lawyers,
                      inputs: effective + [reason], label: "discharge (judicial decision)"),
                .init(T.approveByExecutive, from: [S.judicialDecision], to: S.executiveDecision, roles: lawyers,
                      inputs: effective),
                .init(T.refuse, from: [S.centralReview, S.judicialDecision], to: S.refused, roles: lawyers,
                      inputs: effective + [reason]),
                .init(T.lodgeAppeal, from: [S.judicialDecision, S.executiveDecision], to: S.appealPending,
                      roles: lawyers,
                      inputs: effective + [.init("appellant", .choice(["person", "requesting_state"]))]),
                .init(T.allowAppeal, from: [S.appealPending], to: S.discharged, roles: lawyers,
                      inputs: effective + [reason]),
                .init(T.dismissAppeal, from: [S.appealPending], to: S.surrenderOrdered, roles: lawyers,
                      inputs: effective + [appointedDate], label: "dismiss appeal (surrender order final)"),
                .init(T.orderSurrender, from: [S.judicialDecision, S.executiveDecision],
                      to: S.surrenderOrdered, roles: lawyers,
                      inputs: effective + [appointedDate, .init("surrender_place", .string, required: false)],
                      label: "order surrender (decision final)"),
                .init(T.postponeSurrender, from: [S.surrenderOrdered], to: S.surrenderOrdered, roles: lawyers,
                      inputs: effective + [
                          .init("ground", .choice(postponementGrounds)), reason,
                          .init("agreed_date", .date, required: false,
                                help: "the new surrender date; the surrender deadlines run again from it, and "
                                    + "without it they stop until a date is agreed"),
                      ]),
                .init(T.surrender, from: [S.surrenderOrdered], to: S.surrendered, roles: officers,
                      inputs: effective),
                .init(T.recordFinalDischarge, from: [S.surrendered], to: S.specialityPeriod, roles: lawyers,
                      inputs: effective),
                .init(T.close, from: [S.surrendered, S.specialityPeriod], to: S.closed, roles: lawyers,
                      inputs: effective + [reason]),
                .init(T.releaseOnTimeout, from: State.inCustodyStates, to: S.releasedTimeout, roles: lawyers,
                      inputs: effective + [reason]),
                .init(T.reArrest, from: [S.releasedTimeout], to: S.arrestedOnRequest, roles: officers,
                      inputs: effective + [custody, reason], label: "re-arrest once the request arrives"),
                .init(T.withdraw, from: [S.wanted, S.located] + State.inCustodyStates, to: S.withdrawn,
                      roles: lawyers, inputs: effective + [reason], label: "withdrawn by the requesting state"),
            ],
            timers: ExtraditionTimer.allCases.map(\.definition)
        )
    }()
}
