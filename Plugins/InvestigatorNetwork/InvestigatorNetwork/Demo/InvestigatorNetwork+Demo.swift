import DossierCore
public import DossierPostgres
import Foundation

extension InvestigatorNetwork: DemoDataModule {
    /// A network across 70 countries: a National Central Bureau and a police fugitive unit
    /// in each, two investigators per country (some stale, one visible to its own agency
    /// only), points of contact, and an Infra-style operation over the demo persons with
    /// arrests, located targets and some still wanted. Loaded once.
    public func loadDemoData(into context: DemoContext) async throws {
        try await NetworkDemo(context: context).load()
    }
}

struct NetworkDemo {
    let context: DemoContext
    let store: NetworkStore

    init(context: DemoContext) {
        self.context = context
        store = NetworkStore(cases: context.store, logger: context.logger)
    }

    static let operationName = "Infra-Red 2026"

    func load() async throws {
        guard try await !store.agencies().contains(where: { $0.code == "IPSG" }) else { return }
        let admin = context.supervisor
        let now = context.now
        let countries = NetworkDemoCountries.all
        let progress = context.progress("network countries", total: countries.count)
        for (index, country) in countries.enumerated() {
            let ncb = try await store.createAgency(
                NewAgency(code: "NCB-\(country.code)", name: "INTERPOL NCB \(country.capital)", country: country.code, kind: .nationalCentralBureau),
                by: admin)
            // The demo users' own agency is MET: its unit is the GB police agency.
            let police = try await store.createAgency(
                NewAgency(code: country.code == "GB" ? "MET" : "\(country.code)-POL", name: "\(country.code) fugitive active search unit",
                          country: country.code, kind: .police),
                by: admin)
            var contacts: [(investigatorID: UUID, priority: Int)] = []
            for (slot, agency) in [ncb, police].enumerated() {
                let ordinal = index * 2 + slot
                // Every ninth entry's verification has lapsed; it stays listed, marked stale.
                let stale = ordinal % 9 == 4
                let verifiedAt = now.addingTimeInterval(-Double(stale ? 400 : 30 + ordinal % 60) * 86_400)
                let investigator = try await store.createInvestigator(
                    country.investigator(
                        named: "\(["A.", "M.", "J.", "S.", "K."][ordinal % 5]) \(country.surnames[slot % country.surnames.count])",
                        slot: slot, ordinal: ordinal, agencyID: agency.id, verifiedAt: verifiedAt,
                        visibility: country.code == "GB" && slot == 1 ? .ownAgency : .network),
                    by: admin)
                contacts.append((investigator.id, slot + 1))
            }
            try await store.setContacts(country: country.code, contacts, by: admin)
            progress.update(index + 1)
        }
        try await loadOperation(by: admin)
    }

    /// An Infra-style round-up over the demo persons: arrests, located targets, still wanted.
    func loadOperation(by admin: Actor) async throws {
        let coordinator = try await store.createAgency(
            NewAgency(code: "IPSG", name: "INTERPOL General Secretariat, Fugitive Investigative Support", country: "FR", kind: .other),
            by: admin)
        let countries = ["ES", "DE", "FR", "GB", "IT", "NL", "PL", "TR", "AE", "CO", "BR", "TH"].filter(CountryCode.isValid)
        let operation = try await store.createOperation(
            name: Self.operationName, startsOn: CalendarDate(context.now, in: .gmt).adding(days: -40),
            endsOn: CalendarDate(context.now, in: .gmt).adding(days: -10), coordinatingAgencyID: coordinator.id, countries: countries,
            by: admin)
        // The demo persons are the extraditions' fugitives, in their order: the first is still
        // wanted, the second located, the others arrested, as their extradition cases say.
        let outcomes: [TargetOutcome] = [.stillWanted, .located]
        for (index, person) in context.persons.enumerated() {
            let target = try await store.addTarget(
                operationID: operation.id, personID: person.id, country: countries[index % countries.count], by: admin)
            let outcome = index < outcomes.count ? outcomes[index] : .arrested
            if outcome != .stillWanted {
                _ = try await store.recordOutcome(
                    targetID: target.id, outcome, note: outcome == .arrested ? "arrested on the Red Notice" : "address confirmed",
                    by: admin)
            }
        }
    }
}
