import DossierConsole
import DossierCore
import Foundation
import InvestigatorNetwork

/// How a directory entry reads on every page: names, agency, languages, specialties,
/// channels, the clock where they work and whether the entry is still verified.
enum DirectoryFormat {
    static func entry(_ investigator: Investigator, stale: Bool, now: Date) -> [String: Any] {
        let zone = TimeZone(identifier: investigator.timeZone) ?? .gmt
        return [
            "id": investigator.id.lowercased, "latinName": investigator.latinName,
            "originalName": investigator.originalName.flatMap { $0 == investigator.latinName ? nil : $0 } as Any,
            "agency": investigator.agency.name, "agencyCode": investigator.agency.code, "country": investigator.country,
            "role": investigator.role, "languages": investigator.languages.joined(separator: ", "),
            "specialties": investigator.specialties.map { ConsoleFormat.label($0.rawValue) }.joined(separator: ", "),
            "channels": investigator.channels.map { ["kind": channelLabel($0.kind), "address": $0.address] },
            "zone": investigator.timeZone, "localTime": localTime(now, in: zone),
            "availability": ConsoleFormat.label(investigator.availability.rawValue),
            "available": investigator.availability == .available,
            "verifiedBy": investigator.verifiedBy, "verifiedAt": ConsoleFormat.date(investigator.verifiedAt),
            "expires": ConsoleFormat.date(investigator.verificationExpiresAt), "stale": stale,
            "ownAgencyOnly": investigator.visibility == .ownAgency,
        ]
    }

    static func channelLabel(_ kind: ChannelKind) -> String {
        switch kind {
        case .i247: "I-24/7"
        case .siena: "SIENA"
        case .agencyMailbox: "Agency mailbox"
        case .secureNetwork: "Secure network"
        }
    }

    /// `Tue 14:05`: the time now where they work, to know whether to call.
    static func localTime(_ now: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: now)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        return String(format: "%@ %02d:%02d", days[(parts.weekday ?? 1) - 1], parts.hour ?? 0, parts.minute ?? 0)
    }
}
