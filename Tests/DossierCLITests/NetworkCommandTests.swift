import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import InvestigatorNetwork
import PostgresNIO
import Testing

/// `dossier network ...` against a real database.
@Suite struct NetworkCommandTests {
    @Test func importSearchAndExportFromTheCommandLine() async throws {
        try await TestDatabase.with(modules: [InvestigatorNetwork()]) { db async throws in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("directory.csv")
            let header = "latin_name,agency_code,agency_name,agency_country,agency_kind,country,role,languages,specialties,channels,time_zone,verified_by,verified_at,verification_expires_at"
            let good = "Ana García,ES-POL,Policía Nacional,ES,police,ES,investigator,spa,drug_trafficking,i24_7:NCB Madrid,Europe/Madrid,NCB,2026-06-01,2027-06-01"
            let stale = "Old Entry,ES-POL,Policía Nacional,ES,police,ES,investigator,es,drug_trafficking,i24_7:NCB Madrid,Europe/Madrid,NCB,2024-06-01,2025-06-01"
            let bad = "Bad Row,ES-POL,Policía Nacional,ES,police,ES,investigator,klingon,drug_trafficking,i24_7:x,Europe/Madrid,NCB,2026-06-01,2027-06-01"
            try Data(([header, good, stale, bad].joined(separator: "\n") + "\n").utf8).write(to: file)

            let refused = try await db.dossier("network", "import", file.path)
            #expect(refused.status == 1)
            #expect(refused.stdout.contains("rejected line 4, languages: languages[0] 'klingon' is not a known ISO 639 code"))
            #expect(refused.stdout.hasSuffix("nothing imported: fix the rows or use --skip-invalid\n"))
            #expect(try await db.count("SELECT count(*)::int FROM network_investigators") == 0)

            try Data(([header, good, stale].joined(separator: "\n") + "\n").utf8).write(to: file)
            let imported = try await db.dossier("network", "import", file.path)
            #expect(imported.status == 0, "\(imported.stdout) \(imported.stderr)")

            let search = try await db.dossier("network", "search", "--country", "es", "--language", "SPA", "--specialty", "drug_trafficking")
            #expect(search.status == 0, "\(search.stderr)")
            let lines = search.stdout.split(separator: "\n")
            #expect(lines.count == 4)
            #expect(lines[1].hasPrefix("Ana García"))
            #expect(lines[2].hasPrefix("Old Entry") && lines[2].contains("STALE 2025-06-01"))
            #expect(lines[3] == "2 found, 1 stale (verification expired): confirm before relying on them")

            let csv = try await db.dossier("network", "export")
            #expect(csv.stdout.split(separator: "\n").count == 3)
        }
    }
}
