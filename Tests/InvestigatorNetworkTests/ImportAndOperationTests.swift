import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
@testable import InvestigatorNetwork
import PostgresNIO
import Testing

/// CSV import and export, and operation tallies.
@Suite struct ImportAndOperationTests {
    static let header = "latin_name,original_name,agency_code,agency_name,agency_country,agency_kind,country,role,languages,specialties,channels,time_zone,availability,verified_by,verified_at,verification_expires_at,visibility"

    static let goodRows = [
        #"Ana García,,ES-POL,Policía Nacional UDYCO,ES,police,ES,fugitive investigator,es;en,drug_trafficking;fugitive_tracking,i24_7:NCB Madrid,Europe/Madrid,available,NCB Madrid,2026-06-01,2027-06-01,network"#,
        #"Klaus Becker,,DE-BKA,Bundeskriminalamt ZFU,DE,police,DE,Zielfahnder,GER;en,fugitive_tracking,"siena:BKA, ZD 23",Europe/Berlin,limited,BKA,2026-05-01,2027-05-01,network"#,
        #"Wang Lei,王磊,DE-BKA,,,,DE,liaison,zh;de,financial_crime,agency_mailbox:liaison@bka.example,Europe/Berlin,,BKA,2026-05-01,2027-05-01,own_agency"#,
    ]

    func count(_ db: TestDatabase, _ table: String) async throws -> Int {
        for try await value in try await db.client.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"), logger: db.logger).decode(Int.self) {
            return value
        }
        return 0
    }

    @Test func aCleanFileImportsAndRegistersItsAgencies() async throws {
        try await TestDatabase.withNetwork { db in
            let text = ([Self.header] + Self.goodRows).joined(separator: "\n") + "\n"
            let dry = try await db.network.importCSV(text, dryRun: true, by: db.admin)
            #expect(dry.valid == 3 && dry.imported == 0 && dry.rejected.isEmpty)
            #expect(try await count(db, "network_investigators") == 0)

            let report = try await db.network.importCSV(text, by: db.admin)
            #expect(report.imported == 3)
            #expect(report.agenciesCreated == 2)
            // Wang Lei's entry is visible to BKA only; the system sees every entry.
            #expect(try await db.network.search(DirectorySearch(text: "王磊"), visibleTo: db.admin).isEmpty)
            let wang = try #require(try await db.network.search(DirectorySearch(text: "王磊"), visibleTo: .system).first)
            #expect(wang.investigator.originalName == "王磊")
            #expect(wang.investigator.languages == ["deu", "zho"])
            #expect(wang.investigator.agency.code == "DE-BKA")
            let becker = try #require(try await db.network.search(DirectorySearch(text: "Becker"), visibleTo: db.admin).first)
            #expect(becker.investigator.channels == [SecureChannel(kind: .siena, address: "BKA, ZD 23")])

            // An export imports again as the same entries.
            let exported = try await db.network.exportCSV(visibleTo: .system)
            #expect(exported.hasPrefix(Self.header + "\n"))
            try await db.client.query("DELETE FROM network_investigators", logger: db.logger)
            let again = try await db.network.importCSV(exported, by: db.admin)
            #expect(again.imported == 3 && again.agenciesCreated == 0)
        }
    }

    @Test func cellsASpreadsheetWouldRunAsFormulasAreExportedAsTextAndImportBackUnchanged() async throws {
        try await TestDatabase.withNetwork { db in
            let row = #""=HYPERLINK(""http://evil.example"",""click"")",@SUM(1+1),ES-POL,Policía Nacional UDYCO,ES,police,ES,-investigator,es,homicide,i24_7:+34 91 322 00 00,Europe/Madrid,available,NCB Madrid,2026-06-01,2027-06-01,network"#
            let text = Self.header + "\n" + row + "\n"
            let report = try await db.network.importCSV(text, by: db.admin)
            #expect(report.imported == 1, "\(report.rejected)")
            let stored = try #require(try await db.network.search(DirectorySearch(country: "ES"), visibleTo: .system).first)
            #expect(stored.investigator.latinName == #"=HYPERLINK("http://evil.example","click")"#)

            let exported = try await db.network.exportCSV(visibleTo: .system)
            let line = try #require(exported.split(separator: "\n").dropFirst().first.map(String.init))
            let cells = try CSV.parse(line).first?.fields ?? []
            #expect(line.hasPrefix(#""'=HYPERLINK(""http://evil.example"",""click"")",'@SUM(1+1),"#), "\(line)")
            #expect(line.contains(",'-investigator,") && line.contains("i24_7:+34"), "\(line)")
            #expect(!exported.split(separator: "\n").contains { $0.hasPrefix("=") || $0.contains(",=") || $0.contains(",@") || $0.contains(",+") })
            #expect(cells.first == stored.investigator.latinName, "parsing drops the neutralising quote again")

            try await db.client.query("DELETE FROM network_investigators", logger: db.logger)
            #expect(try await db.network.importCSV(exported, by: db.admin).imported == 1)
            let again = try #require(try await db.network.search(DirectorySearch(country: "ES"), visibleTo: .system).first)
            #expect(again.investigator.latinName == stored.investigator.latinName)
            #expect(again.investigator.role == "-investigator")
        }
    }

    @Test func badRowsAreReportedWithLineFieldAndReasonAndNothingIsImported() async throws {
        try await TestDatabase.withNetwork { db in
            let rows = Self.goodRows + [
                #"No Agency,,XX-NEW,,,,ES,investigator,es,homicide,i24_7:x,Europe/Madrid,,NCB,2026-01-01,2027-01-01,"#,
                #"Bad Language,,ES-POL,,,,ES,investigator,xx,homicide,i24_7:x,Europe/Madrid,,NCB,2026-01-01,2027-01-01,"#,
                #"Bad Specialty,,ES-POL,,,,ES,investigator,es,pickpocketing,i24_7:x,Europe/Madrid,,NCB,2026-01-01,2027-01-01,"#,
                #"Private Mail,,ES-POL,,,,ES,investigator,es,homicide,agency_mailbox:me@gmail.com,Europe/Madrid,,NCB,2026-01-01,2027-01-01,"#,
                #"Bad Date,,ES-POL,,,,ES,investigator,es,homicide,i24_7:x,Europe/Madrid,,NCB,01/02/2026,2027-01-01,"#,
                #"Short Row,,ES-POL"#,
                #""Multi"#, #"line name",,ES-POL,,,,ES,investigator,es,homicide,i24_7:x,Mars/Olympus,,NCB,2026-01-01,2027-01-01,"#,
                // One row, four faults: each is reported, so the row is fixed once.
                #"Many Faults,,ES-POL,,,,ES,investigator,es,pickpocketing,fax:123,Europe/Madrid,sometimes,NCB,yesterday,2027-01-01,"#,
            ]
            let text = ([Self.header] + rows).joined(separator: "\n")
            let report = try await db.network.importCSV(text, by: db.admin)
            #expect(report.rows == 11)
            #expect(report.valid == 3)
            #expect(report.imported == 0)
            #expect(report.rejected.map(\.description) == [
                "line 5, agency_code: 'XX-NEW' is not a registered agency; give agency_name, agency_country and agency_kind to register it",
                "line 6, languages: languages[0] 'xx' is not a known ISO 639 code; use ISO 639-1 (de) or ISO 639-2 (deu or ger)",
                "line 7, specialties: 'pickpocketing' is not allowed; use \(Specialty.allowedValuesText)",
                "line 8, channels: channels[0].address 'me@gmail.com' is not an agency mailbox; the directory holds official channels only (agency mailbox, I-24/7, SIENA, secure network), no private contact data",
                "line 9, verified_at: '01/02/2026' is not an ISO 8601 date or timestamp (e.g. 2026-03-01)",
                "line 10, row: has 3 fields; the header has 17",
                "line 11, time_zone: time_zone 'Mars/Olympus' is not an IANA time zone, e.g. Europe/Madrid",
                "line 13, specialties: 'pickpocketing' is not allowed; use \(Specialty.allowedValuesText)",
                "line 13, channels: 'fax' is not allowed; use \(ChannelKind.allowedValuesText)",
                "line 13, availability: 'sometimes' is not allowed; use \(Availability.allowedValuesText)",
                "line 13, verified_at: 'yesterday' is not an ISO 8601 date or timestamp (e.g. 2026-03-01)",
            ])
            #expect(try await count(db, "network_investigators") == 0, "all or nothing")
            #expect(try await count(db, "network_agencies") == 0)

            let partial = try await db.network.importCSV(text, skipInvalid: true, by: db.admin)
            #expect(partial.imported == 3)
            #expect(try await count(db, "network_investigators") == 3)

            let unknownColumn = await dossierError { _ = try await db.network.importCSV("latin_name,phone\nA,1\n", by: db.admin) }
            #expect(unknownColumn?.message.hasPrefix("line 1: unknown column phone; the columns are latin_name, original_name") == true)
            let refused = await dossierError { _ = try await db.network.importCSV(text, by: db.actor(.investigator)) }
            #expect(refused?.code == .roleNotAllowed)

            // A new code for an agency already registered (same country and name) names the line and the agency.
            let renamed = #"Eva Ruiz,,ES-UDYCO,Policía Nacional UDYCO,ES,police,ES,investigator,es,homicide,i24_7:x,Europe/Madrid,,NCB,2026-01-01,2027-01-01,"#
            let again = try await db.network.importCSV(Self.header + "\n" + renamed + "\n", by: db.admin)
            #expect(again.rejected.map(\.description) == [
                "line 2, agency_code: 'ES-UDYCO' is new, but Policía Nacional UDYCO (ES) is already registered as ES-POL; use that code",
            ])
            #expect(again.imported == 0)
        }
    }

    @Test func operationTalliesCountOutcomesByCountry() async throws {
        try await TestDatabase.withNetwork { db in
            let coordinator = try await db.agency("IPSG", country: "FR", kind: .other)
            let operation = try await db.network.createOperation(
                name: "Infra-Red 2026", startsOn: try CalendarDate(parsing: "2026-10-01"), endsOn: try CalendarDate(parsing: "2026-10-31"),
                coordinatingAgencyID: coordinator.id, countries: ["ES", "DE", "FR"], by: db.admin)
            var targets: [RoundUpTarget] = []
            for (index, country) in ["ES", "ES", "ES", "DE", "DE", "FR"].enumerated() {
                let person = try await db.store.createPerson(NewPerson(latinName: "Target \(index)"), by: db.admin)
                targets.append(try await db.network.addTarget(operationID: operation.id, personID: person.id, country: country, by: db.admin))
            }
            for (index, outcome) in [TargetOutcome.arrested, .located, .stillWanted, .arrested, .arrested, .located].enumerated() {
                _ = try await db.network.recordOutcome(targetID: targets[index].id, outcome, by: db.admin)
            }
            let tally = try await db.network.tally(operationID: operation.id)
            #expect(tally.byCountry.map { [$0.country: [$0.targets, $0.arrested, $0.located, $0.stillWanted]] } == [
                ["DE": [2, 2, 0, 0]], ["ES": [3, 1, 1, 1]], ["FR": [1, 0, 1, 0]],
            ])
            #expect(tally.total == RoundUpTally.Line(country: "total", targets: 6, arrested: 3, located: 2, stillWanted: 1))

            // A target tied to a case the actor may not see is reported as missing.
            let lead = db.actor(.investigator, id: "nca.lead", agency: "NCA")
            let secret = try await db.store.openCase(
                NewCase(module: "plain", type: "matter", title: "Sealed", classification: .secret, owningAgency: "NCA", country: "GB"),
                by: lead)
            let fugitive = try await db.store.createPerson(NewPerson(latinName: "Sealed Target"), by: lead)
            let linked = try await db.network.addTarget(operationID: operation.id, personID: fugitive.id, caseID: secret.id, country: "FR", by: lead)
            let outsider = db.actor(.investigator, id: "bka.officer", agency: "BKA")
            let hidden = await dossierError { _ = try await db.network.recordOutcome(targetID: linked.id, .arrested, by: outsider) }
            #expect(hidden == .notFound("target \(linked.id.lowercased) does not exist"))
            #expect(try await db.network.recordOutcome(targetID: linked.id, .arrested, by: lead).outcome == .arrested)

            let person = try await db.store.createPerson(NewPerson(latinName: "Elsewhere"), by: db.admin)
            let outside = await dossierError { _ = try await db.network.addTarget(operationID: operation.id, personID: person.id, country: "IT", by: db.admin) }
            #expect(outside == .invalidInput("country 'IT' does not take part in Infra-Red 2026 (DE, ES, FR)"))
        }
    }
}
