public import Foundation

/// A kind of case a module offers: its workflow and the shape of its attributes.
public struct CaseType: Sendable {
    /// Kebab-case, unique within the module: `cold-case`.
    public var name: String
    public var title: String
    public var workflow: WorkflowDefinition
    /// Checks and normalises the attributes payload at the instant the case opens (from the
    /// store's clock, so "not in the future" means the same in a test as in production);
    /// throws an error naming the field.
    public var validateAttributes: @Sendable (_ attributes: JSONValue, _ now: Date) throws(DossierError) -> JSONValue
    /// The working-day calendar deadlines of this type count with.
    public var calendar: @Sendable (Case) -> WorkingDayCalendar
    /// Top-level attributes whose value is the id of another case (an originating case,
    /// say). A reader who may not see that case gets `{"hidden": true}` in its place, in the
    /// case and in its timeline, so no hidden case's id is learnt through another.
    public var caseReferenceAttributes: Set<String> = []

    public init(
        name: String, title: String, workflow: WorkflowDefinition,
        validateAttributes: @escaping @Sendable (JSONValue, Date) throws(DossierError) -> JSONValue = { attributes, _ in attributes },
        calendar: @escaping @Sendable (Case) -> WorkingDayCalendar = { _ in .weekendsOnly }
    ) {
        self.name = name
        self.title = title
        self.workflow = workflow
        self.validateAttributes = validateAttributes
        self.calendar = calendar
    }

    /// A case type whose attributes are a `Codable` struct: the payload must decode into
    /// it, then pass `validate` (given the instant the case opens); it is stored as the
    /// struct re-encodes it.
    public static func typed<Attributes: Codable & Sendable>(
        name: String, title: String, workflow: WorkflowDefinition, attributes: Attributes.Type,
        validate: @escaping @Sendable (Attributes, _ now: Date) throws(DossierError) -> Void = { _, _ in }
    ) -> CaseType {
        CaseType(name: name, title: title, workflow: workflow) { payload, now throws(DossierError) in
            let value: Attributes
            do {
                value = try payload.decode(as: Attributes.self)
            } catch let error as DecodingError {
                throw .invalidInput(error.attributeMessage)
            } catch {
                throw .invalidInput("attributes: \(error)")
            }
            try validate(value, now)
            do {
                return try JSONValue(encoding: value)
            } catch {
                throw .invalidInput("attributes could not be encoded: \(error)")
            }
        }
    }
}

extension DecodingError {
    /// "attributes.offence.date: expected string" style text, naming the field.
    var attributeMessage: String {
        func path(_ codingPath: [any CodingKey]) -> String {
            (["attributes"] + codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }).joined(separator: ".")
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is required"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) must be \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) must be \(type), not null"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "attributes are invalid"
        }
    }
}
