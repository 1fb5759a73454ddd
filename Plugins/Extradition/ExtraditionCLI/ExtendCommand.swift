import Extradition
import ArgumentParser
import DossierCLI
import DossierCore
import Foundation

/// `dossier extradition extend CASE --timer T --reason TEXT [--granted-at TIME]`.
struct ExtendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend",
        abstract: "Record an extension of a running deadline that the case's instrument allows.",
        discussion: """
            The deadline is replaced by one counted from the same event and place for the period plus the \
            instrument's extension (EAW Art. 17(4): 30 more days for the decision; UK Part 1 s.6: 48 more hours), \
            recorded as an event on the case's timeline. Each deadline is extended at most once, and only while it \
            runs: give --granted-at when the extension was granted earlier than now.

            Timers: \(ExtraditionTimer.allowedValuesText).

            Example:
              dossier extradition extend EXT-2026-000001 --timer decision \\
                  --reason "Art. 17(4): issuing authority told, awaiting guarantees" \\
                  --granted-at 2026-03-10T09:00:00Z
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The case reference or id.") var reference: String
    @Option(help: ArgumentHelp("The deadline's timer.", valueName: "timer")) var timer: String
    @Option(help: "Why, as the decision granting it says.") var reason: String
    @Option(help: ArgumentHelp("When it was granted (ISO 8601; default: now).", valueName: "time")) var grantedAt: String?

    func run() async throws {
        let timer = try ExtraditionTimer.parse(timer, field: "--timer")
        let granted = try grantedAt.map { text throws(DossierError) in try Date(iso8601: text, field: "--granted-at") }
        try await options.withSession { session in
            let found = try await session.resolveExtradition(reference)
            let deadline = try await session.extraditions.extendDeadline(
                caseID: found.id, timer: timer, grantedAt: granted, reason: reason, by: session.actor)
            if session.output.json { return try session.output.printJSON(deadline) }
            let lastDay = deadline.lastDay.map { "last day \($0) (\(deadline.timeZone)), " } ?? ""
            print("extended the \(timer.rawValue) deadline of \(found.reference): \(lastDay)due \(deadline.dueAt.formatted(.iso8601))")
        }
    }
}
