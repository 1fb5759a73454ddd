import Crypto
import DossierCore
public import DossierPostgres
import Foundation

extension Extradition: DemoDataModule {
    /// Extraditions at every step of the workflow under the four seeded instruments, with
    /// running and overdue deadlines (steps are dated in the past), documents, a postponed
    /// surrender, a release on timeout and a re-arrest. Cases already loaded are skipped.
    public func loadDemoData(into context: DemoContext) async throws {
        try await ExtraditionDemo(context: context).load()
    }
}

/// Loads the extradition demo as users would: an investigator opens the case and records
/// the arrest; legal staff register documents and record the legal steps.
struct ExtraditionDemo {
    let context: DemoContext
    let store: ExtraditionStore

    init(context: DemoContext) {
        self.context = context
        store = ExtraditionStore(cases: context.store, logger: context.logger)
    }

    func load() async throws {
        let scenarios = ExtraditionDemoScenario.all(today: CalendarDate(context.now, in: .gmt))
        let progress = context.progress("extraditions", total: scenarios.count)
        for index in scenarios.indices {
            let scenario = context.pick(scenarios, index)
            // The demo persons are the fugitives, one per extradition in this order.
            let person = context.pick(context.persons, index)
            let attributes = ExtraditionAttributes(
                personID: person.id,
                redNoticeID: try person.notices.first { $0.kind == .red }.map { notice throws(DossierError) in try RedNoticeID(parsing: notice.id) },
                requestingState: scenario.requestingState, requestedState: scenario.requestedState,
                instrument: scenario.instrument, offences: [scenario.cited].compactMap { $0 })
            let (opened, isNew) = try await context.open(
                NewCase(
                    module: Extradition.moduleID, type: Extradition.caseTypeName, title: "\(scenario.title): \(person.latinName)",
                    classification: .confidential, owningAgency: context.investigator.agency ?? "MET",
                    country: scenario.requestedState, attributes: try JSONValue(encoding: attributes)),
                key: "extradition:\(index)")
            if isNew { try await play(scenario, on: opened) }
            progress.update(index + 1)
        }
    }

    /// Adds legal staff to the case, then runs its steps with their dates, registering the
    /// documents each step needs just before it.
    func play(_ scenario: ExtraditionDemoScenario, on opened: Case) async throws {
        _ = try await context.store.addMember(
            caseID: opened.id, userID: context.legal.id, role: .legal, reason: "the prosecutor handling the request",
            by: context.investigator)
        let instrument = try await store.instrument(id: scenario.instrument)
        var registered: Set<DocumentKind> = []
        let now = context.now
        for step in scenario.steps {
            let needed = instrument.documentRequirements.filter { $0.transition == step.transition }.map(\.kind)
            for kind in needed where !registered.contains(kind) {
                _ = try await store.registerDocument(
                    caseID: opened.id,
                    NewExtraditionDocument(
                        kind: kind, title: "\(kind.label.capitalized), \(opened.reference)", fileName: "\(kind.rawValue).pdf",
                        sha256: SHA256.hash(data: Data("\(opened.reference)/\(kind.rawValue)".utf8))
                            .map { String(format: "%02x", $0) }.joined()),
                    by: context.legal)
                registered.insert(kind)
            }
            var inputs = step.inputs
            let transition = ExtraditionWorkflow.definition.transition(named: step.transition)
            if transition?.inputs.contains(where: { $0.name == "occurred_at" }) == true {
                inputs["occurred_at"] = .string(now.addingTimeInterval(-step.daysAgo * 86_400).formatted(.iso8601))
            }
            if transition?.inputs.contains(where: { $0.name == "reason" && $0.isRequired }) == true, inputs["reason"] == nil {
                inputs["reason"] = "recorded from the case file"
            }
            let actor = transition.map { $0.roles.contains(.legal) } == true ? context.legal : context.investigator
            _ = try await context.store.runTransition(
                TransitionRequest(caseID: opened.id, transition: step.transition, inputs: inputs, actor: actor))
        }
    }
}
