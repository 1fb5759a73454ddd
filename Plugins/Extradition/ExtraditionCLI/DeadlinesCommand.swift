import Extradition
import ArgumentParser
import DossierCLI
import DossierCore
import Foundation
import DossierPostgres

/// `dossier extradition deadlines CASE`.
struct DeadlinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines",
        abstract: "An extradition's deadlines, with their rules and legal basis, and its release tasks.",
        discussion: """
            Open deadlines come first by due date, then those that ended (met, perhaps late; superseded by an \
            agreed date, a re-arrest, an appeal or an extension; postponed without a date; or closed with the \
            case). The last day is the local day of the place the period is counted in.

            Example:
              dossier extradition deadlines EXT-2026-000001
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The case reference or id.") var reference: String

    func run() async throws {
        try await options.withSession { session in
            try await session.fireDueTimers()
            let found = try await session.resolveExtradition(reference)
            let view = CaseDeadlinesView(
                reference: found.reference, state: found.state,
                deadlines: try await session.extraditions.deadlines(caseID: found.id),
                releaseTasks: try await session.extraditions.releaseTasks(caseID: found.id))
            if session.output.json { return try session.output.printJSON(view) }
            print("\(found.reference) (\(found.state.replacingOccurrences(of: "_", with: " ")))")
            guard !view.deadlines.isEmpty else { return print("no deadline has started") }
            let now = session.store.clock.now()
            session.output.printTable(
                ["TIMER", "STATUS", "DUE (UTC)", "LAST DAY (LOCAL)", "RULE", "EXPIRY", "STARTED BY", "LEGAL BASIS"],
                view.deadlines.map { deadline in
                    let status = if deadline.status == .running && deadline.dueAt <= now {
                        "overdue"
                    } else if let late = deadline.metLateByDays {
                        "met late by \(late) day\(late == 1 ? "" : "s")"
                    } else {
                        deadline.status.rawValue
                    }
                    return [
                        deadline.timer.rawValue, status, deadline.dueAt.formatted(.iso8601),
                        "\(deadline.lastDay?.description ?? "-") \(deadline.timeZone)",
                        "\(deadline.duration), \(deadline.counting.rawValue.replacingOccurrences(of: "_", with: " "))",
                        deadline.obligation.rawValue, deadline.startedBy, deadline.legalBasis,
                    ]
                })
            for task in view.releaseTasks {
                let state = task.resolution.map { "resolved (\($0.rawValue)) by \(task.resolvedBy ?? "?")" } ?? "OPEN"
                print("release task \(task.id.lowercased): \(state); \(task.legalBasis)")
            }
        }
    }
}

/// `dossier extradition steps CASE`.
struct StepsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steps",
        abstract: "An extradition's steps: when each happened, when and by whom it was recorded.",
        discussion: "Example:\n  dossier extradition steps EXT-2026-000001")
    @OptionGroup var options: DossierOptions
    @Argument(help: "The case reference or id.") var reference: String

    func run() async throws {
        try await options.withSession { session in
            let found = try await session.resolveExtradition(reference)
            let steps = try await session.extraditions.steps(caseID: found.id)
            if session.output.json { return try session.output.printJSON(steps) }
            guard !steps.isEmpty else { return print("\(found.reference) has no recorded step yet") }
            session.output.printTable(
                ["OCCURRED (LOCAL)", "STEP", "FROM", "TO", "RECORDED (UTC)", "BY", "ID", "NOTE"],
                steps.map {
                    let corrected = $0.corrections.last.map { " (corrected: \($0.reason))" } ?? ""
                    return [LocalTime.describe($0.occurredAt, in: $0.timeZone),
                            $0.transition, $0.fromState, $0.toState, $0.recordedAt.formatted(.iso8601), $0.actor,
                            $0.id.lowercased, $0.note + corrected]
                })
        }
    }
}
