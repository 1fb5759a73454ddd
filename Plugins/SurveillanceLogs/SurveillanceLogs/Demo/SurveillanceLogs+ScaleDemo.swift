public import DossierPostgres
import DossierCore
import Foundation

extension SurveillanceLogs: ScaleDemoModule {
    /// One in five generated cases is a surveillance operation.
    public var scaleDemoCaseShare: Int { 1 }

    /// An operation with its lead, a second officer, a subject and two notes; one in three
    /// was closed by the agency's supervisor since. Generated operations have no
    /// authorisations or log entries.
    public func scaleDemoCase(_ index: Int, in context: ScaleDemoContext) -> BulkCase? {
        let (agency, country) = context.agency(index)
        let lead = context.investigator(index)
        let supervisor = "\(agency.lowercased()).supervisor"
        let subject = context.persons.isEmpty ? nil : context.pick(context.persons, index * 7 + 3)
        let closes = index % 3 == 0
        let openedAt = context.openedAt(index)
        let objective = context.pick([
            "locate a fugitive wanted on a Red Notice", "identify the suppliers of a drugs network",
            "gather evidence of a firearms trafficking conspiracy", "trace the proceeds of a fraud",
        ], index)
        var events = [BulkCase.Event(.note, actor: lead, payload: ["text": "Briefing held; observation points agreed."])]
        events.append(closes
            ? BulkCase.Event(.transition, actor: supervisor, payload: [
                "transition": .string(OperationWorkflow.TransitionName.close),
                "from": .string(OperationWorkflow.State.active), "to": .string(OperationWorkflow.State.closed),
                "inputs": ["reason": "objective achieved"],
            ])
            : BulkCase.Event(.note, actor: lead, payload: ["text": "Weekly summary sent to the authorising officer."]))
        return BulkCase(
            NewCase(
                module: Self.moduleID, type: Self.caseTypeName, title: "Operation \(index.zeroPadded(7)): \(objective)",
                classification: .secret, owningAgency: agency, country: country,
                attributes: (try? JSONValue(encoding: OperationAttributes(objective: objective, jurisdiction: country))) ?? [:]),
            state: closes ? OperationWorkflow.State.closed : OperationWorkflow.State.active,
            openedAt: openedAt, closedAt: closes ? openedAt.addingTimeInterval(4 * 3_600) : nil,
            lead: lead, members: [(context.investigator(index, number: 1), .investigator)],
            parties: subject.map { [BulkCase.Party(personID: $0.id, name: $0.name, role: .suspect)] } ?? [],
            events: events)
    }
}
