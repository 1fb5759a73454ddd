import Extradition
import ArgumentParser

/// `dossier extradition ...`: the deadline board, instruments, documents and a case's
/// deadlines and steps.
struct ExtraditionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: Extradition.moduleID,
        abstract: "Track extraditions: the deadline board, legal instruments, documents, deadlines and steps.",
        discussion: """
            Each step (a workflow transition, run with `dossier case transition`) starts the deadlines its legal \
            instrument sets, counted in the local days of the place it happened (the step's `zone` input, or the \
            country's zone) and that country's holiday calendar. A deadline whose expiry means the person must be \
            released opens a release task when it runs out.

            Examples:
              dossier extradition board
              dossier extradition instruments
              dossier extradition documents add EXT-2026-000001 --kind arrest_warrant \\
                  --title "Warrant, District Court Lyon, 3 March 2026" --file warrant.pdf
              dossier case transition EXT-2026-000001 receive_request
              dossier extradition deadlines EXT-2026-000001
              dossier extradition extend EXT-2026-000001 --timer decision \\
                  --reason "Art. 17(4) extension granted"
            """,
        subcommands: [
            BoardCommand.self, InstrumentsCommand.self, DocumentsCommand.self, DeadlinesCommand.self, StepsCommand.self,
            ExtendCommand.self, CorrectStepCommand.self, CorrectInstrumentCommand.self, ApplyRulesCommand.self,
            FirstAppearanceCommand.self, LawfulDetentionCommand.self, CustodyCommand.self,
        ]
    )
}
