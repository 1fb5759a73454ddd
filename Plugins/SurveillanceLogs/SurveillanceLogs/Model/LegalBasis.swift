public import DossierCore

/// How surveillance is carried out; an authorisation lists the methods it allows.
public enum SurveillanceMethod: String, Sendable, Hashable, ChoiceCodable {
    case interception
    case locationTracking = "location_tracking"
    case visual
    case device
}

/// The law an authorisation is granted under, with its maximum duration as data.
public struct LegalBasis: Codable, Sendable, Hashable {
    /// `us-title-iii`, `uk-ipa-targeted-interception`, `uk-ripa-directed`.
    public var id: String
    public var name: String
    public var citation: String
    /// The longest an authorisation (and each renewal) may run.
    public var maximum: DeadlineDuration
    /// The longest an urgent authorisation may run before it is confirmed.
    public var urgentMaximum: DeadlineDuration?
    /// How often a running authorisation must be reviewed, where the law requires it.
    public var reviewInterval: DeadlineDuration?
    public var methods: [SurveillanceMethod]
}
