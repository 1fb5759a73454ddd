import DossierCore

/// The raw material of the demo cold cases: agencies, places, victims, exhibits.
///
/// Every value is fixed (no "today"), so the cases opened are the same request on every
/// run and `dossier demo` stays idempotent.
enum ColdCaseDemoSeeds {
    struct Agency {
        var code: String
        var country: String
        var places: [String]
    }

    static let agencies: [Agency] = [
        Agency(code: "MET", country: "GB", places: ["Lambeth, London", "Hackney, London", "Croydon, London"]),
        Agency(code: "WYP", country: "GB", places: ["Bradford", "Leeds", "Huddersfield"]),
        Agency(code: "PSNI", country: "GB", places: ["Belfast", "Newry"]),
        Agency(code: "NYPD", country: "US", places: ["Bronx, New York", "Brooklyn, New York", "Queens, New York"]),
        Agency(code: "LAPD", country: "US", places: ["Van Nuys, Los Angeles", "South Los Angeles"]),
        Agency(code: "LKA-BE", country: "DE", places: ["Berlin-Neukölln", "Berlin-Spandau"]),
        Agency(code: "POLITIE", country: "NL", places: ["Rotterdam", "Utrecht"]),
        Agency(code: "JCF", country: "JM", places: ["Kingston", "Spanish Town"]),
        Agency(code: "NSWPF", country: "AU", places: ["Parramatta, Sydney", "Newcastle"]),
        Agency(code: "GARDA", country: "IE", places: ["Dublin", "Limerick"]),
    ]

    /// Offences most cold-case units carry; homicide dominates.
    static let categories: [OffenceCategory] = [
        .homicide, .homicide, .missingPerson, .homicide, .sexualOffence, .attemptedHomicide, .homicide,
    ]

    /// Offences a statute of limitations can still bar, on the cases that carry a date.
    static let limitedCategories: [OffenceCategory] = [.robbery, .arson, .kidnapping, .attemptedHomicide]

    /// Limitation dates spread over the next years (fixed, see above).
    static let limitationDates = ["2026-12-18", "2027-02-26", "2027-05-14", "2027-08-31", "2028-01-15", "2029-06-30"]

    /// How many of the first cases record their victim as a person (the others name them in
    /// the title only).
    static let victimPersons = 4

    /// Fictional suspects, one per case whose review names someone: given and family names
    /// paired so that no two cases share a suspect.
    static func suspect(_ number: Int, country: String) -> NewPerson {
        let given = ["Wayne", "Craig", "Dean", "Lee", "Darren", "Gavin", "Shaun", "Neil", "Keith", "Barry", "Colin", "Trevor"]
        let family = ["Hollis", "Pratt", "Kerr", "Doyle", "Fenwick", "Maddox", "Rourke", "Sutcliffe", "Garside", "Lomax", "Tranter", "Winstanley", "Bracewell"]
        return NewPerson(
            latinName: "\(given[number % given.count]) \(family[number % family.count])",
            dateOfBirth: try? PartialDate(parsing: "\(1950 + (number * 7) % 30)"), sex: .male, nationalities: [country])
    }

    /// Fictional victims, for titles.
    static let victims = [
        "Helen Price", "Darnell Brooks", "Siobhan Keane", "Pieter de Vries", "Marcia Campbell", "Tomasz Nowak",
        "Aisha Rahman", "Gary Whitfield", "Lucía Moreno", "Klaus Becker", "Joy Okonkwo", "Sean Gallagher",
        "Rita Fernandes", "Paul Lindqvist", "Nadia Haddad", "Wayne Thompson", "Ingrid Jansen", "Devon Clarke",
        "Mei Lin", "Brian Mulholland", "Yasmin Ali", "Jürgen Hoffmann", "Tanya Reid", "Colm Brennan",
    ]

    struct Exhibit {
        var item: String
        var condition: EvidenceCondition
        var forensicOpportunity: String
        var submission: SubmissionStatus
    }

    static let exhibits: [Exhibit] = [
        Exhibit(item: "Cigarette end from the scene", condition: .good, forensicOpportunity: "touch DNA (DNA-17)", submission: .notSubmitted),
        Exhibit(item: "Victim's clothing (blouse)", condition: .degraded, forensicOpportunity: "Y-STR on stained areas", submission: .notSubmitted),
        Exhibit(item: "Ligature", condition: .good, forensicOpportunity: "touch DNA on knots", submission: .submitted),
        Exhibit(item: "Fingerprint lift cards", condition: .good, forensicOpportunity: "re-search against the current AFIS", submission: .notSubmitted),
        Exhibit(item: "Kitchen knife", condition: .poor, forensicOpportunity: "", submission: .notSuitable),
        Exhibit(item: "Hair from the passenger seat", condition: .degraded, forensicOpportunity: "investigative genetic genealogy", submission: .notSubmitted),
        Exhibit(item: "Handwritten letter and envelope", condition: .good, forensicOpportunity: "DNA on the envelope flap; indented writing (ESDA)", submission: .notSubmitted),
        Exhibit(item: "Tyre-mark casts", condition: .good, forensicOpportunity: "", submission: .resultsReceived),
        Exhibit(item: "CCTV tape (VHS)", condition: .degraded, forensicOpportunity: "digital enhancement", submission: .notSubmitted),
        Exhibit(item: "Sexual assault kit", condition: .good, forensicOpportunity: "STR profile for a database search", submission: .submitted),
        Exhibit(item: "Shell casings (9 mm)", condition: .good, forensicOpportunity: "ballistics database search", submission: .notSubmitted),
        Exhibit(item: "Fire debris samples", condition: .destroyed, forensicOpportunity: "", submission: .notSuitable),
    ]

    static let leadSources = [
        ("National DNA database hit", "Partial profile from the scene matches a man arrested for burglary in 2019"),
        ("Crimestoppers", "Anonymous caller names the driver of the car seen that night"),
        ("Prison informant", "A cellmate says the suspect described the scene in detail"),
        ("Family liaison", "The victim's sister has found letters naming a former partner"),
        ("Forensic genealogy", "Genealogy search narrows the donor to one family of four brothers"),
    ]

    static let administrativeClosures = [
        "the coroner found the death natural; no offence was committed",
        "merged into the investigation of a linked series",
        "the victim was found alive and well; no offence was committed",
    ]

    /// NIBRS codes with a reason each, for exceptional clearances.
    static let exceptionalClearances = [
        ("A", "the offender identified by DNA died in 2011"),
        ("C", "the offender is serving a life sentence abroad and extradition was refused"),
        ("B", "the prosecutor declined: the only witness has since died"),
        ("D", "the victim declined to support a prosecution"),
        ("E", "the offender was a juvenile, dealt with outside the courts"),
    ]
}
