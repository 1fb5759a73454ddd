import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes
import Logging

/// One action on several cases at once: add a member, add or remove a tag, or run a
/// transition that needs no input. Each case is checked and changed on its own (its visibility, its state, the
/// user's right to change it), and the page says for each what happened.
struct BulkActionPage {
    /// The most cases one bulk action takes.
    static let limit = 200

    @Sendable func run(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let references = Array(Set(request.form.all("case").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
        let back = "/console/cases" + (request.form.raw("filters").map(SavedViewPages.cleanFilters).map { $0.isEmpty ? "" : "?\($0)" } ?? "")
        guard !references.isEmpty else { return .refusal(back, problem: "Select the cases to act on first.") }
        guard references.count <= Self.limit else {
            return .refusal(back, problem: "Select at most \(Self.limit) cases at a time, not \(references.count).")
        }
        let action: Action
        switch request.form["action"] {
        case "member":
            guard let userID = request.form["member"], let role = request.form["member_role"].flatMap(CaseMember.Role.init(rawValue:)) else {
                return .refusal(back, problem: "Adding a member needs the user's id and a role (\(CaseMember.Role.allCases.map(\.rawValue).joined(separator: ", "))).")
            }
            action = .addMember(userID, role, reason: request.form["member_reason"] ?? "")
        case "add_tag", "remove_tag":
            guard let tag = request.form["bulk_tag"] else { return .refusal(back, problem: "Give the tag to add or remove.") }
            action = request.form["action"] == "add_tag" ? .addTag(tag) : .removeTag(tag)
        case "transition":
            guard let name = request.form["transition"] else { return .refusal(back, problem: "Choose the transition to run.") }
            action = .transition(name)
        default:
            return .refusal(back, problem: "Choose what to do: add a member, add or remove a tag, or run a transition.")
        }
        let actor = try request.user.actor
        var results: [[String: Any]] = []
        var acted = Set<UUID>()   // a case named twice (by id and reference, in any case) is changed once
        for reference in references {
            results.append(["reference": reference].merging(try await Self.apply(action, to: reference, by: actor, acted: &acted, request: request)) { $1 })
        }
        let done = results.filter { $0["done"] as? Bool == true }.count
        return request.page("Bulk action", template: "bulk-result", [
            "results": results, "summary": "\(done) of \(results.count) done", "action": action.description, "back": back,
        ], section: "cases")
    }

    enum Action: CustomStringConvertible {
        /// A user from another agency than the case's needs the reason, kept in the event.
        case addMember(String, CaseMember.Role, reason: String)
        case addTag(String)
        case removeTag(String)
        case transition(String)

        var description: String {
            switch self {
            case .addMember(let user, let role, _): "add \(user) as \(role.rawValue)"
            case .addTag(let tag): "add the tag \(tag)"
            case .removeTag(let tag): "remove the tag \(tag)"
            case .transition(let name): "run \(ConsoleFormat.label(name.replacingOccurrences(of: "_", with: " ")))"
            }
        }
    }

    /// One case's outcome: done, or refused and why (not found reads the same for a case
    /// that does not exist and one the user may not see).
    static func apply(
        _ action: Action, to reference: String, by actor: Actor, acted: inout Set<UUID>, request: ConsoleRequest
    ) async throws -> [String: Any] {
        let store = request.services.store
        do {
            let found = try await store.visibleCase(named: reference, to: actor)
            guard acted.insert(found.id).inserted else { return ["done": false, "outcome": "skipped: named twice"] }
            try await request.services.accessLog.record(actor: actor.id, caseID: found.id, action: "bulk", detail: action.description, source: request.accessSource)
            switch action {
            case .addMember(let user, let role, let reason):
                _ = try await request.services.users.user(id: user)
                _ = try await store.addMember(caseID: found.id, userID: user, role: role, reason: reason, by: actor)
                return ["done": true, "outcome": "done"]
            case .addTag(let tag):
                let changed = try await store.changeTags(caseID: found.id, adding: [tag], by: actor)
                return ["done": true, "outcome": changed.version == found.version ? "done: it had the tag already" : "done"]
            case .removeTag(let tag):
                let changed = try await store.changeTags(caseID: found.id, removing: [tag], by: actor)
                return ["done": true, "outcome": changed.version == found.version ? "done: it did not have the tag" : "done"]
            case .transition(let name):
                let result = try await store.runTransition(TransitionRequest(caseID: found.id, transition: name, actor: actor))
                return ["done": true, "outcome": "done: now \(ConsoleFormat.label(result.case.state))"]
            }
        } catch let error as DossierError where error.code == .notFound && error.message.hasPrefix("case ") {
            return ["done": false, "outcome": "refused: no case \(reference) that you may see"]
        } catch let error as DossierError {
            return ["done": false, "outcome": "refused: \(error.message)"]
        } catch {
            // One case's failure must not hide what was done to the others.
            request.services.logger.error(
                "bulk action failed on a case", metadata: ["case": .string(reference), "error": .string(String(reflecting: error))])
            return ["done": false, "outcome": "failed: nothing was changed on this case (request \(request.context.requestID))"]
        }
    }
}
