import ColdCases
import DossierCore
import DossierTesting
import Foundation
import Testing

@Suite struct CoreCommandTests {
    @Test func usageErrorsExitWithTwoAndSayWhatIsWrong() async throws {
        let unknown = try await DossierBinary.run(["case", "frobnicate"], databaseURL: nil)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("frobnicate"))
        let missing = try await DossierBinary.run(["case", "note"], databaseURL: nil)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Missing expected argument"))
    }

    /// A mistyped subcommand names the nearest one, at whatever depth, as a mistyped option
    /// already does; an option's value is never taken for one.
    @Test func aMistypedSubcommandSuggestsTheNearest() async throws {
        let cases: [([String], String)] = [
            (["case", "lsit"], "error: 'lsit' is not a subcommand of 'dossier case'; did you mean 'list'? "),
            (["extradtion", "board"], "error: 'extradtion' is not a subcommand of 'dossier'; did you mean 'extradition'? "),
            (["cold-cases", "reveiw", "start", "--as", "s.mendes"],
             "error: 'reveiw' is not a subcommand of 'dossier cold-cases'; did you mean 'review'? "),
        ]
        for (arguments, start) in cases {
            let run = try await DossierBinary.run(arguments, databaseURL: nil)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.hasPrefix(start), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("the subcommands are "), "\(arguments)")
        }
        let far = try await DossierBinary.run(["case", "zzzzzz"], databaseURL: nil)
        #expect(far.stderr.hasPrefix("error: 'zzzzzz' is not a subcommand of 'dossier case'; the subcommands are open, show, list"))
    }

    @Test func everyCommandHasHelpWithExamples() async throws {
        for command in [["case"], ["case", "open"], ["workflow"], ["audit", "verify"], ["db"], ["demo"], ["migrate"], ["person", "add"]] {
            let help = try await DossierBinary.run(command + ["--help"], databaseURL: nil)
            #expect(help.status == 0, "\(command)")
            #expect(help.stdout.contains("USAGE"), "\(command)")
        }
        #expect(try await DossierBinary.run(["case", "--help"], databaseURL: nil).stdout.contains("Examples"))
    }

    @Test func migrateStatusListsAppliedMigrationsWithChecksums() async throws {
        try await TestDatabase.with { db async throws in
            let run = try await DossierBinary.run(["migrate", "status", "--json"], databaseURL: db.url)
            #expect(run.status == 0, "\(run.stderr)")
            let rows = try #require(try run.json() as? [[String: String]])
            let core = try #require(rows.first { $0["module"] == "core" })
            #expect(core["state"] == "applied")
            #expect(core["checksum"]?.count == 64)
            #expect(core["file"] == "0001_create_core_tables.sql")
        }
    }

    @Test func personsAreRecordedAndShownWithTheirAliases() async throws {
        try await TestDatabase.with { db async throws in
            let added = try await DossierBinary.run(
                ["person", "add", "--name", "Dmitrii Ivanov", "--original", "Дмитрий Иванов",
                 "--alias", "DMITRII<<IVANOV|mrz|passport", "--born", "1978-04", "--nationality", "RU", "--json"],
                databaseURL: db.url)
            #expect(added.status == 0, "\(added.stderr)")
            let person = try #require(try added.json() as? [String: Any])
            let id = try #require(person["id"] as? String)
            #expect(person["latin_name"] as? String == "Dmitrii Ivanov")
            let shown = try await DossierBinary.run(["person", "show", id], databaseURL: db.url)
            #expect(shown.stdout.contains("DMITRII<<IVANOV"))
            #expect(shown.stdout.contains("1978-04 (month)"))
        }
    }

    @Test func refusalsExitWithOneAndOneLineNamingTheProblem() async throws {
        try await TestDatabase.with { db async throws in
            let badCountry = try await DossierBinary.run(["person", "add", "--name", "X", "--nationality", "Russia"], databaseURL: db.url)
            #expect(badCountry.status == 1)
            #expect(badCountry.stderr == "error: nationality 'Russia' is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. DE)\n")
            let missingCase = try await DossierBinary.run(["case", "show", "COLD-2026-999999"], databaseURL: db.url)
            #expect(missingCase.status == 1)
            #expect(missingCase.stderr == "error: case COLD-2026-999999 does not exist\n")
            let badAlias = try await DossierBinary.run(["person", "add", "--name", "X", "--alias", "Y|nickname|z"], databaseURL: db.url)
            #expect(badAlias.stderr == "error: alias kind 'nickname' is not allowed; use alias, transliteration, mrz or spelling\n")
        }
    }

    @Test func auditVerifyExitsOneNamingTheFirstBrokenEvent() async throws {
        try await TestDatabase.with { db async throws in
            let intact = try await DossierBinary.run(["audit", "verify", "--json"], databaseURL: db.url)
            #expect(intact.status == 0)
            #expect((try intact.json() as? [String: Any])?["intact"] as? Bool == true)
        }
    }
}

@Suite struct RelationCommandTests {
    @Test func partiesMembersAndUsersTakeTheirOwnRoleOption() async throws {
        try await TestDatabase.with(modules: [ColdCases()]) { db async throws in
            let user = try await DossierBinary.run(
                ["users", "create", "lee", "--role", "legal", "--agency", "CPS", "--clearance", "secret", "--json"], databaseURL: db.url)
            #expect(user.status == 0, "\(user.stderr)")
            let opened = try await DossierBinary.run(
                ["case", "open", "--module", "cold-cases", "--type", "cold-case", "--title", "Murder of J. Doe", "--agency", "MET",
                 "--country", "GB", "--attributes",
                 #"{"offence_category": "homicide", "offence_date": "1994-03-01", "offence_place": "Leeds", "went_cold_on": "1996-01-01", "jurisdiction": "GB"}"#,
                 "--json"], databaseURL: db.url)
            #expect(opened.status == 0, "\(opened.stderr)")
            let reference = try #require((try opened.json() as? [String: Any])?["reference"] as? String)
            let unexplained = try await DossierBinary.run(["case", "member", "add", reference, "--user", "lee", "--role", "legal"], databaseURL: db.url)
            #expect(unexplained.status == 1)
            #expect(unexplained.stderr.hasSuffix("give a reason (reason in the API, --reason on the command line)\n"), "\(unexplained.stderr)")
            let member = try await DossierBinary.run(
                ["case", "member", "add", reference, "--user", "lee", "--role", "legal", "--reason", "CPS reviewing lawyer"], databaseURL: db.url)
            #expect(member.status == 0, "\(member.stderr)")
            let person = try await DossierBinary.run(["person", "add", "--name", "Jane Roe", "--json"], databaseURL: db.url)
            let personID = try #require((try person.json() as? [String: Any])?["id"] as? String)
            let party = try await DossierBinary.run(["case", "party", "add", reference, "--person", personID, "--role", "victim"], databaseURL: db.url)
            #expect(party.status == 0, "\(party.stderr)")
            let badRole = try await DossierBinary.run(["case", "party", "add", reference, "--person", personID, "--role", "bystander"], databaseURL: db.url)
            #expect(badRole.status == 2)
            let shown = try await DossierBinary.run(["case", "show", reference], databaseURL: db.url)
            #expect(shown.stdout.contains("victim  Jane Roe"))
            #expect(shown.stdout.contains("lee"))
        }
    }
}
