/// Rewrites JSON text into the canonical form of ``JSONValue/canonicalBytes`` without
/// building a `JSONValue`: the chain verifier reads millions of stored payloads this way.
///
/// The output is byte for byte what decoding the text into a `JSONValue` and asking for
/// its canonical bytes gives: keys sorted by their UTF-8 bytes, strings re-escaped, an
/// integral number written as an integer, any other in Swift's shortest form.
public enum CanonicalJSON {
    public static func canonicalize(_ text: UnsafeRawBufferPointer) throws(DossierError) -> [UInt8] {
        var parser = Parser(bytes: text.bindMemory(to: UInt8.self))
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        try parser.value(into: &output)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("text after the JSON value") }
        return output
    }

    public static func canonicalize(_ text: [UInt8]) throws(DossierError) -> [UInt8] {
        do {
            return try text.withUnsafeBytes { buffer in try canonicalize(buffer) }
        } catch let error as DossierError {
            throw error
        } catch {
            throw DossierError.invalidInput("\(error)")
        }
    }

    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        func error(_ problem: String) -> DossierError {
            .invalidInput("invalid JSON at byte \(index): \(problem)")
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ literal: String) throws(DossierError) {
            let expected = literal.utf8
            guard index + expected.count <= bytes.count,
                  UnsafeBufferPointer(rebasing: bytes[index..<(index + expected.count)]).elementsEqual(expected)
            else { throw error("expected \(literal)") }
            index += expected.count
        }

        mutating func value(into output: inout [UInt8]) throws(DossierError) {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try object(into: &output)
            case UInt8(ascii: "["): try array(into: &output)
            case UInt8(ascii: "\""):
                JSONValue.writeCanonicalString(try string(), into: &output)
            case UInt8(ascii: "t"): try expect("true"); output.append(contentsOf: "true".utf8)
            case UInt8(ascii: "f"): try expect("false"); output.append(contentsOf: "false".utf8)
            case UInt8(ascii: "n"): try expect("null"); output.append(contentsOf: "null".utf8)
            default: try number(into: &output)
            }
        }

        mutating func object(into output: inout [UInt8]) throws(DossierError) {
            index += 1
            var members: [(key: [UInt8], value: [UInt8])] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
            } else {
                while true {
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key") }
                    let key = try string()
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                    index += 1
                    var value: [UInt8] = []
                    try self.value(into: &value)
                    // A repeated key keeps its first value, as JSONDecoder does (jsonb keeps
                    // one key of each name, so stored payloads never repeat one).
                    if !members.contains(where: { $0.key == key }) { members.append((key, value)) }
                    skipWhitespace()
                    guard index < bytes.count else { throw error("unterminated object") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
                    index += 1
                    break
                }
            }
            members.sort { $0.key.lexicographicallyPrecedes($1.key) }
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.writeCanonicalString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                output.append(contentsOf: member.value)
            }
            output.append(UInt8(ascii: "}"))
        }

        mutating func array(into output: inout [UInt8]) throws(DossierError) {
            index += 1
            output.append(UInt8(ascii: "["))
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                output.append(UInt8(ascii: "]"))
                return
            }
            var first = true
            while true {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                try value(into: &output)
                skipWhitespace()
                guard index < bytes.count else { throw error("unterminated array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
                index += 1
                output.append(UInt8(ascii: "]"))
                return
            }
        }

        /// The string's content as UTF-8, escapes resolved.
        mutating func string() throws(DossierError) -> [UInt8] {
            index += 1
            var content: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { return content }
                guard byte == UInt8(ascii: "\\") else { content.append(byte); continue }
                guard index < bytes.count else { break }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): content.append(escaped)
                case UInt8(ascii: "b"): content.append(0x08)
                case UInt8(ascii: "f"): content.append(0x0C)
                case UInt8(ascii: "n"): content.append(0x0A)
                case UInt8(ascii: "r"): content.append(0x0D)
                case UInt8(ascii: "t"): content.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        try expect("\\u")
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                    content.append(contentsOf: String(Character(unicode)).utf8)
                default: throw error("invalid escape")
                }
            }
            throw error("unterminated string")
        }

        mutating func hex4() throws(DossierError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("short \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw error("invalid \\u escape")
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }

        /// A number, written as ``JSONValue`` writes the `.int` or `.double` it decodes to.
        mutating func number(into output: inout [UInt8]) throws(DossierError) {
            let start = index
            while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
            guard index > start else { throw error("unexpected character") }
            let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if let integer = Int64(token) {
                output.append(contentsOf: String(integer).utf8)
            } else if let double = Double(token) {
                JSONValue.double(double).writeCanonical(into: &output)
            } else {
                throw error("invalid number \(token)")
            }
        }

        static func isNumberByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                true
            default: false
            }
        }
    }
}
