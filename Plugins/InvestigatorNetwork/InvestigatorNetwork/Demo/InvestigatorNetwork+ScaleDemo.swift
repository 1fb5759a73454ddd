import DossierCore
public import DossierPostgres
import Foundation
import PostgresNIO

extension InvestigatorNetwork: ScaleDemoModule {
    /// Directory entries up to a tenth of the scale, spread over the 70 demo countries'
    /// two agencies, with generated names; one in nine is stale and one in twenty visible
    /// to its own agency only.
    public func loadScaleData(into context: ScaleDemoContext) async throws {
        let store = NetworkStore(cases: context.store, logger: context.logger)
        let target = max(1, context.scale / 10)
        var index = try await store.investigatorCount(createdBy: ScaleDemoContext.tag)
        guard index < target else { return }
        let agencies = Dictionary(try await store.agencies().map { ($0.code, $0.id) }, uniquingKeysWith: { first, _ in first })
        let countries = NetworkDemoCountries.all
        let progress = context.progress("generated directory entries", total: target)
        while index < target {
            var batch: [NewInvestigator] = []
            for ordinal in index..<min(target, index + 10_000) {
                let country = countries[ordinal % countries.count]
                let slot = (ordinal / countries.count) % 2
                let code = slot == 0 ? "NCB-\(country.code)" : (country.code == "GB" ? "MET" : "\(country.code)-POL")
                guard let agencyID = agencies[code] else {
                    throw DossierError.notFound("agency \(code): load the network demo (dossier demo) first")
                }
                let (given, surname) = DemoNames.name(ordinal * 13 + 5)
                let verifiedAt = context.now.addingTimeInterval(-Double(ordinal % 9 == 4 ? 400 : ordinal % 300) * 86_400)
                let surnameHere = country.surnames[ordinal % country.surnames.count]
                batch.append(country.investigator(
                    named: "\(given) \(ordinal % 5 == 0 ? surnameHere : surname)", slot: slot, ordinal: ordinal,
                    agencyID: agencyID, verifiedAt: verifiedAt, visibility: ordinal % 20 == 7 ? .ownAgency : .network))
            }
            try await store.writeBulk(batch, createdBy: ScaleDemoContext.tag, at: context.now)
            index += batch.count
            progress.update(index)
        }
        try await context.client.query("VACUUM (ANALYZE) network_investigators", logger: context.logger)
    }
}
