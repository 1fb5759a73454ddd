import ArgumentParser
import DossierCore
import DossierPostgres
import Foundation

/// `dossier users create|list|update|disable|enable|set-password|remove-second-factor`.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage the users who sign in to the HTTP API and the console.",
        discussion: """
            Examples:
              dossier users create a.okafor --name "Adaeze Okafor" --role investigator \\
                  --agency MET --clearance secret
              dossier users list
              dossier users update a.okafor --clearance confidential
              dossier users disable a.okafor
              dossier users set-password a.okafor --temporary
            """,
        subcommands: [Create.self, List.self, Update.self, Disable.self, Enable.self, SetPassword.self, RemoveSecondFactor.self])

    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password",
            abstract: "Set a user's console password (bcrypt); replacing one ends their console sessions.",
            discussion: """
            Prompts twice without echo, or reads one line from standard input with \
            --password-stdin. A password is 12 to 72 characters and not the user's id. \
            With --temporary, the user must choose their own at their next sign-in.

            Examples:
              dossier users set-password a.okafor --temporary
              printf '%s\\n' "$PASSWORD" \\
                  | dossier users set-password a.okafor --password-stdin
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The user name.") var id: String
        @Flag(help: "Read the password from the first line of standard input instead of prompting.") var passwordStdin = false
        @Flag(help: "The user must replace it with their own at their next console sign-in.") var temporary = false

        func run() async throws {
            let password: String
            if passwordStdin {
                guard let line = readLine(strippingNewline: true) else {
                    throw CommandFailure("--password-stdin: standard input was empty; give the password on its first line")
                }
                password = line
            } else {
                let first = try PasswordPrompt.read("New password for \(id): ")
                let second = try PasswordPrompt.read("Again: ")
                guard first == second else { throw CommandFailure("the two passwords differ; nothing was changed") }
                password = first
            }
            try await options.withSession { session in
                try await UserStore(client: session.client, logger: session.logger).setPassword(
                    password, forUser: id, temporary: temporary, by: session.actor)
                print(temporary ? "set a temporary console password for \(id): they choose their own when they sign in" : "set the console password of \(id)")
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user.",
            discussion: """
            Examples:
              dossier users create j.ruiz --name "Julia Ruiz" --role investigator \\
                  --agency MET --clearance secret
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The user name (a-z, 0-9, '.', '_', '-').") var id: String
        @Option(help: "The name shown to people.") var name: String?
        @Option(name: .customLong("role"), help: "admin, supervisor, investigator, legal, analyst or auditor (repeatable).")
        var userRoles: [Role]
        @Option(help: "The user's agency.") var agency: String
        @Option(help: "official, restricted, confidential or secret.") var clearance: Classification = .official

        func run() async throws {
            try await options.withSession { session in
                let user = try await UserStore(client: session.client, logger: session.logger).createUser(
                    id: id, displayName: name ?? id, roles: Set(userRoles), agency: agency, clearance: clearance, by: session.actor)
                if session.output.json { try session.output.printJSON(user) } else { print("created user \(user.id)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List users.",
            discussion: """
            Examples:
              dossier users list
              dossier users list --json
            """)
        @OptionGroup var options: DossierOptions

        func run() async throws {
            try await options.withSession { session in
                let users = try await UserStore(client: session.client, logger: session.logger).users()
                if session.output.json { try session.output.printJSON(users); return }
                session.output.printTable(
                    ["USER", "NAME", "ROLES", "AGENCY", "CLEARANCE", "STATUS"],
                    users.map {
                        [$0.id, $0.displayName, $0.roles.sorted().map(\.rawValue).joined(separator: ","), $0.agency,
                         $0.clearance.rawValue, $0.isDisabled ? "disabled" : "active"]
                    })
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a user; their tokens stop working at once.",
            discussion: """
            Example:
              dossier users disable j.ruiz
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The user name.") var id: String

        func run() async throws {
            try await options.withSession { session in
                let user = try await UserStore(client: session.client, logger: session.logger).disableUser(id: id, by: session.actor)
                if session.output.json { try session.output.printJSON(user) } else { print("disabled \(user.id)") }
            }
        }
    }
}

/// `dossier tokens issue|revoke`.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Issue and revoke bearer tokens for the HTTP API.",
        discussion: """
            A token is 32 random bytes, printed once; only its SHA-256 is stored. Every token issued or revoked, \
            and every user created or disabled, is in the admin log with who did it (dossier audit admin-log).

            Examples:
              dossier tokens issue a.okafor --label laptop
              dossier tokens list a.okafor
              dossier tokens revoke 0190f3c2-...
            """,
        subcommands: [Issue.self, List.self, Revoke.self])

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token for a user and print it once.",
            discussion: """
            Examples:
              dossier tokens issue j.ruiz --label laptop --days 90
              dossier tokens issue l.chen --as admin --reason "her laptop was replaced"
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The user name.") var user: String
        @Option(help: "What the token is for.") var label = ""
        @Option(help: "Days until the token expires (1 to 3650; default: never).") var days: Int?
        @Option(help: "Why, when a registered user (--as) issues a token for someone else; kept in the admin log.")
        var reason = ""

        func run() async throws {
            if let days, !(1...3650).contains(days) { throw ValidationError("--days must be between 1 and 3650") }
            try await options.withSession { session in
                let issued = try await UserStore(client: session.client, logger: session.logger).issueToken(
                    userID: user, label: label, expiresAt: days.map { session.store.clock.now().addingTimeInterval(Double($0) * 86_400) },
                    reason: reason, by: session.actor)
                if session.output.json { try session.output.printJSON(issued) } else {
                    print(issued.token)
                    FileHandle.standardError.write(Data("token \(issued.id.uuidString.lowercased()) for \(user); it is not shown again\n".utf8))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token by its id.",
            discussion: """
            Example:
              dossier tokens revoke 0193f0c2-7d4e-7b21-9a55-2c8e1f6b3a90
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The token's id (not the secret).") var id: String

        func run() async throws {
            guard let tokenID = UUID(uuidString: id) else { throw DossierError.invalidInput("'\(id)' is not a token id") }
            try await options.withSession { session in
                try await UserStore(client: session.client, logger: session.logger).revokeToken(id: tokenID, by: session.actor)
                print("revoked \(id)")
            }
        }
    }
}
