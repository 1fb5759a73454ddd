import SurveillanceLogs
import ArgumentParser
import DossierCLI
import DossierCore
import DossierPostgres
import Foundation

/// `dossier surveillance ...`: authorisations, the append-only log, disclosure export and
/// its verification.
struct SurveillanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: SurveillanceLogs.moduleID,
        abstract: "Record authorised surveillance in a tamper-evident log, export it for disclosure, verify exports.",
        discussion: """
            An operation is a case of type surveillance-operation. Each log entry is checked, when written, to fall \
            inside a valid authorisation that covers its subject and method; entries are never edited (a correction \
            is a new entry) and each operation's entries are hash-chained.

            Examples:
              dossier surveillance authorise SURV-2026-000001 --reference "TI-2026-0412" \\
                  --basis uk-ipa-targeted-interception \\
                  --authority "Secretary of State; Judicial Commissioner" \\
                  --applicant "DI R. Shah" --approver "Sir J. Fulford" \\
                  --subject "Daniel Pryce" --facility "+44 7700 900123" \\
                  --method interception \\
                  --from 2026-11-01T00:00:00Z --to 2027-04-30T00:00:00Z
              dossier surveillance log SURV-2026-000001 --authorisation 0193... \\
                  --at 2026-11-03T09:12:00Z \\
                  --subject "Daniel Pryce" --method interception --location "LI room 2" \\
                  --text "Call to unknown male ..."
              dossier surveillance export SURV-2026-000001 --output ./disclosure
              dossier surveillance verify ./disclosure/SURV-2026-000001.jsonl
            """,
        subcommands: [
            AuthoriseCommand.self, RenewCommand.self, CancelCommand.self, LogCommand.self, CorrectCommand.self,
            EntriesCommand.self, ExportCommand.self, VerifyCommand.self,
        ]
    )
}

extension Session {
    /// The module's store on this session's database.
    var surveillance: SurveillanceStore { SurveillanceStore(cases: store, logger: logger) }

    /// The operation named by a reference or an id; refuses a case of another module.
    func resolveOperation(_ reference: String) async throws -> Case {
        let found = try await resolveCase(reference)
        try SurveillanceStore.requireOperation(found)
        return found
    }
}

/// Command-line parsing of the module's values.
enum Parse {
    static func timestamp(_ text: String, option: String) throws(DossierError) -> Date {
        try Date(iso8601: text, field: option)
    }

    static func id(_ text: String, of what: String) throws(DossierError) -> UUID {
        guard let id = UUID(uuidString: text) else { throw .invalidInput("'\(text)' is not \(what) id (a UUID)") }
        return id
    }

    static func method(_ text: String) throws(DossierError) -> SurveillanceMethod {
        try SurveillanceMethod.parse(text, field: "--method")
    }
}
