import Foundation

/// Checks for free-text input, naming the field.
public enum FreeText {
    /// Refuses text that is blank or longer than `max` characters.
    public static func require(_ value: String, field: String, max: Int) throws(DossierError) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidInput("\(field) must not be empty") }
        guard trimmed.count <= max else { throw .invalidInput("\(field) must be at most \(max) characters, not \(trimmed.count)") }
    }
}
