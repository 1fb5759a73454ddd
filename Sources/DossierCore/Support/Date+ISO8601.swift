public import Foundation

extension Date {
    /// Parses the ISO 8601 instant a caller gave in `field` (an input, an option), or
    /// throws an error naming the field and showing the form expected.
    ///
    /// ```swift
    /// let granted = try Date(iso8601: "2026-03-10T09:00:00Z", field: "--granted-at")
    /// ```
    public init(iso8601 text: String, field: String) throws(DossierError) {
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw .invalidInput("\(field) '\(text)' is not an ISO 8601 timestamp, e.g. 2026-03-10T09:00:00Z")
        }
        self = date
    }
}
