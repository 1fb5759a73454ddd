import DossierCore
import Foundation

/// One demo cold case, derived from its index alone: what to open, and what happens to it.
struct ColdCaseDemoCase {
    let index: Int
    let scenario: ColdCaseDemoScenario
    let agency: ColdCaseDemoSeeds.Agency
    let category: OffenceCategory
    let place: String
    let attributes: ColdCaseAttributes
    /// The victim recorded as a person (the title names them), on a few cases.
    let victim: NewPerson?
    /// The person the reviews identify, on cases that reopen: one per case.
    let suspect: NewPerson?
    let title: String

    init(index: Int) {
        self.index = index
        scenario = ColdCaseDemoScenario.forCase(index)
        agency = ColdCaseDemoSeeds.agencies[index % ColdCaseDemoSeeds.agencies.count]
        place = agency.places[(index / ColdCaseDemoSeeds.agencies.count) % agency.places.count]

        // The first few victims are recorded as persons; every suspect is one, in one case
        // only: the demo's fugitives belong to the extraditions, each person one story.
        let victimName = ColdCaseDemoSeeds.victims[index % ColdCaseDemoSeeds.victims.count]
        victim = index < ColdCaseDemoSeeds.victimPersons ? NewPerson(
            latinName: victimName, dateOfBirth: try? PartialDate(parsing: "\(1961 + index * 7)"), nationalities: [agency.country]) : nil
        let suspectNumber = (0..<index).filter { ColdCaseDemoScenario.forCase($0).identifiesSuspect }.count
        suspect = scenario.identifiesSuspect ? ColdCaseDemoSeeds.suspect(suspectNumber, country: agency.country) : nil

        let hasLimitation = victim == nil && index % 6 == 4
        category =
            victim != nil ? .homicide
            : hasLimitation ? ColdCaseDemoSeeds.limitedCategories[(index / 6) % ColdCaseDemoSeeds.limitedCategories.count]
            : ColdCaseDemoSeeds.categories[index % ColdCaseDemoSeeds.categories.count]
        // Victims who are demo persons died recently enough to have been adults. A case never
        // reviewed (a lead aside) went cold in 2025 (its first review was due 28 days later, so it is months
        // overdue, not decades), after a year or two of active investigation. Fixed dates: the
        // same request on every run, so `dossier demo` stays idempotent.
        let offenceDate: CalendarDate
        let wentColdOn: CalendarDate
        if scenario == .neverReviewed || scenario == .boostedByLead {
            wentColdOn = CalendarDate(year: 2025, month: 2, day: 1).adding(days: (index * 37) % 270)
            offenceDate = wentColdOn.adding(days: -(400 + (index % 3) * 250))
        } else {
            let year = victim != nil ? 2013 + index % 6 : 1978 + (index * 11) % 42
            offenceDate = CalendarDate(year: year, month: 1 + (index * 5) % 12, day: 1 + (index * 11) % 28)
            wentColdOn = offenceDate.adding(days: 365 + (index % 3) * 300)
        }
        let year = offenceDate.components.year
        attributes = ColdCaseAttributes(
            offenceCategory: category, offenceDate: offenceDate, offencePlace: place,
            wentColdOn: wentColdOn, jurisdiction: agency.country,
            limitationDate: hasLimitation
                ? try? CalendarDate(parsing: ColdCaseDemoSeeds.limitationDates[(index / 6) % ColdCaseDemoSeeds.limitationDates.count])
                : nil)

        let name = victimName
        title =
            switch category {
            case .homicide: "Murder of \(name), \(place) (\(year))"
            case .attemptedHomicide: "Attempted murder of \(name), \(place) (\(year))"
            case .missingPerson: "Disappearance of \(name), \(place) (\(year))"
            case .kidnapping: "Abduction of \(name), \(place) (\(year))"
            case .sexualOffence: "Stranger sexual assault, \(place) (\(year))"
            case .robbery: "Armed robbery of a cash van, \(place) (\(year))"
            case .arson: "Arson at a family home, \(place) (\(year))"
            case .other: "Unsolved offence, \(place) (\(year))"
            }
    }

    var newCase: NewCase {
        NewCase(
            module: ColdCases.moduleID, type: ColdCases.caseTypeName, title: title,
            summary: "Offence at \(place) on \(attributes.offenceDate); no viable line of enquiry left by \(attributes.wentColdOn).",
            priority: scenario.identifiesSuspect || scenario == .boostedByLead ? .high : .normal,
            classification: category == .sexualOffence ? .confidential : (category == .homicide ? .restricted : .official),
            owningAgency: agency.code, country: agency.country,
            attributes: (try? JSONValue(encoding: attributes)) ?? [:], tags: [category.rawValue, "demo"])
    }

    /// One to three exhibits, referenced by the exhibits officer's initials and a number.
    var exhibits: [NewEvidenceItem] {
        let initials = ["JS", "AO", "KM", "RH", "PD", "LW", "TB"][index % 7]
        return (0..<(1 + index % 3)).map { number in
            let exhibit = ColdCaseDemoSeeds.exhibits[(index * 5 + number * 7) % ColdCaseDemoSeeds.exhibits.count]
            return NewEvidenceItem(
                item: exhibit.item, exhibitReference: "\(initials)/\(number + 1)",
                storageLocation: "\(agency.code) property store, \(agency.places[0]), bay \(10 + (index + number) % 40)",
                condition: exhibit.condition, lastVerifiedOn: CalendarDate(year: 2025, month: 1 + (index + number) % 12, day: 15),
                forensicOpportunity: exhibit.forensicOpportunity, submissionStatus: exhibit.submission)
        }
    }

    /// What the demo's reviews find, by scenario.
    var reviewFactors: SolvabilityFactors {
        if scenario.identifiesSuspect {
            return SolvabilityFactors(
                suspectIdentified: true, forensicEvidenceAvailable: true, witnessesAvailable: index % 2 == 0,
                victimFamilyContact: true, newTechniqueApplicable: index % 3 == 0)
        }
        return SolvabilityFactors(
            suspectIdentified: false, forensicEvidenceAvailable: index % 2 == 0, witnessesAvailable: index % 3 == 0,
            victimFamilyContact: index % 4 != 3, newTechniqueApplicable: index % 5 == 0)
    }

    func lead(receivedAt: Date) -> NewLead {
        let (source, summary) = ColdCaseDemoSeeds.leadSources[index % ColdCaseDemoSeeds.leadSources.count]
        return NewLead(source: source, receivedAt: receivedAt, summary: summary, assignedTo: "a.okafor")
    }
}
