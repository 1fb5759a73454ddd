import DossierCore
import DossierServer
import Foundation
import HTTPTypes

/// A transition's form, built from its typed inputs: dates as date inputs, choices as
/// selects, yes/no as a checkbox, required ones marked; and the posted form read back
/// into typed values, each wrong field named with what it allows.
enum TransitionForm {
    static func view(
        _ transition: Transition, reference: String, form: FormValues, problems: [String: String], message: String?
    ) -> [String: Any] {
        [
            "name": transition.name, "label": ConsoleFormat.label(transition.label), "to": ConsoleFormat.label(transition.to),
            "action": "/console/cases/\(reference)/transitions/\(transition.name)", "message": message as Any,
            "hasInputs": !transition.inputs.isEmpty,
            "inputs": transition.inputs.map { field in
                let id = "\(transition.name)-\(field.name)"
                let value = form.raw("input.\(field.name)") ?? ""
                var view: [String: Any] = [
                    "id": id, "field": "input.\(field.name)", "label": ConsoleFormat.label(field.name), "required": field.isRequired,
                    "help": field.help.isEmpty ? Self.help(field.type) : "\(field.help) (\(Self.help(field.type)))",
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
                }
                return view
            },
        ]
    }

    /// The typed inputs of a posted form (fields `input.<name>`); a field that is wrong
    /// or missing is put in `problems` with what it allows.
    static func inputs(from form: FormValues, for transition: Transition, problems: inout [String: String]) -> [String: JSONValue] {
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
                if (try? Date(text, strategy: .iso8601)) != nil { inputs[field.name] = .string(text) } else {
                    problems[field.name] = "'\(text)' is not a date and time with its offset, such as 2026-03-14T09:30:00+01:00."
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
        default: "text"
        }
    }

    static func help(_ type: InputType) -> String {
        switch type {
        case .string: "text"
        case .integer: "a whole number"
        case .decimal: "a number"
        case .boolean: "yes or no"
        case .date: "a date, YYYY-MM-DD"
        case .timestamp: "a date and time with its offset, e.g. 2026-03-14T09:30:00+01:00"
        case .choice(let values): "one of " + values.map(ConsoleFormat.label).joined(separator: ", ")
        }
    }
}
