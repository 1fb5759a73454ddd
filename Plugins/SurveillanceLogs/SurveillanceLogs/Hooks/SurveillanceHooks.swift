import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO

/// The module's hooks: closing an operation stops its authorisations' timers, which the
/// core does not know by name (they are named per authorisation).
enum SurveillanceHooks {
    static var all: [CaseHook] {
        [
            .afterTransition { event, transaction in
                guard event.transition == OperationWorkflow.TransitionName.close else { return }
                try await AuthorisationTimers.cancelAll(
                    caseID: event.case.id, at: event.now, on: transaction.connection, logger: transaction.logger)
            }
        ]
    }
}
