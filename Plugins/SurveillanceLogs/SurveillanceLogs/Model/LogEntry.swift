public import DossierCore
public import Foundation

/// An entry of an operation's surveillance log. Never changed once written: a correction
/// is a new entry whose `correctsEntryID` names the original.
public struct LogEntry: Codable, Sendable, Hashable {
    public var id: UUID
    public var caseID: UUID
    /// Gapless within the operation, from 1.
    public var sequence: Int64
    public var authorisationID: UUID
    public var startedAt: Date
    public var endedAt: Date
    /// The IANA time zone the activity took place in, e.g. `Europe/London`.
    public var timeZone: String
    public var location: String
    public var subject: String
    public var method: SurveillanceMethod
    /// The device or equipment used, if any.
    public var device: String
    public var observers: [String]
    public var text: String
    /// Exhibit and chain-of-custody references.
    public var exhibits: [String]
    public var collateralIntrusion: Bool
    public var privilegedMaterial: Bool
    /// What was done to minimise intrusion, e.g. "call not monitored after 2 min: family".
    public var minimisation: String
    public var author: String
    public var recordedAt: Date
    public var correctsEntryID: UUID?
    public var correctionReason: String?
    /// Lower-case hex of the previous entry's hash (zeros for the first).
    public var previousHash: String
    public var hash: String

    /// What the hash covers, as canonical JSON: every field but the two hashes, times in
    /// whole microseconds. An export line is this object plus `previous_hash` and `hash`.
    public var content: JSONValue {
        [
            "case": .string(caseID.lowercased),
            "sequence": .int(sequence),
            "id": .string(id.lowercased),
            "authorisation": .string(authorisationID.lowercased),
            "started_at_us": .int(EventChain.microseconds(startedAt)),
            "ended_at_us": .int(EventChain.microseconds(endedAt)),
            "time_zone": .string(timeZone),
            "location": .string(location),
            "subject": .string(subject),
            "method": .string(method.rawValue),
            "device": .string(device),
            "observers": .array(observers.map(JSONValue.string)),
            "text": .string(text),
            "exhibits": .array(exhibits.map(JSONValue.string)),
            "collateral_intrusion": .bool(collateralIntrusion),
            "privileged_material": .bool(privilegedMaterial),
            "minimisation": .string(minimisation),
            "author": .string(author),
            "recorded_at_us": .int(EventChain.microseconds(recordedAt)),
            "corrects": correctsEntryID.map { .string($0.lowercased) } ?? .null,
            "correction_reason": correctionReason.map(JSONValue.string) ?? .null,
        ]
    }
}

/// An entry to append.
public struct NewLogEntry: Sendable, Hashable {
    public var authorisationID: UUID
    public var startedAt: Date
    public var endedAt: Date
    public var timeZone: String
    public var location: String
    public var subject: String
    public var method: SurveillanceMethod
    public var device: String
    public var observers: [String]
    public var text: String
    public var exhibits: [String]
    public var collateralIntrusion: Bool
    public var privilegedMaterial: Bool
    public var minimisation: String

    public init(
        authorisationID: UUID, startedAt: Date, endedAt: Date? = nil, timeZone: String = "UTC", location: String,
        subject: String, method: SurveillanceMethod, device: String = "", observers: [String] = [], text: String,
        exhibits: [String] = [], collateralIntrusion: Bool = false, privilegedMaterial: Bool = false,
        minimisation: String = ""
    ) {
        self.authorisationID = authorisationID
        self.startedAt = startedAt
        self.endedAt = endedAt ?? startedAt
        self.timeZone = timeZone
        self.location = location
        self.subject = subject.trimmingCharacters(in: .whitespaces)
        self.method = method
        self.device = device
        self.observers = observers
        self.text = text
        self.exhibits = exhibits
        self.collateralIntrusion = collateralIntrusion
        self.privilegedMaterial = privilegedMaterial
        self.minimisation = minimisation
    }

    func validate() throws(DossierError) {
        guard endedAt >= startedAt else {
            throw .invalidInput("ended_at \(endedAt.formatted(.iso8601)) is before started_at \(startedAt.formatted(.iso8601))")
        }
        guard TimeZone(identifier: timeZone) != nil else {
            throw .invalidInput("time_zone '\(timeZone)' is not an IANA time zone, e.g. Europe/London or UTC")
        }
        try FreeText.require(location, field: "location", max: 500)
        try FreeText.require(subject, field: "subject", max: 300)
        try FreeText.require(text, field: "text", max: 20_000)
        guard device.count <= 300, minimisation.count <= 2000 else {
            throw .invalidInput("device must be at most 300 and minimisation at most 2000 characters")
        }
        for (index, observer) in observers.enumerated() { try FreeText.require(observer, field: "observers[\(index)]", max: 200) }
        for (index, exhibit) in exhibits.enumerated() { try FreeText.require(exhibit, field: "exhibits[\(index)]", max: 100) }
    }
}
