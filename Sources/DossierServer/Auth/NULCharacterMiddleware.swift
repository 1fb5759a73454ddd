import DossierCore
import Foundation
import Hummingbird
import HTTPTypes

/// Refuses U+0000 in the path and the query at the edge, with a 422 naming where it was.
///
/// PostgreSQL cannot store a NUL character in text; without this a `%00` would travel to
/// the database and come back as an error. JSON bodies get the same check when they are
/// decoded (``NULCharacters``).
struct NULCharacterMiddleware: RouterMiddleware {
    typealias Context = DossierRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path.removingPercentEncoding?.contains("\0") ?? false {
            throw DossierError.invalidInput("the path must not contain NUL characters (U+0000)")
        }
        for (name, value) in request.uri.queryParameters where name.contains("\0") || value.contains("\0") {
            let shown = String(name.prefix(40)).replacingOccurrences(of: "\0", with: "\\u0000")
            throw DossierError.invalidInput("query parameter \(shown) must not contain NUL characters (U+0000)")
        }
        return try await next(request, context)
    }
}

/// Finds U+0000 in a JSON body, so the refusal names the field.
enum NULCharacters {
    /// The path of the first string or key that holds U+0000 (`inputs.reason`,
    /// `offences[1].description`), or nil when there is none. Cheap for the common case:
    /// only a body with a `\u0000` escape or a raw NUL byte is parsed a second time.
    static func path(in body: Data) -> String? {
        guard body.contains(0) || body.range(of: Data(#"\u0000"#.utf8)) != nil else { return nil }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body) else { return nil }
        return path(in: value, at: "")
    }

    private static func path(in value: JSONValue, at prefix: String) -> String? {
        switch value {
        case .string(let text):
            return text.contains("\0") ? (prefix.isEmpty ? "the body" : prefix) : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = path(in: item, at: "\(prefix)[\(index)]") { return found }
            }
        case .object(let fields):
            for (key, item) in fields.sorted(by: { $0.key < $1.key }) {
                let field = prefix.isEmpty ? key : "\(prefix).\(key)"
                if key.contains("\0") { return field.replacingOccurrences(of: "\0", with: "\\u0000") }
                if let found = path(in: item, at: field) { return found }
            }
        default:
            break
        }
        return nil
    }
}
