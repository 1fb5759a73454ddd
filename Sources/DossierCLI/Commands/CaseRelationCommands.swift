import ArgumentParser
import DossierCore
import DossierPostgres
import Foundation

/// `dossier case party add`.
struct PartyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "party", abstract: "Record the people in a case.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a person (see `dossier person add`) to a case in a role.",
            discussion: "Example:\n  dossier case party add EXT-2026-000001 --person 0190f... --role fugitive")
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String
        @Option(help: "The person's id.") var person: String
        @Option(help: "fugitive, suspect, victim, witness, complainant, informant, associate or other.") var role: CaseParty.Role
        @Option(help: "A note on the person's part.") var note = ""

        func run() async throws {
            guard let personID = UUID(uuidString: person) else { throw DossierError.invalidInput("--person must be a person's id") }
            try await options.withSession { session in
                let found = try await session.resolveCase(reference)
                let party = try await session.store.addParty(caseID: found.id, personID: personID, role: role, note: note, by: session.actor)
                if session.output.json { try session.output.printJSON(party) } else { print("added as \(role.rawValue) to \(found.reference)") }
            }
        }
    }
}

/// `dossier case member add`.
struct MemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member", abstract: "Record who works a case.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user to a case (or change their role on it).",
            discussion: """
                Lead, investigator and legal members change the case; analysts and observers read it. Only the case's \
                lead or a supervisor of its agency changes who works it, and a user of another agency needs --reason.

                Examples:
                  dossier case member add COLD-2026-000001 --user a.jones --role investigator
                  dossier case member add EXT-2026-000004 --user l.chen --role legal \\
                      --reason "CPS reviewing lawyer"
                """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String
        @Option(help: "The user.") var user: String
        @Option(help: "lead, investigator, legal, analyst or observer.") var role: CaseMember.Role
        @Option(help: "Why, when the user belongs to another agency (kept on the timeline).") var reason = ""

        func run() async throws {
            try await options.withSession { session in
                let found = try await session.resolveCase(reference)
                let member = try await session.store.addMember(
                    caseID: found.id, userID: user, role: role, reason: reason, by: session.actor)
                if session.output.json { try session.output.printJSON(member) } else { print("\(user) is \(role.rawValue) on \(found.reference)") }
            }
        }
    }
}
