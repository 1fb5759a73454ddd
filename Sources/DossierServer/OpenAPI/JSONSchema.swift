public import DossierCore

/// JSON Schema pieces for the request and response bodies in the OpenAPI document, core and
/// module alike.
///
/// ```swift
/// .post("cases/{ref}/documents", "Register a document", body: JSONSchema.object(required: ["kind", "sha256"], [
///     "kind": JSONSchema.enumeration(DocumentKind.allCases.map(\.rawValue)), "sha256": JSONSchema.sha256,
/// ]), response: .created(JSONSchema.object(["id": JSONSchema.uuid, "sha256": JSONSchema.sha256])), use: routes.registerDocument)
/// ```
public enum JSONSchema {
    public static let string: JSONValue = ["type": "string"]
    public static let boolean: JSONValue = ["type": "boolean"]
    public static let integer: JSONValue = ["type": "integer"]
    public static let uuid: JSONValue = ["type": "string", "format": "uuid"]
    public static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    /// A calendar date: `2026-03-01`.
    public static let date: JSONValue = ["type": "string", "format": "date"]
    public static let anyObject: JSONValue = ["type": "object"]

    public static func enumeration(_ values: [String]) -> JSONValue {
        ["type": "string", "enum": .array(values.map(JSONValue.string))]
    }

    public static func array(of items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    /// An object with these properties (snake_case, as the API reads them), the `required` ones named.
    public static func object(required: [String], _ properties: [String: JSONValue]) -> JSONValue {
        ["type": "object", "required": .array(required.map(JSONValue.string)), "properties": .object(properties)]
    }
}

extension JSONSchema {
    public static let number: JSONValue = ["type": "number"]
    /// A hex SHA-256 digest.
    public static let sha256: JSONValue = ["type": "string", "pattern": "^[0-9a-f]{64}$"]
    /// An ISO 3166-1 alpha-2 country code.
    public static let country: JSONValue = ["type": "string", "pattern": "^[A-Z]{2}$"]

    /// A whole number in `range`.
    public static func integer(_ range: ClosedRange<Int>) -> JSONValue {
        ["type": "integer", "minimum": .int(Int64(range.lowerBound)), "maximum": .int(Int64(range.upperBound))]
    }

    /// A response object: every property is present except the `optional` ones, which are
    /// left out when they have no value.
    ///
    /// ```swift
    /// JSONSchema.object(["id": JSONSchema.uuid, "closed_at": JSONSchema.dateTime], optional: ["closed_at"])
    /// ```
    public static func object(_ properties: [String: JSONValue], optional: Set<String> = []) -> JSONValue {
        object(required: properties.keys.filter { !optional.contains($0) }.sorted(), properties)
    }

    /// A string value or null.
    public static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var rules) = schema, case .string(let type)? = rules["type"] else { return schema }
        rules["type"] = [.string(type), "null"]
        return .object(rules)
    }
}
