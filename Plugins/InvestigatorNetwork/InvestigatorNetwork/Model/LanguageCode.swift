public import DossierCore
import Foundation

/// ISO 639 language codes, normalised to the three-letter ISO 639-2/T (terminology) code,
/// which is generally preferred; the raw code is kept beside it (DOMAIN.md §6).
///
/// Accepted: ISO 639-1 (`de`), 639-2/T (`deu`), 639-2/B (`ger`), in any case, so INTERPOL's
/// `GER` becomes `deu`.
public enum LanguageCode {
    /// 639-2/B codes that differ from the T code, and the T code each stands for.
    public static let bibliographicToTerminology: [String: String] = [
        "alb": "sqi", "arm": "hye", "baq": "eus", "bur": "mya", "chi": "zho", "cze": "ces", "dut": "nld", "fre": "fra",
        "geo": "kat", "ger": "deu", "gre": "ell", "ice": "isl", "mac": "mkd", "mao": "mri", "may": "msa", "per": "fas",
        "rum": "ron", "slo": "slk", "tib": "bod", "wel": "cym", "scc": "srp", "scr": "hrv",
    ]

    /// ISO 639-1 codes and the 639-2/T code each stands for.
    public static let twoLetterToTerminology: [String: String] = [
        "af": "afr", "am": "amh", "ar": "ara", "az": "aze", "be": "bel", "bg": "bul", "bn": "ben", "bo": "bod", "bs": "bos",
        "ca": "cat", "cs": "ces", "cy": "cym", "da": "dan", "de": "deu", "el": "ell", "en": "eng", "es": "spa", "et": "est",
        "eu": "eus", "fa": "fas", "fi": "fin", "fr": "fra", "ga": "gle", "gl": "glg", "gu": "guj", "ha": "hau", "he": "heb",
        "hi": "hin", "hr": "hrv", "ht": "hat", "hu": "hun", "hy": "hye", "id": "ind", "ig": "ibo", "is": "isl", "it": "ita",
        "ja": "jpn", "ka": "kat", "kk": "kaz", "km": "khm", "ko": "kor", "ku": "kur", "ky": "kir", "lo": "lao", "lt": "lit",
        "lv": "lav", "mg": "mlg", "mi": "mri", "mk": "mkd", "ml": "mal", "mn": "mon", "mr": "mar", "ms": "msa", "mt": "mlt",
        "my": "mya", "ne": "nep", "nl": "nld", "no": "nor", "pa": "pan", "pl": "pol", "ps": "pus", "pt": "por", "qu": "que",
        "ro": "ron", "ru": "rus", "rw": "kin", "si": "sin", "sk": "slk", "sl": "slv", "so": "som", "sq": "sqi", "sr": "srp",
        "sv": "swe", "sw": "swa", "ta": "tam", "te": "tel", "tg": "tgk", "th": "tha", "ti": "tir", "tk": "tuk", "tl": "tgl",
        "tr": "tur", "uk": "ukr", "ur": "urd", "uz": "uzb", "vi": "vie", "wo": "wol", "xh": "xho", "yo": "yor", "zh": "zho",
        "zu": "zul",
    ]

    /// The 639-2/T codes this directory knows.
    public static let terminologyCodes: Set<String> = Set(twoLetterToTerminology.values)

    /// The 639-2/T code for `raw`, or an error naming the code and what is accepted.
    public static func normalise(_ raw: String, field: String = "language") throws(DossierError) -> String {
        let code = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if let terminology = twoLetterToTerminology[code] ?? bibliographicToTerminology[code] { return terminology }
        if terminologyCodes.contains(code) { return code }
        throw .invalidInput(
            "\(field) '\(raw)' is not a known ISO 639 code; use ISO 639-1 (de) or ISO 639-2 (deu or ger)")
    }
}
