import Foundation

/// The 70 countries of the demo network: ISO code, main language (ISO 639-1), time zone,
/// the capital where its National Central Bureau sits, and surnames for its investigators.
enum NetworkDemoCountries {
    struct Country {
        var code: String
        var language: String
        var timeZone: String
        var capital: String
        var surnames: [String]
        /// What the police unit's investigator works besides fugitive tracking, where the
        /// demo's story needs it (the README's search finds Spain's drug-trafficking officer).
        var policeSpecialty: Specialty? = nil

        /// A demo directory entry of this country: slot 0 at its National Central Bureau's
        /// fugitive desk, slot 1 in its police fugitive unit. Verified a year at a time.
        func investigator(
            named name: String, slot: Int, ordinal: Int, agencyID: UUID, verifiedAt: Date, visibility: Visibility
        ) -> NewInvestigator {
            // INTERPOL writes German as GER (ISO 639-2/B); it is stored as deu with the raw code kept.
            let main = language == "de" ? "GER" : language
            let rotating = Specialty.allCases[ordinal % Specialty.allCases.count]
            return NewInvestigator(
                latinName: name, agencyID: agencyID, country: code,
                role: slot == 0 ? "NCB fugitive desk officer" : "fugitive investigator",
                languages: main == "en" ? ["en"] : [main, "en"],
                specialties: [.fugitiveTracking, slot == 1 ? policeSpecialty ?? rotating : rotating],
                channels: [slot == 0
                    ? SecureChannel(kind: .i247, address: "NCB \(capital) / fugitives")
                    : SecureChannel(kind: .agencyMailbox, address: "fugitives@police.\(code.lowercased()).example")],
                timeZone: timeZone, availability: ordinal % 7 == 3 ? .limited : .available,
                verifiedBy: "NCB \(capital)", verifiedAt: verifiedAt,
                verificationExpiresAt: verifiedAt.addingTimeInterval(365 * 86_400), visibility: visibility)
        }
    }

    static let all: [Country] = [
        .init(code: "AR", language: "es", timeZone: "America/Argentina/Buenos_Aires", capital: "Buenos Aires", surnames: ["Fernández", "Gómez"]),
        .init(code: "AT", language: "de", timeZone: "Europe/Vienna", capital: "Vienna", surnames: ["Gruber", "Huber"]),
        .init(code: "AU", language: "en", timeZone: "Australia/Sydney", capital: "Canberra", surnames: ["Nguyen", "Walsh"]),
        .init(code: "BE", language: "nl", timeZone: "Europe/Brussels", capital: "Brussels", surnames: ["Peeters", "Dubois"]),
        .init(code: "BG", language: "bg", timeZone: "Europe/Sofia", capital: "Sofia", surnames: ["Ivanova", "Dimitrov"]),
        .init(code: "BR", language: "pt", timeZone: "America/Sao_Paulo", capital: "Brasília", surnames: ["Silva", "Souza"]),
        .init(code: "CA", language: "en", timeZone: "America/Toronto", capital: "Ottawa", surnames: ["Tremblay", "Roy"]),
        .init(code: "CH", language: "de", timeZone: "Europe/Zurich", capital: "Bern", surnames: ["Müller", "Rossi"]),
        .init(code: "CL", language: "es", timeZone: "America/Santiago", capital: "Santiago", surnames: ["Muñoz", "Rojas"]),
        .init(code: "CN", language: "zh", timeZone: "Asia/Shanghai", capital: "Beijing", surnames: ["Li", "Zhang"]),
        .init(code: "CO", language: "es", timeZone: "America/Bogota", capital: "Bogotá", surnames: ["Rodríguez", "Martínez"]),
        .init(code: "CZ", language: "cs", timeZone: "Europe/Prague", capital: "Prague", surnames: ["Novák", "Svoboda"]),
        .init(code: "DE", language: "de", timeZone: "Europe/Berlin", capital: "Wiesbaden", surnames: ["Schmidt", "Becker"]),
        .init(code: "DK", language: "da", timeZone: "Europe/Copenhagen", capital: "Copenhagen", surnames: ["Jensen", "Nielsen"]),
        .init(code: "DO", language: "es", timeZone: "America/Santo_Domingo", capital: "Santo Domingo", surnames: ["Pérez", "Reyes"]),
        .init(code: "DZ", language: "ar", timeZone: "Africa/Algiers", capital: "Algiers", surnames: ["Benali", "Haddad"]),
        .init(code: "EC", language: "es", timeZone: "America/Guayaquil", capital: "Quito", surnames: ["Vera", "Castro"]),
        .init(code: "EE", language: "et", timeZone: "Europe/Tallinn", capital: "Tallinn", surnames: ["Tamm", "Saar"]),
        .init(code: "EG", language: "ar", timeZone: "Africa/Cairo", capital: "Cairo", surnames: ["Hassan", "Mahmoud"]),
        .init(code: "ES", language: "es", timeZone: "Europe/Madrid", capital: "Madrid", surnames: ["García", "López"],
              policeSpecialty: .drugTrafficking),
        .init(code: "FI", language: "fi", timeZone: "Europe/Helsinki", capital: "Helsinki", surnames: ["Korhonen", "Virtanen"]),
        .init(code: "FR", language: "fr", timeZone: "Europe/Paris", capital: "Nanterre", surnames: ["Martin", "Bernard"]),
        .init(code: "GB", language: "en", timeZone: "Europe/London", capital: "Manchester", surnames: ["Smith", "Okafor"]),
        .init(code: "GH", language: "en", timeZone: "Africa/Accra", capital: "Accra", surnames: ["Mensah", "Owusu"]),
        .init(code: "GR", language: "el", timeZone: "Europe/Athens", capital: "Athens", surnames: ["Papadopoulos", "Nikolaou"]),
        .init(code: "GT", language: "es", timeZone: "America/Guatemala", capital: "Guatemala City", surnames: ["López", "Morales"]),
        .init(code: "HR", language: "hr", timeZone: "Europe/Zagreb", capital: "Zagreb", surnames: ["Horvat", "Kovačević"]),
        .init(code: "HU", language: "hu", timeZone: "Europe/Budapest", capital: "Budapest", surnames: ["Nagy", "Kovács"]),
        .init(code: "ID", language: "id", timeZone: "Asia/Jakarta", capital: "Jakarta", surnames: ["Santoso", "Wijaya"]),
        .init(code: "IE", language: "en", timeZone: "Europe/Dublin", capital: "Dublin", surnames: ["Murphy", "Kelly"]),
        .init(code: "IL", language: "he", timeZone: "Asia/Jerusalem", capital: "Jerusalem", surnames: ["Cohen", "Levi"]),
        .init(code: "IN", language: "hi", timeZone: "Asia/Kolkata", capital: "New Delhi", surnames: ["Sharma", "Patel"]),
        .init(code: "IT", language: "it", timeZone: "Europe/Rome", capital: "Rome", surnames: ["Russo", "Esposito"]),
        .init(code: "JM", language: "en", timeZone: "America/Jamaica", capital: "Kingston", surnames: ["Brown", "Campbell"]),
        .init(code: "JO", language: "ar", timeZone: "Asia/Amman", capital: "Amman", surnames: ["Al-Masri", "Khalil"]),
        .init(code: "JP", language: "ja", timeZone: "Asia/Tokyo", capital: "Tokyo", surnames: ["Sato", "Suzuki"]),
        .init(code: "KE", language: "sw", timeZone: "Africa/Nairobi", capital: "Nairobi", surnames: ["Otieno", "Kamau"]),
        .init(code: "KR", language: "ko", timeZone: "Asia/Seoul", capital: "Seoul", surnames: ["Kim", "Park"]),
        .init(code: "LT", language: "lt", timeZone: "Europe/Vilnius", capital: "Vilnius", surnames: ["Kazlauskas", "Petrauskas"]),
        .init(code: "LV", language: "lv", timeZone: "Europe/Riga", capital: "Riga", surnames: ["Bērziņš", "Kalniņš"]),
        .init(code: "MA", language: "ar", timeZone: "Africa/Casablanca", capital: "Rabat", surnames: ["El Amrani", "Benjelloun"]),
        .init(code: "MX", language: "es", timeZone: "America/Mexico_City", capital: "Mexico City", surnames: ["Hernández", "González"]),
        .init(code: "MY", language: "ms", timeZone: "Asia/Kuala_Lumpur", capital: "Kuala Lumpur", surnames: ["Abdullah", "Tan"]),
        .init(code: "NG", language: "en", timeZone: "Africa/Lagos", capital: "Abuja", surnames: ["Adeyemi", "Okoro"]),
        .init(code: "NL", language: "nl", timeZone: "Europe/Amsterdam", capital: "Zoetermeer", surnames: ["de Jong", "Jansen"]),
        .init(code: "NO", language: "no", timeZone: "Europe/Oslo", capital: "Oslo", surnames: ["Hansen", "Johansen"]),
        .init(code: "NZ", language: "en", timeZone: "Pacific/Auckland", capital: "Wellington", surnames: ["Wilson", "Ngata"]),
        .init(code: "PA", language: "es", timeZone: "America/Panama", capital: "Panama City", surnames: ["Batista", "Castillo"]),
        .init(code: "PE", language: "es", timeZone: "America/Lima", capital: "Lima", surnames: ["Quispe", "Flores"]),
        .init(code: "PH", language: "tl", timeZone: "Asia/Manila", capital: "Manila", surnames: ["Santos", "Reyes"]),
        .init(code: "PK", language: "ur", timeZone: "Asia/Karachi", capital: "Islamabad", surnames: ["Khan", "Hussain"]),
        .init(code: "PL", language: "pl", timeZone: "Europe/Warsaw", capital: "Warsaw", surnames: ["Nowak", "Kowalski"]),
        .init(code: "PT", language: "pt", timeZone: "Europe/Lisbon", capital: "Lisbon", surnames: ["Ferreira", "Costa"]),
        .init(code: "RO", language: "ro", timeZone: "Europe/Bucharest", capital: "Bucharest", surnames: ["Popescu", "Ionescu"]),
        .init(code: "RS", language: "sr", timeZone: "Europe/Belgrade", capital: "Belgrade", surnames: ["Jovanović", "Petrović"]),
        .init(code: "SA", language: "ar", timeZone: "Asia/Riyadh", capital: "Riyadh", surnames: ["Al-Qahtani", "Al-Harbi"]),
        .init(code: "SE", language: "sv", timeZone: "Europe/Stockholm", capital: "Stockholm", surnames: ["Andersson", "Lindqvist"]),
        .init(code: "SG", language: "en", timeZone: "Asia/Singapore", capital: "Singapore", surnames: ["Lim", "Ng"]),
        .init(code: "SI", language: "sl", timeZone: "Europe/Ljubljana", capital: "Ljubljana", surnames: ["Novak", "Horvat"]),
        .init(code: "SK", language: "sk", timeZone: "Europe/Bratislava", capital: "Bratislava", surnames: ["Horváth", "Kováč"]),
        .init(code: "SN", language: "fr", timeZone: "Africa/Dakar", capital: "Dakar", surnames: ["Diop", "Ndiaye"]),
        .init(code: "TH", language: "th", timeZone: "Asia/Bangkok", capital: "Bangkok", surnames: ["Srisuk", "Wongsa"]),
        .init(code: "TN", language: "ar", timeZone: "Africa/Tunis", capital: "Tunis", surnames: ["Trabelsi", "Gharbi"]),
        .init(code: "TR", language: "tr", timeZone: "Europe/Istanbul", capital: "Ankara", surnames: ["Yılmaz", "Kaya"]),
        .init(code: "UA", language: "uk", timeZone: "Europe/Kyiv", capital: "Kyiv", surnames: ["Shevchenko", "Bondarenko"]),
        .init(code: "US", language: "en", timeZone: "America/New_York", capital: "Washington", surnames: ["Johnson", "Ortiz"]),
        .init(code: "UY", language: "es", timeZone: "America/Montevideo", capital: "Montevideo", surnames: ["Pereira", "Suárez"]),
        .init(code: "VE", language: "es", timeZone: "America/Caracas", capital: "Caracas", surnames: ["Romero", "Blanco"]),
        .init(code: "VN", language: "vi", timeZone: "Asia/Ho_Chi_Minh", capital: "Hanoi", surnames: ["Tran", "Pham"]),
        .init(code: "ZA", language: "en", timeZone: "Africa/Johannesburg", capital: "Pretoria", surnames: ["Naidoo", "Dlamini"]),
    ]
}
