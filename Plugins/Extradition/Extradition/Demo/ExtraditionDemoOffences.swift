/// The demo's offences, each cited from the requesting state's own law: a Ukrainian request
/// cites the Ukrainian Criminal Code, a Spanish warrant the Spanish Código Penal. The
/// penalty is the provision's maximum as its text states it. Illustrative, for the demo.
enum ExtraditionDemoOffence: CaseIterable {
    case fraud, drugs, homicide, trafficking

    var description: String {
        switch self {
        case .fraud: "Investment fraud: 212 investors defrauded of the equivalent of USD 14 million through a Ponzi scheme"
        case .drugs: "Importation of 340 kg of cocaine concealed in a container of bananas"
        case .homicide: "Murder of a shop owner during a robbery"
        case .trafficking: "Trafficking in human beings for sexual exploitation"
        }
    }

    /// The provision and its maximum penalty, by requesting state (ISO 3166-1 alpha-2).
    var statutes: [String: (provision: String, maximum: String)] {
        switch self {
        case .fraud: [
            "US": ("18 U.S.C. §1343 (wire fraud)", "20 years' imprisonment"),
            "UA": ("Criminal Code of Ukraine Art. 190(4) (fraud on an especially large scale)", "12 years' imprisonment"),
            "IN": ("Bharatiya Nyaya Sanhita 2023 s.318(4) (cheating; formerly IPC s.420)", "7 years' imprisonment"),
            "RU": ("Criminal Code of the Russian Federation Art. 159(4) (fraud on an especially large scale)", "10 years' imprisonment"),
            "GR": ("Penal Code Art. 386(3) (fraud causing damage above EUR 120,000)", "10 years' imprisonment"),
            "CN": ("Criminal Law of the People's Republic of China Art. 266 (fraud, especially large amount)", "life imprisonment"),
        ]
        case .drugs: [
            "US": ("21 U.S.C. §§952, 960(b)(1)(B) (importation of 5 kg or more of cocaine)", "life imprisonment"),
            "ES": ("Código Penal arts. 368 and 369.1.5ª (drug trafficking, quantity of notorious importance)", "9 years' imprisonment"),
            "CO": ("Código Penal (Ley 599 de 2000) art. 376 (drug trafficking)", "30 years' imprisonment"),
            "IE": ("Misuse of Drugs Act 1977 s.15A (possession for sale or supply, value EUR 13,000 or more)", "life imprisonment"),
            "AT": ("Suchtmittelgesetz § 28a(4) (trafficking in 25 times the threshold quantity)", "15 years' imprisonment"),
            "MA": ("Dahir no. 1-73-282 of 21 May 1974 art. 2 (drug trafficking)", "10 years' imprisonment"),
        ]
        case .homicide: [
            "RS": ("Krivični zakonik (Criminal Code) Art. 114 (aggravated murder)", "life imprisonment"),
            // Capital murder: the United Kingdom extradites only on an assurance that death will
            // not be imposed (Extradition Act 2003 s.94).
            "JM": ("Offences Against the Person Act s.2 (murder in the course of a robbery)", "death or life imprisonment"),
            "GR": ("Penal Code Art. 299(1) (intentional homicide)", "life imprisonment"),
            "MA": ("Code pénal art. 392 (meurtre)", "life imprisonment"),
            "AT": ("Strafgesetzbuch § 75 (Mord)", "life imprisonment"),
        ]
        case .trafficking: [
            "PL": ("Kodeks karny Art. 189a § 1 (trafficking in human beings)", "15 years' imprisonment"),
        ]
        }
    }

    /// The offence as a request from `requestingState` describes it, or nil when the demo has
    /// no statute of that state for it (a test checks every scenario has one).
    func offence(requestedBy requestingState: String) -> Offence? {
        statutes[requestingState].map { Offence(description: description, legalProvision: $0.provision, maximumPenalty: $0.maximum) }
    }
}
