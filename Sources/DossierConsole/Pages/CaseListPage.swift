import DossierCore
import DossierPostgres
import DossierServer
import Foundation
import HTTPTypes
import Hummingbird

/// The case list: filters and order kept in the URL (a view can be bookmarked and
/// shared), the number of cases that match, pages by cursor, and the same list as CSV.
struct CaseListPage {
    static let filterNames = ["module", "type", "state", "priority", "classification", "agency", "country", "member", "tag", "q", "sort"]
    static let pageSize = 50
    /// The list counts its matches up to this many, unless asked to count them all.
    static let countCap = 1_000
    /// The most rows one export writes.
    static let exportLimit = 10_000

    @Sendable func list(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let store = request.services.store
        let actor = try request.user.actor
        var data: [String: Any] = filterForm(request)
        do {
            var query = try Self.query(request)
            query.limit = Self.pageSize
            query.cursor = try request.query("after").map { text throws(DossierError) in try CaseCursor(parsing: text) }
            // Counted up to a cap unless asked: exact counts of large lists cost hundreds of ms.
            let exact = request.query("count") == "all"
            async let counted = store.countCases(query, visibleTo: actor, upTo: exact ? nil : Self.countCap + 1)
            var page = try await store.listCases(query, visibleTo: actor)
            page.cases = try await store.redactingHiddenCaseReferences(page.cases, for: actor)
            let count = try await counted
            data["cases"] = CaseRows.rows(page.cases, sortedBy: query.sort, activity: page.activity, now: store.clock.now())
            data["sortColumn"] = CaseRows.sortColumn(query.sort) as Any
            data["hasCases"] = !page.cases.isEmpty
            data["count"] = count
            if count > Self.countCap {
                data["countText"] = "More than \(ConsoleFormat.number(Self.countCap)) cases"
                data["countAllLink"] = "/console/cases" + Self.queryString(request, after: nil, extra: [("count", "all")])
            } else {
                data["countText"] = count == 1 ? "1 case" : "\(ConsoleFormat.number(count)) cases"
            }
            data["next"] = page.nextCursor.map { Self.link(request, after: $0.description) } as Any
            data["exportLink"] = "/console/export/cases.csv" + Self.queryString(request, after: nil)
            data["selectable"] = !actor.roles.isDisjoint(with: CasePage.writers) && !page.cases.isEmpty
            try await request.services.accessLog.record(
                actor: actor.id, caseID: nil, action: "list", detail: "\(page.cases.count) cases", source: request.accessSource)
        } catch let error as DossierError where error.code == .invalidInput {
            data["error"] = error.message
        }
        let views = try await SavedViewPages.store(request).views(of: actor.id)
        data["views"] = views.map { ["name": $0.name, "id": $0.id.uuidString.lowercased(), "link": "/console/cases" + ($0.filters.isEmpty ? "" : "?\($0.filters)")] as [String: Any] }
        data["hasViews"] = !views.isEmpty
        data["filters"] = String(Self.queryString(request, after: nil).dropFirst())
        let bulkTransitions = Self.transitionsWithoutInputs(request.services.registry, for: actor)
        data["bulkTransitions"] = bulkTransitions
        data["hasBulkTransitions"] = !bulkTransitions.isEmpty
        data["memberRoles"] = CaseMember.Role.allCases.map { ["name": $0.rawValue] as [String: Any] }
        return request.page("Cases", template: "cases", data, status: data["error"] == nil ? .ok : .unprocessableContent)
    }

    /// The transitions a bulk action can run for `actor`: those that ask for nothing and
    /// that one of the actor's roles may take, by name, once.
    static func transitionsWithoutInputs(_ registry: ModuleRegistry, for actor: Actor) -> [[String: Any]] {
        var seen = Set<String>()
        return registry.modules.flatMap(\.caseTypes).flatMap(\.workflow.transitions)
            .filter { !$0.inputs.contains(where: \.isRequired) && !$0.roles.isDisjoint(with: actor.roles) }
            .filter { seen.insert($0.name).inserted }
            .sorted { $0.name < $1.name }
            .map { ["name": $0.name, "label": ConsoleFormat.label($0.label)] as [String: Any] }
    }

    /// The filtered list as CSV, in the list's order, up to ``exportLimit`` rows. A cell a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is written with a
    /// leading `'`.
    @Sendable func export(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let store = request.services.store
        let actor = try request.user.actor
        var query = try Self.query(request)
        query.limit = CaseQuery.maximumLimit
        var lines = ["reference,title,module,type,state,priority,classification,owning_agency,country,opened_at,closed_at,updated_at,next_deadline_at"]
        var written = 0
        repeat {
            let page = try await store.listCases(query, visibleTo: actor)
            for found in try await store.redactingHiddenCaseReferences(page.cases, for: actor) where written < Self.exportLimit {
                lines.append([
                    found.reference, found.title, found.module, found.type, found.state, found.priority.rawValue,
                    found.classification.rawValue, found.owningAgency, found.country, found.openedAt.formatted(.iso8601),
                    found.closedAt?.formatted(.iso8601) ?? "", page.activity[found.id]?.updatedAt.formatted(.iso8601) ?? "",
                    page.activity[found.id]?.nextDeadlineAt?.formatted(.iso8601) ?? "",
                ].map(Self.csvCell).joined(separator: ","))
                written += 1
            }
            query.cursor = page.nextCursor
        } while query.cursor != nil && written < Self.exportLimit
        try await request.services.accessLog.record(
            actor: actor.id, caseID: nil, action: "export", detail: "\(written) cases as CSV", source: request.accessSource)
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"cases.csv\"",
        ]
        return .response(Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: lines.joined(separator: "\r\n") + "\r\n"))))
    }

    static func csvCell(_ value: String) -> String {
        var cell = value
        if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The filters from the query string, checked against the registered modules.
    static func query(_ request: ConsoleRequest) throws -> CaseQuery {
        let priority: Priority? = try request.query("priority").map { raw throws(DossierError) in
            guard let value = Priority(rawValue: raw) else {
                throw .invalidInput("priority '\(raw)' is not one of \(Priority.allowedValuesText)")
            }
            return value
        }
        let classification: Classification? = try request.query("classification").map { raw throws(DossierError) in
            guard let value = Classification(rawValue: raw) else {
                throw .invalidInput("classification '\(raw)' is not one of \(Classification.allowedValuesText)")
            }
            return value
        }
        let sort: CaseSort = try request.query("sort").map { raw throws(DossierError) in
            guard let value = CaseSort(rawValue: raw) else { throw .invalidInput("sort '\(raw)' is not one of \(CaseSort.allowedValuesText)") }
            return value
        } ?? .opened
        let query = CaseQuery(
            module: request.query("module"), type: request.query("type"), state: request.query("state"), priority: priority,
            member: request.query("member"), country: request.query("country")?.uppercased(), tag: request.query("tag"),
            text: request.query("q"), classification: classification, agency: request.query("agency")?.uppercased(), sort: sort)
        try query.validate()
        try query.validateFilters(against: request.services.registry)
        return query
    }

    /// The filter form's values and choices.
    func filterForm(_ request: ConsoleRequest) -> [String: Any] {
        let registry = request.services.registry
        let module = request.query("module")
        let type = request.query("type")
        let priority = request.query("priority")
        let classification = request.query("classification")
        let sort = request.query("sort") ?? CaseSort.opened.rawValue
        var data: [String: Any] = [:]
        for name in Self.filterNames { data[name] = request.query(name) ?? "" }
        data["modules"] = registry.modules.map { ["id": $0.id, "name": $0.name, "selected": $0.id == module] as [String: Any] }
        data["types"] = registry.modules.flatMap { found in
            found.caseTypes.map { ["name": $0.name, "title": "\($0.title) (\(found.name))", "selected": $0.name == type] as [String: Any] }
        }
        data["priorities"] = Priority.allCases.map { ["name": $0.rawValue, "selected": $0.rawValue == priority] as [String: Any] }
        data["classifications"] = Classification.allCases.map { ["name": $0.rawValue, "selected": $0.rawValue == classification] as [String: Any] }
        data["sorts"] = CaseSort.allCases.map { ["name": $0.rawValue, "label": Self.sortLabel($0), "selected": $0.rawValue == sort] as [String: Any] }
        data["filtered"] = Self.filterNames.contains { request.query($0) != nil }
        return data
    }

    static func sortLabel(_ sort: CaseSort) -> String {
        switch sort {
        case .opened: "Newest first"
        case .updated: "Last changed first"
        case .deadline: "Next deadline first"
        }
    }

    /// The next page, in the same order, counted the same way.
    static func link(_ request: ConsoleRequest, after cursor: String) -> String {
        "/console/cases" + queryString(request, after: cursor, extra: request.query("count") == "all" ? [("count", "all")] : [])
    }

    /// The current filters as a query string, with a cursor when given.
    static func queryString(_ request: ConsoleRequest, after cursor: String?, extra: [(String, String)] = []) -> String {
        var pairs = filterNames.compactMap { name in request.query(name).map { (name, $0) } }
        if let cursor { pairs.append(("after", cursor)) }
        pairs += extra
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { "\($0.0)=\(ConsoleSite.formEncoded($0.1))" }.joined(separator: "&")
    }
}
