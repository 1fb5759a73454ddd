import DossierCore
import DossierPostgres
import Foundation

/// Everything `dossier case show` prints about a case.
struct CaseView: Encodable {
    struct Party: Encodable {
        var personID: UUID
        var name: String
        var role: String
        var note: String
    }

    struct Timer: Encodable {
        var name: String
        var dueAt: Date
        var status: String
        var legalBasis: String
        var obligation: String
    }

    struct NextStep: Encodable {
        var transition: String
        var to: String
        var available: Bool
        var blockedBecause: String?
    }

    var `case`: Case
    var parties: [Party]
    var members: [CaseMember]
    var timers: [Timer]
    var transitions: [NextStep]

    static func load(_ value: Case, session: Session) async throws -> CaseView {
        var parties: [Party] = []
        for party in try await session.store.parties(caseID: value.id) {
            let person = try await session.store.getPerson(id: party.personID, visibleTo: .system)
            parties.append(Party(personID: party.personID, name: person.latinName, role: party.role.rawValue, note: party.note))
        }
        let timers = try await session.store.timers(caseID: value.id).map {
            Timer(name: $0.name, dueAt: $0.dueAt, status: $0.status.rawValue, legalBasis: $0.legalBasis, obligation: $0.obligation.rawValue)
        }
        let steps = try await session.store.availableTransitions(caseID: value.id, actor: session.actor).map {
            NextStep(transition: $0.transition.name, to: $0.transition.to, available: $0.blockedBy == nil, blockedBecause: $0.blockedBy?.message)
        }
        return CaseView(
            case: try await session.store.redactingHiddenCaseReferences(value, for: session.viewer), parties: parties, members: try await session.store.members(caseID: value.id), timers: timers,
            transitions: steps)
    }

    func print(to output: Output) {
        let value = `case`
        Swift.print("\(value.reference)  \(value.title)")
        var fields: [(String, String)] = [
            ("state", value.state + (value.closedAt.map { " (closed \($0.shortUTC))" } ?? "")),
            ("type", "\(value.module) / \(value.type)"),
            ("priority", value.priority.rawValue),
            ("classification", value.classification.rawValue),
            ("agency", "\(value.owningAgency), \(value.country)"),
            ("opened", value.openedAt.shortUTC),
            ("version", String(value.version)),
        ]
        if !value.tags.isEmpty { fields.append(("tags", value.tags.joined(separator: ", "))) }
        if !value.summary.isEmpty { fields.append(("summary", value.summary)) }
        for (key, attribute) in (value.attributes.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            fields.append((key, attribute.stringValue ?? attribute.canonicalString))
        }
        output.printFields(fields)
        if !parties.isEmpty {
            Swift.print("\nParties:")
            output.printTable(["ROLE", "NAME", "PERSON"], parties.map { [$0.role, $0.name, $0.personID.uuidString.lowercased()] })
        }
        Swift.print("\nMembers:")
        output.printTable(["USER", "ROLE"], members.map { [$0.userID, $0.role.rawValue] })
        if !timers.isEmpty {
            Swift.print("\nTimers:")
            output.printTable(
                ["NAME", "DUE", "STATUS", "MUST/MAY", "LEGAL BASIS"],
                timers.map { [$0.name, $0.dueAt.shortUTC, $0.status, $0.obligation, $0.legalBasis] })
        }
        Swift.print("\nNext steps:")
        if transitions.isEmpty { Swift.print("  none: \(value.state) is terminal") }
        for step in transitions {
            Swift.print("  \(step.available ? "✓" : "✗") \(step.transition) -> \(step.to)" + (step.blockedBecause.map { ": \($0)" } ?? ""))
        }
    }
}

extension TimelineEntry {
    /// One line about the event, for the table.
    static func summary(of event: CaseEvent) -> String {
        let payload = event.payload.objectValue ?? [:]
        switch event.kind {
        case .transition:
            return "\(payload["from"]?.stringValue ?? "?") -> \(payload["to"]?.stringValue ?? "?") (\(payload["transition"]?.stringValue ?? ""))"
        case .note: return payload["text"]?.stringValue ?? ""
        case .opened: return "\(payload["reference"]?.stringValue ?? "") in \(payload["state"]?.stringValue ?? "")"
        case .timerFired: return "\(payload["timer"]?.stringValue ?? "") (\(payload["legal_basis"]?.stringValue ?? ""))"
        case .partyAdded: return "\(payload["name"]?.stringValue ?? "") as \(payload["role"]?.stringValue ?? "")"
        case .memberAdded: return "\(payload["user"]?.stringValue ?? "") as \(payload["role"]?.stringValue ?? "")"
        default: return event.payload.canonicalString
        }
    }
}
