/// An error that Dossier reports to a user: a stable machine code and a message that says
/// what was wrong and, where it helps, what is allowed.
///
/// Codes are part of the API (the HTTP layer puts them in problem details, the CLI prints
/// them); never rename one.
public struct DossierError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input does not have the shape or values allowed.
        public static let invalidInput = Code("invalid_input")
        /// The case, person or other object does not exist (or the caller may not know it does).
        public static let notFound = Code("not_found")
        /// The case is not in a state where the transition applies.
        public static let wrongState = Code("wrong_state")
        /// None of the actor's roles may run the transition.
        public static let roleNotAllowed = Code("role_not_allowed")
        /// A transition guard refused.
        public static let guardRefused = Code("guard_refused")
        /// The caller's expected version is not the case's current version.
        public static let staleVersion = Code("stale_version")
        /// The same idempotency key was used with a different request.
        public static let idempotencyConflict = Code("idempotency_conflict")
        /// A unique value (a reference, a name) already exists.
        public static let alreadyExists = Code("already_exists")
        /// A workflow definition is invalid.
        public static let invalidWorkflow = Code("invalid_workflow")
        /// The module set cannot be registered.
        public static let invalidModule = Code("invalid_module")
        /// A migration already applied has changed, or cannot be applied.
        public static let migrationFailed = Code("migration_failed")
        /// A module hook refused the change.
        public static let hookRefused = Code("hook_refused")
        /// The deployment lacks what the request needs (a signing key, say): an operator's
        /// fix, not the caller's.
        public static let notConfigured = Code("not_configured")
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func invalidInput(_ message: String) -> DossierError { .init(.invalidInput, message) }
    public static func notFound(_ message: String) -> DossierError { .init(.notFound, message) }
}
