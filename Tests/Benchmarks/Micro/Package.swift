// swift-tools-version: 6.2
import PackageDescription

/// In-process micro benchmarks of the core (ordo-one/benchmark), in a package of their own
/// so that `swift test` at the top never builds the benchmark tooling.
///
///     swift package --package-path Tests/Benchmarks/Micro benchmark
let package = Package(
    name: "DossierMicroBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "dossier", path: "../../.."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "DossierBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DossierCore", package: "dossier"),
            ],
            path: "Benchmarks/DossierBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
