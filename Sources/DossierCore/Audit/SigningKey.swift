import Crypto
public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The Ed25519 key that signs chain checkpoints and disclosure manifests. It lives in a
/// file outside the database (readable by its owner only), so that whoever can rewrite the
/// database cannot also sign what it should have held.
public struct SigningKey: Sendable {
    let privateKey: Curve25519.Signing.PrivateKey

    /// The public key, lower-case hex: what a verifier pins (`--public-key`).
    public var publicKeyHex: String { Array(privateKey.publicKey.rawRepresentation).hexString }

    public init() {
        privateKey = Curve25519.Signing.PrivateKey()
    }

    /// Reads the key at `file` (64 hex digits), creating it (mode 0600, with
    /// `<file>.pub` beside it) when there is none.
    public static func loadOrCreate(at file: URL) throws -> SigningKey {
        if FileManager.default.fileExists(atPath: file.path) { return try load(at: file) }
        let key = SigningKey()
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // Written aside, then linked into place: a process that loses the race to create the
        // key reads the winner's whole key, never a half-written file.
        let partial = URL(fileURLWithPath: file.path + ".\(getpid()).\(UUID().uuidString).partial")
        try PrivateFile.write(Data((Array(key.privateKey.rawRepresentation).hexString + "\n").utf8), to: partial)
        defer { unlink(partial.path) }
        guard link(partial.path, file.path) == 0 else {
            if errno == EEXIST { return try load(at: file) }
            throw DossierError.invalidInput("cannot create the signing key '\(file.path)': \(String(cString: strerror(errno)).lowercased())")
        }
        try Data((key.publicKeyHex + "\n").utf8).write(to: URL(fileURLWithPath: file.path + ".pub"))
        return key
    }

    /// Reads the key at `file`, which must be 64 hex digits (a newline may follow).
    public static func load(at file: URL) throws -> SigningKey {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw DossierError.invalidInput("cannot read the signing key '\(file.path)'")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = [UInt8](hex: text), raw.count == 32,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw DossierError.invalidInput("'\(file.path)' is not a signing key: expected 64 hexadecimal digits")
        }
        return SigningKey(privateKey: key)
    }

    init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// The Ed25519 signature of `message`, lower-case hex.
    public func sign(_ message: [UInt8]) throws -> String {
        Array(try privateKey.signature(for: message)).hexString
    }

    /// Whether `signature` (hex) is `publicKey`'s (hex) signature of `message`.
    public static func isValid(signature: String, of message: [UInt8], publicKey: String) -> Bool {
        guard let raw = [UInt8](hex: publicKey), let signatureBytes = [UInt8](hex: signature),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signatureBytes, for: message)
    }

    /// Checks that `text` is an Ed25519 public key in hex, for a `--public-key` option.
    public static func validatePublicKey(_ text: String) throws -> String {
        let key = text.lowercased()
        guard let raw = [UInt8](hex: key), raw.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
            throw DossierError.invalidInput("'\(text)' is not a public key: expected 64 hexadecimal digits (the .pub file's content)")
        }
        return key
    }
}

extension Array where Element == UInt8 {
    /// Bytes from hexadecimal text (either case); nil unless every character is a hex digit
    /// and they come in pairs.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self = bytes
    }
}
