import DossierCore
import Foundation

/// The files of a new module package, from its name, in the layers Dossier's own modules
/// have: the module (a case type, a workflow with a timer, a hook writing the module's own
/// table, a migration) on DossierCore and DossierPostgres only; an HTTP route on
/// DossierServer; a command on DossierCLI; an executable that composes them; and a test
/// that runs against a real PostgreSQL.
struct ModuleScaffold {
    /// `ArtTheft`: the Swift module and type name.
    let name: String
    /// `art-theft`: the module id, migrations folder and route prefix.
    let id: String
    /// `art_theft`: the prefix of the module's tables.
    let tablePrefix: String
    /// `Art theft`: the name people read.
    let displayName: String
    /// `ART`: the case reference prefix.
    let prefix: String
    /// Where the package finds Dossier: a path relative to the package when it is written
    /// inside the Dossier checkout, else the checkout's absolute path.
    let dossierPath: String

    /// The Dossier checkout this binary was built from.
    static let builtFromCheckout = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// - Parameters:
    ///   - directory: where the package will be written, to depend on Dossier by a relative
    ///     path when it lies inside the checkout.
    ///   - registered: the modules the package's executable serves beside the new one (this
    ///     executable's: the built-ins); their ids and reference prefixes are taken.
    init(
        name: String, prefix: String?, dossierPath: String, directory: URL? = nil, registered: [any CaseModule] = []
    ) throws(DossierError) {
        let isIdentifier = name.utf8.count >= 2 && name.utf8.count <= 40 && name.first.map { $0.isASCII && $0.isUppercase } == true
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard isIdentifier else {
            throw .invalidInput("module name '\(name)' must be UpperCamelCase letters and digits, 2 to 40 of them, e.g. ArtTheft")
        }
        guard !name.hasPrefix("Dossier") else { throw .invalidInput("module name '\(name)' must not start with Dossier (the core's modules do)") }
        var words: [String] = []
        for character in name {
            if character.isUppercase || words.isEmpty { words.append("") }
            words[words.count - 1].append(character.lowercased())
        }
        self.name = name
        id = words.joined(separator: "-")
        tablePrefix = words.joined(separator: "_")
        displayName = words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst()
        self.prefix = prefix ?? Self.prefix(reading: words)
        guard (1...8).contains(self.prefix.count), self.prefix.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw .invalidInput("--prefix '\(self.prefix)' must be 1 to 8 capital letters, e.g. ART")
        }
        let (chosenID, chosenPrefix) = (id, self.prefix)
        if let module = registered.first(where: { $0.id == chosenID }) {
            throw .invalidInput("module id '\(chosenID)' is taken by the built-in module \(module.name); choose another name")
        }
        if let module = registered.first(where: { $0.referencePrefix == chosenPrefix }) {
            throw .invalidInput(
                "reference prefix '\(chosenPrefix)' is taken by the built-in module \(module.id) (\(chosenPrefix)-2026-000001); "
                    + "give another with --prefix, 1 to 8 capital letters")
        }
        guard FileManager.default.fileExists(atPath: URL(fileURLWithPath: dossierPath).appending(path: "Package.swift").path) else {
            throw .invalidInput("--dossier '\(dossierPath)' is not a Dossier checkout (no Package.swift there)")
        }
        self.dossierPath = directory.flatMap { Self.relativePath(to: dossierPath, from: $0) } ?? dossierPath
    }

    /// A prefix that reads as the module's name: the initials of three words or more
    /// (HumanTraffickingCases: HTC), else the first word when it is short (ArtTheft: ART,
    /// ColdCases: COLD), else its first four letters (Extradition: EXTR).
    static func prefix(reading words: [String]) -> String {
        let letters = words.map { $0.filter { $0.isASCII && $0.isLetter }.uppercased() }.filter { !$0.isEmpty }
        guard let first = letters.first else { return "MOD" }
        if letters.count >= 3 { return String(letters.compactMap(\.first).prefix(8)) }
        return first.count <= 6 ? first : String(first.prefix(4))
    }

    /// `target` as a path from `directory`, when `directory` lies inside `target`: a package
    /// generated in the checkout (under examples/, say) keeps working wherever the checkout moves.
    static func relativePath(to target: String, from directory: URL) -> String? {
        let base = URL(fileURLWithPath: target).standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let here = directory.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        guard here.count > base.count, Array(here.prefix(base.count)) == base else { return nil }
        return Array(repeating: "..", count: here.count - base.count).joined(separator: "/")
    }

    /// What to do after `module new`, as the README says it too.
    func nextStep(in directory: URL) -> String {
        "next: cd \(directory.path) && swift test, then swift run dossier-\(id) serve --demo (the built-in modules and yours)"
    }

    /// Writes the package into `directory`, which must not exist or be empty.
    func write(to directory: URL) throws {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: directory.path), !existing.isEmpty {
            throw DossierError.invalidInput("'\(directory.path)' already exists and is not empty; choose another --path")
        }
        for (path, text) in files {
            let file = directory.appending(path: path)
            try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }

    var files: [(String, String)] {
        [
            ("Package.swift", packageManifest),
            (".gitignore", ".build/\nPackage.resolved\n"),
            ("migrations/\(id)/0001_create_\(tablePrefix)_tables.sql", migration),
            ("Sources/\(name)/\(name).swift", module),
            ("Sources/\(name)HTTP/\(name)+HTTP.swift", routes),
            ("Sources/\(name)CLI/\(name)+CommandLine.swift", commands),
            ("Sources/\(name)Console/\(name)+Console.swift", consolePanel),
            ("Sources/\(name)Console/Files/templates/case-panel.mustache", consoleTemplate),
            ("Sources/dossier-\(id)/main.swift", executable),
            ("Tests/\(name)Tests/\(name)Tests.swift", test),
            ("Tests/\(name)Tests/\(name)ConsoleTests.swift", consoleTest),
        ]
    }

    var packageManifest: String {
        """
        // swift-tools-version: 6.2
        import PackageDescription

        // The module in layers, as Dossier's own: the rules and store need only DossierCore and
        // DossierPostgres, so they build and test without the HTTP and CLI stacks; the HTTP, CLI
        // and console layers add routes, commands and pages; the executable links all four,
        // beside Dossier's built-in modules, so `swift run dossier-\(id) serve --demo` serves them all.
        let builtInModules: [Target.Dependency] = ["ColdCases", "Extradition", "SurveillanceLogs", "InvestigatorNetwork"]
            .flatMap { name in
                [name, "\\(name)HTTP", "\\(name)CLI", "\\(name)Console"].map { Target.Dependency.product(name: $0, package: "dossier") }
            }

        let package = Package(
            name: "\(name)",
            platforms: [.macOS(.v15)],
            products: [
                .library(name: "\(name)", targets: ["\(name)"]),
                .library(name: "\(name)HTTP", targets: ["\(name)HTTP"]),
                .library(name: "\(name)CLI", targets: ["\(name)CLI"]),
                .library(name: "\(name)Console", targets: ["\(name)Console"]),
                .executable(name: "dossier-\(id)", targets: ["dossier-\(id)"]),
            ],
            dependencies: [
                // Dossier from a checkout; from a release it would be
                // .package(url: "https://<your mirror of Dossier>.git", from: "\(DossierCoreInfo.version)").
                .package(name: "dossier", path: "\(dossierPath)"),
                .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
                .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
                .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
            ],
            targets: [
                .target(
                    name: "\(name)",
                    dependencies: [
                        .product(name: "DossierCore", package: "dossier"),
                        .product(name: "DossierPostgres", package: "dossier"),
                        .product(name: "PostgresNIO", package: "postgres-nio"),
                    ],
                    swiftSettings: [.swiftLanguageMode(.v6)],
                    plugins: [.plugin(name: "EmbedMigrations", package: "dossier")]
                ),
                .target(
                    name: "\(name)HTTP",
                    dependencies: [
                        "\(name)",
                        .product(name: "DossierCore", package: "dossier"),
                        .product(name: "DossierServer", package: "dossier"),
                        .product(name: "Hummingbird", package: "hummingbird"),
                    ],
                    swiftSettings: [.swiftLanguageMode(.v6)]
                ),
                .target(
                    name: "\(name)CLI",
                    dependencies: [
                        "\(name)",
                        .product(name: "DossierCore", package: "dossier"),
                        .product(name: "DossierCLI", package: "dossier"),
                        .product(name: "ArgumentParser", package: "swift-argument-parser"),
                    ],
                    swiftSettings: [.swiftLanguageMode(.v6)]
                ),
                .target(
                    name: "\(name)Console",
                    dependencies: [
                        "\(name)",
                        .product(name: "DossierCore", package: "dossier"),
                        .product(name: "DossierServer", package: "dossier"),
                        .product(name: "DossierConsole", package: "dossier"),
                        .product(name: "PostgresNIO", package: "postgres-nio"),
                    ],
                    exclude: ["Files"],   // the templates go into the binary through the plugin
                    swiftSettings: [.swiftLanguageMode(.v6)],
                    plugins: [.plugin(name: "EmbedConsoleFiles", package: "dossier")]
                ),
                .executableTarget(
                    name: "dossier-\(id)",
                    dependencies: [
                        "\(name)", "\(name)HTTP", "\(name)CLI", "\(name)Console",
                        .product(name: "DossierCLI", package: "dossier"), .product(name: "DossierServer", package: "dossier"),
                    ] + builtInModules,
                    swiftSettings: [.swiftLanguageMode(.v6)]
                ),
                .testTarget(
                    name: "\(name)Tests",
                    dependencies: [
                        "\(name)", "\(name)Console",
                        .product(name: "DossierConsole", package: "dossier"),
                        .product(name: "DossierServer", package: "dossier"),
                        .product(name: "Hummingbird", package: "hummingbird"),
                        .product(name: "HummingbirdTesting", package: "hummingbird"),
                        .product(name: "DossierCore", package: "dossier"),
                        .product(name: "DossierPostgres", package: "dossier"),
                        .product(name: "DossierTesting", package: "dossier"),
                        .product(name: "PostgresNIO", package: "postgres-nio"),
                    ],
                    swiftSettings: [.swiftLanguageMode(.v6)]
                ),
            ]
        )

        """
    }

    var migration: String {
        """
        -- \(name): the module's own table, one row per case, written by its caseOpened hook.
        -- Released migrations are never edited; change the schema with a new numbered file.
        CREATE TABLE \(tablePrefix)_cases (
            case_id    uuid        PRIMARY KEY REFERENCES cases (id),
            opened_by  text        NOT NULL,
            opened_at  timestamptz NOT NULL DEFAULT now()
        );

        """
    }

    var module: String {
        """
        import DossierCore
        import DossierPostgres
        import PostgresNIO

        /// The \(id) module: one case type whose workflow runs from `open` to `closed`, with a
        /// first review 28 days after opening.
        public struct \(name): HookModule {
            public let id = "\(id)"
            public let name = "\(displayName)"
            public let version = SemanticVersion(0, 1, 0)
            /// The Dossier core this module was built and tested against.
            public let coreVersion = SemanticVersion(\(DossierCoreInfo.version.major), \(DossierCoreInfo.version.minor), \(DossierCoreInfo.version.patch))
            public let referencePrefix = "\(prefix)"

            public init() {}

            public var migrations: [Migration] { EmbeddedMigrations.migrations(for: id) }

            public var caseTypes: [CaseType] {
                [CaseType(name: "\(id)-case", title: "\(displayName) case", workflow: Self.workflow)]
            }

            /// Hooks run inside the core's transaction: if one throws, nothing of the change is kept.
            public var hooks: [CaseHook] {
                [
                    .caseOpened { event, transaction in
                        try await transaction.connection.query(
                            "INSERT INTO \(tablePrefix)_cases (case_id, opened_by) VALUES (\\(event.case.id), \\(event.actor.id))",
                            logger: transaction.logger)
                    }
                ]
            }

            public static let workflow = WorkflowDefinition(
                initialState: "open",
                states: [.init("open"), .init("closed", isTerminal: true)],
                transitions: [
                    .init("close", from: ["open"], to: "closed", roles: [.investigator, .supervisor], inputs: [.init("reason", .string)])
                ],
                timers: [
                    TimerDefinition("first_review", start: .enteringState("open"), duration: .days(28), legalBasis: "agency review policy")
                ]
            )
        }

        """
    }

    var routes: String {
        """
        import \(name)
        import DossierCore
        import DossierServer
        import Hummingbird

        /// `GET /api/v1/\(id)/cases/{ref}/summary`, behind Dossier's authentication; a case the
        /// user may not see answers 404.
        extension \(name): HTTPModule {
            public func routes(services: DossierServices) -> [APIRoute] {
                [
                    .get("cases/{ref}/summary", "A case's reference and state", response: .ok(Summary.schema)) { _, context in
                        let (found, _) = try await services.moduleCase(in: context, module: id, action: "read-summary")
                        return try context.json(Summary(reference: found.reference, state: found.state))
                    }
                ]
            }
        }

        struct Summary: Codable, Sendable {
            var reference: String
            var state: String

            /// What the OpenAPI document says the summary route answers.
            static let schema = JSONSchema.object(["reference": JSONSchema.string, "state": JSONSchema.string])
        }

        """
    }

    var commands: String {
        """
        import \(name)
        import ArgumentParser
        import DossierCLI
        import DossierCore

        /// `dossier-\(id) \(id) summary \(prefix)-2026-000001`: a case's reference and state.
        extension \(name): CommandLineModule {
            public var command: any ParsableCommand.Type { \(name)Command.self }
        }

        struct \(name)Command: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "\(id)", abstract: "\(displayName) cases.", subcommands: [Summary.self])

            struct Summary: AsyncParsableCommand {
                static let configuration = CommandConfiguration(
                    abstract: "A case's reference and state.",
                    discussion: "Example:\\n  dossier-\(id) \(id) summary \(prefix)-2026-000001")
                @OptionGroup var options: DossierOptions
                @Argument(help: "The case reference or id.") var reference: String

                func run() async throws {
                    try await options.withSession { session in
                        // A case the acting user may not see is refused like one that does not exist.
                        let found = try await session.resolveCase(reference)
                        print("\\(found.reference): \\(found.state)")
                    }
                }
            }
        }

        """
    }

    var executable: String {
        """
        import \(name)
        import \(name)CLI
        import \(name)Console
        import \(name)HTTP
        import ColdCases
        import ColdCasesCLI
        import ColdCasesConsole
        import ColdCasesHTTP
        import DossierCLI
        import DossierServer
        import Extradition
        import ExtraditionCLI
        import ExtraditionConsole
        import ExtraditionHTTP
        import InvestigatorNetwork
        import InvestigatorNetworkCLI
        import InvestigatorNetworkConsole
        import InvestigatorNetworkHTTP
        import SurveillanceLogs
        import SurveillanceLogsCLI
        import SurveillanceLogsConsole
        import SurveillanceLogsHTTP

        // Dossier's command tree with the built-in modules and this one, each with its routes,
        // commands and console pages: `swift run dossier-\(id) serve --demo`, `swift run dossier-\(id) \(id) summary REF`.
        // The process's metrics go to Prometheus, served at /metrics.
        await DossierCommand.main(
            modules: [ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork(), \(name)()],
            metrics: PrometheusMetrics.bootstrap())

        """
    }

    var consolePanel: String {
        """
        import \(name)
        import DossierConsole
        import DossierCore
        import DossierServer
        import PostgresNIO

        /// The module's part of Dossier's console: a panel on each of its cases' pages, drawn
        /// by its own template (`Files/templates/case-panel.mustache`, embedded by Dossier's
        /// `EmbedConsoleFiles` plugin and registered as `\(id)/case-panel`). Every value in it
        /// is escaped, as on every console page.
        extension \(name): ConsoleModule {
            public var consoleTemplates: [String: String] { Self.templates(in: EmbeddedConsoleFiles.files) }

            /// Called only for a case the user may see, after the console has logged the read.
            public func casePanels(for case: Case, request: ConsoleRequest) async throws -> [CasePanel] {
                guard `case`.module == id else { return [] }
                let rows = try await request.services.client.query(
                    "SELECT opened_by FROM \(tablePrefix)_cases WHERE case_id = \\(`case`.id)", logger: request.services.logger)
                var openedBy = "nobody"
                for try await name in rows.decode(String.self) { openedBy = name }
                return [CasePanel(title: "\(displayName)", html: request.render("\(id)/case-panel", ["openedBy": openedBy]))]
            }
        }

        """
    }

    var consoleTemplate: String {
        """
        {{! What the module's own table holds about the case. }}
        <p>Opened by <strong>{{openedBy}}</strong>, as the \(id) module's own table records it.</p>

        """
    }

    var consoleTest: String {
        """
        import \(name)
        import \(name)Console
        import DossierConsole
        import DossierCore
        import DossierPostgres
        import DossierServer
        import DossierTesting
        import Foundation
        import Hummingbird
        import HummingbirdTesting
        import Testing

        /// The module's console panel as a person sees it: signed in through the form, on the
        /// case's page.
        @Suite struct \(name)ConsoleTests {
            @Test func theCasePageShowsTheModulesPanel() async throws {
                try await TestDatabase.with(modules: [\(name)()]) { db async throws in
                    let users = UserStore(client: db.client, clock: db.clock, logger: db.logger)
                    _ = try await users.createUser(id: "officer", displayName: "Officer", roles: [.investigator], agency: "TEST", clearance: .secret)
                    try await users.setPassword("correct horse battery", forUser: "officer")
                    let opened = try await db.store.openCase(
                        NewCase(module: "\(id)", type: "\(id)-case", title: "First case", owningAgency: "TEST", country: "GB"),
                        by: db.actor(.investigator, id: "officer", agency: "TEST"))
                    var configuration = ServerConfiguration(database: try DatabaseURL(db.url).clientConfiguration)
                    configuration.allowsPrivilegedDatabaseRole = true   // the test cluster's superuser
                    configuration.runsTimerScheduler = false
                    configuration.runsBackgroundJobs = false
                    configuration.clock = db.clock
                    let app = try buildApplication(
                        configuration: configuration, modules: [\(name)()], extensions: [Console()], logger: db.logger)
                    try await app.test(.router) { client in
                        // Sign in through the form, as a browser does: its token, its cookie.
                        let form = try await client.execute(uri: "/console/sign-in", method: .get)
                        let html = String(buffer: form.body)
                        let field = try #require(html.range(of: #"name="csrf" value="[^"]+""#, options: .regularExpression))
                        let csrf = html[field].dropFirst(#"name="csrf" value=""#.count).dropLast()
                        let cookie = try #require(form.headers[values: .setCookie].first?.split(separator: ";").first)
                        let signedIn = try await client.execute(
                            uri: "/console/sign-in", method: .post,
                            headers: [.cookie: String(cookie), .contentType: "application/x-www-form-urlencoded"],
                            body: ByteBuffer(string: "csrf=\\(csrf)&user=officer&password=correct+horse+battery&next=%2Fconsole%2F"))
                        #expect(signedIn.status == .seeOther)
                        let session = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("dossier_session=") })
                        let page = try await client.execute(
                            uri: "/console/cases/\\(opened.reference)", method: .get,
                            headers: [.cookie: String(session.split(separator: ";")[0])])
                        #expect(page.status == .ok)
                        #expect(String(buffer: page.body).contains("Opened by <strong>officer</strong>"))
                    }
                }
            }
        }

        """
    }

    var test: String {
        """
        import \(name)
        import DossierCore
        import DossierPostgres
        import DossierTesting
        import PostgresNIO
        import Testing

        /// Runs against a fresh PostgreSQL database migrated with this module.
        @Suite struct \(name)Tests {
            @Test func aCaseOpensWithItsTimerAndItsRowAndCloses() async throws {
                try await TestDatabase.with(modules: [\(name)()]) { db in
                    let officer = db.actor(.investigator, id: "officer")
                    let opened = try await db.store.openCase(
                        NewCase(module: "\(id)", type: "\(id)-case", title: "First case", owningAgency: "TEST", country: "GB"),
                        by: officer)
                    #expect(opened.reference.hasPrefix("\(prefix)-"))
                    #expect(try await db.store.timers(caseID: opened.id).map(\\.name) == ["first_review"])
                    let rows = try await db.client.query(
                        "SELECT opened_by FROM \(tablePrefix)_cases WHERE case_id = \\(opened.id)", logger: db.logger)
                    var openedBy: [String] = []
                    for try await name in rows.decode(String.self) { openedBy.append(name) }
                    #expect(openedBy == ["officer"])

                    let closed = try await db.store.runTransition(
                        TransitionRequest(caseID: opened.id, transition: "close", inputs: ["reason": "resolved"], actor: officer))
                    #expect(closed.case.state == "closed")
                }
            }
        }

        """
    }
}
