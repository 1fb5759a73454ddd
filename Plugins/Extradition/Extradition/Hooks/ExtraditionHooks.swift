import DossierCore
import DossierPostgres
import Foundation
import Logging
import PostgresNIO

/// The module's hooks, on the core's connection and inside its transaction: they register
/// the extradition and its fugitive, refuse steps whose documents are missing or that the
/// instrument does not have, record each step, keep the deadlines, and open release tasks.
enum ExtraditionHooks {
    typealias Name = ExtraditionWorkflow.TransitionName

    static var all: [CaseHook] {
        [
            .caseOpened { event, transaction in
                try await caseOpened(event, in: transaction)
            },
            .beforeTransition { event, transaction in
                try await StepChecks(event: event, connection: transaction.connection, logger: transaction.logger).run()
            },
            .afterTransition { event, transaction in
                try await StepRecorder(event: event, connection: transaction.connection, logger: transaction.logger).run()
            },
            .timerFired { event, transaction in
                guard let timer = ExtraditionTimer(rawValue: event.timerName) else { return }
                try await DeadlineKeeper(
                    caseID: event.case.id, actor: "system", connection: transaction.connection, logger: transaction.logger)
                    .expire(timer, at: event.now)
            },
        ]
    }

    /// Checks the person, the instrument and the originating case, then registers the
    /// extradition, and through the core its fugitive party and its link to the originating
    /// case (each chained on the timeline).
    static func caseOpened(_ event: HookEvent.CaseOpened, in transaction: CaseTransaction) async throws {
        let (connection, logger) = (transaction.connection, transaction.logger)
        let opened = event.case
        let attributes = try opened.attributes.decode(as: ExtraditionAttributes.self)
        // A person the opener may not see is answered as one that does not exist: opening
        // the case would otherwise make them visible through its party.
        guard try await exists(
            "SELECT 1 FROM persons p WHERE p.id = \(attributes.personID) AND \(personsVisibleTo: event.actor)",
            on: connection, logger: logger)
        else {
            throw DossierError.invalidInput("attributes.person_id: person \(attributes.personID.lowercased) does not exist")
        }
        guard try await Instruments.load(attributes.instrument, on: connection, logger: logger) != nil else {
            let known = try await Instruments.all(on: connection, logger: logger).map(\.id)
            throw DossierError.invalidInput(
                "attributes.instrument '\(attributes.instrument)' is not a known instrument; use \(known.joined(separator: ", "))")
        }
        if let originating = attributes.originatingCaseID, try await !transaction.actorMaySee(caseID: originating) {
            throw DossierError.invalidInput("attributes.originating_case_id: case \(originating.lowercased) does not exist")
        }
        try await connection.query(
            """
            INSERT INTO extraditions (case_id, person_id, red_notice_id, requesting_state, requested_state, instrument_id,
                                      custody, originating_case_id, state)
            VALUES (\(opened.id), \(attributes.personID), \(attributes.redNoticeID?.description), \(attributes.requestingState),
                    \(attributes.requestedState), \(attributes.instrument), \(CustodyStatus.atLarge.rawValue),
                    \(attributes.originatingCaseID), \(opened.state))
            """, logger: logger)
        try await transaction.addParty(personID: attributes.personID, role: .fugitive, note: "the person sought")
        if let originating = attributes.originatingCaseID {
            try await transaction.addLink(kind: "originating-case", to: .case(originating))
        }
    }

    static func exists(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        for try await _ in try await connection.query(query, logger: logger) { return true }
        return false
    }
}
