import ArgumentParser
import DossierCore
import DossierPostgres
import Foundation

/// `dossier case ...`: open, inspect and move cases.
struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Open, list, show and work cases.",
        discussion: """
            A case is named by its reference (COLD-2026-000001) or its id.

            Examples:
              dossier case open --module cold-cases --type cold-case \\
                  --title "Murder of J. Doe" --agency MET --country GB
              dossier case list --state cold --limit 20
              dossier case show COLD-2026-000001
              dossier case transition COLD-2026-000002 close_administratively \\
                  --input reason="duplicate file"
              dossier case note COLD-2026-000001 "Exhibit 12 located in store B"
            """,
        subcommands: [
            Open.self, Show.self, List.self, Transition.self, Note.self, Tag.self, Timeline.self, PartyCommand.self,
            MemberCommand.self, Link.self,
        ]
    )

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a case in its workflow's initial state; you become its lead.",
            discussion: """
                Examples:
                  dossier case open --module cold-cases --type cold-case \\
                      --title "Murder of J. Doe" \\
                      --agency MET --country GB \\
                      --attributes '{"offence_category": "homicide"}'
                """)
        @OptionGroup var options: DossierOptions
        @Option(help: "The module that owns the case type (see `dossier workflow list`).") var module: String
        @Option(help: "The case type.") var type: String
        @Option(help: "A short title (1 to 500 characters).") var title: String
        @Option(help: "A longer summary.") var summary = ""
        @Option(help: "low, normal, high or critical.") var priority: Priority = .normal
        @Option(help: "official, restricted, confidential or secret.") var classification: Classification = .official
        @Option(help: "The owning agency.") var agency: String
        @Option(help: "ISO 3166-1 alpha-2 country code, e.g. JM.") var country: String
        @Option(help: ArgumentHelp("The case type's attributes as a JSON object.", valueName: "json")) var attributes = "{}"
        @Option(help: "A tag (repeatable).") var tag: [String] = []
        @Option(help: "Makes a retried command open the case only once.") var idempotencyKey: String?

        func run() async throws {
            guard let data = attributes.data(using: .utf8), let parsed = try? JSONDecoder().decode(JSONValue.self, from: data),
                parsed.objectValue != nil
            else { throw DossierError.invalidInput("--attributes must be a JSON object, e.g. '{\"offence_category\": \"homicide\"}'") }
            try await options.withSession { session in
                let opened = try await session.store.openCase(
                    NewCase(
                        module: module, type: type, title: title, summary: summary, priority: priority,
                        classification: classification, owningAgency: agency, country: country, attributes: parsed, tags: tag),
                    by: session.actor, idempotencyKey: idempotencyKey)
                if session.output.json { try session.output.printJSON(opened) } else {
                    print("opened \(opened.reference) (\(opened.state)) id \(opened.id.uuidString.lowercased())")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a case: its fields, parties, timers with due dates, and what you can do next.",
            discussion: """
            Examples:
              dossier case show COLD-2026-000001
              dossier case show EXT-2026-000004 --as l.chen --json
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String

        func run() async throws {
            try await options.withSession { session in
                let found = try await session.resolveCase(reference)
                let view = try await CaseView.load(found, session: session)
                if session.output.json { try session.output.printJSON(view) } else { view.print(to: session.output) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List cases, newest first, a page at a time.",
            discussion: """
                Filters combine. The last line gives the --cursor of the next page.

                Examples:
                  dossier case list --module cold-cases --state under_review
                  dossier case list --text harbour --json
                  dossier case list --sort deadline --agency MET
                """)
        @OptionGroup var options: DossierOptions
        @Option(help: "Only this module's cases.") var module: String?
        @Option(help: "Only this case type.") var type: String?
        @Option(help: "Only cases in this state.") var state: String?
        @Option(help: "Only this priority.") var priority: Priority?
        @Option(help: "Only cases this user works on.") var member: String?
        @Option(help: "Only this country (ISO 3166-1 alpha-2).") var country: String?
        @Option(help: "Only cases with this tag.") var tag: String?
        @Option(help: "Words in the reference, title or summary.") var text: String?
        @Option(help: "Only cases of this classification.") var classification: Classification?
        @Option(help: "Only cases this agency owns.") var agency: String?
        @Option(help: "opened (newest first), updated (last changed first) or deadline (soonest first).") var sort: CaseSort = .opened
        @Option(help: "Where the previous page ended.") var cursor: String?
        @Option(help: "Cases per page (1 to 500).") var limit = 50

        func run() async throws {
            try await options.withSession { session in
                let page = try await session.store.listCases(CaseQuery(
                    module: module, type: type, state: state, priority: priority, member: member, country: country, tag: tag,
                    text: text, classification: classification, agency: agency, sort: sort,
                    cursor: try cursor.map { text throws(DossierError) in try CaseCursor(parsing: text) }, limit: limit))
                if session.output.json {
                    try session.output.printJSON(page)
                    return
                }
                // The column the list is sorted by is the one shown beside the state.
                let (heading, column): (String, (Case) -> String) = switch sort {
                case .opened: ("OPENED", { $0.openedAt.shortUTC })
                case .updated: ("UPDATED", { page.activity[$0.id]?.updatedAt.shortUTC ?? "" })
                case .deadline: ("NEXT DEADLINE", { page.activity[$0.id]?.nextDeadlineAt?.shortUTC ?? "none" })
                }
                session.output.printTable(
                    ["REFERENCE", "STATE", "PRIORITY", "COUNTRY", heading, "TITLE"],
                    page.cases.map { [$0.reference, $0.state, $0.priority.rawValue, $0.country, column($0), $0.title] })
                if let next = page.nextCursor { print("more: --cursor \(next)") }
            }
        }
    }

    struct Transition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a case along its workflow.",
            discussion: """
                `dossier case show` lists the transitions you may run and why others are blocked.

                Examples:
                  dossier case transition COLD-2026-000002 close_administratively \\
                      --input reason="duplicate file"
                  dossier case transition EXT-2026-000006 record_consent \\
                      --input occurred_at=2026-11-30T10:00:00+01:00 \\
                      --expect-version 7
                """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String
        @Argument(help: "The transition's name.") var transition: String
        @Option(name: .customLong("input"), help: ArgumentHelp("A transition input (repeatable).", valueName: "key=value"))
        var inputs: [String] = []
        @Option(help: "Refuse unless the case is still at this version.") var expectVersion: Int64?
        @Option(help: "Makes a retried command run the transition only once.") var idempotencyKey: String?

        func run() async throws {
            try await options.withSession { session in
                let found = try await session.resolveCase(reference)
                let result = try await session.store.runTransition(TransitionRequest(
                    caseID: found.id, transition: transition, inputs: try session.parseInputs(inputs, transition: transition, of: found),
                    actor: session.actor, expectedVersion: expectVersion, idempotencyKey: idempotencyKey))
                if session.output.json { try session.output.printJSON(result) } else {
                    print("\(result.case.reference): \(found.state) -> \(result.case.state) (version \(result.case.version))")
                }
            }
        }
    }

    struct Note: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a note to a case's timeline.",
            discussion: """
            Example:
              dossier case note COLD-2026-000001 "Exhibit 12 located in store B"
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String
        @Argument(help: "The note.") var text: String

        func run() async throws {
            try await options.withSession { session in
                let found = try await session.resolveCase(reference)
                let event = try await session.store.addNote(caseID: found.id, text: text, by: session.actor)
                if session.output.json { try session.output.printJSON(event) } else {
                    print("noted on \(found.reference) (event \(event.sequence))")
                }
            }
        }
    }

    struct Tag: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or remove a case's tags.",
            discussion: """
            The change is one event on the case's timeline; a tag already there is left alone.

            Example:
              dossier case tag COLD-2026-000001 --add dna-retest --remove archived
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String
        @Option(help: "A tag to add (1 to 64 characters); repeat for more.") var add: [String] = []
        @Option(help: "A tag to remove; repeat for more.") var remove: [String] = []

        func run() async throws {
            try await options.withSession { session in
                let found = try await session.resolveCase(reference)
                let changed = try await session.store.changeTags(caseID: found.id, adding: add, removing: remove, by: session.actor)
                if session.output.json { try session.output.printJSON(changed) } else {
                    print("\(changed.reference) tags: \(changed.tags.isEmpty ? "none" : changed.tags.joined(separator: ", "))")
                }
            }
        }
    }

    struct Timeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a case's hash-chained timeline, oldest first.",
            discussion: """
            Examples:
              dossier case timeline EXT-2026-000004
              dossier case timeline EXT-2026-000004 --json
            """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String
        @Option(help: "Only events after this sequence number.") var after: Int64 = 0
        @Option(help: "At most this many events (1 to 5000).") var limit = 500

        func run() async throws {
            try await options.withSession { session in
                let found = try await session.resolveCase(reference)
                let events = try await session.store.timeline(caseID: found.id, afterSequence: after, limit: limit)
                if session.output.json {
                    try session.output.printJSON(events.map(TimelineEntry.init))
                    return
                }
                session.output.printTable(
                    ["#", "AT", "ACTOR", "KIND", "DETAIL"],
                    events.map { [String($0.sequence), $0.occurredAt.shortUTC, $0.actor, $0.kind.rawValue, TimelineEntry.summary(of: $0)] })
            }
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link a case to another case, a person, or a module's entry.",
            discussion: """
                Examples:
                  dossier case link EXT-2026-000001 --kind originating-case \\
                      --case COLD-2026-000003
                  dossier case link EXT-2026-000001 --kind external-contact \\
                      --entry network:8f14e45f
                """)
        @OptionGroup var options: DossierOptions
        @Argument(help: "The case reference or id.") var reference: String
        @Option(help: "What the link means, e.g. related, originating-case.") var kind: String
        @Option(name: .customLong("case"), help: "The other case.") var otherCase: String?
        @Option(help: "A person's id.") var person: String?
        @Option(help: ArgumentHelp("A module's entry.", valueName: "module:id")) var entry: String?

        func run() async throws {
            guard [otherCase, person, entry].compactMap({ $0 }).count == 1 else {
                throw ValidationError("give exactly one of --case, --person or --entry")
            }
            try await options.withSession { session in
                let found = try await session.resolveCase(reference)
                let target: CaseLink.Target
                if let otherCase {
                    target = .case(try await session.resolveCase(otherCase).id)
                } else if let person {
                    guard let id = UUID(uuidString: person) else { throw DossierError.invalidInput("--person must be a person's id") }
                    target = .person(id)
                } else {
                    let parts = entry!.split(separator: ":", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { throw DossierError.invalidInput("--entry must be module:id, e.g. network:42") }
                    target = .entry(module: parts[0], id: parts[1])
                }
                let link = try await session.store.addLink(caseID: found.id, kind: kind, to: target, by: session.actor)
                if session.output.json { try session.output.printJSON(link) } else { print("linked \(found.reference) (\(kind))") }
            }
        }
    }
}
