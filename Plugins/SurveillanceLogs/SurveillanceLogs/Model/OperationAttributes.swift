public import DossierCore

/// The typed attributes of a `surveillance-operation`.
///
/// ```json
/// {"objective": "identify the supply chain of the Harbour Road group", "jurisdiction": "GB"}
/// ```
public struct OperationAttributes: Codable, Sendable, Hashable {
    /// What the surveillance is for; authorisations must be necessary and proportionate to it.
    public var objective: String
    /// ISO 3166-1 alpha-2 code of the jurisdiction whose law authorises it.
    public var jurisdiction: String

    public init(objective: String, jurisdiction: String) {
        self.objective = objective
        self.jurisdiction = jurisdiction
    }

    public func validate() throws(DossierError) {
        try FreeText.require(objective, field: "attributes.objective", max: 2000)
        try CountryCode.validate(jurisdiction, field: "attributes.jurisdiction")
    }
}
