public import DossierPostgres
import DossierCore
import Foundation
import PostgresNIO

extension ColdCases: ScaleDemoModule {
    /// Four in five generated cases are cold cases.
    public var scaleDemoCaseShare: Int { 4 }

    /// A cold case with its lead, a second investigator, a victim or witness, and two file
    /// notes; about one in ten was closed administratively instead of the second note.
    ///
    /// Generated cases have no evidence, leads or reviews, and no review timers: the
    /// review queue shows the hand-made demo cases only.
    public func scaleDemoCase(_ index: Int, in context: ScaleDemoContext) -> BulkCase? {
        let category = context.pick(OffenceCategory.allCases, index)
        let (agency, country) = context.agency(index)
        let place = "\(context.pick(["Harbour Road", "Station Street", "Mill Lane", "Church Square", "Canal Path", "Ring Road", "Old Market", "Forest Track"], index / 8)), district \(index % 97 + 1)"
        let offenceDate = CalendarDate(year: 1975 + index % 45, month: index % 12 + 1, day: index % 28 + 1)
        let attributes = ColdCaseAttributes(
            offenceCategory: category, offenceDate: offenceDate, offencePlace: place,
            wentColdOn: offenceDate.adding(days: 400 + index % 900), jurisdiction: country,
            limitationDate: category == .robbery || category == .arson ? offenceDate.adding(months: 12 * 20) : nil)
        let lead = context.investigator(index)
        let second = context.investigator(index, number: 1)
        let person = context.persons.isEmpty ? nil : context.pick(context.persons, index)
        let closes = index % 10 == 8
        let openedAt = context.openedAt(index)
        var events = [BulkCase.Event(.note, actor: lead, payload: [
            "text": .string("Case file digitised; exhibits list checked against the property store (\(index % 40 + 2) items)."),
        ])]
        events.append(closes
            ? BulkCase.Event(.transition, actor: "\(agency.lowercased()).supervisor", payload: [
                "transition": .string(ColdCaseWorkflow.TransitionName.closeAdministratively),
                "from": .string(ColdCaseWorkflow.State.cold), "to": .string(ColdCaseWorkflow.State.adminClosed),
                "inputs": ["reason": "duplicate record of an earlier case file"],
            ])
            : BulkCase.Event(.note, actor: second, payload: [
                "text": .string("Witness statements re-read; no new line of enquiry."),
            ]))
        return BulkCase(
            NewCase(
                module: Self.moduleID, type: Self.caseTypeName,
                title: "\(category.rawValue.replacingOccurrences(of: "_", with: " ").capitalized) at \(place), \(offenceDate)",
                summary: "Offence on \(offenceDate); no viable line of enquiry left by \(attributes.wentColdOn).",
                priority: index % 20 == 0 ? .high : .normal,
                classification: category == .sexualOffence ? .confidential : (category == .homicide ? .restricted : .official),
                owningAgency: agency, country: country,
                attributes: (try? JSONValue(encoding: attributes)) ?? [:], tags: [category.rawValue]),
            state: closes ? ColdCaseWorkflow.State.adminClosed : ColdCaseWorkflow.State.cold,
            openedAt: openedAt, closedAt: closes ? openedAt.addingTimeInterval(4 * 3_600) : nil,
            lead: lead, members: [(second, .investigator)],
            parties: person.map { [BulkCase.Party(personID: $0.id, name: $0.name, role: index % 3 == 0 ? .witness : .victim)] } ?? [],
            events: events)
    }
}

extension ColdCases {
    /// The module's row for each generated cold case that has none yet.
    public func loadScaleData(into context: ScaleDemoContext) async throws {
        try await context.client.query(
            """
            INSERT INTO cold_cases (case_id, state, closed, agency, went_cold_on, limitation_date)
            SELECT c.id, c.state, c.closed_at IS NOT NULL, c.owning_agency, (c.attributes->>'went_cold_on')::date,
                   (c.attributes->>'limitation_date')::date
            FROM cases c
            WHERE c.module = \(Self.moduleID) AND c.tags @> ARRAY[\(ScaleDemoContext.tag)]
              AND NOT EXISTS (SELECT 1 FROM cold_cases cc WHERE cc.case_id = c.id)
            """, logger: context.logger)
    }
}
