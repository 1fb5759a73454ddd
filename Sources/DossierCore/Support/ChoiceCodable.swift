/// A fixed set of string values decoded from user input: an unknown value is refused with
/// the values allowed, e.g. `timers[0].unit: 'fortnights' is not allowed; use hours,
/// calendar_days, working_days or calendar_months`, instead of Foundation's "cannot
/// initialize Unit from invalid String value".
public protocol ChoiceCodable: Codable, CaseIterable, RawRepresentable where RawValue == String {}

extension ChoiceCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(raw)' is not allowed; use \(Self.allowedValuesText)")
        }
        self = value
    }
}
