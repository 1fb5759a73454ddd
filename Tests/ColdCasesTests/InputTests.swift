import ColdCases
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

@Suite struct InputTests {
    static let valid: [String: JSONValue] = [
        "offence_category": "homicide", "offence_date": "1994-06-12", "offence_place": "Leeds",
        "went_cold_on": "1995-09-01", "jurisdiction": "GB",
    ]

    @Test(arguments: [
        ("offence_category", "burglary",
         "attributes.offence_category: 'burglary' is not allowed; use homicide, attempted_homicide, sexual_offence, "
            + "missing_person, kidnapping, robbery, arson or other"),
        ("offence_date", "1994-13-01", "attributes.offence_date: '1994-13-01' is not a valid YYYY-MM-DD date"),
        ("went_cold_on", nil, "attributes.went_cold_on is required"),
        ("jurisdiction", "UK1", "attributes.jurisdiction 'UK1' is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. GB)"),
        ("went_cold_on", "1990-01-01", "attributes.went_cold_on 1990-01-01 is before attributes.offence_date 1994-06-12"),
        ("offence_place", " ", "attributes.offence_place must not be empty"),
        ("limitation_date", "1993-01-01", "attributes.limitation_date 1993-01-01 is before attributes.offence_date 1994-06-12"),
    ] as [(String, JSONValue?, String)])
    func badAttributesAreRefusedNamingTheField(field: String, value: JSONValue?, message: String) async throws {
        try await TestDatabase.withColdCases { db async throws in
            var attributes = Self.valid
            attributes[field] = value
            let error = await dossierError {
                _ = try await db.store.openCase(
                    NewCase(module: "cold-cases", type: "cold-case", title: "x", owningAgency: "WYP", country: "GB",
                            attributes: .object(attributes)),
                    by: db.ivy)
            }
            #expect(error?.code == .invalidInput)
            #expect(error?.message == message)
            #expect(try await db.store.listCases(CaseQuery()).cases.isEmpty)
        }
    }

    /// "In the future" is judged by the store's clock, not the machine's: on the test clock's
    /// day an offence that day is accepted and one the next day refused, whatever today is.
    @Test func offenceDatesAreCheckedAgainstTheStoresClock() async throws {
        try await TestDatabase.withColdCases { db async throws in
            let today = CalendarDate(db.now, in: .gmt)
            func open(offenceOn day: CalendarDate) async throws -> Case {
                var attributes = Self.valid
                attributes["offence_date"] = .string(day.description)
                attributes["went_cold_on"] = .string(day.description)
                return try await db.store.openCase(
                    NewCase(module: "cold-cases", type: "cold-case", title: "x", owningAgency: "WYP", country: "GB",
                            attributes: .object(attributes)),
                    by: db.ivy)
            }
            _ = try await open(offenceOn: today)
            let tomorrow = today.adding(days: 1)
            let error = await dossierError { _ = try await open(offenceOn: tomorrow) }
            #expect(error?.message == "attributes.offence_date \(tomorrow) is in the future")
        }
    }

    @Test func badStoreInputsAreRefusedNamingTheFieldAndAllowedValues() async throws {
        try await TestDatabase.withColdCases { db async throws in
            let opened = try await db.openColdCase()
            let evidence = await dossierError {
                _ = try await db.coldCases.addEvidence(
                    caseID: opened.id, NewEvidenceItem(item: " ", exhibitReference: "A/1", storageLocation: "x", condition: .good),
                    by: db.ivy)
            }
            #expect(evidence?.message == "item must not be empty")
            #expect(
                error(of: { _ = try EvidenceCondition.parse("soggy", field: "condition") })?.message
                    == "condition 'soggy' is not allowed; use good, degraded, poor, destroyed, missing or unknown")

            let policy = await dossierError {
                try await db.coldCases.setReviewPolicy(
                    ReviewPolicy(agency: "WYP", firstReview: .hours(48), interval: .months(24)), by: db.sam)
            }
            #expect(policy?.message == "firstReview.unit 'hours' is not allowed; use calendar_days, working_days, calendar_months")
            let policyRole = await dossierError {
                try await db.coldCases.setReviewPolicy(
                    ReviewPolicy(agency: "WYP", firstReview: .days(28), interval: .months(24)), by: db.ivy)
            }
            #expect(policyRole?.code == .roleNotAllowed)

            let reviewType = await dossierError {
                _ = try await db.store.runTransition(.init(
                    caseID: opened.id, transition: "start_review",
                    inputs: ["review_id": .string(UUID().uuidString), "review_type": "cursory"], actor: db.ivy))
            }
            #expect(reviewType?.message == "input 'review_type' must be one of periodic, new_information, forensic, not 'cursory'")
            let reviewID = await dossierError {
                _ = try await db.store.runTransition(.init(
                    caseID: opened.id, transition: "start_review", inputs: ["review_id": "R-1", "review_type": "periodic"],
                    actor: db.ivy))
            }
            #expect(reviewID?.message == "input 'review_id' must be a UUID, not 'R-1'")
            #expect(try await db.store.getCase(id: opened.id).state == "cold")

            let days = await dossierError { _ = try await db.coldCases.limitationWarnings(within: -1, visibleTo: .system) }
            #expect(days?.message == "within must be a whole number of days from 0 to 3650, not -1")
            let limit = await dossierError { _ = try await db.coldCases.reviewQueue(visibleTo: .system, limit: 0) }
            #expect(limit?.message == "limit must be between 1 and 500, not 0")
            let lead = await dossierError {
                _ = try await db.coldCases.addLead(
                    caseID: opened.id, NewLead(source: "tip line", receivedAt: db.now, summary: ""), by: db.ivy)
            }
            #expect(lead?.message == "summary must not be empty")
            let findings = await dossierError {
                let started = try await db.coldCases.startReview(caseID: opened.id, type: .periodic, by: db.ivy)
                _ = try await db.coldCases.recordReview(
                    started.id,
                    ReviewRecord(
                        factors: SolvabilityFactors(suspectIdentified: false, forensicEvidenceAvailable: false), findings: "",
                        decision: .remainCold),
                    by: db.ivy)
            }
            #expect(findings?.message == "findings must not be empty")
        }
    }
}

func error(of body: () throws -> Void) -> DossierError? {
    do {
        try body()
        return nil
    } catch let error as DossierError {
        return error
    } catch {
        return nil
    }
}
