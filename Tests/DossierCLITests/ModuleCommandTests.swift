import DossierCore
import Foundation
import Testing

/// `dossier module new`: what it writes and what it refuses. CI builds and tests a
/// generated package end to end (`.ci/run`), which takes a full build.
@Suite struct ModuleCommandTests {
    @Test func aNewModulePackageHasEveryPartAndDependsOnThisCheckout() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await DossierBinary.run(["module", "new", "ArtTheft", "--path", directory.path], databaseURL: nil)
        #expect(run.status == 0, "\(run.stderr)")
        let package = directory.appending(path: "ArtTheft")
        let files = try FileManager.default.subpathsOfDirectory(atPath: package.path).filter { !$0.hasSuffix("/") }.sorted()
        #expect(files.contains("Package.swift"))
        #expect(files.contains("migrations/art-theft/0001_create_art_theft_tables.sql"))
        #expect(files.contains("Sources/ArtTheft/ArtTheft.swift"))
        #expect(files.contains("Sources/ArtTheftHTTP/ArtTheft+HTTP.swift"))
        #expect(files.contains("Sources/ArtTheftCLI/ArtTheft+CommandLine.swift"))
        #expect(files.contains("Sources/dossier-art-theft/main.swift"))
        #expect(files.contains("Tests/ArtTheftTests/ArtTheftTests.swift"))
        let manifest = try String(contentsOf: package.appending(path: "Package.swift"), encoding: .utf8)
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        #expect(manifest.contains(#".package(name: "dossier", path: "\#(checkout)")"#))
        // The module's own layer builds on the core and the store alone, as Dossier's do.
        let targets = try #require(manifest.range(of: "targets: [")).upperBound
        let moduleTarget = try #require(manifest[targets...].range(of: #"name: "ArtTheft","#)).upperBound
        let moduleDependencies = manifest[moduleTarget...].prefix { $0 != "]" }
        #expect(moduleDependencies.contains("DossierPostgres"), "\(moduleDependencies)")
        #expect(!moduleDependencies.contains("DossierServer") && !moduleDependencies.contains("DossierCLI")
            && !moduleDependencies.contains("Hummingbird") && !moduleDependencies.contains("ArgumentParser"))
        let module = try String(contentsOf: package.appending(path: "Sources/ArtTheft/ArtTheft.swift"), encoding: .utf8)
        #expect(module.contains(#"public let referencePrefix = "ART""#), "a prefix that reads as the name")
        #expect(module.contains(#"public let name = "Art theft""#))
        // The executable serves the new module beside the built-in ones.
        let main = try String(contentsOf: package.appending(path: "Sources/dossier-art-theft/main.swift"), encoding: .utf8)
        #expect(main.contains("modules: [ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork(), ArtTheft()]"))
        #expect(run.stdout.hasSuffix(
            "next: cd \(package.path) && swift test, then swift run dossier-art-theft serve --demo (the built-in modules and yours)\n"))
        #expect(module.contains("coreVersion = SemanticVersion(\(DossierCoreInfo.version.major), \(DossierCoreInfo.version.minor), \(DossierCoreInfo.version.patch))"))

        let again = try await DossierBinary.run(["module", "new", "ArtTheft", "--path", directory.path], databaseURL: nil)
        #expect(again.refusal == "error: '\(package.path)' already exists and is not empty; choose another --path")
        // The executable serves the built-in modules too: a prefix of theirs is refused.
        let taken = try await DossierBinary.run(["module", "new", "ColdStorage", "--path", directory.path], databaseURL: nil)
        #expect(taken.refusal == "error: reference prefix 'COLD' is taken by the built-in module cold-cases (COLD-2026-000001); give another with --prefix, 1 to 8 capital letters")
        let badName = try await DossierBinary.run(["module", "new", "art-theft", "--path", directory.path], databaseURL: nil)
        #expect(badName.refusal == "error: module name 'art-theft' must be UpperCamelCase letters and digits, 2 to 40 of them, e.g. ArtTheft")
    }

    /// Inside the Dossier checkout (under examples/, say) the package depends on it by a
    /// relative path, so it keeps building wherever the checkout is cloned.
    @Test func aPackageWrittenInsideTheCheckoutDependsOnItByARelativePath() async throws {
        let checkout = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: checkout) }
        try FileManager.default.createDirectory(at: checkout.appending(path: "examples"), withIntermediateDirectories: true)
        try Data("// a checkout\n".utf8).write(to: checkout.appending(path: "Package.swift"))
        let run = try await DossierBinary.run(
            ["module", "new", "HumanTraffickingCases", "--path", checkout.appending(path: "examples").path, "--dossier", checkout.path],
            databaseURL: nil)
        #expect(run.status == 0, "\(run.stderr)")
        let package = checkout.appending(path: "examples/HumanTraffickingCases")
        let manifest = try String(contentsOf: package.appending(path: "Package.swift"), encoding: .utf8)
        #expect(manifest.contains(#".package(name: "dossier", path: "../..")"#))
        let module = try String(contentsOf: package.appending(path: "Sources/HumanTraffickingCases/HumanTraffickingCases.swift"), encoding: .utf8)
        #expect(module.contains(#"public let referencePrefix = "HTC""#))
        #expect(module.contains(#"public let name = "Human trafficking cases""#))
    }
}
