import DossierCore
import Foundation
import Testing

/// The parser that reads `jsonb` gives the very value `JSONDecoder` gives through
/// JSONValue's `Decodable` conformance, which it replaces on the database path.
@Suite struct JSONValueParsingTests {
    static let corpus = [
        "null", "true", "false", "0", "-0", "7", "-42", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "12345678901234567890", "1.0", "2.50", "-0.0", "1e2", "1E2", "0.1e1", "1.5", "-2.25e-3",
        "1.5e300", "3.141592653589793", "0.1", "1.0000000000000001",
        #""""#, #""plain""#, #""quote \" backslash \\ slash \/ tab \t newline \n return \r""#,
        #""\u00e9 \u65e5\u672c \ud83d\ude00 é 日本 😀""#, #""\b\f""#,
        "[]", "{}", "[1, 2.5, \"x\", null, true, [], {}]",
        #"{"b": 1, "a": {"nested": [1, {"deep": "yes"}]}, "empty": ""}"#,
        #"{"raiseEvent": {}}"#, #"{"takeTransition": {"_0": "escalate"}}"#,
        #"{"same": 1, "same": 2}"#,
        #"  { "spaced" :  [ 1 ,  2 ] }  "#,
    ]

    @Test("each JSON text parses to what JSONDecoder decodes", arguments: corpus)
    func matchesJSONDecoder(text: String) throws {
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let parsed = try JSONValue(parsing: Array(text.utf8))
        #expect(parsed == decoded)
        #expect(parsed.canonicalBytes == decoded.canonicalBytes)
    }

    @Test("malformed text is refused, not guessed at", arguments: [
        "", "{", "[1,", "\"open", "tru", "{\"a\" 1}", "[1 2]", "1 2", "01x", "\"\\x\"", "\"\\ud800\"", "-", "{\"a\":}",
    ])
    func refusesMalformedText(text: String) {
        #expect(throws: DossierError.self) { try JSONValue(parsing: Array(text.utf8)) }
    }
}
