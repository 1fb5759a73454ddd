import SurveillanceLogs
import ArgumentParser
import DossierCLI
import DossierCore
import Foundation

/// `dossier surveillance authorise`.
struct AuthoriseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authorise",
        abstract: "Record a warrant or authorisation on an operation.",
        discussion: """
            Refused when it runs longer than its legal basis allows (US Title III: 30 days; UK IPA targeted \
            interception: 6 months beginning with the day of issue; UK RIPA directed surveillance: 3 months beginning \
            with the day it takes effect; urgent ones less, e.g. to the end of the fifth working day after issue under \
            the IPA), counted on the issuing authority's clock (--time-zone, default the basis's) and in the basis's \
            working days, or names a method the basis does not cover. Expiry warnings are set 7 days and 1 day before \
            its end.

            Example:
              dossier surveillance authorise SURV-2026-000001 --reference T3-26-118 \\
                  --basis us-title-iii \\
                  --authority "US District Court, S.D.N.Y." --applicant "SA M. Ortiz" \\
                  --approver "Hon. L. Park" \\
                  --subject "Carlos Vega" --facility "(212) 555-0147" \\
                  --method interception \\
                  --from 2026-11-02T00:00:00Z --to 2026-12-01T00:00:00Z
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The operation's reference or id.") var reference: String
    @Option(name: .customLong("reference"), help: "The issuing authority's reference.") var authorisationReference: String
    @Option(help: "The legal basis: us-title-iii, uk-ipa-targeted-interception or uk-ripa-directed.") var basis: String
    @Option(help: "Who issued it.") var authority: String
    @Option(help: "Who applied.") var applicant: String
    @Option(help: "Who approved it.") var approver: String
    @Option(help: "A subject it covers (repeatable).") var subject: [String]
    @Option(help: "A facility or place it covers (repeatable).") var facility: [String] = []
    @Option(help: "interception, location_tracking, visual or device (repeatable).") var method: [String]
    @Flag(help: "Granted under the urgency procedure.") var urgent = false
    @Option(help: ArgumentHelp("The issuing authority's IANA time zone (default: the legal basis's).", valueName: "zone"))
    var timeZone: String?
    @Option(help: "Valid from (ISO 8601).") var from: String
    @Option(help: "Valid until (ISO 8601).") var to: String

    func run() async throws {
        let new = NewAuthorisation(
            reference: authorisationReference, legalBasis: basis, issuingAuthority: authority, applicant: applicant,
            approver: approver, subjects: subject, facilities: facility, methods: try method.map(Parse.method), urgent: urgent,
            timeZone: timeZone, validFrom: try Parse.timestamp(from, option: "--from"), validTo: try Parse.timestamp(to, option: "--to"))
        try await options.withSession { session in
            let operation = try await session.resolveOperation(reference)
            let recorded = try await session.surveillance.createAuthorisation(caseID: operation.id, new, by: session.actor)
            if session.output.json { return try session.output.printJSON(recorded) }
            print("recorded authorisation \(recorded.reference) (\(recorded.id.lowercased)) on \(operation.reference), "
                + "valid \(recorded.validFrom.formatted(.iso8601)) to \(recorded.validTo.formatted(.iso8601))")
        }
    }
}

/// `dossier surveillance renew`.
struct RenewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Renew (extend) an authorisation before it expires.",
        discussion: """
            Each renewal is recorded with when it was granted, when and by whom it was entered, its approver and the \
            new end; it may not run longer than the legal basis allows from the current end, nor be granted before the \
            basis's renewal window (IPA s.33: the 30 days ending with the last day covered). A renewal granted in time \
            may be entered after the old end (give --granted-at); one granted after expiry or cancellation is refused.

            Example:
              dossier surveillance renew 0193a1b2-... --to 2026-12-31T00:00:00Z \\
                  --approver "Hon. L. Park" --granted-at 2026-11-28T16:00:00Z
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The authorisation's id.") var id: String
    @Option(help: "The new end (ISO 8601).") var to: String
    @Option(help: "Who approved the renewal.") var approver: String
    @Option(help: "A note, e.g. the results so far.") var note = ""
    @Option(help: ArgumentHelp("When it was granted (ISO 8601; default: now).", valueName: "time")) var grantedAt: String?

    func run() async throws {
        let id = try Parse.id(id, of: "an authorisation")
        let end = try Parse.timestamp(to, option: "--to")
        let granted = try grantedAt.map { try Parse.timestamp($0, option: "--granted-at") }
        try await options.withSession { session in
            let renewed = try await session.surveillance.renewAuthorisation(
                id, until: end, grantedAt: granted, approver: approver, note: note, by: session.actor)
            if session.output.json { return try session.output.printJSON(renewed) }
            print("renewed \(renewed.reference) until \(renewed.validTo.formatted(.iso8601)) (renewal \(renewed.renewals.count))")
        }
    }
}

/// `dossier surveillance cancel`.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel an authorisation from now on; later entries under it are refused.",
        discussion: """
            Example:
              dossier surveillance cancel 0193a1b2-... \\
                  --reason "objective achieved: subject arrested"
            """)
    @OptionGroup var options: DossierOptions
    @Argument(help: "The authorisation's id.") var id: String
    @Option(help: "Why it is cancelled.") var reason: String

    func run() async throws {
        let id = try Parse.id(id, of: "an authorisation")
        try await options.withSession { session in
            let cancelled = try await session.surveillance.cancelAuthorisation(id, reason: reason, by: session.actor)
            if session.output.json { return try session.output.printJSON(cancelled) }
            print("cancelled \(cancelled.reference) at \(cancelled.cancelledAt?.formatted(.iso8601) ?? "?")")
        }
    }
}
