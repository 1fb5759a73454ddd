extension JSONValue {
    /// Parses JSON text into the value decoding it with `JSONDecoder` gives (JSONValue's
    /// `Decodable` conformance), without the decoder: PostgreSQL's `jsonb` comes back as
    /// text, and the console and API read thousands of attributes and payloads a second.
    ///
    /// The same value, case for case: an integer is `.int` when it fits Int64; a number
    /// written with a fraction or an exponent is `.int` too when it is exactly an integer
    /// that fits (`1.0`, `1e2`), as `JSONDecoder` reads one; any other number is `.double`;
    /// a key repeated in an object keeps its first value. `JSONValueParsingTests` holds the
    /// two to each other.
    public init(parsing text: UnsafeBufferPointer<UInt8>) throws(DossierError) {
        var parser = CanonicalJSON.Parser(bytes: text)
        self = try parser.jsonValue()
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("text after the JSON value") }
    }

    public init(parsing text: [UInt8]) throws(DossierError) {
        var result: Result<JSONValue, DossierError> = .success(.null)
        text.withUnsafeBufferPointer { buffer in
            do throws(DossierError) { result = .success(try JSONValue(parsing: buffer)) } catch { result = .failure(error) }
        }
        self = try result.get()
    }

    /// A number token as `JSONDecoder` reads it into a ``JSONValue``.
    static func number(_ token: String) -> JSONValue? {
        if let integer = Int64(token) { return .int(integer) }
        guard let double = Double(token), double.isFinite else { return nil }
        if double == double.rounded(.towardZero), let integer = Int64(exactly: double) { return .int(integer) }
        return .double(double)
    }
}

extension CanonicalJSON.Parser {
    mutating func jsonValue() throws(DossierError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var object: [String: JSONValue] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(object)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key") }
                let key = String(decoding: try string(), as: UTF8.self)
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                index += 1
                let value = try jsonValue()
                if object[key] == nil { object[key] = value }
                skipWhitespace()
                guard index < bytes.count else { throw error("unterminated object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
                index += 1
                return .object(object)
            }
        case UInt8(ascii: "["):
            index += 1
            var array: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(array)
            }
            while true {
                array.append(try jsonValue())
                skipWhitespace()
                guard index < bytes.count else { throw error("unterminated array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
                index += 1
                return .array(array)
            }
        case UInt8(ascii: "\""):
            return .string(String(decoding: try string(), as: UTF8.self))
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        default:
            let start = index
            while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
            guard index > start else { throw error("unexpected character") }
            let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let number = JSONValue.number(token) else { throw error("invalid number \(token)") }
            return number
        }
    }
}
