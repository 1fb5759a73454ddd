import DossierCore
import DossierServer
import Foundation
import HTTPTypes
import Hummingbird

/// The stylesheet and script from `Files/assets`, carried in the binary.
enum AssetFiles {
    static let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]

    @Sendable static func serve(_ request: ConsoleRequest) async throws -> ConsoleResponse {
        let name = try request.parameter("file")
        guard let data = EmbeddedConsoleFiles.files["assets/\(name)"],
              let type = name.split(separator: ".").last.flatMap({ types[String($0)] }) else {
            return .response(Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: .init(string: "no such file\n"))))
        }
        return .response(Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: .init(bytes: data))))
    }
}
