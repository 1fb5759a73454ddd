import DossierConsole
import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes
import SurveillanceLogs

/// An operation's log: its entries in sequence, each correction beside what it corrects,
/// the chain's status recomputed from the stored entries, the entry form (refused, with
/// the reason and the form kept, outside an authorisation's scope or period) and the
/// disclosure export.
struct OperationLogPage {
    let store: SurveillanceStore
    let module: SurveillanceLogs

    /// Who may write the log (the store holds the same rule).
    static let loggers: Set<Role> = [.investigator, .supervisor]
    /// Entries on one page.
    static let pageSize = 100

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "surveillance.read-entries", module: SurveillanceLogs.moduleID)
        var values: [String: String] = [:]
        if let text = request.query("correct"), let id = UUID(uuidString: text), let original = try? await store.entry(id: id),
           original.caseID == found.id
        {
            values = Self.values(of: original)
        }
        return try await page(for: found, request: request, values: values, refusal: nil)
    }

    /// Appends the posted entry (a correction when the form names the entry it corrects),
    /// then back to the log; a refusal draws the log again with the form as it was posted.
    @Sendable func append(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "surveillance.append-entry", module: SurveillanceLogs.moduleID)
        let form = request.form
        do {
            let authorisations = try await store.authorisations(caseID: found.id)
            let new = try Self.entry(from: form, authorisations: authorisations)
            let actor = try request.user.actor
            let back = "/console/surveillance/cases/\(found.reference)/log"
            if let correctsText = form["corrects"] {
                guard let corrects = UUID(uuidString: correctsText), let original = try? await store.entry(id: corrects),
                      original.caseID == found.id
                else { throw DossierError.invalidInput("the entry to correct is not an entry of \(found.reference)") }
                let correction = try await store.correctEntry(corrects, with: new, reason: form["reason"] ?? "", by: actor)
                return .redirect(back + "#entry-\(correction.sequence)", flash: "Entry \(correction.sequence) recorded, correcting entry \(original.sequence).")
            }
            let entry = try await store.appendEntry(caseID: found.id, new, by: actor)
            return .redirect(back + "#entry-\(entry.sequence)", flash: "Entry \(entry.sequence) recorded.")
        } catch let error as DossierError where AuthorisationsPanel.refusals.contains(error.code) {
            var values = Dictionary(form.names.map { ($0, form.raw($0) ?? "") }) { first, _ in first }
            values["method"] = form["method"]
            if let corrects = form["corrects"].flatMap(UUID.init(uuidString:)), let original = try? await store.entry(id: corrects),
               original.caseID == found.id
            {
                values["correctsSequence"] = String(original.sequence)
            } else {
                values["corrects"] = nil
            }
            return try await page(for: found, request: request, values: values, refusal: error.message)
        }
    }

    /// The posted entry, each field checked with what it allows; local times are read in
    /// the zone the form names, else the authorisation's.
    static func entry(from form: FormValues, authorisations: [Authorisation]) throws -> NewLogEntry {
        guard let idText = form["authorisation"], let id = UUID(uuidString: idText),
              let authorisation = authorisations.first(where: { $0.id == id })
        else { throw DossierError.invalidInput("choose the authorisation the entry falls under") }
        let zoneName = form["zone"] ?? authorisation.timeZone
        guard let zone = TimeZone(identifier: zoneName) else {
            throw DossierError.invalidInput("'\(zoneName)' is not an IANA time zone, e.g. Europe/London")
        }
        guard let methodText = form["method"] else {
            throw DossierError.invalidInput("choose the method: \(SurveillanceMethod.allowedValuesText)")
        }
        let startedAt = try LocalDateTime.instant(form["started_at"], in: zone, field: "when it started")
        let endedAt = try form["ended_at"].map { try LocalDateTime.instant($0, in: zone, field: "when it ended") }
        return NewLogEntry(
            authorisationID: id, startedAt: startedAt, endedAt: endedAt, timeZone: zoneName, location: form["location"] ?? "",
            subject: form["subject"] ?? "", method: try SurveillanceMethod.parse(methodText, field: "method"),
            device: form["device"] ?? "", observers: AuthorisationsPanel.items(form["observers"]), text: form["text"] ?? "",
            exhibits: AuthorisationsPanel.items(form["exhibits"]), collateralIntrusion: form["collateral_intrusion"] == "1",
            privilegedMaterial: form["privileged_material"] == "1", minimisation: form["minimisation"] ?? "")
    }

    /// The form's fields filled from `entry`, for its correction.
    static func values(of entry: LogEntry) -> [String: String] {
        let zone = TimeZone(identifier: entry.timeZone) ?? .gmt
        return [
            "corrects": entry.id.lowercased, "correctsSequence": String(entry.sequence),
            "authorisation": entry.authorisationID.lowercased, "zone": entry.timeZone,
            "started_at": LocalDateTime.text(entry.startedAt, in: zone),
            "ended_at": LocalDateTime.text(entry.endedAt, in: zone), "location": entry.location,
            "subject": entry.subject, "method": entry.method.rawValue, "device": entry.device,
            "observers": entry.observers.joined(separator: "\n"), "text": entry.text,
            "exhibits": entry.exhibits.joined(separator: "\n"), "minimisation": entry.minimisation,
            "collateral_intrusion": entry.collateralIntrusion ? "1" : "", "privileged_material": entry.privilegedMaterial ? "1" : "",
        ]
    }

    /// The log page: `values` fill the entry form (a correction's original, or a refused
    /// post), `refusal` says why the last post was refused.
    func page(for found: Case, request: ConsoleRequest, values: [String: String], refusal: String?) async throws -> ConsoleResponse {
        let now = store.cases.clock.now()
        var filter = EntryFilter(subject: request.query("subject"), limit: Self.pageSize)
        var problems: [String] = []
        if let text = request.query("method") {
            if let method = SurveillanceMethod(rawValue: text) { filter.method = method } else {
                problems.append("method '\(text)' is not one of \(SurveillanceMethod.allowedValuesText)")
            }
        }
        if let text = request.query("after") {
            if let after = Int64(text), after >= 0 { filter.afterSequence = after } else {
                problems.append("after '\(text)' is not an entry number")
            }
        }
        async let authorisationsLoad = store.authorisations(caseID: found.id)
        async let correctionsLoad = store.corrections(caseID: found.id)
        async let chainLoad = module.verifyRecordChains(caseID: found.id, client: store.cases.client, logger: request.services.logger)
        let entries = problems.isEmpty ? try await store.entries(caseID: found.id, filter) : []
        let authorisations = try await authorisationsLoad
        let corrections = try await correctionsLoad
        let chain = try await chainLoad
        let references = Dictionary(authorisations.map { ($0.id, $0.reference) }) { first, _ in first }
        let roles = try request.user.roles
        // A closed operation's log is sealed: the store refuses entries, so no form offers one.
        let sealed = found.state == OperationWorkflow.State.closed
        let mayLog = !sealed && !roles.isDisjoint(with: Self.loggers)
        let rows = entries.map { entry in
            Self.row(entry, authorisation: references[entry.authorisationID] ?? "—", correctedBy: corrections.correctedBy[entry.id] ?? [],
                     correctedSequence: entry.correctsEntryID.flatMap { corrections.sequenceOf[$0] }, mayLog: mayLog,
                     reference: found.reference)
        }
        let broken = chain.broken.first
        let inForce = authorisations.filter { $0.isInForce(at: now) }
        var data: [String: Any] = [
            "reference": found.reference, "title": found.title, "entries": rows, "hasEntries": !rows.isEmpty,
            "filtered": filter.subject != nil || filter.method != nil || filter.afterSequence != nil,
            "subject": filter.subject ?? "", "chainIntact": broken == nil, "checked": "\(ConsoleFormat.number(chain.recordsChecked)) entr\(chain.recordsChecked == 1 ? "y" : "ies")",
            "brokenAt": broken.map { "entry \($0.sequence): \($0.problem)" } as Any,
            "next": (entries.count == Self.pageSize ? entries.last.map { Self.nextPage(after: $0.sequence, filter) } : nil) as Any,
            "nextAfter": entries.last.map { String($0.sequence) } ?? "",
            "methodsFilter": SurveillanceMethod.allCases.map {
                ["value": $0.rawValue, "label": ConsoleFormat.label($0.rawValue), "selected": $0 == filter.method] as [String: Any]
            },
            "mayLog": mayLog, "refusal": refusal as Any, "sealed": sealed,
        ]
        if !problems.isEmpty { data["problem"] = problems.joined(separator: "; ") }
        if mayLog {
            let chosen = values["authorisation"] ?? inForce.first?.id.lowercased ?? ""
            data["form"] = Self.form(values: values, authorisations: authorisations, chosen: chosen, now: now)
        }
        let exporters = DisclosureDownload.exporters
        if !roles.isDisjoint(with: exporters) {
            if let key = request.services.checkpoints?.key {
                data["export"] = [
                    "file": DisclosureDownload.archiveName(found.reference), "jsonl": "\(found.reference).jsonl", "key": key.publicKeyHex,
                ]
            } else {
                data["exportUnavailable"] = true
            }
        }
        let status: HTTPResponse.Status = refusal != nil ? .unprocessableContent : problems.isEmpty ? .ok : .badRequest
        return request.page("Log of \(found.reference)", template: "surveillance/log", data, status: status)
    }

    /// The query of the page after entry `sequence`, keeping the filters.
    static func nextPage(after sequence: Int64, _ filter: EntryFilter) -> String {
        var items = [URLQueryItem(name: "after", value: String(sequence))]
        if let subject = filter.subject { items.append(URLQueryItem(name: "subject", value: subject)) }
        if let method = filter.method { items.append(URLQueryItem(name: "method", value: method.rawValue)) }
        var components = URLComponents()
        components.queryItems = items
        return components.percentEncodedQuery ?? "after=\(sequence)"
    }

    static func row(
        _ entry: LogEntry, authorisation: String, correctedBy: [Int64], correctedSequence: Int64?, mayLog: Bool, reference: String
    ) -> [String: Any] {
        let zone = TimeZone(identifier: entry.timeZone) ?? .gmt
        let ended = entry.endedAt == entry.startedAt ? nil : ConsoleFormat.time(entry.endedAt, in: zone)
        return [
            "sequence": entry.sequence, "id": entry.id.lowercased, "started": ConsoleFormat.time(entry.startedAt, in: zone),
            "ended": ended as Any, "authorisation": authorisation, "subject": entry.subject,
            "method": ConsoleFormat.label(entry.method.rawValue), "location": entry.location, "text": entry.text,
            "device": (entry.device.isEmpty ? nil : entry.device) as Any,
            "observers": (entry.observers.isEmpty ? nil : entry.observers.joined(separator: ", ")) as Any,
            "exhibits": (entry.exhibits.isEmpty ? nil : entry.exhibits.joined(separator: ", ")) as Any,
            "minimisation": (entry.minimisation.isEmpty ? nil : entry.minimisation) as Any,
            "collateral": entry.collateralIntrusion, "privileged": entry.privilegedMaterial,
            "author": entry.author, "recorded": ConsoleFormat.time(entry.recordedAt),
            "corrects": entry.correctsEntryID.map { id in correctedSequence.map(String.init) ?? id.lowercased } as Any,
            "correctionReason": entry.correctionReason as Any,
            "correctedBy": (correctedBy.isEmpty ? nil : correctedBy.map(String.init).joined(separator: ", ")) as Any,
            "mayCorrect": mayLog, "hash": String(entry.hash.prefix(16)),
        ]
    }

    /// What the entry form draws: its values, the authorisations to choose from (those in
    /// force first), the methods and the zones they are read in.
    static func form(values: [String: String], authorisations: [Authorisation], chosen: String, now: Date) -> [String: Any] {
        let ordered = authorisations.filter { $0.isInForce(at: now) } + authorisations.filter { !$0.isInForce(at: now) }
        let zone = ordered.first { $0.id.lowercased == chosen }?.timeZone ?? "UTC"
        return [
            "corrects": values["corrects"] as Any, "correctsSequence": values["correctsSequence"] as Any,
            "reason": values["reason"] ?? "",
            "authorisations": ordered.map { authorisation in
                [
                    "id": authorisation.id.lowercased, "reference": authorisation.reference,
                    "selected": authorisation.id.lowercased == chosen, "inForce": authorisation.isInForce(at: now),
                    "scope": authorisation.subjects.joined(separator: "; ") + " — "
                        + authorisation.methods.map { ConsoleFormat.label($0.rawValue).lowercased() }.joined(separator: ", "),
                ] as [String: Any]
            },
            "hasAuthorisations": !ordered.isEmpty,
            "methods": SurveillanceMethod.allCases.map {
                ["value": $0.rawValue, "label": ConsoleFormat.label($0.rawValue), "selected": $0.rawValue == values["method"]] as [String: Any]
            },
            "zones": Array(Set(authorisations.map(\.timeZone) + ["UTC"])).sorted(),
            "zone": values["zone"] ?? zone, "started_at": values["started_at"] ?? "", "ended_at": values["ended_at"] ?? "",
            "location": values["location"] ?? "", "subject": values["subject"] ?? "", "device": values["device"] ?? "",
            "observers": values["observers"] ?? "", "text": values["text"] ?? "", "exhibits": values["exhibits"] ?? "",
            "minimisation": values["minimisation"] ?? "", "collateral": values["collateral_intrusion"] == "1",
            "privileged": values["privileged_material"] == "1",
            "subjects": Array(Set(authorisations.flatMap(\.subjects))).sorted(),
        ]
    }
}
