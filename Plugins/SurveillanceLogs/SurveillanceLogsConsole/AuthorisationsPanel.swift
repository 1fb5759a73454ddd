import DossierConsole
import DossierCore
import DossierPostgres
import Foundation
import SurveillanceLogs

/// On an operation's case page: each authorisation with its legal basis and maximum, the
/// period in the issuing authority's zone, time left or how it ended, its renewals; the
/// renew and cancel forms; the form that records a new one; and a link to the log.
struct AuthorisationsPanel {
    let store: SurveillanceStore

    /// Who may record, renew and cancel (the store holds the same rule).
    static let authorisers: Set<Role> = [.supervisor, .legal]

    func panel(for found: Case, request: ConsoleRequest) async throws -> CasePanel {
        let now = store.cases.clock.now()
        async let bases = store.legalBases()
        let authorisations = try await store.authorisations(caseID: found.id)
        let byID = Dictionary(try await bases.map { ($0.id, $0) }) { first, _ in first }
        let mayAuthorise = !(try request.user.roles).isDisjoint(with: Self.authorisers)
        let rows = authorisations.map { authorisation in
            Self.row(authorisation, basis: byID[authorisation.legalBasis], now: now, mayAuthorise: mayAuthorise)
        }
        var data: [String: Any] = [
            "reference": found.reference, "authorisations": rows, "hasAuthorisations": !rows.isEmpty,
            "inForce": authorisations.contains { $0.isInForce(at: now) }, "mayAuthorise": mayAuthorise,
        ]
        if mayAuthorise {
            data["bases"] = try await bases.map { basis in
                [
                    "id": basis.id, "name": basis.name, "maximum": basis.maximum.description, "zone": basis.timeZone,
                    "methods": basis.methods.map { ConsoleFormat.label($0.rawValue) }.joined(separator: ", "),
                ]
            }
            data["methods"] = SurveillanceMethod.allCases.map { ["value": $0.rawValue, "label": ConsoleFormat.label($0.rawValue)] }
        }
        return CasePanel(title: "Authorisations", html: request.render("surveillance/authorisations-panel", data))
    }

    static func row(_ authorisation: Authorisation, basis: LegalBasis?, now: Date, mayAuthorise: Bool) -> [String: Any] {
        let zone = TimeZone(identifier: authorisation.timeZone) ?? .gmt
        let status: String
        if let cancelledAt = authorisation.cancelledAt {
            status = "Cancelled \(ConsoleFormat.time(cancelledAt, in: zone))"
        } else if now < authorisation.validFrom {
            status = "Not yet in force"
        } else if now >= authorisation.validTo {
            status = "Expired"
        } else {
            status = "In force"
        }
        let running = authorisation.cancelledAt == nil && now < authorisation.validTo
        return [
            "id": authorisation.id.lowercased, "reference": authorisation.reference, "status": status,
            "inForce": authorisation.isInForce(at: now), "running": running && mayAuthorise,
            "left": (running && now >= authorisation.validFrom ? ConsoleFormat.timeLeft(until: authorisation.validTo, now: now) : nil) as Any,
            "startsIn": (now < authorisation.validFrom && authorisation.cancelledAt == nil
                ? ConsoleFormat.timeLeft(until: authorisation.validFrom, now: now).replacingOccurrences(of: " left", with: "") : nil) as Any,
            "basis": basis?.name ?? authorisation.legalBasis, "citation": basis?.citation ?? "",
            "maximum": (authorisation.urgent ? basis?.urgentMaximum : basis?.maximum)?.description ?? "—",
            "counting": (authorisation.urgent ? basis?.urgentCountingText : basis?.countingText) ?? "",
            // A renewal runs at most the basis's ordinary maximum, urgent or not.
            "renewalMaximum": basis?.maximum.description ?? "—",
            "renewalWindow": basis?.renewalWindowText ?? "", "urgent": authorisation.urgent,
            "authority": authorisation.issuingAuthority, "applicant": authorisation.applicant, "approver": authorisation.approver,
            "subjects": authorisation.subjects.joined(separator: "; "),
            "facilities": (authorisation.facilities.isEmpty ? nil : authorisation.facilities.joined(separator: "; ")) as Any,
            "methods": authorisation.methods.map { ConsoleFormat.label($0.rawValue) }.joined(separator: ", "),
            "zone": authorisation.timeZone, "from": ConsoleFormat.time(authorisation.validFrom, in: zone),
            "to": ConsoleFormat.time(authorisation.validTo, in: zone),
            "originalTo": (authorisation.originalValidTo == authorisation.validTo
                ? nil : ConsoleFormat.time(authorisation.originalValidTo, in: zone)) as Any,
            "renewals": authorisation.renewals.map { renewal in
                [
                    "granted": ConsoleFormat.time(renewal.grantedAt, in: zone), "recorded": ConsoleFormat.time(renewal.renewedAt),
                    "by": renewal.renewedBy, "approver": renewal.approver, "late": renewal.recordedAfterExpiry,
                    "previous": ConsoleFormat.time(renewal.previousValidTo, in: zone),
                    "new": ConsoleFormat.time(renewal.newValidTo, in: zone), "note": renewal.note.isEmpty ? nil : renewal.note,
                ] as [String: Any?]
            },
            "cancelledBy": authorisation.cancelledBy as Any, "cancellationReason": authorisation.cancellationReason as Any,
        ]
    }

    /// Lines or semicolon-separated items of a text field, trimmed, empty ones dropped.
    static func items(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "\n" || $0 == ";" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func back(_ found: Case) -> String { "/console/cases/\(found.reference)#surveillance-authorisations" }

    /// The refusals a form shows to its user rather than as an error page.
    static let refusals: [DossierError.Code] = [.invalidInput, .wrongState, .roleNotAllowed, .hookRefused, .alreadyExists]

    /// Records the posted authorisation, then back to the case page with what was recorded
    /// or why nothing was.
    @Sendable func record(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "surveillance.record-authorisation", module: SurveillanceLogs.moduleID)
        let form = request.form
        do {
            let bases = try await store.legalBases()
            guard let basisID = form["legal_basis"], let basis = bases.first(where: { $0.id == basisID }) else {
                throw DossierError.invalidInput("choose the legal basis: \(bases.map(\.id).joined(separator: ", "))")
            }
            let zoneName = form["zone"] ?? basis.timeZone
            guard let zone = TimeZone(identifier: zoneName) else {
                throw DossierError.invalidInput("'\(zoneName)' is not an IANA time zone, e.g. Europe/London")
            }
            let methods = try form.all("method").map { text throws(DossierError) in try SurveillanceMethod.parse(text, field: "method") }
            guard !methods.isEmpty else { throw DossierError.invalidInput("tick at least one method the authorisation allows") }
            let new = NewAuthorisation(
                reference: form["reference"] ?? "", legalBasis: basis.id, issuingAuthority: form["issuing_authority"] ?? "",
                applicant: form["applicant"] ?? "", approver: form["approver"] ?? "", subjects: Self.items(form["subjects"]),
                facilities: Self.items(form["facilities"]), methods: methods, urgent: form["urgent"] == "1",
                timeZone: zoneName, validFrom: try LocalDateTime.instant(form["valid_from"], in: zone, field: "when it takes effect"),
                validTo: try LocalDateTime.instant(form["valid_to"], in: zone, field: "when it ends"))
            let recorded = try await store.createAuthorisation(caseID: found.id, new, by: try request.user.actor)
            return .redirect(Self.back(found), flash: "Authorisation \(recorded.reference) recorded, in force to \(ConsoleFormat.time(recorded.validTo, in: zone)).")
        } catch let error as DossierError where Self.refusals.contains(error.code) {
            return .refusal(Self.back(found), problem: "Not recorded: \(error.message)")
        }
    }

    /// The authorisation in the path, if it is one of the operation's.
    func authorisation(_ request: ConsoleRequest, of found: Case) async throws -> Authorisation {
        let text = try request.parameter("id")
        guard let id = UUID(uuidString: text), let authorisation = try? await store.authorisation(id: id),
              authorisation.caseID == found.id
        else { throw DossierError.notFound("authorisation \(text)") }
        return authorisation
    }

    /// Renews the authorisation to the posted end (read in its zone), then back to the case
    /// page with the new end or why it was refused.
    @Sendable func renew(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "surveillance.renew-authorisation", module: SurveillanceLogs.moduleID)
        let authorisation = try await authorisation(request, of: found)
        let zone = TimeZone(identifier: authorisation.timeZone) ?? .gmt
        do {
            let newEnd = try LocalDateTime.instant(request.form["valid_to"], in: zone, field: "the new end")
            let granted = try request.form["granted_at"].map { try LocalDateTime.instant($0, in: zone, field: "when it was granted") }
            let renewed = try await store.renewAuthorisation(
                authorisation.id, until: newEnd, grantedAt: granted, approver: request.form["approver"] ?? "",
                note: request.form["note"] ?? "", by: try request.user.actor)
            return .redirect(Self.back(found), flash: "Authorisation \(renewed.reference) renewed to \(ConsoleFormat.time(renewed.validTo, in: zone)).")
        } catch let error as DossierError where Self.refusals.contains(error.code) {
            return .refusal(Self.back(found), problem: "Not renewed: \(error.message)")
        }
    }

    /// Cancels the authorisation from now on, then back to the case page.
    @Sendable func cancel(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "surveillance.cancel-authorisation", module: SurveillanceLogs.moduleID)
        let authorisation = try await authorisation(request, of: found)
        do {
            let cancelled = try await store.cancelAuthorisation(
                authorisation.id, reason: request.form["reason"] ?? "", by: try request.user.actor)
            return .redirect(Self.back(found), flash: "Authorisation \(cancelled.reference) cancelled: no entry after now is accepted under it.")
        } catch let error as DossierError where Self.refusals.contains(error.code) {
            return .refusal(Self.back(found), problem: "Not cancelled: \(error.message)")
        }
    }
}
