import Foundation

/// A posted `application/x-www-form-urlencoded` form: every value of every field, in order.
public struct FormValues: Sendable {
    var fields: [String: [String]] = [:]

    public init() {}

    /// Parses a form body: `+` is a space, `%XX` a byte; a malformed escape is kept as typed.
    public init(encoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
    }

    /// The first value of `name`, trimmed; nil when absent or blank.
    public subscript(_ name: String) -> String? {
        guard let value = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The first value of `name` exactly as sent (passwords: no trimming).
    public func raw(_ name: String) -> String? { fields[name]?.first }

    /// Every value of `name` (checkboxes).
    public func all(_ name: String) -> [String] { fields[name] ?? [] }

    /// Every field name, sorted.
    public var names: [String] { fields.keys.sorted() }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
