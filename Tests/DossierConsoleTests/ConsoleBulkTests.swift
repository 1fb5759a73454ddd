import DossierConsole
import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import HTTPTypes
import Testing

@Suite("Console: bulk actions and saved views", .serialized)
struct ConsoleBulkTests {
    @Test("a bulk transition changes each case on its own and says what happened to each")
    func bulkTransition() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            let first = try await openInquiry(db, by: "ivy", title: "First")
            let second = try await openInquiry(db, by: "ivy", title: "Second", activated: true)
            let hidden = try await openInquiry(db, by: "otto", title: "Theirs")
            try await browser.signIn("ivy")
            let list = try await browser.get("/console/cases")
            #expect(list.body.contains("name=\"case\" value=\"\(first.reference)\""))
            #expect(list.body.contains("<option value=\"activate\">Activate</option>"))
            #expect(!list.body.contains("<option value=\"close\">"), "a step that asks for input is not offered in bulk")
            #expect(!list.body.contains("<option value=\"escalate\">"), "a step only admins may take is not offered to an investigator")
            let result = try await browser.post("/console/cases/bulk", [
                ("csrf", list.csrf!), ("action", "transition"), ("transition", "activate"),
                ("case", first.reference), ("case", second.reference), ("case", hidden.reference),
            ])
            #expect(result.status == .ok)
            #expect(result.body.contains("1 of 3 done"))
            #expect(result.body.contains("done: now Active"))
            #expect(result.body.contains("refused: no case \(hidden.reference) that you may see"))
            #expect(
                result.body.contains("<a href=\"/console/cases/\(second.reference)\">\(second.reference)</a></td><td>refused:"),
                "the active case cannot be activated again")
            #expect(try await db.store.getCase(id: first.id).state == "active")
            #expect(try await db.store.getCase(id: hidden.id).state == "open")
            let twice = try await browser.post("/console/cases/bulk", [
                ("csrf", list.csrf!), ("action", "transition"), ("transition", "activate"),
                ("case", first.reference.lowercased()), ("case", first.id.uuidString),
            ])
            #expect(twice.body.contains("skipped: named twice"), "one case named two ways is acted on once")
            let none = try await browser.post("/console/cases/bulk", [("csrf", list.csrf!), ("action", "transition"), ("transition", "activate")])
            #expect(none.status == .seeOther)
            #expect(try await browser.get(none.location!).body.contains("Select the cases to act on first."))
        }
    }

    @Test("read-only roles may not run bulk actions")
    func readOnlyBulk() async throws {
        try await withConsole(passwords: ["ana"]) { browser, db in
            var browser = browser
            let theirs = try await openInquiry(db, by: "ivy")
            _ = try await db.store.addMember(caseID: theirs.id, userID: "ana", role: .analyst, by: ConsoleUsers.actor("ivy"))
            try await browser.signIn("ana")
            let list = try await browser.get("/console/cases")
            #expect(!list.body.contains("id=\"bulk\""))
            let refused = try await browser.post(
                "/console/cases/bulk", [("csrf", list.csrf!), ("action", "transition"), ("transition", "activate"), ("case", theirs.reference)])
            #expect(refused.status == .forbidden)
            #expect(try await db.store.getCase(id: theirs.id).state == "open")
        }
    }

    @Test("a supervisor adds a member to several cases at once")
    func bulkMember() async throws {
        try await withConsole(passwords: ["sam"]) { browser, db in
            var browser = browser
            let one = try await openInquiry(db, by: "ivy", title: "One")
            let two = try await openInquiry(db, by: "ivy", title: "Two")
            try await browser.signIn("sam")
            let list = try await browser.get("/console/cases")
            let result = try await browser.post("/console/cases/bulk", [
                ("csrf", list.csrf!), ("action", "member"), ("member", "ana"), ("member_role", "analyst"),
                ("case", one.reference), ("case", two.reference),
            ])
            #expect(result.body.contains("2 of 2 done"))
            #expect(try await db.store.members(caseID: two.id).contains { $0.userID == "ana" && $0.role == .analyst })
            let unknown = try await browser.post("/console/cases/bulk", [
                ("csrf", list.csrf!), ("action", "member"), ("member", "nobody"), ("member_role", "analyst"), ("case", one.reference),
            ])
            #expect(unknown.body.contains("0 of 1 done"))
            #expect(unknown.body.contains("user &#39;nobody&#39; does not exist"))
            // otto works for JCF: adding him to MET's cases needs a reason, which each case keeps.
            let unexplained = try await browser.post("/console/cases/bulk", [
                ("csrf", list.csrf!), ("action", "member"), ("member", "otto"), ("member_role", "observer"), ("case", one.reference),
            ])
            #expect(unexplained.body.contains("0 of 1 done"))
            #expect(unexplained.body.contains("give a reason"))
            let explained = try await browser.post("/console/cases/bulk", [
                ("csrf", list.csrf!), ("action", "member"), ("member", "otto"), ("member_role", "observer"),
                ("member_reason", "Joint operation with JCF"), ("case", one.reference),
            ])
            #expect(explained.body.contains("1 of 1 done"))
            let events = try await db.store.timeline(caseID: one.id)
            #expect(events.last?.payload.objectValue?["reason"] == .string("Joint operation with JCF"))
        }
    }

    @Test("bulk tags: added to each case once, removed again, each change on the case's timeline")
    func bulkTags() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            let one = try await openInquiry(db, by: "ivy", title: "One")
            let two = try await openInquiry(db, by: "ivy", title: "Two")
            _ = try await db.store.changeTags(caseID: two.id, adding: ["priority-review"], by: ConsoleUsers.actor("ivy"))
            try await browser.signIn("ivy")
            let list = try await browser.get("/console/cases")
            let added = try await browser.post("/console/cases/bulk", [
                ("csrf", list.csrf!), ("action", "add_tag"), ("bulk_tag", "priority-review"), ("case", one.reference), ("case", two.reference),
            ])
            #expect(added.body.contains("2 of 2 done"))
            #expect(added.body.contains("done: it had the tag already"))
            #expect(try await db.store.getCase(id: one.id).tags == ["priority-review"])
            let filtered = try await browser.get("/console/cases?tag=priority-review")
            #expect(filtered.body.contains("2 cases"))
            let removed = try await browser.post("/console/cases/bulk", [
                ("csrf", list.csrf!), ("action", "remove_tag"), ("bulk_tag", "priority-review"), ("case", one.reference),
            ])
            #expect(removed.body.contains("1 of 1 done"))
            #expect(try await db.store.getCase(id: one.id).tags.isEmpty)
            #expect(try await db.store.timeline(caseID: one.id).filter { $0.kind == .fieldChanged }.count == 2)
            let untagged = try await browser.post("/console/cases/bulk", [("csrf", list.csrf!), ("action", "add_tag"), ("case", one.reference)])
            #expect(try await browser.get(untagged.location!).body.contains("Give the tag to add or remove."))
        }
    }

    @Test("saved views are the user's own, keep only the list's filters, and can be deleted")
    func savedViews() async throws {
        try await withConsole(passwords: ["ivy", "sam"]) { browser, _ in
            var ivy = browser
            try await ivy.signIn("ivy")
            let list = try await ivy.get("/console/cases?q=quiet")
            #expect(list.value(of: "filters") == "q=quiet")
            let saved = try await ivy.post("/console/views", [("csrf", list.csrf!), ("name", "Quiet ones"), ("filters", "q=quiet&evil=%3Cscript%3E")])
            #expect(saved.location == "/console/cases?q=quiet")
            let after = try await ivy.get("/console/cases")
            #expect(after.body.contains("<a href=\"/console/cases?q=quiet\">Quiet ones</a>"))
            let id = try #require(after.body.range(of: "/console/views/").map { String(after.body[$0.upperBound...].prefix(36)) })

            var sam = Browser(browser.client)
            try await sam.signIn("sam")
            let theirs = try await sam.get("/console/cases")
            #expect(!theirs.body.contains("Quiet ones"))
            #expect(try await sam.post("/console/views/\(id)/delete", [("csrf", theirs.csrf!)]).status == .notFound)

            #expect(try await ivy.post("/console/views/\(id)/delete", [("csrf", after.csrf!)]).status == .seeOther)
            #expect(!(try await ivy.get("/console/cases")).body.contains("Quiet ones"))
            let unnamed = try await ivy.post("/console/views", [("csrf", after.csrf!), ("name", " "), ("filters", "")])
            #expect(try await ivy.get(unnamed.location!).body.contains("Not saved: a view"))
            // 60 letters with an accent each look like 60 characters but are 120 code points,
            // which is what the table counts: refused with the count, never a 500.
            let combining = try await ivy.post("/console/views", [("csrf", after.csrf!), ("name", String(repeating: "e\u{301}", count: 60)), ("filters", "")])
            #expect(combining.status == .seeOther)
            #expect(try await ivy.get(combining.location!).body.contains("must be 1 to 100 characters, not 120"))
        }
    }
}
