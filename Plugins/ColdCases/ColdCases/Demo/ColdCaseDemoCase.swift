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
    /// A demo person recorded as the victim (the title names them), on a few cases.
    let victim: Person?
    /// A demo person the reviews identify, on cases that reopen.
    let suspect: Person?
    let title: String

    init(index: Int, persons: [Person]) {
        self.index = index
        scenario = ColdCaseDemoScenario.forCase(index)
        agency = ColdCaseDemoSeeds.agencies[index % ColdCaseDemoSeeds.agencies.count]
        place = agency.places[(index / ColdCaseDemoSeeds.agencies.count) % agency.places.count]

        // The last third of the persons are victims (one case each), the rest suspects.
        let victimCount = persons.count / 3
        victim = index < victimCount ? persons[persons.count - 1 - index] : nil
        let suspects = persons.dropLast(victimCount)
        suspect = scenario.identifiesSuspect && !suspects.isEmpty ? suspects[suspects.startIndex + index % suspects.count] : nil

        let hasLimitation = victim == nil && index % 6 == 4
        category =
            victim != nil ? .homicide
            : hasLimitation ? ColdCaseDemoSeeds.limitedCategories[(index / 6) % ColdCaseDemoSeeds.limitedCategories.count]
            : ColdCaseDemoSeeds.categories[index % ColdCaseDemoSeeds.categories.count]
        // Victims who are demo persons died recently enough to have been adults.
        let year = victim != nil ? 2013 + index % 6 : 1978 + (index * 11) % 42
        let offenceDate = CalendarDate(year: year, month: 1 + (index * 5) % 12, day: 1 + (index * 11) % 28)
        attributes = ColdCaseAttributes(
            offenceCategory: category, offenceDate: offenceDate, offencePlace: place,
            wentColdOn: offenceDate.adding(days: 365 + (index % 3) * 300), jurisdiction: agency.country,
            limitationDate: hasLimitation
                ? try? CalendarDate(parsing: ColdCaseDemoSeeds.limitationDates[(index / 6) % ColdCaseDemoSeeds.limitationDates.count])
                : nil)

        let name = victim?.latinName ?? ColdCaseDemoSeeds.victims[index % ColdCaseDemoSeeds.victims.count]
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
