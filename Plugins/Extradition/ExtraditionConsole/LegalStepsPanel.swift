import DossierConsole
import DossierCore
import DossierPostgres
import DossierServer
import Extradition
import Foundation

/// On an extradition's case page: its deadlines (status, due where counted, time left,
/// legal basis, what they count from), its steps with their effective and recorded times
/// and corrections, open release tasks, and the form that corrects a step's time.
struct LegalStepsPanel {
    let store: ExtraditionStore

    /// Who may correct a step (the store holds the same rule).
    static let correctors: Set<Role> = [.legal, .supervisor]

    func panel(for found: Case, request: ConsoleRequest) async throws -> CasePanel {
        let now = store.cases.clock.now()
        async let deadlines = store.deadlines(caseID: found.id)
        async let tasks = store.releaseTasks(caseID: found.id)
        async let steps = store.steps(caseID: found.id)
        let attributes = try found.attributes.decode(as: ExtraditionAttributes.self)
        let workflow = try request.services.registry.caseType(module: found.module, type: found.type).workflow
        let labels = Dictionary(workflow.transitions.map { ($0.name, ConsoleFormat.label($0.label)) }) { first, _ in first }
        let openTasks = try await tasks.filter { $0.resolvedAt == nil }
        let stepRows = try await steps.map { step in
            let zone = TimeZone(identifier: step.timeZone) ?? .gmt
            return [
                "id": step.id.uuidString.lowercased(), "label": labels[step.transition] ?? ConsoleFormat.label(step.transition),
                "effective": ConsoleFormat.time(step.occurredAt, in: zone), "recorded": ConsoleFormat.time(step.recordedAt),
                "actor": step.actor, "note": step.note,
                "corrections": step.corrections.map { correction in
                    [
                        "correctedAt": ConsoleFormat.time(correction.correctedAt), "by": correction.correctedBy,
                        "old": ConsoleFormat.time(correction.oldOccurredAt, in: TimeZone(identifier: correction.oldTimeZone) ?? .gmt),
                        "new": ConsoleFormat.time(correction.newOccurredAt, in: TimeZone(identifier: correction.newTimeZone) ?? .gmt),
                        "reason": correction.reason,
                    ]
                },
            ] as [String: Any]
        }
        let deadlineRows = try await deadlines.map { deadline in
            let zone = TimeZone(identifier: deadline.timeZone) ?? .gmt
            return [
                "timer": ConsoleFormat.label(deadline.timer.rawValue), "status": ConsoleFormat.label(deadline.status.rawValue),
                "reason": (deadline.isOpen || deadline.reason.isEmpty ? nil : deadline.reason) as Any,
                "due": ConsoleFormat.time(deadline.dueAt, in: zone), "lastDay": deadline.lastDay?.description as Any,
                "left": deadline.isOpen ? ConsoleFormat.timeLeft(until: deadline.dueAt, now: now) : Self.ended(deadline),
                "overdue": deadline.isOpen && deadline.dueAt <= now, "must": deadline.obligation == .must,
                "legalBasis": deadline.legalBasis, "period": deadline.duration.description,
                "counting": ConsoleFormat.label(deadline.counting.rawValue).lowercased(),
                "runsFrom": ConsoleFormat.time(deadline.runsFrom, in: zone),
            ] as [String: Any]
        }
        let mayCorrect = !(try request.user.roles).isDisjoint(with: Self.correctors)
        let data: [String: Any] = [
            "reference": found.reference, "steps": stepRows, "hasSteps": !stepRows.isEmpty,
            "deadlines": deadlineRows, "hasDeadlines": !deadlineRows.isEmpty, "mayCorrect": mayCorrect,
            "zones": mayCorrect ? try await store.timeZones(of: attributes.requestedState) : [],
            "openTasks": openTasks.map { ["legalBasis": $0.legalBasis, "opened": ConsoleFormat.time($0.openedAt)] },
            "hasOpenTasks": !openTasks.isEmpty,
        ]
        return CasePanel(title: "Legal steps and deadlines", html: request.render("extradition/steps-panel", data))
    }

    /// `met 2026-03-02 09:00 UTC (2 days late)`, `superseded`.
    static func ended(_ deadline: LegalDeadline) -> String {
        guard let endedAt = deadline.endedAt else { return "—" }
        let late = deadline.metLateByDays.map { " (\($0) day\($0 == 1 ? "" : "s") late)" } ?? ""
        return "\(deadline.status.rawValue) \(ConsoleFormat.time(endedAt))\(late)"
    }

    /// Corrects the chosen step's time (read in the zone chosen, else the step's own), then
    /// back to the case page with what was recomputed, or with why nothing was.
    @Sendable func correct(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "correct-step", module: Extradition.moduleID)
        let back = "/console/cases/\(found.reference)#extradition-steps"
        do {
            let (step, occurredAt, zone, reason) = try await Self.correction(from: request.form, found: found, store: store)
            let recomputed = try await store.correctStep(
                caseID: found.id, step: step, occurredAt: occurredAt, zone: zone, reason: reason, by: try request.user.actor)
            return .redirect(back, flash: "Step corrected: \(recomputed.count) deadline\(recomputed.count == 1 ? "" : "s") counted again from \(ConsoleFormat.time(occurredAt)).")
        } catch let error as DossierError where [.invalidInput, .notFound, .roleNotAllowed, .hookRefused].contains(error.code) {
            return .refusal(back, problem: "Not corrected: \(error.message)")
        }
    }

    /// The posted correction, each field checked with what it allows.
    static func correction(
        from form: FormValues, found: Case, store: ExtraditionStore
    ) async throws -> (UUID, Date, String?, String) {
        guard let stepText = form["step"], let step = UUID(uuidString: stepText) else {
            throw DossierError.invalidInput("choose the step to correct")
        }
        guard let reason = form["reason"] else { throw DossierError.invalidInput("say why the step is corrected") }
        let zoneName = form["zone"]
        if let zoneName, TimeZone(identifier: zoneName) == nil {
            throw DossierError.invalidInput("'\(zoneName)' is not an IANA time zone, e.g. Europe/Paris")
        }
        guard let text = form["occurred_at"] else { throw DossierError.invalidInput("give when the step happened") }
        let steps = try await store.steps(caseID: found.id)
        guard let recorded = steps.first(where: { $0.id == step }) else {
            throw DossierError.invalidInput("that step is not a step of \(found.reference)")
        }
        let zone = TimeZone(identifier: zoneName ?? recorded.timeZone) ?? .gmt
        let occurredAt = try LocalDateTime.instant(text, in: zone, field: "when the step happened")
        return (step, occurredAt, zoneName, reason)
    }
}
