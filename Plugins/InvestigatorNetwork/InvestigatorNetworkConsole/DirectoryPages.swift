import DossierConsole
import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes
import InvestigatorNetwork

/// The directory's search page (with a country's points of contact when one country is
/// asked for), an entry's page, and linking an entry to a case.
struct DirectoryPages {
    let store: NetworkStore

    /// The most hits one search shows.
    static let limit = 50

    @Sendable func search(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let actor = try request.user.actor
        let now = store.cases.clock.now()
        var data: [String: Any] = [
            "country": request.query("country") ?? "", "language": request.query("language") ?? "", "q": request.query("q") ?? "",
            "specialties": Specialty.allCases.map {
                ["value": $0.rawValue, "label": ConsoleFormat.label($0.rawValue), "selected": $0.rawValue == request.query("specialty")]
                    as [String: Any]
            },
        ]
        do {
            let specialty = try request.query("specialty").map { text throws(DossierError) in try Specialty.parse(text, field: "specialty") }
            let search = DirectorySearch(
                country: request.query("country")?.uppercased(), language: request.query("language"), specialty: specialty,
                text: request.query("q"), limit: Self.limit + 1)   // one more, to know whether there are more
            let asked = search.country != nil || search.language != nil || search.specialty != nil || search.text != nil
            data["asked"] = asked
            if asked {
                let found = try await store.search(search, visibleTo: actor)
                let hits = found.prefix(Self.limit)
                data["hits"] = hits.map { DirectoryFormat.entry($0.investigator, stale: $0.stale, now: now) }
                data["hasHits"] = !hits.isEmpty
                data["count"] = hits.count
                data["truncated"] = found.count > Self.limit
            }
            if let country = search.country {
                let contacts = try await store.contacts(country: country, visibleTo: actor)
                data["contacts"] = contacts.map { contact in
                    DirectoryFormat.entry(contact.investigator, stale: contact.stale, now: now).merging(["priority": contact.priority]) { $1 }
                }
                data["hasContacts"] = !contacts.isEmpty
                data["contactsCountry"] = country
            }
        } catch let error as DossierError where error.code == .invalidInput {
            data["error"] = error.message
        }
        let status: HTTPResponse.Status = data["error"] == nil ? .ok : .badRequest
        return request.page("Directory", template: "network/directory", data, status: status, section: "network/directory")
    }

    /// The entry in the path, if the user may see it; the 404 page otherwise.
    func visibleEntry(_ request: ConsoleRequest) async throws -> Investigator {
        let text = try request.parameter("id")
        guard let id = UUID(uuidString: text) else { throw DossierError.notFound("directory entry \(text)") }
        return try await store.investigator(id: id, visibleTo: try request.user.actor)
    }

    @Sendable func entry(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let investigator = try await visibleEntry(request)
        let now = store.cases.clock.now()
        var data = DirectoryFormat.entry(investigator, stale: investigator.isStale(at: now), now: now)
        data["mayLink"] = !(try request.user.roles).isDisjoint(with: CaseContactsPanel.linkers)
        data["case"] = request.query("case") ?? ""
        return request.page(investigator.latinName, template: "network/investigator", data, section: "network/directory")
    }

    /// Links the entry to the case the form names, if the user may see both; then to the
    /// case page, or back to the entry with why it was not linked.
    @Sendable func link(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let investigator = try await visibleEntry(request)
        let back = "/console/network/investigators/\(investigator.id.lowercased)"
        guard let reference = request.form["case"] else {
            return .refusal(back, problem: "Not linked: give the reference of the case, e.g. COLD-2026-000001")
        }
        let actor = try request.user.actor
        let found: Case
        do {
            found = try await request.services.store.visibleCase(named: reference, to: actor)
        } catch let error as DossierError where error.code == .notFound {
            // The same words whether the case is missing or hidden from this user.
            return .refusal(back, problem: "Not linked: there is no case \(reference) that you can see")
        }
        try await request.services.accessLog.record(actor: actor.id, caseID: found.id, action: "network.link-contact", source: request.accessSource)
        do {
            _ = try await store.linkContact(caseID: found.id, investigatorID: investigator.id, by: actor)
            return .redirect("/console/cases/\(found.reference)#network-contacts", flash: "\(investigator.latinName) is now an external contact of \(found.reference).")
        } catch let error as DossierError where [.invalidInput, .alreadyExists, .roleNotAllowed, .hookRefused, .wrongState].contains(error.code) {
            return .refusal(back, problem: "Not linked: \(error.message)")
        }
    }
}
