import DossierConsole
import DossierCore
import Foundation
import InvestigatorNetwork

/// Coordinated operations (round-ups across countries) with each one's results by
/// country: targets, arrested, located, still wanted.
struct OperationsPage {
    let store: NetworkStore

    @Sendable func show(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let operations = try await store.operations()
        var rows: [[String: Any]] = []
        for operation in operations {
            let tally = try await store.tally(operationID: operation.id)
            func line(_ line: RoundUpTally.Line) -> [String: Any] {
                ["country": line.country, "targets": line.targets, "arrested": line.arrested, "located": line.located,
                 "stillWanted": line.stillWanted]
            }
            rows.append([
                "id": operation.id.lowercased, "name": operation.name, "from": operation.startsOn.description,
                "to": operation.endsOn.description, "coordinator": operation.coordinatingAgency.name,
                "countries": operation.countries.joined(separator: ", "), "lines": tally.byCountry.map(line),
                "total": line(tally.total), "hasLines": !tally.byCountry.isEmpty,
            ])
        }
        return request.page(
            "Operations", template: "network/operations", ["operations": rows, "hasOperations": !rows.isEmpty],
            section: "network/directory")
    }
}
