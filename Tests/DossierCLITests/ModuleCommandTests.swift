import DossierCore
import Foundation
import Testing

/// `dossier module new`: what it writes and what it refuses. CI builds and tests a
/// generated package end to end (`.ci/run`), which takes a full build.
@Suite struct ModuleCommandTests {
    @Test func aNewModulePackageHasEveryPartAndDependsOnThisCheckout() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try DossierBinary.run(["module", "new", "ArtTheft", "--path", directory.path], databaseURL: nil)
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
        #expect(module.contains(#"public let referencePrefix = "ARTT""#))
        #expect(module.contains("coreVersion = SemanticVersion(\(DossierCoreInfo.version.major), \(DossierCoreInfo.version.minor), \(DossierCoreInfo.version.patch))"))

        let again = try DossierBinary.run(["module", "new", "ArtTheft", "--path", directory.path], databaseURL: nil)
        #expect(again.refusal == "error: '\(package.path)' already exists and is not empty; choose another --path")
        let badName = try DossierBinary.run(["module", "new", "art-theft", "--path", directory.path], databaseURL: nil)
        #expect(badName.refusal == "error: module name 'art-theft' must be UpperCamelCase letters and digits, 2 to 40 of them, e.g. ArtTheft")
    }
}
