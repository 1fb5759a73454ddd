import DossierCore

/// Persons for the demo: names in their original scripts with the Latin forms, MRZ forms
/// and other spellings that real records carry (DOMAIN.md §6).
enum DemoPersons {
    struct Seed {
        var original: String?
        var latin: String
        var aliases: [(String, PersonAlias.Kind, String)]
        var born: String
        var sex: Sex
        var nationality: String
        var redNotice: String?
    }

    /// The fugitives, one per demo extradition and in the same order (the extradition demo
    /// takes the n-th person for its n-th case), so each person has one story: the state
    /// that wants them, their arrest and their hearing. Cold cases bring their own victims
    /// and suspects.
    static let seeds: [Seed] = [
        Seed(original: "Дмитрий Иванов", latin: "Dmitrii Ivanov", aliases: [("Dmitry Ivanov", .transliteration, "Red Notice"), ("DMITRII<<IVANOV", .mrz, "passport"), ("Dima", .alias, "informant report")], born: "1978-04-12", sex: .male, nationality: "RU", redNotice: "2019/31245"),
        Seed(original: nil, latin: "Krzysztof Nowak", aliases: [("Kristof Novak", .spelling, "German police record"), ("NOWAK<<KRZYSZTOF", .mrz, "passport")], born: "1984-05-19", sex: .male, nationality: "PL", redNotice: nil),
        Seed(original: "Јован Петровић", latin: "Jovan Petrović", aliases: [("Jovan Petrovic", .spelling, "Schengen record"), ("Yovan Petrovich", .transliteration, "English-language report")], born: "1975", sex: .male, nationality: "RS", redNotice: nil),
        Seed(original: "Олена Коваленко", latin: "Olena Kovalenko", aliases: [("Elena Kovalenko", .transliteration, "Russian-language record"), ("OLENA<<KOVALENKO", .mrz, "passport")], born: "1992-09-17", sex: .female, nationality: "UA", redNotice: nil),
        Seed(original: nil, latin: "Marlon Reid", aliases: [("Dons Reid", .alias, "JCF intelligence"), ("Marlon O. Reid", .spelling, "warrant")], born: "1985-07-03", sex: .male, nationality: "JM", redNotice: "2022/40417"),
        Seed(original: nil, latin: "Agnieszka Wójcik", aliases: [("Agnieszka Wojcik", .spelling, "Schengen record"), ("WOJCIK<<AGNIESZKA", .mrz, "identity card")], born: "1990-02-11", sex: .female, nationality: "PL", redNotice: nil),
        Seed(original: nil, latin: "Javier Morales Ruiz", aliases: [("Javier Morales", .spelling, "French police record"), ("MORALES<RUIZ<<JAVIER", .mrz, "identity card")], born: "1979-08-03", sex: .male, nationality: "ES", redNotice: nil),
        Seed(original: nil, latin: "Ana Lucía Fernández", aliases: [("Ana Lucia Fernandez", .spelling, "airline manifest"), ("FERNANDEZ<<ANA<LUCIA", .mrz, "passport")], born: "1988-01", sex: .female, nationality: "CO", redNotice: "2020/7761"),
        Seed(original: "राजेश कुमार शर्मा", latin: "Rajesh Kumar Sharma", aliases: [("Rajesh K. Sharma", .spelling, "bank record"), ("SHARMA<<RAJESH<KUMAR", .mrz, "passport")], born: "1972-12-05", sex: .male, nationality: "IN", redNotice: "2023/18840"),
        Seed(original: nil, latin: "Kwame Mensah", aliases: [("K. Mensah", .alias, "phone subscriber record")], born: "1979-12-01", sex: .male, nationality: "GH", redNotice: nil),
        Seed(original: nil, latin: "Andre Campbell", aliases: [("Dre", .alias, "JCF intelligence"), ("Andre O'Neil Campbell", .spelling, "warrant")], born: "1991-06-14", sex: .male, nationality: "JM", redNotice: "2022/51377"),
        Seed(original: nil, latin: "Luis Alberto Ortega", aliases: [("Luis Ortega", .spelling, "DEA record"), ("ORTEGA<<LUIS<ALBERTO", .mrz, "passport")], born: "1976-03-22", sex: .male, nationality: "MX", redNotice: "2020/30118"),
        Seed(original: "Ахмед Кадыров", latin: "Akhmed Kadyrov", aliases: [("Ahmed Kadirov", .transliteration, "Turkish record"), ("Achmed Kadyrow", .transliteration, "German record")], born: "1983-06-30", sex: .male, nationality: "RU", redNotice: "2018/22901"),
        Seed(original: "Γεώργιος Παπαδόπουλος", latin: "Georgios Papadopoulos", aliases: [("George Papadopoulos", .spelling, "bank record"), ("Giorgos Papadopoulos", .transliteration, "ELOT 743")], born: "1969-02-28", sex: .male, nationality: "GR", redNotice: nil),
        Seed(original: nil, latin: "Liam O'Connor", aliases: [("Liam OConnor", .spelling, "ferry manifest"), ("O<CONNOR<<LIAM", .mrz, "passport")], born: "1987-10-21", sex: .male, nationality: "IE", redNotice: nil),
        Seed(original: "Νικόλαος Αντωνίου", latin: "Nikolaos Antoniou", aliases: [("Nikos Antoniou", .alias, "bank record"), ("Nickolas Antoniou", .spelling, "UK company register")], born: "1966-09-30", sex: .male, nationality: "GR", redNotice: nil),
        Seed(original: nil, latin: "Markus Hofer", aliases: [("HOFER<<MARKUS", .mrz, "passport")], born: "1983-04-08", sex: .male, nationality: "AT", redNotice: nil),
        Seed(original: "فاطمة الزهراء", latin: "Fatima Al-Zahra", aliases: [("Fatma Elzahraa", .spelling, "residence permit"), ("Fatemeh Zahra", .transliteration, "Persian-language record")], born: "1995-03-08", sex: .female, nationality: "MA", redNotice: nil),
        Seed(original: "يوسف العمراني", latin: "Youssef El Amrani", aliases: [("Youssef Elamrani", .spelling, "French residence permit"), ("Yusuf al-Amrani", .transliteration, "English-language report")], born: "1986-01-17", sex: .male, nationality: "MA", redNotice: "2024/10552"),
        Seed(original: "Сергей Волков", latin: "Sergei Volkov", aliases: [("Sergey Volkov", .transliteration, "German record"), ("Siergiej Wołkow", .transliteration, "Polish record")], born: "1969-07-07", sex: .male, nationality: "RU", redNotice: nil),
        Seed(original: "王伟", latin: "Wang Wei", aliases: [("Wei Wang", .spelling, "hotel register"), ("WANG<<WEI", .mrz, "passport")], born: "1990-11", sex: .male, nationality: "CN", redNotice: nil),
        Seed(original: nil, latin: "Paweł Kamiński", aliases: [("Pawel Kaminski", .spelling, "airline manifest")], born: "1981-10-29", sex: .male, nationality: "PL", redNotice: nil),
        Seed(original: "محمد عبد الله", latin: "Mohammed Abdullah", aliases: [("Muhammad Abdallah", .spelling, "visa application"), ("Mohamed Abdalla", .spelling, "court record"), ("MOHAMMED<<ABDULLAH", .mrz, "passport")], born: "1981", sex: .male, nationality: "EG", redNotice: "2021/11873"),
        Seed(original: nil, latin: "Stefan Brandner", aliases: [("BRANDNER<<STEFAN", .mrz, "passport")], born: "1977-11-02", sex: .male, nationality: "AT", redNotice: nil),
    ]

    /// The `index`-th demo person; beyond the seeds, numbered variations of them.
    static func person(_ index: Int) -> NewPerson {
        let seed = seeds[index % seeds.count]
        let round = index / seeds.count
        let suffix = round == 0 ? "" : " \(round + 1)"
        return NewPerson(
            originalScriptName: seed.original.map { $0 + suffix }, latinName: seed.latin + suffix,
            aliases: seed.aliases.map { PersonAlias(name: $0.0 + suffix, kind: $0.1, source: $0.2) },
            dateOfBirth: try? PartialDate(parsing: seed.born), sex: seed.sex, nationalities: [seed.nationality],
            notices: round == 0 ? seed.redNotice.map { [Notice(kind: .red, id: $0)] } ?? [] : [])
    }
}
