import DossierCore
import DossierPostgres
import DossierTesting
@testable import Extradition
import Foundation
import PostgresNIO
import Testing

extension TestDatabase {
    /// Runs `body` against a database migrated with the extradition module.
    static func withExtradition<Result: Sendable>(_ body: (TestDatabase) async throws -> Result) async throws -> Result {
        try await with(modules: [Extradition()], body)
    }

    var extraditions: ExtraditionStore { ExtraditionStore(cases: store, logger: logger) }

    /// An officer of the opening agency (a member as the case's lead).
    var olga: Actor { actor(.investigator, id: "olga", agency: "MET") }
    /// Legal staff, added to each test case as a member.
    var lena: Actor { actor(.legal, id: "lena", agency: "CPS") }
    /// An analyst of the same agency, not a member.
    var andy: Actor { actor(.analyst, id: "andy", agency: "MET") }

    /// Opens an extradition of a new person, with `lena` as its legal member.
    func openExtradition(
        instrument: String = "ece-1957", requesting: String = "US", requested: String = "FR"
    ) async throws -> Case {
        let person = try await store.createPerson(NewPerson(latinName: "Viktor Sokolov"), by: olga)
        let attributes = ExtraditionAttributes(
            personID: person.id, redNoticeID: try RedNoticeID(parsing: "2024-81234"), requestingState: requesting,
            requestedState: requested, instrument: instrument,
            offences: [Offence(description: "wire fraud", legalProvision: "18 U.S.C. §1343", maximumPenalty: "20 years")])
        let opened = try await store.openCase(
            NewCase(
                module: Extradition.moduleID, type: Extradition.caseTypeName, title: "Extradition of V. Sokolov",
                classification: .confidential, owningAgency: "MET", country: requested,
                attributes: try JSONValue(encoding: attributes)),
            by: olga)
        _ = try await store.addMember(caseID: opened.id, userID: lena.id, role: .legal, reason: "the case's lawyer", by: olga)
        return opened
    }

    /// Runs a step as `actor` (legal staff by default), `daysAgo` days in the past when given.
    @discardableResult
    func step(
        _ caseID: UUID, _ transition: String, daysAgo: Double? = nil, by actor: Actor? = nil,
        _ inputs: [String: JSONValue] = [:]
    ) async throws -> Case {
        var inputs = inputs
        if let daysAgo { inputs["occurred_at"] = .string(now.addingTimeInterval(-daysAgo * 86_400).formatted(.iso8601)) }
        return try await store.runTransition(
            TransitionRequest(caseID: caseID, transition: transition, inputs: inputs, actor: actor ?? lena)
        ).case
    }

    /// Registers a document of each kind, with a distinct made-up hash.
    func register(_ kinds: [DocumentKind], on caseID: UUID) async throws {
        for kind in kinds {
            let hash = String(repeating: String(format: "%02x", DocumentKind.allCases.firstIndex(of: kind)! + 1), count: 32)
            _ = try await extraditions.registerDocument(
                caseID: caseID, NewExtraditionDocument(kind: kind, title: "\(kind.label) for \(caseID)", sha256: hash), by: lena)
        }
    }

    /// The case's deadlines by timer, newest first within a timer.
    func deadlines(_ caseID: UUID) async throws -> [ExtraditionTimer: [LegalDeadline]] {
        Dictionary(grouping: try await extraditions.deadlines(caseID: caseID), by: \.timer)
            .mapValues { $0.sorted { $0.id.uuidString > $1.id.uuidString } }
    }

    /// The custody column of the module's row.
    func custody(_ caseID: UUID) async throws -> String? {
        for try await value in try await client.query("SELECT custody FROM extraditions WHERE case_id = \(caseID)", logger: logger)
            .decode(String.self)
        {
            return value
        }
        return nil
    }
}

extension TestDatabase {
    /// Runs `body` against a database migrated with the extradition module, on a clock
    /// fixed at `instant` (ISO 8601).
    static func withExtradition(fixedAt instant: String, _ body: (TestDatabase) async throws -> Void) async throws {
        try await with(modules: [Extradition()], clock: .fixed(try Date(instant, strategy: .iso8601)), body)
    }
}

/// A step's inputs with its effective time: `occurred_at` set to `instant` (ISO 8601).
func at(_ instant: String, _ inputs: [String: JSONValue] = [:]) -> [String: JSONValue] {
    inputs.merging(["occurred_at": .string(instant)]) { $1 }
}

/// Runs `body` and returns the DossierError it threw.
func dossierError(_ body: () async throws -> Void) async -> DossierError? {
    do {
        try await body()
        return nil
    } catch let error as DossierError {
        return error
    } catch {
        Issue.record("expected a DossierError, got \(error)")
        return nil
    }
}

typealias Name = ExtraditionWorkflow.TransitionName
typealias State = ExtraditionWorkflow.State

/// The documents most instruments need before `receive_request`.
let requestDocuments: [DocumentKind] = [.arrestWarrant, .statementOfFacts, .legalProvisions, .translation]
