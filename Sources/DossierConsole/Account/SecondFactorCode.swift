import DossierPostgres
import Foundation
import HummingbirdOTP

/// The second factor's six-digit codes (TOTP, RFC 6238: HMAC-SHA1, 30-second steps), as
/// authenticator apps make them, computed with HummingbirdOTP.
enum SecondFactorCode {
    static let stepSeconds = 30

    /// Checks `typed` (spaces allowed) against a key: the time step it is right for, now or
    /// one step either side (a phone's clock drifts), or nil.
    static func check(_ typed: String) -> UserStore.CodeCheck {
        let digits = typed.filter { !$0.isWhitespace }
        let value = digits.count == 6 && digits.allSatisfy({ ("0"..."9").contains($0) }) ? Int(digits) : nil
        return { secret, now in
            guard let value else { return nil }
            let totp = TOTP(secret: secret)
            let current = Int64((now.timeIntervalSince1970 / Double(stepSeconds)).rounded(.down))
            for step in [current, current - 1, current + 1]
            where totp.compute(date: Date(timeIntervalSince1970: Double(step) * Double(stepSeconds))) == value {
                return step
            }
            return nil
        }
    }

    /// The `otpauth://` address an authenticator app reads (from a link or a QR code).
    static func address(secret: String, user: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "Dossier:\(user)", issuer: "Dossier")
    }

    /// The key as a person types it into an app: its base32 form in groups of four.
    static func typedKey(secret: String, user: String) -> String {
        let address = address(secret: secret, user: user)
        guard let query = URLComponents(string: address)?.queryItems, let key = query.first(where: { $0.name == "secret" })?.value else {
            return ""
        }
        return stride(from: 0, to: key.count, by: 4).map { start in
            let from = key.index(key.startIndex, offsetBy: start)
            return String(key[from..<(key.index(from, offsetBy: 4, limitedBy: key.endIndex) ?? key.endIndex)])
        }.joined(separator: " ")
    }
}
