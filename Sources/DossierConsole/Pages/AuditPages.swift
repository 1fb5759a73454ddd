import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes

/// Auditors' pages: who read or changed a case (the access log), the admin log, and
/// the re-walk of every hash chain against the newest signed checkpoint. Reading any of
/// them is itself logged.
struct AuditPages {
    static let roles: Set<Role> = [.auditor]

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let services = request.services
        let auditor = try request.user
        var data: [String: Any] = ["case": request.query("case") ?? "", "actor": request.query("actor") ?? ""]
        var caseID: UUID?
        if let named = request.query("case") {
            // Auditors read the access log of any case, as the API's audit routes allow.
            do {
                if let id = UUID(uuidString: named) {
                    caseID = try await services.store.getCase(id: id).id
                } else {
                    caseID = try await services.store.getCase(reference: named.uppercased()).id
                }
            } catch let error as DossierError where error.code == .notFound {
                data["error"] = "There is no case \(named); give its reference (EXT-2026-000004) or id."
            }
        }
        if data["error"] == nil {
            let entries = try await services.accessLog.entries(caseID: caseID, actor: request.query("actor"), limit: 200)
            data["entries"] = entries.map { entry in
                [
                    "at": ConsoleFormat.time(entry.at), "actor": entry.actor, "action": entry.action, "detail": entry.detail,
                    "case": entry.caseID?.uuidString.lowercased() ?? "—", "source": entry.source,
                ] as [String: Any]
            }
            data["hasEntries"] = !entries.isEmpty
        }
        let adminLog = try await AdminLog(client: services.client, logger: services.logger).entries(limit: 50)
        data["adminLog"] = adminLog.map { entry in
            [
                "sequence": entry.sequence, "at": ConsoleFormat.time(entry.at), "actor": entry.actor,
                "action": ConsoleFormat.label(entry.action.rawValue), "subject": entry.subject, "detail": ConsoleFormat.value(entry.detail),
            ] as [String: Any]
        }
        try await services.accessLog.record(
            actor: auditor.id, caseID: caseID, action: "read-access-log", detail: request.query("actor") ?? "", source: request.accessSource)
        try await services.accessLog.record(actor: auditor.id, caseID: nil, action: "read-admin-log", source: request.accessSource)
        return request.page("Audit", template: "audit", data, status: data["error"] == nil ? .ok : .unprocessableContent, section: "audit")
    }

    /// Re-walks every event chain, record chain and the admin log, comparing the heads
    /// with the newest signed checkpoint when the server keeps them. A form (POST), since
    /// it works both cores for minutes at scale; one run at a time across every server.
    @Sendable func verify(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let services = request.services
        let auditor = try request.user
        guard let report = try await services.verifyEveryChainOnce() else {
            return request.page(
                "Chain verification", template: "error",
                ["detail": "A verification of every chain is already running (started by someone on this or another server). It reads the whole database once; wait for it to end, then run yours."],
                status: .conflict, section: "audit")
        }
        try await services.accessLog.record(actor: auditor.id, caseID: nil, action: "audit-verify", source: request.accessSource)
        let summary = report.summary
        let data: [String: Any] = [
            "intact": summary.intact, "cases": summary.casesChecked, "events": summary.eventsChecked, "records": summary.recordsChecked,
            "adminLog": summary.adminLogEntriesChecked ?? 0,
            "checkpoint": summary.checkpointTakenAt.map(ConsoleFormat.time) as Any,
            "broken": summary.broken.map { ["chain": $0.chain, "reference": $0.reference, "sequence": $0.sequence, "problem": $0.problem] as [String: Any] },
        ]
        return request.page("Chain verification", template: "audit-verify", data, section: "audit")
    }
}
