import DossierCore
import DossierPostgres
@testable import DossierServer
import DossierTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Testing

/// What a client sends that must never reach the database as it is: NUL characters,
/// another agency as a new case's owner, forged forwarding headers; and links to cases
/// the reader may not see.
@Suite struct EdgeInputTests {
    @Test func nulCharactersAreRefusedAtTheEdgeNamingWhereTheyWere() async throws {
        try await withServer { client, db, users in
            let opened = try await db.openInquiry(by: users.actor("ivy"))
            let base = "/api/v1/cases/\(opened.reference)"
            let before = try await db.store.timeline(caseID: opened.id).count
            let cases: [(String, HTTPRequest.Method, String?, String)] = [
                ("\(base)/notes", .post, #"{"text": "before\u0000after"}"#, "text must not contain NUL characters (U+0000)"),
                ("/api/v1/cases", .post,
                 #"{"module": "inquiry", "type": "inquiry", "title": "x", "country": "GB", "tags": ["a", "b\u0000"]}"#,
                 "tags[1] must not contain NUL characters (U+0000)"),
                ("/api/v1/cases", .post,
                 #"{"module": "inquiry", "type": "inquiry", "title": "x", "country": "GB", "attributes": {"k\u0000": 1}}"#,
                 "attributes.k\\u0000 must not contain NUL characters (U+0000)"),
                ("/api/v1/cases?state=open%00", .get, nil, "query parameter state must not contain NUL characters (U+0000)"),
                ("/api/v1/persons?name=iv%00anov", .get, nil, "query parameter name must not contain NUL characters (U+0000)"),
                ("/api/v1/cases/INQ-2026%00", .get, nil, "the path must not contain NUL characters (U+0000)"),
            ]
            for (uri, method, body, detail) in cases {
                let response = try await client.execute(
                    uri: uri, method: method, headers: users.headers("ivy"), body: body.map { ByteBuffer(string: $0) })
                #expect(response.status == .unprocessableContent, "\(uri): \(response.text)")
                #expect(response.object["detail"] as? String == detail, "\(uri): \(response.text)")
            }
            #expect(try await db.store.timeline(caseID: opened.id).count == before)
            #expect(try await db.store.countCases(CaseQuery(), visibleTo: nil) == 1)
        }
    }

    @Test func aDataExceptionFromPostgreSQLIsInvalidInputNotAServerError() async throws {
        // The safety net behind the edge checks: SQLSTATE class 22 is the client's value.
        let error = await #expect(throws: DossierError.self) {
            try await TestDatabase.with { db in
                try await db.client.transaction(logger: db.logger) { connection in
                    _ = try await connection.query("SELECT \("a\u{0}b")::text", logger: db.logger)
                }
            }
        }
        #expect(error == DossierError.invalidInput("text must not contain NUL characters (U+0000) or invalid UTF-8"))
    }

    @Test func aUserOpensCasesForTheirOwnAgencyOnly() async throws {
        try await withServer { client, db, users in
            let foreign = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: users.headers("ivy"),
                body: json(#"{"module": "inquiry", "type": "inquiry", "title": "For JCF", "country": "GB", "owning_agency": "JCF"}"#))
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.object["detail"] as? String == "owning_agency 'JCF' is not your agency; you may open cases for MET only")
            #expect(try await db.store.countCases(CaseQuery(), visibleTo: nil) == 0)
            let own = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: users.headers("ivy"),
                body: json(#"{"module": "inquiry", "type": "inquiry", "title": "For MET", "country": "GB", "owning_agency": "MET"}"#))
            #expect(own.status == .created, "\(own.text)")
            let implied = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: users.headers("otto"),
                body: json(#"{"module": "inquiry", "type": "inquiry", "title": "Otto's", "country": "GB"}"#))
            #expect(implied.object["owning_agency"] as? String == "JCF")
        }
    }

    @Test func aLinkedCaseTheReaderMayNotSeeIsShownWithoutItsID() async throws {
        try await withServer { client, db, users in
            let shared = try await db.openInquiry(by: users.actor("sam"), title: "MET case")
            let secret = try await db.openInquiry(by: users.actor("sam"), title: "Secret MET case", classification: .secret)
            let person = try await db.store.createPerson(NewPerson(latinName: "Ana Ruiz"), by: users.actor("sam"))
            _ = try await db.store.addLink(caseID: shared.id, kind: "related", to: .case(secret.id), by: users.actor("sam"))
            _ = try await db.store.addLink(caseID: shared.id, kind: "suspect", to: .person(person.id), by: users.actor("sam"))
            try await db.store.addMember(caseID: shared.id, userID: "ivy", role: .investigator, by: .system)
            // Within Ivy's clearance but another agency's, and a person only JCF knows.
            let foreign = try await db.openInquiry(by: users.actor("otto"), title: "JCF case", agency: "JCF")
            let jcfPerson = try await db.store.createPerson(NewPerson(latinName: "Known to JCF"), by: users.actor("otto"))
            _ = try await db.store.addLink(caseID: shared.id, kind: "related", to: .case(foreign.id), by: .system)
            _ = try await db.store.addLink(caseID: shared.id, kind: "witness", to: .person(jcfPerson.id), by: .system)

            let asIvy = try await client.execute(uri: "/api/v1/cases/\(shared.reference)/links", method: .get, headers: users.headers("ivy"))
            #expect(asIvy.status == .ok, "\(asIvy.text)")
            for hidden in [secret.id, foreign.id, jcfPerson.id] {
                #expect(!asIvy.text.lowercased().contains(hidden.uuidString.lowercased()), "\(asIvy.text)")
            }
            let targets = asIvy.array.compactMap { $0["target"] as? [String: Any] }
            #expect(targets.count == 4)
            #expect(targets[0]["type"] as? String == "case" && targets[0]["hidden"] as? Bool == true && targets[0]["case_id"] == nil)
            #expect(targets[1]["type"] as? String == "person" && targets[1]["person_id"] as? String == person.id.uuidString.lowercased())
            #expect(targets[2]["type"] as? String == "case" && targets[2]["hidden"] as? Bool == true)
            #expect(targets[3]["type"] as? String == "person" && targets[3]["hidden"] as? Bool == true)
            // The timeline's link events say the same.
            let timeline = try await client.execute(uri: "/api/v1/cases/\(shared.reference)/timeline", method: .get, headers: users.headers("ivy"))
            #expect(timeline.status == .ok)
            for hidden in [secret.id, foreign.id, jcfPerson.id] {
                #expect(!timeline.text.lowercased().contains(hidden.uuidString.lowercased()), "\(timeline.text)")
            }
            // Linking a person one may not see is refused as if they did not exist.
            let probe = try await client.execute(
                uri: "/api/v1/cases/\(shared.reference)/links", method: .post, headers: users.headers("ivy"),
                body: json(#"{"kind": "related", "person_id": "\#(jcfPerson.id)"}"#))
            #expect(probe.status == .notFound, "\(probe.text)")
            // So is linking a case one may not see, with the answer a missing case gets.
            let linksBefore = try await db.store.links(caseID: shared.id, visibleTo: .system).count
            let caseProbe = try await client.execute(
                uri: "/api/v1/cases/\(shared.reference)/links", method: .post, headers: users.headers("ivy"),
                body: json(#"{"kind": "related", "case_id": "\#(foreign.id)"}"#))
            let missingProbe = try await client.execute(
                uri: "/api/v1/cases/\(shared.reference)/links", method: .post, headers: users.headers("ivy"),
                body: json(#"{"kind": "related", "case_id": "\#(UUID())"}"#))
            #expect(caseProbe.status == .notFound && missingProbe.status == .notFound, "\(caseProbe.text)")
            #expect(caseProbe.object["code"] as? String == missingProbe.object["code"] as? String)
            #expect(try await db.store.links(caseID: shared.id, visibleTo: .system).count == linksBefore)

            let asSam = try await client.execute(uri: "/api/v1/cases/\(shared.reference)/links", method: .get, headers: users.headers("sam"))
            let samTargets = asSam.array.compactMap { $0["target"] as? [String: Any] }
            #expect(samTargets.first?["case_id"] as? String == secret.id.uuidString.lowercased())
            #expect(samTargets.first?["hidden"] == nil)
        }
    }

    @Test func theAccessLogBelievesForwardingHeadersOnlyFromConfiguredProxies() async throws {
        for (trusted, expected) in [([String](), "peer 127.0.0.1"), (["127.0.0.1"], "forwarded for=203.0.113.9 via 127.0.0.1")] {
            try await withServer(.live, trustedProxies: trusted) { client, db, users in
                let opened = try await db.openInquiry(by: users.actor("ivy"))
                let response = try await client.execute(
                    uri: "/api/v1/cases/\(opened.reference)", method: .get,
                    headers: users.headers("ivy", [HTTPField.Name("Forwarded")!: "for=203.0.113.9", .userAgent: "probe/1"]))
                #expect(response.status == .ok)
                let rows = try await db.client.query(
                    "SELECT source FROM access_log WHERE case_id = \(opened.id) AND action = 'read'", logger: db.logger)
                var sources: [String] = []
                for try await source in rows.decode(String.self) { sources.append(source) }
                #expect(sources == [expected + "; agent: probe/1"])
            }
        }
    }
}

/// What each member role may do on a case, and who changes membership (``CaseMember``).
@Suite struct MemberRoleTests {
    @Test func observersAndAnalystsReadButDoNotChangeTheCase() async throws {
        try await withServer { client, db, users in
            let opened = try await db.openInquiry(by: users.actor("sam"))
            try await db.store.addMember(caseID: opened.id, userID: "ivy", role: .observer, by: .system)
            let base = "/api/v1/cases/\(opened.reference)"
            let person = try await db.store.createPerson(NewPerson(latinName: "Ana Ruiz"), by: users.actor("sam"))
            let version = try await db.store.getCase(id: opened.id).version
            #expect(try await client.execute(uri: base, method: .get, headers: users.headers("ivy")).status == .ok)
            let writes: [(String, String?)] = [
                ("\(base)/notes", #"{"text": "an observer's note"}"#),
                ("\(base)/parties", #"{"person_id": "\#(person.id)", "role": "suspect"}"#),
                ("\(base)/links", #"{"kind": "related", "person_id": "\#(person.id)"}"#),
                ("\(base)/transitions/activate", nil),
                ("\(base)/members", #"{"user_id": "ana", "role": "observer"}"#),
            ]
            for (uri, body) in writes {
                let response = try await client.execute(
                    uri: uri, method: .post, headers: users.headers("ivy"), body: body.map { ByteBuffer(string: $0) })
                #expect(response.status == .forbidden, "\(uri): \(response.text)")
                #expect(response.object["code"] as? String == "role_not_allowed")
            }
            #expect(try await db.store.getCase(id: opened.id).version == version, "nothing was written")

            // Promoted to investigator by the lead, the same user writes, but still does not manage membership.
            try await db.store.addMember(caseID: opened.id, userID: "ivy", role: .investigator, by: users.actor("sam"))
            let note = try await client.execute(
                uri: "\(base)/notes", method: .post, headers: users.headers("ivy"), body: json(#"{"text": "now I may"}"#))
            #expect(note.status == .created, "\(note.text)")
            let adds = try await client.execute(
                uri: "\(base)/members", method: .post, headers: users.headers("ivy"), body: json(#"{"user_id": "ana", "role": "observer"}"#))
            #expect(adds.status == .forbidden)
            #expect(adds.object["detail"] as? String == "only the lead of \(opened.reference) or a supervisor of MET changes who works it")
        }
    }

    @Test func aSupervisorOfTheAgencyManagesMembershipWithoutBeingAMember() async throws {
        try await withServer { client, db, users in
            let opened = try await db.openInquiry(by: users.actor("ivy"))
            let base = "/api/v1/cases/\(opened.reference)"
            let added = try await client.execute(
                uri: "\(base)/members", method: .post, headers: users.headers("sam"), body: json(#"{"user_id": "ana", "role": "analyst"}"#))
            #expect(added.status == .created, "\(added.text)")
            // Another agency's user needs a reason, which the event keeps.
            let foreign = try await client.execute(
                uri: "\(base)/members", method: .post, headers: users.headers("sam"),
                body: json(#"{"user_id": "otto", "role": "observer", "reason": "JCF liaison on the shipment"}"#))
            #expect(foreign.status == .created, "\(foreign.text)")
            let event = try #require(try await db.store.timeline(caseID: opened.id).last)
            #expect(event.payload == ["user": "otto", "role": "observer", "agency": "JCF", "reason": "JCF liaison on the shipment"])
        }
    }
}

/// A person is visible to a user who may see a case they appear in, or whose agency
/// recorded them; a search reveals no one else, identity documents included.
@Suite struct PersonVisibilityTests {
    @Test func searchAndReadRevealOnlyPersonsOfVisibleCasesOrOfTheUsersAgency() async throws {
        try await withServer { client, db, users in
            let met = users.actor("ivy")
            let hidden = try await db.store.createPerson(
                NewPerson(latinName: "Viktor Sokolov", identityDocuments: [IdentityDocument(kind: "passport", number: "P1234567", issuingCountry: "RU")]),
                by: met)
            let secret = try await db.openInquiry(by: users.actor("sam"), title: "Secret", classification: .secret)
            _ = try await db.store.addParty(caseID: secret.id, personID: hidden.id, role: .suspect, by: users.actor("sam"))

            func found(_ user: String) async throws -> Bool {
                let response = try await client.execute(uri: "/api/v1/persons?name=Sokolov", method: .get, headers: users.headers(user))
                return response.array.contains { (($0["person"] as? [String: Any])?["id"] as? String)?.lowercased() == hidden.id.uuidString.lowercased() }
            }
            func read(_ user: String) async throws -> HTTPResponse.Status {
                let response = try await client.execute(uri: "/api/v1/persons/\(hidden.id)", method: .get, headers: users.headers(user))
                return response.status
            }
            // MET recorded him: MET's analyst finds him; JCF's supervisor and CPS's lawyer do not.
            #expect(try await found("ana"))
            #expect(try await read("ana") == .ok)
            #expect(try await !found("otto"))
            #expect(try await read("otto") == .notFound)
            #expect(try await !found("lee"))
            let party = try await client.execute(
                uri: "/api/v1/cases/\(try await db.openInquiry(by: users.actor("otto"), agency: "JCF").reference)/parties",
                method: .post, headers: users.headers("otto"), body: json(#"{"person_id": "\#(hidden.id)", "role": "suspect"}"#))
            #expect(party.status == .notFound, "a person one may not see cannot be added to a case: \(party.text)")

            // Once he is a party in a JCF case, JCF's supervisor sees him.
            let jcf = try await db.openInquiry(by: users.actor("otto"), title: "JCF inquiry", agency: "JCF")
            _ = try await db.store.addParty(caseID: jcf.id, personID: hidden.id, role: .fugitive, by: .system)
            #expect(try await found("otto"))
            #expect(try await read("otto") == .ok)
        }
    }
}
