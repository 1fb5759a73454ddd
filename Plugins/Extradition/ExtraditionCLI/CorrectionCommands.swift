import Extradition
import ArgumentParser
import DossierCLI
import DossierCore
import Foundation

/// `dossier extradition correct CASE STEP --occurred-at TIME [--zone ZONE] --reason TEXT`.
struct CorrectStepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Correct when or where a step happened; the deadlines it started are recomputed.",
        discussion: """
            The correction is an event on the case's timeline with the old and new time and zone and your reason. \
            Every deadline the step started is recomputed from the corrected time (the one it replaces is kept, \
            superseded, with the reason, and its release task follows); deadlines it met are met at the corrected \
            time. The new time must fall between the steps recorded before and after it. Step ids are in \
            `dossier extradition steps CASE`.

            Example:
              dossier extradition correct EXT-2026-000001 \\
                  0193f0c2-7a1e-7c3d-9b2a-5d4e3f2a1b0c \\
                  --occurred-at 2026-03-08T10:00:00Z --zone Europe/Paris \\
                  --reason "arrest report gives 8 March, 11:00"
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The case reference or id.") var reference: String
    @Argument(help: "The step's id.") var step: String
    @Option(help: ArgumentHelp("When it really happened (ISO 8601).", valueName: "time")) var occurredAt: String
    @Option(help: ArgumentHelp("The IANA zone of the place (default: the step's).", valueName: "zone")) var zone: String?
    @Option(help: "Why, e.g. the document that shows the right time.") var reason: String

    func run() async throws {
        guard let stepID = UUID(uuidString: step) else {
            throw DossierError.invalidInput("step '\(step)' is not a step id (a UUID, from `dossier extradition steps`)")
        }
        let occurred = try Date(iso8601: occurredAt, field: "--occurred-at")
        try await options.withSession { session in
            let found = try await session.resolveExtradition(reference)
            let deadlines = try await session.extraditions.correctStep(
                caseID: found.id, step: stepID, occurredAt: occurred, zone: zone, reason: reason, by: session.actor)
            if session.output.json { return try session.output.printJSON(deadlines) }
            print("corrected step \(stepID.lowercased) of \(found.reference)")
            for deadline in deadlines where deadline.stepID == stepID && deadline.status != .superseded {
                print("  \(deadline.timer.rawValue): \(deadline.lastDay.map { "last day \($0) (\(deadline.timeZone)), " } ?? "")"
                    + "due \(deadline.dueAt.formatted(.iso8601)), \(deadline.status.rawValue)")
            }
        }
    }
}

/// `dossier extradition apply-rules CASE --reason TEXT`.
struct ApplyRulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply-rules",
        abstract: "Apply the instrument's current rules to a case's open deadlines, as a recorded decision.",
        discussion: """
            Editing an instrument changes no running deadline. A legal officer applies the edited rules to a named \
            case with this command: each open deadline whose rule changed is recomputed from the same event and \
            place, and the old one is kept, superseded, with your reason.

            Example:
              dossier extradition apply-rules EXT-2026-000001 \\
                  --reason "SI 2003/3334 amended: 65 days for this territory"
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The case reference or id.") var reference: String
    @Option(help: "Why the new rules apply to this case.") var reason: String

    func run() async throws {
        try await options.withSession { session in
            let found = try await session.resolveExtradition(reference)
            let deadlines = try await session.extraditions.applyInstrumentRules(
                caseID: found.id, reason: reason, by: session.actor)
            if session.output.json { return try session.output.printJSON(deadlines) }
            print("applied the current rules to \(found.reference): "
                + deadlines.filter(\.isOpen).map { "\($0.timer.rawValue) due \($0.dueAt.formatted(.iso8601))" }
                    .joined(separator: "; "))
        }
    }
}

/// `dossier extradition correct-instrument CASE INSTRUMENT --reason TEXT`.
struct CorrectInstrumentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct-instrument",
        abstract: "Correct the instrument a case proceeds under; its deadlines are recomputed.",
        discussion: """
            For a case opened under the wrong treaty or statute. The correction is an event on the case's timeline \
            with the old and new instrument and your reason. Each open deadline is recomputed by the new \
            instrument's rule from the same event and place, or ends where the new instrument has no such period; \
            periods only the new instrument has start from the steps already taken. Instruments: \
            `dossier extradition instruments`.

            Example:
              dossier extradition correct-instrument EXT-2026-000001 eu-eaw-2002 \\
                  --reason "a European arrest warrant, not an ECE request"
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The case reference or id.") var reference: String
    @Argument(help: "The instrument's id, e.g. eu-eaw-2002.") var instrument: String
    @Option(help: "Why.") var reason: String

    func run() async throws {
        try await options.withSession { session in
            let found = try await session.resolveExtradition(reference)
            let deadlines = try await session.extraditions.correctInstrument(
                caseID: found.id, to: instrument, reason: reason, by: session.actor)
            if session.output.json { return try session.output.printJSON(deadlines) }
            print("\(found.reference) now proceeds under \(instrument): "
                + deadlines.filter(\.isOpen).map { "\($0.timer.rawValue) due \($0.dueAt.formatted(.iso8601))" }
                    .joined(separator: "; "))
        }
    }
}
