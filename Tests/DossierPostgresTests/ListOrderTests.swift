import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

/// The case list in its three orders (newest first, last changed first, soonest deadline
/// first), the columns that keep those orders right, and the filters added with them.
@Suite struct ListOrderTests {
    /// Every page of `query` in order, as titles, `limit` at a time.
    func titles(_ db: TestDatabase, _ query: CaseQuery, visibleTo actor: Actor? = nil) async throws -> [String] {
        var query = query
        var seen: [String] = []
        repeat {
            let page = try await db.store.listCases(query, visibleTo: actor)
            seen += page.cases.map(\.title)
            query.cursor = page.nextCursor
        } while query.cursor != nil
        return seen
    }

    @Test("last changed first: a note moves a case to the top, and pages hold every case once")
    func updatedOrder() async throws {
        try await TestDatabase.withTested { db async throws in
            var opened: [Case] = []
            for title in ["A", "B", "C", "D", "E"] { opened.append(try await db.openTestCase(title: title)) }
            let note = try await db.store.addNote(caseID: opened[1].id, text: "Exhibit found", by: db.actor(.investigator, id: "ivy"))
            #expect(try await titles(db, CaseQuery(sort: .updated, limit: 2)) == ["B", "E", "D", "C", "A"])
            #expect(try await titles(db, CaseQuery(sort: .opened, limit: 2)) == ["E", "D", "C", "B", "A"], "opening order is unchanged")
            let page = try await db.store.listCases(CaseQuery(sort: .updated, limit: 1))
            #expect(
                page.activity[opened[1].id].map { EventChain.microseconds($0.updatedAt) } == EventChain.microseconds(note.occurredAt),
                "updated_at is the newest event's time, to the microsecond the event row keeps")
            #expect(page.nextCursor?.description.hasPrefix("u.") == true)
        }
    }

    @Test("soonest deadline first: overdue leads, cases without a deadline come last, timers keep the column")
    func deadlineOrder() async throws {
        try await TestDatabase.withTested { db async throws in
            let ivy = db.actor(.investigator, id: "ivy", agency: "MET")
            let sue = db.actor(.supervisor, id: "sue", agency: "MET")
            let overdue = try await db.openTestCase(title: "Overdue", by: ivy)
            _ = try await db.store.runTransition(.init(caseID: overdue.id, transition: "activate", actor: ivy))
            // Paused, its escalation (48 h, started by activate) runs on; when it fires it
            // cannot escalate from there, so it stays overdue, unsettled.
            _ = try await db.store.runTransition(.init(caseID: overdue.id, transition: "pause", actor: ivy))
            _ = try await db.openTestCase(title: "Nothing due", by: ivy)
            let closed = try await db.openTestCase(title: "Closed", by: ivy)
            _ = try await db.store.runTransition(.init(caseID: closed.id, transition: "activate", actor: ivy))
            _ = try await db.store.runTransition(.init(caseID: closed.id, transition: "close", inputs: ["reason": "done"], actor: sue))

            let fired = try await db.store.fireDueTimers(now: db.now.addingTimeInterval(3 * 86_400))
            #expect(fired.map(\.timer.caseID).contains(overdue.id))
            let escalation = try #require(try await db.store.timers(caseID: overdue.id).first { $0.name == "escalation_due" })
            #expect(escalation.firedAt != nil)
            // Activated after that firing, its deadlines all run.
            let running = try await db.openTestCase(title: "Running", by: ivy)
            _ = try await db.store.runTransition(.init(caseID: running.id, transition: "activate", actor: ivy))

            #expect(try await titles(db, CaseQuery(sort: .deadline, limit: 1)) == ["Overdue", "Running", "Nothing due", "Closed"])
            // A supervisor's list joins their agency's part and their memberships' part: the same order.
            #expect(try await titles(db, CaseQuery(sort: .deadline, limit: 3), visibleTo: sue) == ["Overdue", "Running", "Nothing due", "Closed"])
            let page = try await db.store.listCases(CaseQuery(sort: .deadline, limit: 4))
            #expect(page.activity[overdue.id]?.nextDeadlineAt == escalation.dueAt)
            let runningTimers = try await db.store.timers(caseID: running.id).filter { $0.status == .running }
            #expect(page.activity[running.id]?.nextDeadlineAt == runningTimers.map(\.dueAt).min())
            #expect(page.activity[closed.id]?.nextDeadlineAt == nil, "closing cancelled its timers")

            // Resuming and closing settles the overdue escalation: the case has no deadline left.
            _ = try await db.store.runTransition(.init(caseID: overdue.id, transition: "resume", actor: ivy))
            _ = try await db.store.runTransition(.init(caseID: overdue.id, transition: "close", inputs: ["reason": "done"], actor: sue))
            #expect(try await titles(db, CaseQuery(sort: .deadline, limit: 10)) == ["Running", "Overdue", "Nothing due", "Closed"])
            #expect(try await db.store.timers(caseID: overdue.id).allSatisfy { $0.status != .running })
        }
    }

    @Test("a cursor reads back only in the order that made it, and a tampered one is refused")
    func cursors() async throws {
        try await TestDatabase.withTested { db async throws in
            let first = try await db.openTestCase(title: "First")
            _ = try await db.openTestCase(title: "Second")
            let page = try await db.store.listCases(CaseQuery(sort: .updated, limit: 1))
            let cursor = try #require(page.nextCursor)
            #expect(try CaseCursor(parsing: cursor.description) == cursor)
            #expect(try await db.store.listCases(CaseQuery(sort: .updated, cursor: cursor, limit: 1)).cases.map(\.title) == ["First"])
            let mixed = await dossierError { _ = try await db.store.listCases(CaseQuery(sort: .deadline, cursor: cursor)) }
            #expect(mixed == .invalidInput("cursor is from a list sorted by updated, not deadline; start again without it"))
            for tampered in ["u.soon.\(first.id)", "x.1.\(first.id)", "d.1", "u.1.\(first.id).extra"] {
                #expect(throws: DossierError.self) { try CaseCursor(parsing: tampered) }
            }
            #expect(try CaseCursor(parsing: "d.-.\(first.id.uuidString.lowercased())").lastValue == nil)
        }
    }

    @Test("classification and owning agency filter the list and its count")
    func classificationAndAgency() async throws {
        try await TestDatabase.withTested { db async throws in
            let ivy = db.actor(.investigator, id: "ivy")
            _ = try await db.store.openCase(
                NewCase(module: "tested", type: "tested-case", title: "Secret MET", classification: .secret, owningAgency: "MET", country: "GB"),
                by: ivy)
            _ = try await db.store.openCase(
                NewCase(module: "tested", type: "tested-case", title: "Official JCF", owningAgency: "JCF", country: "JM"), by: ivy)
            #expect(try await titles(db, CaseQuery(classification: .secret)) == ["Secret MET"])
            #expect(try await titles(db, CaseQuery(agency: "JCF")) == ["Official JCF"])
            #expect(try await titles(db, CaseQuery(classification: .secret, agency: "JCF")).isEmpty)
            #expect(try await db.store.countCases(CaseQuery(classification: .official)) == 1)
            // A capped count stops at the cap, for each visibility part and in all.
            _ = try await db.openTestCase(title: "Third")
            #expect(try await db.store.countCases(CaseQuery(), upTo: 2) == 2)
            #expect(try await db.store.countCases(CaseQuery(), upTo: 10) == 3)
            let sue = db.actor(.supervisor, id: "sue", agency: "MET")
            #expect(try await db.store.countCases(CaseQuery(), visibleTo: sue, upTo: 1) == 1)
            #expect(try await db.store.countCases(CaseQuery(), visibleTo: sue) == 2)
        }
    }

    @Test("tags are added and removed as one chained change; nothing to change writes nothing")
    func tags() async throws {
        try await TestDatabase.withTested { db async throws in
            let ivy = db.actor(.investigator, id: "ivy")
            let opened = try await db.openTestCase(by: ivy)
            let tagged = try await db.store.changeTags(caseID: opened.id, adding: ["dna", " arson ", "dna"], by: ivy)
            #expect(tagged.tags == ["dna", "arson"])
            #expect(tagged.version == opened.version + 1)
            let event = try #require(try await db.store.timeline(caseID: opened.id).last)
            #expect(event.kind == .fieldChanged)
            #expect(event.payload == ["field": "tags", "added": ["dna", "arson"], "removed": []])
            let same = try await db.store.changeTags(caseID: opened.id, adding: ["dna"], removing: ["gone"], by: ivy)
            #expect(same.version == tagged.version, "a change that changes nothing writes nothing")
            let removed = try await db.store.changeTags(caseID: opened.id, removing: ["dna"], by: ivy, options: .init(expectedVersion: tagged.version))
            #expect(removed.tags == ["arson"])
            #expect(try await db.store.listCases(CaseQuery(tag: "dna")).cases.isEmpty)

            let stale = await dossierError { _ = try await db.store.changeTags(caseID: opened.id, adding: ["x"], by: ivy, options: .init(expectedVersion: 1)) }
            #expect(stale?.code == .staleVersion)
            let both = await dossierError { _ = try await db.store.changeTags(caseID: opened.id, adding: ["x"], removing: ["x"], by: ivy) }
            #expect(both == .invalidInput("tag 'x' is both added and removed; name it once"))
            let long = await dossierError { _ = try await db.store.changeTags(caseID: opened.id, adding: [String(repeating: "t", count: 65)], by: ivy) }
            #expect(long?.message.hasSuffix("must be 1 to 64 characters") == true)
            let many = await dossierError {
                _ = try await db.store.changeTags(caseID: opened.id, adding: (1...50).map { "t\($0)" }, by: ivy)
            }
            #expect(many == .invalidInput("\(opened.reference) would carry 51 tags; a case carries at most 50"))
            // A read-only member changes no tag.
            _ = try await db.store.addMember(caseID: opened.id, userID: "olga", role: .observer, by: ivy)
            let observer = db.actor(.investigator, id: "olga")
            #expect(await dossierError { _ = try await db.store.changeTags(caseID: opened.id, adding: ["x"], by: observer) }?.code == .roleNotAllowed)
            #expect(try await db.store.getCase(id: opened.id).tags == ["arson"])
            #expect(try await db.store.verifyChains().isIntact)
        }
    }
}
