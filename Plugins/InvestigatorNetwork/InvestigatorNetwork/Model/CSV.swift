import Foundation

/// RFC 4180 CSV: fields separated by commas, quoted with double quotes when they hold a
/// comma, a quote or a line break (a quote inside is doubled). Fields a spreadsheet would
/// run as formulas are written with a leading `'` and read back without it.
enum CSV {
    /// A parsed record and the line it starts on (from 1).
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// Parses `text` into records; throws the line of an unterminated quote.
    static func parse(_ text: String) throws(CSVError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var characters = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))[...]
        var fieldStarted = false
        while let character = characters.popFirst() {
            if inQuotes {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty:
                inQuotes = true
                fieldStarted = true
            case ",":
                fields.append(field)
                field = ""
                fieldStarted = true
            case "\n":
                if fieldStarted || !field.isEmpty || !fields.isEmpty {
                    fields.append(field)
                    records.append(Record(line: recordLine, fields: fields.map(restored)))
                }
                fields = []
                field = ""
                fieldStarted = false
                line += 1
                recordLine = line
            default:
                field.append(character)
                fieldStarted = true
            }
        }
        if inQuotes { throw CSVError(line: recordLine, reason: "a quoted field is not closed") }
        if fieldStarted || !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields.map(restored)))
        }
        return records
    }

    /// The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
    /// Injection"): `=`, `+`, `-`, `@`, a tab or a carriage return at the start.
    static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// A field as written to a file: one that a spreadsheet would run as a formula gets a
    /// leading `'` (OWASP's rule), so `=HYPERLINK(…)` shows as text and `+44 20 7230 1212`
    /// stays a phone number.
    static func neutralised(_ field: String) -> String {
        guard let first = field.first, formulaTriggers.contains(first) else { return field }
        return "'" + field
    }

    /// A field as read back: the `'` that ``neutralised(_:)`` added is dropped, so an
    /// exported file imports unchanged.
    static func restored(_ field: String) -> String {
        guard field.first == "'", let second = field.dropFirst().first, formulaTriggers.contains(second) else { return field }
        return String(field.dropFirst())
    }

    /// One record as a CSV line (without the line break), each field neutralised.
    static func line(_ fields: [String]) -> String {
        fields.map(neutralised).map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}

struct CSVError: Error {
    var line: Int
    var reason: String
}
