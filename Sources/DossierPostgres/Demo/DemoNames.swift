import Foundation

/// Generated names for large demo sets: given names and surnames from many languages,
/// combined deterministically, with the spellings and machine-readable forms real
/// records carry (DOMAIN.md §6).
public enum DemoNames {
    static let given = [
        "Ahmed", "Aleksandr", "Ali", "Amina", "Ana", "Andrea", "Anna", "Antonio", "Aylin", "Carlos", "Chen", "Daniel",
        "David", "Dmitrii", "Elena", "Emre", "Fatima", "Francesca", "Giorgos", "Hana", "Hassan", "Ibrahim", "Ioana",
        "Ivan", "Jan", "Javier", "Jean", "José", "Juan", "Julia", "Kenji", "Kwame", "Lars", "Laura", "Leila", "Li",
        "Lucía", "Luis", "Marco", "Maria", "Mariam", "Marek", "Mehmet", "Mihai", "Min-jun", "Mohammed", "Nadia",
        "Nikola", "Nour", "Olena", "Omar", "Pavel", "Pedro", "Piotr", "Priya", "Rahul", "Rania", "Samir", "Sara",
        "Sergei", "Sofia", "Stefan", "Tomás", "Wei", "Yasmin", "Yusuf", "Zeynep", "Zoran", "Bogdan", "Chiara",
    ]
    static let surnames = [
        "Abdullah", "Adeyemi", "Ahmadi", "Alvarez", "Andersen", "Babić", "Bauer", "Bianchi", "Boateng", "Castro",
        "Chen", "Costa", "Demir", "Diallo", "Dimitrov", "Dubois", "Fernández", "Fischer", "García", "Georgiou",
        "Gómez", "González", "Haddad", "Hansen", "Hernández", "Horvat", "Hoxha", "Ibrahim", "Ivanov", "Jansen",
        "Jovanović", "Kaya", "Khan", "Kim", "Kovačević", "Kovalenko", "Kowalski", "Kuznetsov", "Larsen", "Lee",
        "Li", "López", "Mansour", "Marković", "Martin", "Martínez", "Mensah", "Moreau", "Müller", "Nagy", "Nguyen",
        "Nielsen", "Novak", "Nowak", "O'Connor", "Okafor", "Öztürk", "Papadopoulos", "Park", "Pereira", "Petrović",
        "Popescu", "Popov", "Rahman", "Reid", "Rodríguez", "Romano", "Rossi", "Said", "Santos", "Schmidt", "Schneider",
        "Silva", "Smirnov", "Sokolov", "Suzuki", "Szabó", "Tanaka", "Wang", "Weber", "Wójcik", "Yilmaz", "Zhang",
    ]

    /// The `index`-th generated name as given name and surname. Every combination comes
    /// once before any repeats with a middle initial.
    public static func name(_ index: Int) -> (given: String, surname: String) {
        let combinations = given.count * surnames.count
        let within = index % combinations
        let round = index / combinations
        var given = given[within % given.count]
        if round > 0 {
            let letters = Array("ABCDEFGHIJKLMNOPRSTVWZ")
            given += " \(letters[(round - 1) % letters.count])."
        }
        return (given, surnames[(within / self.given.count + within) % surnames.count])
    }

    /// A spelling variant a clerk or another alphabet's transliteration produces.
    public static func variant(of name: String) -> String {
        let plain = ascii(name)
        let swaps = [("ph", "f"), ("y", "i"), ("ck", "k"), ("ov", "ow"), ("ez", "es"), ("kh", "h"), ("ou", "u"), ("ch", "tch")]
        for (from, to) in swaps where plain.contains(from) { return plain.replacingOccurrences(of: from, with: to) }
        return plain == name ? plain + "e" : plain
    }

    /// The passport machine-readable zone form: `SURNAME<<GIVEN`.
    public static func machineReadable(given: String, surname: String) -> String {
        func field(_ text: String) -> String {
            String(ascii(text).uppercased().map { $0.isLetter ? $0 : "<" })
        }
        return field(surname) + "<<" + field(given)
    }

    /// The name without accents (as the folding in `unaccent` leaves it).
    public static func ascii(_ text: String) -> String {
        text.folding(options: .diacriticInsensitive, locale: nil).replacingOccurrences(of: "'", with: "")
    }
}
