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
    public func printTable(_ headers: [String], _ rows: [[String]]) {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        print(line(headers))
        for row in rows { print(line(row)) }
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
