import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
@testable import InvestigatorNetwork
import PostgresNIO
import Testing

extension TestDatabase {
    static func withNetwork<Result: Sendable>(_ body: (TestDatabase) async throws -> Result) async throws -> Result {
        try await with(modules: [InvestigatorNetwork(), PlainCases()], body)
    }

    var network: NetworkStore { NetworkStore(cases: store, logger: logger) }
    var admin: Actor { actor(.admin, id: "ada", agency: "MET") }

    func agency(_ code: String, country: String, kind: AgencyKind = .police) async throws -> Agency {
        try await network.createAgency(NewAgency(code: code, name: "\(code) unit", country: country, kind: kind), by: admin)
    }

    /// An investigator verified `verifiedDaysAgo` days ago for a year.
    @discardableResult
    func investigator(
        _ name: String, agency: Agency, country: String? = nil, languages: [String] = ["en"], specialties: [Specialty] = [.homicide],
        availability: Availability = .available, verifiedDaysAgo: Double = 10, visibility: Visibility = .network
    ) async throws -> Investigator {
        let verified = now.addingTimeInterval(-verifiedDaysAgo * 86_400)
        return try await network.createInvestigator(
            NewInvestigator(
                latinName: name, agencyID: agency.id, country: country ?? agency.country, role: "fugitive investigator",
                languages: languages, specialties: specialties, channels: [SecureChannel(kind: .i247, address: "NCB \(agency.code)")],
                timeZone: "Europe/Madrid", availability: availability, verifiedBy: "NCB", verifiedAt: verified,
                verificationExpiresAt: verified.addingTimeInterval(365 * 86_400), visibility: visibility),
            by: admin)
    }
}

/// Runs `body` and returns the DossierError it threw.
func dossierError(_ body: () async throws -> Void) async -> DossierError? {
    do {
        try await body()
        return nil
    } catch let error as DossierError {
        return error
    } catch {
        Issue.record("expected a DossierError, got \(error)")
        return nil
    }
}

/// A minimal module with one case type, for cases to link contacts to.
struct PlainCases: CaseModule {
    let id = "plain"
    let name = "Plain cases"
    let version = SemanticVersion(0, 1, 0)
    let referencePrefix = "PLN"

    var caseTypes: [CaseType] {
        [CaseType(
            name: "matter", title: "Matter",
            workflow: WorkflowDefinition(
                initialState: "open", states: [.init("open"), .init("closed", isTerminal: true)],
                transitions: [.init("close", from: ["open"], to: "closed", roles: [.supervisor])]))]
    }
}
