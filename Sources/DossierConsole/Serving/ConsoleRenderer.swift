import DossierCore
import Foundation
import Mustache

/// The console's Mustache templates (its own from `Files/templates`, and each module's as
/// `<module-id>/<name>`), and the layout every page is drawn in. Values are HTML-escaped
/// as they are rendered; only the layout takes an already-rendered body unescaped.
struct ConsoleRenderer: Sendable {
    let library: MustacheLibrary

    /// Parses every template once, when the console is mounted: a template that does not
    /// parse stops the server from starting, naming it.
    init(files: [String: Data], modules: [any ConsoleModule]) throws {
        MustacheContentTypes.register(HTMLEscaping(), named: HTMLEscaping.name)
        var library = MustacheLibrary()
        for (path, data) in files where path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            try Self.register(String(decoding: data, as: UTF8.self), named: name, in: &library)
        }
        for module in modules {
            for (name, text) in module.consoleTemplates {
                try Self.register(text, named: "\(module.id)/\(name)", in: &library)
            }
        }
        self.library = library
    }

    /// The data with every optional unwrapped and every nil left out, at any depth:
    /// Mustache would write a nil kept in an `Any` as the word "nil", and a missing key is
    /// what its sections read as false. The leaves pages carry most are tried first (a cast
    /// looks through an optional that holds one); a page has thousands of them.
    static func unwrapped(_ value: Any) -> Any? {
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag
        case let number as Int: return number
        case let number as Int64: return number
        case let dictionary as [String: Any]: return dictionary.compactMapValues { unwrapped($0) }
        case let array as [[String: Any]]: return array.map { $0.compactMapValues { unwrapped($0) } }
        case let array as [Any]: return array.compactMap { unwrapped($0) }
        case let optional as any OptionalValue: return optional.wrappedValue.flatMap { unwrapped($0) }
        default: return value
        }
    }

    /// Every template escapes with ``HTMLEscaping``, the console's and the modules' alike.
    private static func register(_ text: String, named name: String, in library: inout MustacheLibrary) throws {
        do {
            try library.register("{{%CONTENT_TYPE: \(HTMLEscaping.name)}}" + text, named: name)
        } catch {
            throw DossierError.invalidInput("console template '\(name)' does not parse: \(error)")
        }
    }

    /// The template rendered with `data`; a template that does not exist (a module's
    /// mistake) renders as a line saying so, never as a crash.
    func render(_ template: String, _ data: [String: Any]) -> RenderedHTML {
        guard let text = library.render(Self.unwrapped(data) ?? [:], withTemplate: template) else {
            return RenderedHTML(library.render(["name": template], withTemplate: "missing-template") ?? "")
        }
        return RenderedHTML(text)
    }
}

/// An optional in an `Any`, whatever it wraps.
private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    var wrappedValue: Any? { self.map { $0 } }
}
