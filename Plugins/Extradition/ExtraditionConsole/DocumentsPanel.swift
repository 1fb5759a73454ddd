import DossierConsole
import DossierCore
import DossierPostgres
import DossierServer
import Extradition
import Foundation

/// On an extradition's case page: the documents the instrument asks for before each step,
/// each registered or still missing; the documents registered; and the form that registers
/// one with the SHA-256 of its file (the file stays in the document system).
struct DocumentsPanel {
    let store: ExtraditionStore

    /// Who may register a document (the store holds the same rule).
    static let keepers: Set<Role> = [.legal, .investigator, .supervisor]

    func panel(for found: Case, request: ConsoleRequest) async throws -> CasePanel {
        let attributes = try found.attributes.decode(as: ExtraditionAttributes.self)
        async let instrument = store.instrument(id: attributes.instrument)
        let documents = try await store.documents(caseID: found.id)
        let registered = Set(documents.map(\.kind))
        let workflow = try request.services.registry.caseType(module: found.module, type: found.type).workflow
        let labels = Dictionary(workflow.transitions.map { ($0.name, ConsoleFormat.label($0.label)) }) { first, _ in first }
        let requirements = try await instrument.documentRequirements
        let steps = requirements.map(\.transition).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let checklist = steps.map { step in
            let kinds = requirements.filter { $0.transition == step }.map(\.kind)
            let missing = kinds.filter { !registered.contains($0) }
            return [
                "step": labels[step] ?? ConsoleFormat.label(step), "complete": missing.isEmpty,
                "items": kinds.map { ["kind": ConsoleFormat.label($0.rawValue), "registered": registered.contains($0)] as [String: Any] },
                "missing": missing.map { ConsoleFormat.label($0.rawValue) }.joined(separator: ", "),
            ] as [String: Any]
        }
        let rows = documents.map { document in
            [
                "kind": ConsoleFormat.label(document.kind.rawValue), "title": document.title, "file": document.fileName,
                "language": document.language.isEmpty ? "—" : document.language,
                "received": document.receivedOn?.description ?? "—", "sha256": document.sha256,
                "registered": ConsoleFormat.time(document.registeredAt), "by": document.registeredBy,
            ]
        }
        let data: [String: Any] = [
            "reference": found.reference, "instrument": try await instrument.name, "checklist": checklist,
            "hasChecklist": !checklist.isEmpty, "documents": rows, "hasDocuments": !rows.isEmpty,
            "mayRegister": !(try request.user.roles).isDisjoint(with: Self.keepers),
            "kinds": DocumentKind.allCases.map { ["value": $0.rawValue, "label": ConsoleFormat.label($0.rawValue)] },
        ]
        return CasePanel(title: "Documents", html: request.render("extradition/documents-panel", data))
    }

    /// Registers the posted document, then back to the case page with what was registered
    /// or why nothing was.
    @Sendable func register(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "register-document", module: Extradition.moduleID)
        let back = "/console/cases/\(found.reference)#extradition-documents"
        do {
            let document = try await store.registerDocument(caseID: found.id, try Self.document(from: request.form), by: try request.user.actor)
            return .redirect(back, flash: "Registered: \(ConsoleFormat.label(document.kind.rawValue)), “\(document.title)”.")
        } catch let error as DossierError where [.invalidInput, .alreadyExists, .roleNotAllowed, .hookRefused].contains(error.code) {
            return .refusal(back, problem: "Not registered: \(error.message)")
        }
    }

    /// The posted document, each field checked with what it allows.
    static func document(from form: FormValues) throws -> NewExtraditionDocument {
        guard let kindText = form["kind"], let kind = DocumentKind(rawValue: kindText) else {
            throw DossierError.invalidInput("choose the kind of document: \(DocumentKind.allowedValuesText)")
        }
        guard let title = form["title"] else { throw DossierError.invalidInput("say what the document is (its title)") }
        guard let sha256 = form["sha256"] else {
            throw DossierError.invalidInput("give the SHA-256 of the file (choose the file, or paste the 64 hexadecimal digits)")
        }
        let receivedOn: CalendarDate? = try form["received_on"].map { text in
            do { return try CalendarDate(parsing: text) } catch {
                throw DossierError.invalidInput("received on '\(text)' is not a date (YYYY-MM-DD)")
            }
        }
        return NewExtraditionDocument(
            kind: kind, title: title, fileName: form["file_name"] ?? "", sha256: sha256,
            language: form["language"]?.lowercased() ?? "", receivedOn: receivedOn)
    }
}
