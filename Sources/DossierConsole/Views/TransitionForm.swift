import DossierCore
import DossierServer
import Foundation
import HTTPTypes

/// A transition's form, built from its typed inputs: dates as date inputs, choices as
/// selects, yes/no as a checkbox, required ones marked; and the posted form read back
/// into typed values, each wrong field named with what it allows.
enum TransitionForm {
    /// - Parameter localZone: where a `timestamp` input's local date and time is read (nil: UTC).
    static func view(
        _ transition: Transition, reference: String, form: FormValues, problems: [String: String], message: String?,
        localZone: TimeZone? = nil
    ) -> [String: Any] {
        [
            "name": transition.name, "label": ConsoleFormat.label(transition.label), "to": ConsoleFormat.label(transition.to),
            "action": "/console/cases/\(reference)/transitions/\(transition.name)", "message": message as Any,
            "hasInputs": !transition.inputs.isEmpty,
            "inputs": transition.inputs.map { field in
                let id = "\(transition.name)-\(field.name)"
                let value = form.raw("input.\(field.name)") ?? ""
                let typeHelp = Self.help(field.type, localZone: localZone)
                var view: [String: Any] = [
                    "id": id, "field": "input.\(field.name)", "label": ConsoleFormat.label(field.name), "required": field.isRequired,
                    "help": field.help.isEmpty ? typeHelp : "\(field.help) (\(typeHelp))",
                    "value": value, "problem": problems[field.name] as Any,
                ]
                switch field.type {
                case .choice(let values):
                    view["hasChoices"] = true
                    view["choices"] = values.map { ["value": $0, "label": ConsoleFormat.label($0), "selected": $0 == value] as [String: Any] }
                case .boolean:
                    view["checkbox"] = true
                    view["checked"] = value == "true"
                case .string where field.isRequired:
                    view["textarea"] = true
                default:
                    view["inputType"] = Self.htmlType(field.type)
                    if case .decimal = field.type { view["step"] = "any" }
                    if case .integer = field.type { view["step"] = "1" }
                    if case .timestamp = field.type { view["step"] = "60" }
                }
                return view
            },
        ]
    }

    /// The typed inputs of a posted form (fields `input.<name>`); a field that is wrong
    /// or missing is put in `problems` with what it allows. A `timestamp` given without an
    /// offset (a `datetime-local` field) is read in `localZone` (nil: UTC) and passed on
    /// with its offset.
    static func inputs(
        from form: FormValues, for transition: Transition, localZone: TimeZone? = nil, problems: inout [String: String]
    ) -> [String: JSONValue] {
        var inputs: [String: JSONValue] = [:]
        for field in transition.inputs {
            let text = form["input.\(field.name)"]
            if case .boolean = field.type {
                inputs[field.name] = .bool(text == "true")
                continue
            }
            guard let text else {
                if field.isRequired { problems[field.name] = "Required: give \(help(field.type))." }
                continue
            }
            switch field.type {
            case .string:
                inputs[field.name] = .string(text)
            case .integer:
                if let number = Int64(text) { inputs[field.name] = .int(number) } else { problems[field.name] = "'\(text)' is not a whole number." }
            case .decimal:
                if let number = Double(text), number.isFinite { inputs[field.name] = .double(number) } else { problems[field.name] = "'\(text)' is not a number." }
            case .date:
                if (try? CalendarDate(parsing: text)) != nil { inputs[field.name] = .string(text) } else { problems[field.name] = "'\(text)' is not a date (YYYY-MM-DD)." }
            case .timestamp:
                if (try? Date(text, strategy: .iso8601)) != nil {
                    inputs[field.name] = .string(text)
                } else if let instant = LocalDateTime(parsing: text)?.instant(in: localZone ?? .gmt) {
                    inputs[field.name] = .string(instant.formatted(.iso8601))
                } else {
                    problems[field.name] = "'\(text)' is not a date and time the clock in \((localZone ?? .gmt).identifier) shows: give YYYY-MM-DDTHH:MM (a day that exists, and not an hour the clock skips), or a time with its offset."
                }
            case .choice(let values):
                if values.contains(text) { inputs[field.name] = .string(text) } else { problems[field.name] = "Choose one of \(values.joined(separator: ", "))." }
            case .boolean:
                break
            }
        }
        return inputs
    }

    static func htmlType(_ type: InputType) -> String {
        switch type {
        case .integer, .decimal: "number"
        case .date: "date"
        case .timestamp: "datetime-local"
        default: "text"
        }
    }

    static func help(_ type: InputType, localZone: TimeZone? = nil) -> String {
        switch type {
        case .string: "text"
        case .integer: "a whole number"
        case .decimal: "a number"
        case .boolean: "yes or no"
        case .date: "a date, YYYY-MM-DD"
        case .timestamp: "a date and time, read as the clock in \((localZone ?? .gmt).identifier) showed it"
        case .choice(let values): "one of " + values.map(ConsoleFormat.label).joined(separator: ", ")
        }
    }
}
