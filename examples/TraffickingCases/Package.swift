// swift-tools-version: 6.2
import PackageDescription

// An outside team's module: it depends on Dossier by path (a released module would name
// Dossier's repository URL and version instead) and never touches Dossier's own sources.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Dossier's built-in modules, each linked in all four of its layers: the model-and-store
/// target alone would register the module without its routes, commands and pages.
let builtInModules: [Target.Dependency] = ["ColdCases", "Extradition", "SurveillanceLogs", "InvestigatorNetwork"].flatMap { name in
    [name, "\(name)HTTP", "\(name)CLI", "\(name)Console"].map { layer in Target.Dependency.product(name: layer, package: "dossier") }
}

let package = Package(
    name: "TraffickingCases",
    platforms: [.macOS(.v15)],
    products: [
        // Like Dossier's own modules, in layers: the rules and store, then the routes (and
        // the server's background job), then the commands. Each layer needs only the one below.
        .library(name: "TraffickingCases", targets: ["TraffickingCases"]),
        .library(name: "TraffickingCasesHTTP", targets: ["TraffickingCasesHTTP"]),
        .library(name: "TraffickingCasesCLI", targets: ["TraffickingCasesCLI"]),
        .library(name: "TraffickingCasesConsole", targets: ["TraffickingCasesConsole"]),
        .executable(name: "dossier-thb", targets: ["dossier-thb"]),
    ],
    dependencies: [
        // The name lets this manifest refer to Dossier whatever its checkout is called.
        .package(name: "dossier", path: "../.."),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .target(
            name: "TraffickingCases",
            dependencies: [
                .product(name: "DossierCore", package: "dossier"),
                .product(name: "DossierPostgres", package: "dossier"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "EmbedMigrations", package: "dossier")]
        ),
        .target(
            name: "TraffickingCasesHTTP",
            dependencies: [
                "TraffickingCases",
                .product(name: "DossierCore", package: "dossier"),
                .product(name: "DossierPostgres", package: "dossier"),
                .product(name: "DossierServer", package: "dossier"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TraffickingCasesCLI",
            dependencies: [
                "TraffickingCases",
                .product(name: "DossierCore", package: "dossier"),
                .product(name: "DossierCLI", package: "dossier"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TraffickingCasesConsole",
            dependencies: [
                "TraffickingCases",
                .product(name: "DossierCore", package: "dossier"),
                .product(name: "DossierServer", package: "dossier"),
                .product(name: "DossierConsole", package: "dossier"),
            ],
            exclude: ["Files"],   // the templates go into the binary through the plugin, not as resources
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "EmbedConsoleFiles", package: "dossier")]
        ),
        .executableTarget(
            name: "dossier-thb",
            dependencies: [
                "TraffickingCases", "TraffickingCasesHTTP", "TraffickingCasesCLI", "TraffickingCasesConsole",
                .product(name: "DossierCLI", package: "dossier"), .product(name: "DossierServer", package: "dossier"),
            ] + builtInModules,
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TraffickingCasesTests",
            dependencies: [
                "TraffickingCases", "TraffickingCasesHTTP", "TraffickingCasesConsole",
                .product(name: "DossierConsole", package: "dossier"),
                .product(name: "DossierCore", package: "dossier"),
                .product(name: "DossierPostgres", package: "dossier"),
                .product(name: "DossierServer", package: "dossier"),
                .product(name: "DossierTesting", package: "dossier"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
