public import DossierCore

/// A module with hooks: code the core runs inside its own transactions.
///
/// ```swift
/// extension ColdCases: HookModule {
///     public var hooks: [CaseHook] {
///         [.afterTransition { event, transaction in
///             try await transaction.connection.query("UPDATE cold_cases SET state = \(event.case.state) ...",
///                                                    logger: transaction.logger)
///         }]
///     }
/// }
/// ```
public protocol HookModule: CaseModule {
    var hooks: [CaseHook] { get }
}

/// A module's code run at a ``HookPoint``, inside the core's transaction: when it throws,
/// nothing of the change is kept. Each kind of hook is made by its own function, which
/// hands it that point's event (``HookEvent/Transition`` for a transition, ...) and the
/// running transaction (``CaseTransaction``): its connection, for the module's own tables,
/// and the core's operations, for the case's parties, links and notes.
public struct CaseHook: Sendable {
    public enum Scope: Sendable, Hashable {
        /// Cases of the module's own case types.
        case ownCases
        /// Every case, whatever its module.
        case allCases
    }

    public let point: HookPoint
    public let scope: Scope
    let body: @Sendable (HookEvent, CaseTransaction) async throws -> Void

    private init(
        _ point: HookPoint, scope: Scope, body: @escaping @Sendable (HookEvent, CaseTransaction) async throws -> Void
    ) {
        self.point = point
        self.scope = scope
        self.body = body
    }

    /// Runs after all checks pass, before the state changes; throwing refuses the transition.
    public static func beforeTransition(
        scope: Scope = .ownCases,
        _ run: @escaping @Sendable (HookEvent.Transition, CaseTransaction) async throws -> Void
    ) -> CaseHook {
        CaseHook(.beforeTransition, scope: scope) { event, transaction in
            if case .beforeTransition(let transition) = event { try await run(transition, transaction) }
        }
    }

    /// Runs after the state changed and the event was appended, before commit.
    public static func afterTransition(
        scope: Scope = .ownCases,
        _ run: @escaping @Sendable (HookEvent.Transition, CaseTransaction) async throws -> Void
    ) -> CaseHook {
        CaseHook(.afterTransition, scope: scope) { event, transaction in
            if case .afterTransition(let transition) = event { try await run(transition, transaction) }
        }
    }

    /// Runs when a case opens, after its `opened` event.
    public static func caseOpened(
        scope: Scope = .ownCases,
        _ run: @escaping @Sendable (HookEvent.CaseOpened, CaseTransaction) async throws -> Void
    ) -> CaseHook {
        CaseHook(.caseOpened, scope: scope) { event, transaction in
            if case .caseOpened(let opened) = event { try await run(opened, transaction) }
        }
    }

    /// Runs when a person takes a part in a case, after its `party_added` event.
    public static func partyAdded(
        scope: Scope = .ownCases,
        _ run: @escaping @Sendable (HookEvent.PartyAdded, CaseTransaction) async throws -> Void
    ) -> CaseHook {
        CaseHook(.partyAdded, scope: scope) { event, transaction in
            if case .partyAdded(let party) = event { try await run(party, transaction) }
        }
    }

    /// Runs when one of the case's timers fires.
    public static func timerFired(
        scope: Scope = .ownCases,
        _ run: @escaping @Sendable (HookEvent.TimerFired, CaseTransaction) async throws -> Void
    ) -> CaseHook {
        CaseHook(.timerFired, scope: scope) { event, transaction in
            if case .timerFired(let timer) = event { try await run(timer, transaction) }
        }
    }
}

extension ModuleRegistry {
    /// The hooks to run at `point` for a case of `moduleID`, in module order.
    public func hooks(at point: HookPoint, forCaseOf moduleID: String) -> [CaseHook] {
        modules.compactMap { $0 as? any HookModule }.flatMap { module in
            module.hooks.filter { $0.point == point && ($0.scope == .allCases || module.id == moduleID) }
        }
    }
}
