public import DossierCore

/// How surveillance is carried out; an authorisation lists the methods it allows.
public enum SurveillanceMethod: String, Sendable, Hashable, ChoiceCodable {
    case interception
    case locationTracking = "location_tracking"
    case visual
    case device
}

/// The law an authorisation is granted under, with its durations as data: how long, how
/// counted (with the text that says so), on whose clock, in which working days, and when
/// a renewal may be made.
public struct LegalBasis: Codable, Sendable, Hashable {
    /// `us-title-iii`, `uk-ipa-targeted-interception`, `uk-ripa-directed`.
    public var id: String
    public var name: String
    public var citation: String
    /// The longest an authorisation (and each renewal) may run.
    public var maximum: DeadlineDuration
    /// Whether the day it takes effect is day one ("beginning with", IPA and RIPA) or not.
    public var counting: CountingRule
    /// The legal text the counting rule comes from.
    public var countingText: String
    /// The longest an urgent authorisation may run before it is confirmed.
    public var urgentMaximum: DeadlineDuration?
    public var urgentCounting: CountingRule
    public var urgentCountingText: String
    /// How often a running authorisation must be reviewed, where the law requires it.
    public var reviewInterval: DeadlineDuration?
    public var methods: [SurveillanceMethod]
    /// The issuing authority's zone, by default: a period ends at midnight there.
    public var timeZone: String
    /// The working days periods in working days count (`uk-any-part`: IPA s.263).
    public var calendar: String?
    /// How long before its end a renewal may be made (IPA s.33: 30 days), where limited.
    public var renewalWindow: DeadlineDuration?
    public var renewalWindowText: String
}
