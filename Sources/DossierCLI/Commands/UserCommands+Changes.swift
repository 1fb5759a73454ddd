import ArgumentParser
import DossierCore
import DossierPostgres
import Foundation

/// `dossier users update|enable|remove-second-factor` and `dossier tokens list`: what an
/// administrator changes about a user after creating them.
extension UsersCommand {
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a user's name, roles, agency or clearance; what they may see follows at once.",
            discussion: """
            Only the options given change. --role replaces the roles (repeat it for several). \
            A registered user acting with --as must give --reason; it is kept in the admin log.

            Examples:
              dossier users update j.ruiz --role investigator --role legal
              dossier users update j.ruiz --clearance confidential \\
                  --reason "moved to the fraud unit"
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The user name.") var id: String
        @Option(help: "The name shown to people.") var name: String?
        @Option(name: .customLong("role"), help: "The new roles (repeatable): admin, supervisor, investigator, legal, analyst, auditor.")
        var userRoles: [Role] = []
        @Option(help: "The user's new agency.") var agency: String?
        @Option(help: "official, restricted, confidential or secret.") var clearance: Classification?
        @Option(help: "Why; kept in the admin log.") var reason = ""

        func run() async throws {
            guard name != nil || !userRoles.isEmpty || agency != nil || clearance != nil else {
                throw ValidationError("give what to change: --name, --role, --agency or --clearance")
            }
            try await options.withSession { session in
                let user = try await UserStore(client: session.client, logger: session.logger).updateUser(
                    id: id, .init(displayName: name, roles: userRoles.isEmpty ? nil : Set(userRoles), agency: agency, clearance: clearance),
                    reason: reason, by: session.actor)
                if session.output.json { try session.output.printJSON(user) } else {
                    print("\(user.id): \(user.roles.sorted().map(\.rawValue).joined(separator: ", ")); \(user.agency); \(user.clearance.rawValue)")
                }
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enable a disabled user again; their old tokens stay revoked.",
            discussion: """
            Example:
              dossier users enable j.ruiz --reason "back from leave"
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The user name.") var id: String
        @Option(help: "Why; kept in the admin log (needed with --as).") var reason = ""

        func run() async throws {
            try await options.withSession { session in
                let user = try await UserStore(client: session.client, logger: session.logger).enableUser(id: id, reason: reason, by: session.actor)
                if session.output.json { try session.output.printJSON(user) } else { print("enabled \(user.id); issue new tokens as needed") }
            }
        }
    }

    struct RemoveSecondFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove-second-factor",
            abstract: "Remove a user's console second factor (a lost phone): the password alone signs them in.",
            discussion: """
            Check who is asking before you do: without the code, the password alone signs in.

            Example:
              dossier users remove-second-factor j.ruiz \\
                  --reason "lost phone; identity checked in person"
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The user name.") var id: String
        @Option(help: "Why; kept in the admin log (needed with --as).") var reason = ""

        func run() async throws {
            try await options.withSession { session in
                try await UserStore(client: session.client, logger: session.logger).removeSecondFactor(of: id, reason: reason, by: session.actor)
                print("removed the second factor of \(id)")
            }
        }
    }
}

extension TokensCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a user's tokens (never their secrets), newest first.",
            discussion: """
            Examples:
              dossier tokens list j.ruiz
              dossier tokens list j.ruiz --json
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The user name.") var user: String

        func run() async throws {
            try await options.withSession { session in
                let tokens = try await UserStore(client: session.client, logger: session.logger).tokens(of: user)
                if session.output.json { try session.output.printJSON(tokens); return }
                let now = session.store.clock.now()
                session.output.printTable(
                    ["TOKEN", "LABEL", "ISSUED", "BY", "EXPIRES", "STATE"],
                    tokens.map { token in
                        let state = token.revokedAt != nil ? "revoked" : (token.expiresAt.map { $0 <= now } == true ? "expired" : "active")
                        return [token.id.uuidString.lowercased(), token.label, token.createdAt.shortUTC, token.issuedBy ?? "",
                                token.expiresAt?.shortUTC ?? "never", state]
                    })
            }
        }
    }
}
