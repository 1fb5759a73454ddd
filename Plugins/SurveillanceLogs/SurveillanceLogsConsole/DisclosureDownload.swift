import DossierConsole
import DossierCore
import DossierPostgres
import Foundation
import Hummingbird
import HTTPTypes
import SurveillanceLogs

/// The disclosure export as one download: `<REFERENCE>-disclosure.tar` holding the JSON
/// Lines and their signed manifest, as `dossier surveillance export` writes them, so the
/// recipient checks it offline with `dossier surveillance verify`. Each download is an
/// export recorded on the operation's timeline.
struct DisclosureDownload {
    let store: SurveillanceStore

    /// Who may export (the store holds the same rule).
    static let exporters: Set<Role> = [.investigator, .supervisor, .legal]

    static func archiveName(_ reference: String) -> String { "\(reference)-disclosure.tar" }

    @Sendable func download(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let found = try await request.visibleCase(action: "surveillance.export", module: SurveillanceLogs.moduleID)
        let disclosure: Disclosure
        do {
            disclosure = try await store.export(caseID: found.id, by: try request.user.actor)
        } catch let error as DossierError where [.notConfigured, .roleNotAllowed].contains(error.code) {
            return .refusal("/console/surveillance/cases/\(found.reference)/log#export", problem: "Not exported: \(error.message)")
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var archive = TarArchive()
        let jsonl = "\(found.reference).jsonl"
        archive.add(name: jsonl, contents: Array(disclosure.jsonLines.utf8), modified: disclosure.manifest.exportedAt)
        archive.add(
            name: jsonl + ".manifest.json", contents: Array(try encoder.encode(disclosure.manifest)),
            modified: disclosure.manifest.exportedAt)
        let bytes = archive.archive
        var headers = HTTPFields()
        headers[.contentType] = "application/x-tar"
        headers[.contentDisposition] = "attachment; filename=\"\(Self.archiveName(found.reference))\""
        headers[.cacheControl] = "no-store"
        return .response(Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))))
    }
}
