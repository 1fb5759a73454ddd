import Crypto
@testable import DossierConsole
import Foundation
import Testing

/// The QR codes the account page draws for the second factor's key, module for module
/// against a reference encoder: python-qrcode 7.4.2 (PyPI), byte mode, level M, each mask
/// forced. The fixtures are the SHA-256 of each matrix as rows of `#` (dark) and `.`,
/// made by this script:
///
/// ```python
/// import hashlib, qrcode
/// for text in texts:
///     for mask in range(8):
///         q = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=mask)
///         q.add_data(qrcode.util.QRData(text.encode(), mode=qrcode.util.MODE_8BIT_BYTE))
///         q.make(fit=True)
///         rows = "".join("".join("#" if m else "." for m in row) + "\n" for row in q.modules)
///         print(len(text), q.version, mask, hashlib.sha256(rows.encode()).hexdigest())
/// ```
@Suite struct QRCodeTests {
    static let texts = [
        "DOSSIER",
        "otpauth://totp/Dossier:a.okafor?secret=IFBEGRCFIZDUQSKKJNGE2TSPKBIVEU2UKVLFOWCZLIYDCMRTGQ2TMNZYHE&issuer=Dossier",
        "otpauth://totp/Dossier:" + String(repeating: "x", count: 64)
            + "?secret=IFBEGRCFIZDUQSKKJNGE2TSPKBIVEU2UKVLFOWCZLIYDCMRTGQ2TMNZYHE&issuer=Dossier",
        String(repeating: "a", count: 200),
    ]

    /// (text length, version, mask, SHA-256 of the matrix) from the reference encoder.
    static let reference: [(Int, Int, Int, String)] = [
    (7, 1, 0, "b603c5b5ee5823c88034d54ea4ff7e1a34489bb7c530750951642dbff954343f"),
    (7, 1, 1, "818fd03b8d0591bb14a0af867a5ca4aa597c2c66ec83de3b694d5c46f46f82f1"),
    (7, 1, 2, "662da13831d0b33d01d26554930e827b577c7fc136ce38984345a39bc01929a9"),
    (7, 1, 3, "0d0b782458cfcfa85689cd431b274303ed29150b82e8a3eb03bca759133928e4"),
    (7, 1, 4, "d9c295ee8ef56b35e9e120bf12d07bc8890cdb78e20dc63b37fd365b314d1123"),
    (7, 1, 5, "cf7d2169e84f93cfc617ba3dbaac7604095b97f798b93a48f693cee4982f272f"),
    (7, 1, 6, "03803a0dae9b7d0de378ba116f1abac84c5efe4e7c4cb41f599b0e7d41889563"),
    (7, 1, 7, "9f8d412d9734f9b78ad43853d1a710a81cabed8628e3638f167ccdcf2e88ee31"),
    (112, 7, 0, "89795dd39acb0ebc9d1ad732f45a0af023a9f86e8692ff0cd3d476c1e6bb4182"),
    (112, 7, 1, "97d56239fe4cf72447c989f09b5b733965967457d621843a6c5b468c90d8b1fe"),
    (112, 7, 2, "a7914d17d818cba7b71466d96e6d77c0e1dabdd5d58746da94d57b737d79e65f"),
    (112, 7, 3, "6481d78eeae2b56706e0280dd1a90ae260759a8ba9a5736d70d6e2280bc9b2b9"),
    (112, 7, 4, "c26f32f48b5cc53ded94ca5a640bbe9c0ac034bd851dffcf1f982ac1edbbff5b"),
    (112, 7, 5, "4ce4cecda1c895df0c7cc9971a79f0ba3afadd3e0227935b1111c3991bd851f6"),
    (112, 7, 6, "df2818202efa2dbd821dead7e063b75828f7aa09f1a2d867db95fd6110f786fe"),
    (112, 7, 7, "80b9b1282b8dbee1849176ac5f351850656d906fa859fd99e5ffb8d2f6a8eb1b"),
    (168, 9, 0, "4d5a800ef7af52dc1c67721a9057def276dffe8aaecce870c90cd89296c85b47"),
    (168, 9, 1, "74d1312d779a12c19ca81ff7ffcd8fa8631cdc2749d537c2b039d9c204ed47fa"),
    (168, 9, 2, "07f72a26a8bbf175a1fcfa9a92687898e093e70c17329907c4d2db4a6f40438d"),
    (168, 9, 3, "9f1b3228772853e06244bee365124b6d33e8ad91bd329bad798991ab646677bb"),
    (168, 9, 4, "a163f4a555c6f00f72ae54c7f1400c09ac787bb75d439bc5913dcff288784039"),
    (168, 9, 5, "0b87b1cfd899c86e43ac084286f6cc90a62625e9d8b47ab6e6fa5e6c78150cf7"),
    (168, 9, 6, "de5d23a76a5c23909cfe4894683480ef864911a160173ffdc10ed1de1418333f"),
    (168, 9, 7, "4d3ecd4444648e27a6e1179f5429a8a6583f84e241db863ade789a4bbb18cca2"),
    (200, 10, 0, "aeed5b43d0b3a7d0e7c199d524e51048794708ccfb77c6e4277afc89e24d47fa"),
    (200, 10, 1, "7b5210d6e7823e3bf23de5d797d556f33e0c651b1c51ee924792d61c70e6cb75"),
    (200, 10, 2, "ba7918bfdc289967ecfc592c0901e9bd5ac92d9429d34616726525057a5ae3ff"),
    (200, 10, 3, "eb18dd090def2ffa4c84f6cab632c6189f1a41dcd5e5be5972e7c23d39ee4e13"),
    (200, 10, 4, "4784f01bca38ec77e5537c1f8b2b8530ecae43ad2bbba21a69c0dacc9be73387"),
    (200, 10, 5, "51d1849e2fe97a60555eb82ba9ec2f75df6e91fd339f3e07635dfdad809547ed"),
    (200, 10, 6, "579014807a0af916d36f53ec9de51f5b4f98e05857d483baff17639b2ae23c92"),
    (200, 10, 7, "d25c3f70807694d422b03b859e5bfbd1040e495b42966547650b5e152316c051"),
    ]

    @Test("every mask of every size matches the reference encoder, module for module", arguments: reference)
    func matchesTheReference(length: Int, version: Int, mask: Int, digest: String) throws {
        let text = try #require(Self.texts.first { $0.utf8.count == length })
        let code = try #require(QRCode(text, mask: mask))
        #expect(code.version == version, "the smallest version that holds the text")
        let rows = (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "#" : "." }) + "\n" }.joined()
        #expect(SHA256.hash(data: Array(rows.utf8)).map { String(format: "%02x", $0) }.joined() == digest, "\(rows)")
    }

    @Test("the mask is chosen by the penalty rules; too long a text has no code; the SVG carries no style")
    func choosesAndDraws() throws {
        let code = try #require(QRCode(Self.texts[1]))
        #expect((0..<8).contains(code.mask))
        #expect(QRCode(String(repeating: "a", count: 214)) == nil, "version 10 at level M holds 213 bytes")
        let svg = code.svg(title: "Key for \"a.okafor\" <scan>")
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"))
        #expect(!svg.contains("style"), "the strict CSP forbids inline style")
        #expect(svg.contains("aria-label=\"Key for &quot;a.okafor&quot; &lt;scan&gt;\""))
    }
}
