import Foundation

/// Prints a command's results: aligned tables for people, JSON for scripts.
public struct Output: Sendable {
    /// Whether `--json` was given.
    public let json: Bool

    public init(json: Bool) { self.json = json }

    /// Prints a value as pretty JSON: snake_case keys, sorted, ISO 8601 dates.
    public func printJSON<Value: Encodable>(_ value: Value) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Prints rows under headers, columns padded to their widest cell.
    /// Prints rows under headers in aligned columns. With `wrappingLastColumnAt`, a long last
    /// cell (a legal basis, say) wraps at word boundaries onto lines of its own, indented to
    /// its column, so nothing is cut.
    public func printTable(_ headers: [String], _ rows: [[String]], wrappingLastColumnAt wrapWidth: Int? = nil) {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count - 1 { widths[index] = max(widths[index], cell.count) }
        }
        let indent = String(repeating: " ", count: widths.dropLast().reduce(0) { $0 + $1 + 2 })
        func lines(_ cells: [String]) -> [String] {
            let leading = cells.dropLast().enumerated().map { index, cell in
                cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            let last = wrapWidth.map { Self.wrap(cells.last ?? "", width: $0) } ?? [cells.last ?? ""]
            return [(leading + [last[0]]).joined(separator: "  ")] + last.dropFirst().map { indent + $0 }
        }
        print(lines(headers).joined(separator: "\n"))
        for row in rows { print(lines(row).joined(separator: "\n")) }
    }

    /// `text` in lines of at most `width` characters, broken between words (a word longer
    /// than the width has a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        return lines + [current]
    }

    /// Prints `label: value` pairs with the labels aligned.
    public func printFields(_ fields: [(String, String)]) {
        let width = fields.map(\.0.count).max() ?? 0
        for (label, value) in fields {
            print((label + ":").padding(toLength: width + 1, withPad: " ", startingAt: 0) + " " + value)
        }
    }

    /// Whether standard error is a terminal, so progress is worth drawing.
    public static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }
}

extension Date {
    /// `2026-03-01 10:15 UTC`: short, unambiguous, for tables.
    var shortUTC: String {
        let text = formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
        return String(text.replacingOccurrences(of: "T", with: " ").prefix(16)) + " UTC"
    }
}
