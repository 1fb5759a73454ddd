// swift-tools-version: 6.2
import PackageDescription

/// Settings every target shares: Swift 6 language mode plus the upcoming features the
/// Swift server ecosystem (Hummingbird, PostgresNIO) builds with.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The built-in modules, each in three layers under Plugins/<Name>/, like Hummingbird's
/// products: `<Name>` (model, workflow, rules, store, hooks, demo data: DossierCore and
/// DossierPostgres only), `<Name>HTTP` (routes, on DossierServer) and `<Name>CLI`
/// (commands, on DossierCLI). The executable links all three; a test target each.
let builtInModules = ["ColdCases", "Extradition", "SurveillanceLogs", "InvestigatorNetwork"]
/// Modules with a fourth layer, `<Name>Console` (pages, panels and templates, on
/// DossierConsole), under Plugins/<Name>/<Name>Console.
let builtInConsoleModules = ["ColdCases", "Extradition", "SurveillanceLogs", "InvestigatorNetwork"]

func builtInModuleTargets(_ name: String) -> [Target] {
    [
        .target(
            name: name,
            dependencies: [
                "DossierCore",
                "DossierPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Plugins/\(name)/\(name)",
            swiftSettings: swiftSettings,
            plugins: ["EmbedMigrations"]
        ),
        .target(
            name: "\(name)HTTP",
            dependencies: [
                .target(name: name),
                "DossierCore",
                "DossierPostgres",
                "DossierServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Plugins/\(name)/\(name)HTTP",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "\(name)CLI",
            dependencies: [
                .target(name: name),
                "DossierCore",
                "DossierPostgres",
                "DossierCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Plugins/\(name)/\(name)CLI",
            swiftSettings: swiftSettings
        ),
    ] + (builtInConsoleModules.contains(name) ? [consoleTarget(name)] : [])
}

func consoleTarget(_ name: String) -> Target {
    .target(
        name: "\(name)Console",
        dependencies: [
            .target(name: name),
            "DossierCore",
            "DossierPostgres",
            "DossierServer",
            "DossierConsole",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ],
        path: "Plugins/\(name)/\(name)Console",
        exclude: ["Files"],
        swiftSettings: swiftSettings,
        plugins: ["EmbedConsoleFiles"]
    )
}

/// A library product per layer, so another package can take a module's rules without its
/// HTTP or CLI stack.
func builtInModuleProducts(_ name: String) -> [Product] {
    moduleLayers(name).map { layer in Product.library(name: layer, targets: [layer]) }
}

/// A module's layers by target name.
func moduleLayers(_ name: String) -> [String] {
    [name, "\(name)HTTP", "\(name)CLI"] + (builtInConsoleModules.contains(name) ? ["\(name)Console"] : [])
}

/// Every layer of the built-in modules, for the executable and the tests that run them all.
let builtInModuleLayers: [Target.Dependency] = builtInModules.flatMap { name in
    moduleLayers(name).map { .target(name: $0) }
}

func builtInModuleTests(_ name: String) -> Target {
    .testTarget(
        name: "\(name)Tests",
        dependencies: moduleLayers(name).map { .target(name: $0) } + [
            "DossierCore", "DossierPostgres", "DossierTesting", "DossierServer",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ],
        swiftSettings: swiftSettings
    )
}

let package = Package(
    name: "dossier",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DossierCore", targets: ["DossierCore"]),
        .library(name: "DossierPostgres", targets: ["DossierPostgres"]),
        .library(name: "DossierTesting", targets: ["DossierTesting"]),
        .library(name: "DossierServer", targets: ["DossierServer"]),
        .library(name: "DossierConsole", targets: ["DossierConsole"]),
        .library(name: "DossierCLI", targets: ["DossierCLI"]),
    ] + builtInModules.flatMap(builtInModuleProducts) + [
        .executable(name: "dossier", targets: ["dossier"]),
        .plugin(name: "EmbedMigrations", targets: ["EmbedMigrations"]),
        .plugin(name: "EmbedConsoleFiles", targets: ["EmbedConsoleFiles"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    ],
    targets: [
        .target(
            name: "DossierCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DossierPostgres",
            dependencies: [
                "DossierCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Console passwords: bcrypt, hashed on NIO's thread pool.
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedMigrations"]
        ),
        .target(
            name: "DossierTesting",
            dependencies: [
                "DossierCore",
                "DossierPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DossierServer",
            dependencies: [
                "DossierCore",
                "DossierPostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DossierConsole",
            dependencies: [
                "DossierCore",
                "DossierPostgres",
                "DossierServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                // The second factor's codes (TOTP, RFC 6238).
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Files"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedConsoleFiles"]
        ),
        .target(
            name: "DossierCLI",
            dependencies: [
                "DossierCore",
                "DossierPostgres",
                "DossierServer",
                "DossierConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dossier",
            dependencies: ["DossierCLI", "DossierServer", "DossierConsole"] + builtInModuleLayers,
            swiftSettings: swiftSettings
        ),

        // Built-in modules, three layers each under Plugins/<Name>/.
    ] + builtInModules.flatMap(builtInModuleTargets) + [
        // Build-time embedding of migrations/<module-id>/NNNN_name.sql into the binary.
        .executableTarget(
            name: "EmbedMigrationsTool",
            swiftSettings: swiftSettings
        ),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["EmbedMigrationsTool"],
            path: "Sources/EmbedMigrationsPlugin"
        ),
        // Build-time embedding of a console target's Files/ (templates, CSS, script).
        .executableTarget(
            name: "EmbedConsoleFilesTool",
            swiftSettings: swiftSettings
        ),
        .plugin(
            name: "EmbedConsoleFiles",
            capability: .buildTool(),
            dependencies: ["EmbedConsoleFilesTool"],
            path: "Sources/EmbedConsoleFilesPlugin"
        ),

        .testTarget(
            name: "DossierCoreTests",
            dependencies: ["DossierCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DossierPostgresTests",
            dependencies: [
                "DossierCore", "DossierPostgres", "DossierTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DossierServerTests",
            dependencies: [
                "DossierServer", "DossierCore", "DossierPostgres", "DossierTesting",
                // The bad-input corpus runs over every route, the built-in modules' included.
            ] + builtInModuleLayers + [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DossierCLITests",
            dependencies: [
                "dossier", "DossierCLI", "DossierCore", "DossierPostgres", "DossierTesting",
            ] + builtInModuleLayers + [
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DossierConsoleTests",
            dependencies: [
                "DossierConsole", "DossierServer", "DossierCore", "DossierPostgres", "DossierTesting",
            ] + builtInModuleLayers + [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DossierTestingTests",
            dependencies: [
                "DossierTesting", "DossierPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ] + builtInModules.map(builtInModuleTests)
)
