public import DossierCore

/// JSON Schema pieces for request bodies in the OpenAPI document, core and module alike.
///
/// ```swift
/// .post("cases/{ref}/documents", "Register a document", body: JSONSchema.object(required: ["kind", "sha256"], [
///     "kind": JSONSchema.enumeration(DocumentKind.allCases.map(\.rawValue)), "sha256": JSONSchema.string,
/// ]), use: routes.registerDocument)
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
