import DossierCore
import Foundation

/// Checks a JSON value against the subset of JSON Schema the OpenAPI document uses:
/// `type` (one or several), `properties` with `required`, `items`, `enum`, `format`
/// (`uuid`, `date`, `date-time`), `pattern` and `minimum`/`maximum`. Stricter than JSON Schema in
/// one way: an object whose schema lists properties may have no others, so a field the
/// document does not mention is reported.
enum SchemaValidator {
    static func violations(of value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let rules) = schema else { return [] }
        if case .array(let alternatives)? = rules["oneOf"] {
            let results = alternatives.map { violations(of: value, against: $0, at: path) }
            return results.contains(where: \.isEmpty) ? [] : ["\(path) matches none of its alternatives: \(results.flatMap { $0 }.prefix(3))"]
        }
        if let types = rules["type"], !matches(value, types) {
            return ["\(path) is \(typeName(value)), the schema says \(types.compactDescription)"]
        }
        var problems: [String] = []
        switch value {
        case .object(let fields):
            if case .array(let required)? = rules["required"] {
                for case .string(let name) in required where fields[name] == nil {
                    problems.append("\(path).\(name) is required but missing")
                }
            }
            if case .object(let properties)? = rules["properties"] {
                for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
                    guard let property = properties[name] else {
                        problems.append("\(path).\(name) is not in the schema")
                        continue
                    }
                    problems += violations(of: field, against: property, at: "\(path).\(name)")
                }
            } else if let additional = rules["additionalProperties"], case .object = additional {
                for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
                    problems += violations(of: field, against: additional, at: "\(path).\(name)")
                }
            }
        case .array(let elements):
            if let items = rules["items"] {
                for (index, element) in elements.enumerated() {
                    problems += violations(of: element, against: items, at: "\(path)[\(index)]")
                    if problems.count > 10 { break }
                }
            }
        case .string(let text):
            if case .array(let allowed)? = rules["enum"], !allowed.contains(.string(text)) {
                problems.append("\(path) '\(text.prefix(40))' is not one of \(JSONValue.array(allowed).compactDescription)")
            }
            if case .string(let format)? = rules["format"], !conforms(text, to: format) {
                problems.append("\(path) '\(text.prefix(40))' is not a \(format)")
            }
            if case .string(let pattern)? = rules["pattern"], text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(path) '\(text.prefix(40))' does not match \(pattern)")
            }
        case .int(let number):
            if case .int(let minimum)? = rules["minimum"], number < minimum { problems.append("\(path) \(number) < \(minimum)") }
            if case .int(let maximum)? = rules["maximum"], number > maximum { problems.append("\(path) \(number) > \(maximum)") }
        default:
            break
        }
        return problems
    }

    static func matches(_ value: JSONValue, _ types: JSONValue) -> Bool {
        switch types {
        case .string(let type): return matches(value, type)
        case .array(let types): return types.contains { if case .string(let type) = $0 { matches(value, type) } else { false } }
        default: return true
        }
    }

    static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.bool, "boolean"), (.int, "integer"), (.int, "number"), (.double, "number"),
             (.string, "string"), (.array, "array"), (.object, "object"):
            return true
        case (.double(let number), "integer"): return number.rounded() == number
        default: return false
        }
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    static func conforms(_ text: String, to format: String) -> Bool {
        switch format {
        case "uuid": return UUID(uuidString: text) != nil
        case "date": return (try? CalendarDate(parsing: text)) != nil
        case "date-time": return (try? Date(text, strategy: .iso8601)) != nil
        default: return true
        }
    }
}

extension JSONValue {
    /// Short JSON text for messages.
    var compactDescription: String {
        guard let data = try? JSONEncoder().encode(self) else { return "\(self)" }
        return String(decoding: data.prefix(120), as: UTF8.self)
    }
}
