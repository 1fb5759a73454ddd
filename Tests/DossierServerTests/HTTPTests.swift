import DossierCore
import DossierPostgres
@testable import DossierServer
import DossierTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Testing

@Suite struct HTTPTests {
    @Test func healthAndMetricsNeedNoSignIn() async throws {
        try await withServer { client, _, _ in
            #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/health/ready", method: .get).status == .ok)
            var metrics = try await client.execute(uri: "/metrics", method: .get)
            // The pool sampler publishes on its own schedule; give it a moment.
            for _ in 0..<50 where !metrics.text.contains("dossier_db_connections") {
                try await Task.sleep(for: .milliseconds(100))
                metrics = try await client.execute(uri: "/metrics", method: .get)
            }
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("hb_requests"))
            #expect(metrics.text.contains("http_server_request_duration"))
            #expect(metrics.text.contains("dossier_db_connections{state=\"active\"}"))
            #expect(metrics.text.contains("dossier_db_pool_max_connections"))
        }
    }

    @Test func apiRoutesRefuseMissingAndUnknownTokens() async throws {
        try await withServer { client, _, _ in
            let missing = try await client.execute(uri: "/api/v1/cases", method: .get)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.contentType] == "application/problem+json")
            #expect(missing.object["code"] as? String == "unauthorized")
            let unknown = try await client.execute(
                uri: "/api/v1/cases", method: .get, headers: [.authorization: "Bearer dsr_" + String(repeating: "0", count: 64)])
            #expect(unknown.status == .unauthorized)
        }
    }

    /// Each role × a case it is a member of, one of its agency, one of another agency, one
    /// above its clearance × reading and changing.
    @Test func accessMatrix() async throws {
        try await withServer { client, db, users in
            let memberCase = try await db.openInquiry(by: users.actor("ivy"), title: "Ivy's case")
            try await db.store.addMember(caseID: memberCase.id, userID: "ana", role: .analyst, by: .system)
            let agencyCase = try await db.openInquiry(by: users.actor("lee"), title: "MET case Ivy is not on")
            let foreignCase = try await db.openInquiry(by: users.actor("otto"), title: "JCF case", agency: "JCF")
            let secretCase = try await db.openInquiry(by: users.actor("sam"), title: "Secret", classification: .secret)
            try await db.store.addMember(caseID: secretCase.id, userID: "ivy", role: .investigator, by: .system)

            // (user, case, expected read status, expected change status)
            let expectations: [(String, Case, HTTPResponse.Status, HTTPResponse.Status)] = [
                ("ivy", memberCase, .ok, .created),
                ("ivy", agencyCase, .notFound, .notFound),
                ("ivy", foreignCase, .notFound, .notFound),
                ("ivy", secretCase, .notFound, .notFound),  // a member, but above her clearance
                ("sam", agencyCase, .ok, .created),         // supervisor of the owning agency
                ("sam", foreignCase, .notFound, .notFound),
                ("otto", foreignCase, .ok, .created),
                ("ana", memberCase, .ok, .forbidden),       // analysts read
                ("ana", agencyCase, .notFound, .notFound),
                ("aud", memberCase, .notFound, .notFound),
                ("admin", memberCase, .notFound, .notFound),
            ]
            for (user, target, read, change) in expectations {
                let got = try await client.execute(uri: "/api/v1/cases/\(target.reference)", method: .get, headers: users.headers(user))
                #expect(got.status == read, "\(user) reading \(target.title)")
                let noted = try await client.execute(
                    uri: "/api/v1/cases/\(target.id.uuidString)/notes", method: .post, headers: users.headers(user),
                    body: json(#"{"text": "checked"}"#))
                #expect(noted.status == change, "\(user) changing \(target.title): \(noted.text)")
                if read == .notFound {
                    #expect(got.object["detail"] as? String == "case \(target.reference) does not exist")
                }
            }
            let listed = try await client.execute(uri: "/api/v1/cases", method: .get, headers: users.headers("ivy"))
            let titles = Set(((listed.object["cases"] as? [[String: Any]]) ?? []).compactMap { $0["title"] as? String })
            #expect(titles == ["Ivy's case"])
        }
    }

    @Test func openingAndTransitionsWithETagsAndIdempotency() async throws {
        try await withServer { client, db, users in
            let opened = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: users.headers("ivy", [HTTPField.Name("Idempotency-Key")!: "open-1"]),
                body: json(#"{"module": "inquiry", "type": "inquiry", "title": "Container 7", "country": "GB"}"#))
            #expect(opened.status == .created, "\(opened.text)")
            let reference = try #require(opened.object["reference"] as? String)
            #expect(opened.headers[.eTag] == "\"1\"")
            #expect(opened.headers[.location] == "/api/v1/cases/\(reference)")
            let replay = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: users.headers("ivy", [HTTPField.Name("Idempotency-Key")!: "open-1"]),
                body: json(#"{"module": "inquiry", "type": "inquiry", "title": "Container 7", "country": "GB"}"#))
            #expect(replay.object["reference"] as? String == reference)

            let stale = try await client.execute(
                uri: "/api/v1/cases/\(reference)/transitions/activate", method: .post, headers: users.headers("ivy", [.ifMatch: "\"9\""]))
            #expect(stale.status == .preconditionFailed)
            #expect(stale.object["code"] as? String == "stale_version")

            let key = HTTPField.Name("Idempotency-Key")!
            let activated = try await client.execute(
                uri: "/api/v1/cases/\(reference)/transitions/activate", method: .post,
                headers: users.headers("ivy", [.ifMatch: "\"1\"", key: "t-1"]))
            #expect(activated.status == .ok, "\(activated.text)")
            #expect(activated.headers[.eTag] == "\"2\"")
            let again = try await client.execute(
                uri: "/api/v1/cases/\(reference)/transitions/activate", method: .post,
                headers: users.headers("ivy", [.ifMatch: "\"1\"", key: "t-1"]))
            #expect(again.status == .ok)
            #expect(again.text == activated.text)
            let found = try await db.store.getCase(reference: reference)
            #expect(found.version == 2)

            let wrongRole = try await client.execute(
                uri: "/api/v1/cases/\(reference)/transitions/close", method: .post, headers: users.headers("ivy"),
                body: json(#"{"inputs": {"reason": "done"}}"#))
            #expect(wrongRole.status == .forbidden)
            #expect(wrongRole.object["code"] as? String == "role_not_allowed")

            let next = try await client.execute(uri: "/api/v1/cases/\(reference)/transitions", method: .get, headers: users.headers("ivy"))
            #expect(next.array.first?["blocked_because"] as? String == "transition 'close' needs the role supervisor; ivy has investigator")

            let timeline = try await client.execute(uri: "/api/v1/cases/\(reference)/timeline", method: .get, headers: users.headers("ivy"))
            let events = (timeline.object["events"] as? [[String: Any]]) ?? []
            #expect(events.map { $0["kind"] as? String } == ["opened", "transition"])
            #expect((events.last?["hash"] as? String)?.count == 64)
        }
    }

    @Test func badInputGetsProblemDetailsNamingTheField() async throws {
        try await withServer { client, db, users in
            let malformed = try await client.execute(uri: "/api/v1/cases", method: .post, headers: users.headers("ivy"), body: json("{not json"))
            #expect(malformed.status == .badRequest)
            #expect(malformed.headers[.contentType] == "application/problem+json")

            let missing = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: users.headers("ivy"), body: json(#"{"module": "inquiry", "type": "inquiry", "country": "GB"}"#))
            #expect(missing.status == .badRequest)
            #expect((missing.object["detail"] as? String)?.contains("title") == true, "\(missing.text)")

            let badEnum = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: users.headers("ivy"),
                body: json(#"{"module": "inquiry", "type": "inquiry", "title": "x", "country": "GB", "priority": "urgent"}"#))
            #expect(badEnum.status == .badRequest)
            #expect((badEnum.object["detail"] as? String)?.contains("priority") == true, "\(badEnum.text)")

            let overCleared = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: users.headers("ivy"),
                body: json(#"{"module": "inquiry", "type": "inquiry", "title": "x", "country": "GB", "classification": "secret"}"#))
            #expect(overCleared.status == .unprocessableContent)
            #expect(try await db.count("SELECT count(*) FROM cases") == 0)

            let badCountry = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: users.headers("ivy"),
                body: json(#"{"module": "inquiry", "type": "inquiry", "title": "x", "country": "Jamaica"}"#))
            #expect(badCountry.status == .unprocessableContent)
            #expect(badCountry.object["code"] as? String == "invalid_input")

            let tooLarge = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: users.headers("ivy"),
                body: json(#"{"title": ""# + String(repeating: "x", count: 70_000) + #""}"#))
            #expect(tooLarge.status == .contentTooLarge)

            let noRoute = try await client.execute(uri: "/api/v1/nothing-here", method: .get, headers: users.headers("ivy"))
            #expect(noRoute.status == .notFound)
            for response in [malformed, missing, badEnum, badCountry, tooLarge] {
                #expect(!response.text.contains("SELECT") && !response.text.contains("INSERT"))
            }
        }
    }

    @Test func notesHonourIfMatchAndIdempotencyKeys() async throws {
        try await withServer { client, db, users in
            let opened = try await db.openInquiry(by: users.actor("ivy"))
            let key = HTTPField.Name("Idempotency-Key")!
            let stale = try await client.execute(
                uri: "/api/v1/cases/\(opened.reference)/notes", method: .post, headers: users.headers("ivy", [.ifMatch: "\"7\""]),
                body: json(#"{"text": "late"}"#))
            #expect(stale.status == .preconditionFailed)
            for _ in 0..<2 {
                let noted = try await client.execute(
                    uri: "/api/v1/cases/\(opened.reference)/notes", method: .post, headers: users.headers("ivy", [.ifMatch: "\"1\"", key: "note-1"]),
                    body: json(#"{"text": "Seen in Kingston"}"#))
                #expect(noted.status == .created, "\(noted.text)")
                #expect(noted.object["sequence"] as? Int == 2)
            }
            #expect(try await db.store.timeline(caseID: opened.id).count == 2)
        }
    }

    @Test func concurrentRetriesAndStaleWritersRaceSafely() async throws {
        try await withServer { client, db, users in
            let opened = try await db.openInquiry(by: users.actor("ivy"))
            let key = HTTPField.Name("Idempotency-Key")!
            let replays = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await client.execute(
                            uri: "/api/v1/cases/\(opened.reference)/transitions/activate", method: .post,
                            headers: users.headers("ivy", [key: "race-1"])).text
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(replays.count == 1, "every retry got the first answer")
            #expect(try await db.store.timeline(caseID: opened.id).count == 2)

            // Ten writers who all read version 2: exactly one note lands, the rest get 412.
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        try await client.execute(
                            uri: "/api/v1/cases/\(opened.reference)/notes", method: .post, headers: users.headers("ivy", [.ifMatch: "\"2\""]),
                            body: json(#"{"text": "writer \#(index)"}"#)).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .preconditionFailed }.count == 9)
        }
    }

    @Test func partiesMembersLinksAndTimersOverHTTP() async throws {
        try await withServer { client, db, users in
            let opened = try await db.openInquiry(by: users.actor("ivy"))
            let other = try await db.openInquiry(by: users.actor("ivy"), title: "Related shipment")
            let base = "/api/v1/cases/\(opened.reference)"
            let person = try await client.execute(
                uri: "/api/v1/persons", method: .post, headers: users.headers("ivy"), body: json(#"{"latin_name": "Marlon Reid", "nationalities": ["JM"]}"#))
            let personID = try #require(person.object["id"] as? String)

            let party = try await client.execute(
                uri: "\(base)/parties", method: .post, headers: users.headers("ivy"), body: json(#"{"person_id": "\#(personID)", "role": "suspect"}"#))
            #expect(party.status == .created, "\(party.text)")
            let unknownPerson = try await client.execute(
                uri: "\(base)/parties", method: .post, headers: users.headers("ivy"),
                body: json(#"{"person_id": "\#(UUID().uuidString)", "role": "suspect"}"#))
            #expect(unknownPerson.status == .notFound)
            let badRole = try await client.execute(
                uri: "\(base)/parties", method: .post, headers: users.headers("ivy"), body: json(#"{"person_id": "\#(personID)", "role": "bystander"}"#))
            #expect(badRole.status == .badRequest)
            #expect((badRole.object["detail"] as? String)?.contains("role") == true)

            let unexplained = try await client.execute(
                uri: "\(base)/members", method: .post, headers: users.headers("ivy"), body: json(#"{"user_id": "lee", "role": "legal"}"#))
            #expect(unexplained.status == .unprocessableContent)
            #expect((unexplained.object["detail"] as? String)?.hasPrefix("lee belongs to CPS, not MET") == true, "\(unexplained.text)")
            let member = try await client.execute(
                uri: "\(base)/members", method: .post, headers: users.headers("ivy"),
                body: json(#"{"user_id": "lee", "role": "legal", "reason": "CPS reviewing lawyer"}"#))
            #expect(member.status == .created, "\(member.text)")
            let unknownUser = try await client.execute(
                uri: "\(base)/members", method: .post, headers: users.headers("ivy"), body: json(#"{"user_id": "nobody", "role": "legal"}"#))
            #expect(unknownUser.status == .notFound)
            // lee (legal, another agency) can see the case now that lee is a member.
            #expect(try await client.execute(uri: base, method: .get, headers: users.headers("lee")).status == .ok)

            let link = try await client.execute(
                uri: "\(base)/links", method: .post, headers: users.headers("ivy"),
                body: json(#"{"kind": "related", "case_id": "\#(other.id.uuidString)"}"#))
            #expect(link.status == .created, "\(link.text)")
            let twoTargets = try await client.execute(
                uri: "\(base)/links", method: .post, headers: users.headers("ivy"),
                body: json(#"{"kind": "related", "case_id": "\#(other.id.uuidString)", "person_id": "\#(personID)"}"#))
            #expect(twoTargets.status == .unprocessableContent)

            #expect(try await client.execute(uri: "\(base)/parties", method: .get, headers: users.headers("ivy")).array.count == 1)
            #expect(try await client.execute(uri: "\(base)/members", method: .get, headers: users.headers("ivy")).array.count == 2)
            #expect(try await client.execute(uri: "\(base)/links", method: .get, headers: users.headers("ivy")).array.count == 1)
            _ = try await client.execute(uri: "\(base)/transitions/activate", method: .post, headers: users.headers("ivy"))
            let timers = try await client.execute(uri: "\(base)/timers", method: .get, headers: users.headers("ivy"))
            #expect(timers.array.first?["name"] as? String == "first_report_due")
            let inCases = try await client.execute(uri: "/api/v1/persons/\(personID)/cases", method: .get, headers: users.headers("ivy"))
            #expect(inCases.array.first?["role"] as? String == "suspect")
            // Otto (JCF) may see no case of this person, nor did JCF record them: the person does not exist for him.
            #expect(try await client.execute(uri: "/api/v1/persons/\(personID)/cases", method: .get, headers: users.headers("otto")).status == .notFound)
        }
    }

    @Test func listsPageWithTheCursorTheyReturn() async throws {
        try await withServer { client, db, users in
            for index in 0..<3 { _ = try await db.openInquiry(by: users.actor("ivy"), title: "Case \(index)") }
            let first = try await client.execute(uri: "/api/v1/cases?limit=2", method: .get, headers: users.headers("ivy"))
            let cursor = try #require(first.object["next_cursor"] as? String)
            let second = try await client.execute(uri: "/api/v1/cases?limit=2&cursor=\(cursor)", method: .get, headers: users.headers("ivy"))
            let titles = ((first.object["cases"] as? [[String: Any]]) ?? []) + ((second.object["cases"] as? [[String: Any]]) ?? [])
            #expect(titles.compactMap { $0["title"] as? String } == ["Case 2", "Case 1", "Case 0"])
            #expect(second.object["next_cursor"] == nil || second.object["next_cursor"] is NSNull)
            let bad = try await client.execute(uri: "/api/v1/cases?cursor=nonsense", method: .get, headers: users.headers("ivy"))
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func countsOnlyTheCasesTheUserMaySeeUnderTheListFilters() async throws {
        try await withServer { client, db, users in
            for index in 0..<3 { _ = try await db.openInquiry(by: users.actor("ivy"), title: "Case \(index)") }
            let counted = try await client.execute(uri: "/api/v1/cases/count", method: .get, headers: users.headers("ivy"))
            #expect(counted.object["count"] as? Int == 3)
            let filtered = try await client.execute(uri: "/api/v1/cases/count?priority=critical", method: .get, headers: users.headers("ivy"))
            #expect(filtered.object["count"] as? Int == 0)
            let hidden = try await client.execute(uri: "/api/v1/cases/count", method: .get, headers: users.headers("otto"))
            #expect(hidden.object["count"] as? Int == 0)
            let bad = try await client.execute(uri: "/api/v1/cases/count?priority=urgent", method: .get, headers: users.headers("ivy"))
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func requestIDsAreEchoed() async throws {
        try await withServer { client, _, users in
            let response = try await client.execute(
                uri: "/api/v1/modules", method: .get, headers: users.headers("ivy", [HTTPField.Name("X-Request-ID")!: "req-42"]))
            #expect(response.headers[HTTPField.Name("X-Request-ID")!] == "req-42")
            #expect(response.array.first?["id"] as? String == "inquiry")
        }
    }

    @Test func personsAreFoundByAnyOfTheirNames() async throws {
        try await withServer { client, db, users in
            let created = try await client.execute(
                uri: "/api/v1/persons", method: .post, headers: users.headers("ivy"),
                body: json(#"{"latin_name": "Dmitrii Ivanov", "original_script_name": "Дмитрий Иванов", "date_of_birth": "1978-04-12", "nationalities": ["RU"], "aliases": [{"name": "Dmitry Ivanov", "kind": "transliteration", "source": "Red Notice"}]}"#))
            #expect(created.status == .created, "\(created.text)")
            _ = try await db.store.createPerson(NewPerson(latinName: "Dimitri Ivanova", nationalities: ["BG"]), by: users.actor("ivy"))

            let fuzzy = try await client.execute(uri: "/api/v1/persons?name=Dmitri%20Ivanof", method: .get, headers: users.headers("ivy"))
            let names = fuzzy.array.compactMap { ($0["person"] as? [String: Any])?["latin_name"] as? String }
            #expect(names.first == "Dmitrii Ivanov", "\(fuzzy.text)")
            let cyrillic = try await client.execute(uri: "/api/v1/persons?name=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2", method: .get, headers: users.headers("ivy"))
            #expect(cyrillic.array.first?["matched_name"] as? String == "Дмитрий Иванов")
            let filtered = try await client.execute(uri: "/api/v1/persons?name=Ivanov&nationality=BG", method: .get, headers: users.headers("ivy"))
            #expect(filtered.array.compactMap { ($0["person"] as? [String: Any])?["latin_name"] as? String } == ["Dimitri Ivanova"])
            let born = try await client.execute(uri: "/api/v1/persons?name=Ivanov&born=1978", method: .get, headers: users.headers("ivy"))
            #expect(born.array.count == 1)
        }
    }

    @Test func deadlinesListOnlyVisibleCasesSoonestFirst() async throws {
        try await withServer { client, db, users in
            let mine = try await db.openInquiry(by: users.actor("ivy"))
            _ = try await db.store.runTransition(.init(caseID: mine.id, transition: "activate", actor: users.actor("ivy")))
            let foreign = try await db.openInquiry(by: users.actor("otto"), agency: "JCF")
            _ = try await db.store.runTransition(.init(caseID: foreign.id, transition: "activate", actor: users.actor("otto")))
            let none = try await client.execute(uri: "/api/v1/deadlines?days=3", method: .get, headers: users.headers("ivy"))
            #expect(none.array.isEmpty)
            let week = try await client.execute(uri: "/api/v1/deadlines?days=8", method: .get, headers: users.headers("ivy"))
            #expect(week.array.map { $0["reference"] as? String } == [mine.reference])
            #expect(((week.array.first?["timer"] as? [String: Any])?["legal_basis"] as? String) == "Policy 3")
        }
    }

    /// An overdue deadline leads every list, however old, until what would have stopped it
    /// happens: a "days ahead" window never hides a deadline that has passed.
    @Test func overdueDeadlinesLeadTheListUntilSettled() async throws {
        let clock = MovableClock()
        try await withServer(clock: clock.clock) { client, db, users in
            let ivy = users.actor("ivy")
            let passed = try await db.openInquiry(by: ivy, title: "Passed")
            _ = try await db.store.runTransition(.init(caseID: passed.id, transition: "activate", actor: ivy))
            // Its 7-day timer fires as a scheduler would, 8 days on; nothing settles it.
            clock.advance(by: 8 * 86_400)
            let fired = try await db.store.fireDueTimers()
            #expect(fired.map(\.timer.caseID) == [passed.id])
            let running = try await db.openInquiry(by: ivy, title: "Running")
            _ = try await db.store.runTransition(.init(caseID: running.id, transition: "activate", actor: ivy))

            func list(_ query: String) async throws -> [(String?, Bool?)] {
                let answer = try await client.execute(uri: "/api/v1/deadlines?\(query)", method: .get, headers: users.headers("ivy"))
                #expect(answer.status == .ok, "\(answer.text)")
                return answer.array.map { ($0["reference"] as? String, $0["overdue"] as? Bool) }
            }
            #expect(try await list("days=0").map(\.0) == [passed.reference], "overdue, outside any window")
            #expect(try await list("days=0").map(\.1) == [true])
            #expect(try await list("days=8").map(\.0) == [passed.reference, running.reference], "overdue first")
            #expect(try await list("days=8").map(\.1) == [true, false])
            #expect(try await list("days=8&overdue=exclude").map(\.0) == [running.reference])
            #expect(try await list("days=8&overdue=only").map(\.0) == [passed.reference])
            let bad = try await client.execute(uri: "/api/v1/deadlines?overdue=never", method: .get, headers: users.headers("ivy"))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.object["detail"] as? String == "query parameter overdue 'never' must be include, exclude or only")

            // A timer a module names per record (as surveillance does per authorisation), which no
            // workflow lists, passes too; closing the case settles it with the workflow's own.
            let perRecord = TimerDefinition("report@A-17", start: .byEffect, duration: .days(1), legalBasis: "record A-17")
            try await db.client.withConnection { connection in
                _ = try await CaseTimers.start(
                    perRecord, dueAt: db.now.addingTimeInterval(86_400), caseID: passed.id, at: db.now, on: connection, logger: db.logger)
            }
            clock.advance(by: 2 * 86_400)
            #expect(try await db.store.fireDueTimers().map(\.timer.name) == ["report@A-17"])
            #expect(try await list("days=8&overdue=only").map(\.0) == [passed.reference, passed.reference])

            // Closing the case settles its passed deadlines: they leave the list.
            _ = try await db.store.runTransition(.init(
                caseID: passed.id, transition: "close", inputs: ["reason": "report filed late"], actor: users.actor("sam")))
            #expect(try await list("days=8").map(\.0) == [running.reference])
        }
    }

    @Test func usersAndTokensAreForAdminsOnly() async throws {
        try await withServer { client, _, users in
            let refused = try await client.execute(uri: "/api/v1/users", method: .get, headers: users.headers("ivy"))
            #expect(refused.status == .forbidden)
            let created = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: users.headers("admin"),
                body: json(#"{"id": "new.user", "roles": ["investigator"], "agency": "MET", "clearance": "restricted"}"#))
            #expect(created.status == .created, "\(created.text)")
            let token = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: users.headers("admin"),
                body: json(#"{"user_id": "new.user", "reason": "first sign-in"}"#))
            let secret = try #require(token.object["token"] as? String)
            let tokenID = try #require(token.object["id"] as? String)
            let signedIn = try await client.execute(uri: "/api/v1/cases", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect(signedIn.status == .ok)
            #expect(try await client.execute(uri: "/api/v1/tokens/\(tokenID)", method: .delete, headers: users.headers("admin")).status == .noContent)
            let revoked = try await client.execute(uri: "/api/v1/cases", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test func adminsChangeUsersListTheirTokensAndEnableThemAgain() async throws {
        try await withServer { client, _, users in
            let unexplained = try await client.execute(
                uri: "/api/v1/users/ivy", method: .patch, headers: users.headers("admin"), body: json(#"{"clearance": "restricted"}"#))
            #expect(unexplained.status == .unprocessableContent)
            #expect((unexplained.object["detail"] as? String)?.contains("give a reason") == true)
            let changed = try await client.execute(
                uri: "/api/v1/users/ivy", method: .patch, headers: users.headers("admin"),
                body: json(#"{"clearance": "restricted", "roles": ["investigator", "legal"], "reason": "joined the extradition desk"}"#))
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.object["clearance"] as? String == "restricted")
            #expect(Set(changed.object["roles"] as? [String] ?? []) == ["investigator", "legal"])
            #expect(changed.object["agency"] as? String == "MET", "what the body does not name stays")
            let token = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: users.headers("admin"), body: json(#"{"user_id": "ivy", "label": "script", "reason": "import"}"#))
            #expect(token.status == .created)
            let listed = try await client.execute(uri: "/api/v1/users/ivy/tokens", method: .get, headers: users.headers("admin"))
            #expect(listed.status == .ok)
            #expect(listed.array.contains { $0["label"] as? String == "script" && $0["issued_by"] as? String == "admin" && $0["token"] == nil })
            #expect(try await client.execute(uri: "/api/v1/users/ivy/disable", method: .post, headers: users.headers("admin")).status == .ok)
            let enabled = try await client.execute(
                uri: "/api/v1/users/ivy/enable", method: .post, headers: users.headers("admin"), body: json(#"{"reason": "back from leave"}"#))
            #expect(enabled.status == .ok)
            #expect(enabled.object["disabled_at"] == nil)
            let secret = try #require(token.object["token"] as? String)
            #expect(try await client.execute(uri: "/api/v1/cases", method: .get, headers: [.authorization: "Bearer \(secret)"]).status == .unauthorized,
                    "a token from before the user was disabled stays revoked")
            let noFactor = try await client.execute(
                uri: "/api/v1/users/ivy/second-factor/remove", method: .post, headers: users.headers("admin"), body: json(#"{"reason": "lost phone"}"#))
            #expect(noFactor.status == .unprocessableContent)
            #expect((noFactor.object["detail"] as? String) == "ivy has no second factor to remove")
            let selfDisable = try await client.execute(uri: "/api/v1/users/admin/disable", method: .post, headers: users.headers("admin"))
            #expect(selfDisable.status == .unprocessableContent, "an admin cannot lock themselves out")
            let selfDemote = try await client.execute(
                uri: "/api/v1/users/admin", method: .patch, headers: users.headers("admin"), body: json(#"{"roles": ["auditor"], "reason": "x"}"#))
            #expect(selfDemote.status == .unprocessableContent)
        }
    }

    @Test func auditorsVerifyChainsAndReadTheAccessLog() async throws {
        try await withServer { client, db, users in
            let opened = try await db.openInquiry(by: users.actor("ivy"))
            _ = try await client.execute(uri: "/api/v1/cases/\(opened.reference)", method: .get, headers: users.headers("ivy"))
            #expect(try await client.execute(uri: "/api/v1/audit/verify", method: .get, headers: users.headers("ivy")).status == .forbidden)
            let verified = try await client.execute(uri: "/api/v1/audit/verify", method: .get, headers: users.headers("aud"))
            #expect(verified.object["intact"] as? Bool == true)
            let log = try await client.execute(
                uri: "/api/v1/audit/access-log?case_id=\(opened.id.uuidString)", method: .get, headers: users.headers("aud"))
            #expect(log.array.first?["actor"] as? String == "ivy")
            #expect(log.array.first?["action"] as? String == "read")
        }
    }

    @Test func workflowsRenderAsJSONAndMermaid() async throws {
        try await withServer { client, _, users in
            let mermaid = try await client.execute(uri: "/api/v1/workflows/inquiry?format=mermaid", method: .get, headers: users.headers("ivy"))
            #expect(mermaid.text.hasPrefix("stateDiagram-v2"))
            #expect(mermaid.text.contains("open --> active: activate"))
            let json = try await client.execute(uri: "/api/v1/workflows/inquiry", method: .get, headers: users.headers("ivy"))
            #expect(json.object["initial_state"] as? String == "open")
        }
    }

    @Test func aLiveServerAnswersOverARealSocket() async throws {
        try await withServer(.live) { client, _, users in
            let response = try await client.execute(uri: "/api/v1/workflows", method: .get, headers: users.headers("ivy"))
            #expect(response.status == .ok)
            #expect(response.array.first?["type"] as? String == "inquiry")
        }
    }
}

@Suite struct OpenAPITests {
    @Test func theDocumentListsExactlyTheRoutedOperations() throws {
        let registry = try ModuleRegistry([ServerTestModule()])
        let router = buildRouter(services: .unconnected(registry: registry))
        let routed = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" })
        let documented = Set(documentedOperations(registry: registry))
        #expect(routed.subtracting(documented).isEmpty, "routed but not documented: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
    }
}

@Suite struct SchedulerTests {
    @Test func twoSchedulersOnOneDatabaseFireEachTimerOnce() async throws {
        try await TestDatabase.with(modules: [ServerTestModule()]) { db async throws in
            let actor = Actor(id: "ivy", roles: [.investigator], agency: "MET", clearance: .secret)
            for index in 0..<6 {
                let opened = try await db.openInquiry(by: actor, title: "Case \(index)")
                _ = try await db.store.runTransition(.init(caseID: opened.id, transition: "activate", actor: actor))
            }
            // Make every timer due now.
            try await db.client.query("UPDATE case_timers SET due_at = \(db.now.addingTimeInterval(-60))", logger: db.logger)
            let schedulers = (0..<2).map { _ in TimerScheduler(store: db.store, client: db.client, logger: db.logger) }
            await withTaskGroup(of: Void.self) { group in
                for scheduler in schedulers { group.addTask { await scheduler.fireDue() } }
            }
            let fired = try await db.count("SELECT count(*) FROM case_events WHERE kind = 'timer_fired'")
            #expect(fired == 6)
            #expect(try await db.count("SELECT count(*) FROM case_timers WHERE fired_at IS NOT NULL") == 6)
        }
    }
}

extension TestDatabase {
    func count(_ sql: String) async throws -> Int {
        let rows = try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        for try await value in rows.decode(Int.self) { return value }
        return 0
    }
}
