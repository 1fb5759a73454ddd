/// What a review found about a case's chances of being solved (NIJ prosecutor's notebook;
/// dna.gov "Case review—establish priorities").
public struct SolvabilityFactors: Sendable, Hashable, Codable {
    public var suspectIdentified: Bool
    /// DNA-suitable or other forensic evidence that can still be examined.
    public var forensicEvidenceAvailable: Bool
    public var witnessesAvailable: Bool
    public var victimFamilyContact: Bool
    /// A technique not available when the case went cold applies (e.g. touch DNA, genealogy).
    public var newTechniqueApplicable: Bool
    /// Prosecution is still possible: no limitation applies, or it has not run out.
    public var limitationOpen: Bool

    public init(
        suspectIdentified: Bool, forensicEvidenceAvailable: Bool, witnessesAvailable: Bool = false,
        victimFamilyContact: Bool = false, newTechniqueApplicable: Bool = false, limitationOpen: Bool = true
    ) {
        self.suspectIdentified = suspectIdentified
        self.forensicEvidenceAvailable = forensicEvidenceAvailable
        self.witnessesAvailable = witnessesAvailable
        self.victimFamilyContact = victimFamilyContact
        self.newTechniqueApplicable = newTechniqueApplicable
        self.limitationOpen = limitationOpen
    }

    /// One factor, named as it is stored (`suspect_identified`, ...).
    public enum Factor: String, Sendable, Hashable, Codable, CaseIterable {
        case suspectIdentified = "suspect_identified"
        case forensicEvidenceAvailable = "forensic_evidence"
        case witnessesAvailable = "witnesses_available"
        case victimFamilyContact = "family_contact"
        case newTechniqueApplicable = "new_technique"
        case limitationOpen = "limitation_open"
    }

    public subscript(factor: Factor) -> Bool {
        switch factor {
        case .suspectIdentified: suspectIdentified
        case .forensicEvidenceAvailable: forensicEvidenceAvailable
        case .witnessesAvailable: witnessesAvailable
        case .victimFamilyContact: victimFamilyContact
        case .newTechniqueApplicable: newTechniqueApplicable
        case .limitationOpen: limitationOpen
        }
    }
}

/// Priority tiers for cold-case review (dna.gov "Case review—establish priorities").
///
/// Forensic evidence decides the tier and a suspect lifts it: tier 1 has both, tier 2 has
/// evidence but no suspect, tier 3 has no usable forensic evidence. A suspect without
/// evidence is outside the source's three tiers; it is ranked tier 3, where its score (a
/// suspect is worth the most points) puts it ahead of cases with neither.
public enum PriorityTier: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Known suspect and DNA-suitable (or other forensic) evidence.
    case one = 1
    /// No suspect, but DNA-suitable (or other forensic) evidence.
    case two = 2
    /// No usable forensic evidence.
    case three = 3

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A score out of 100 with the points each factor contributed, and the tier.
public struct SolvabilityAssessment: Sendable, Hashable, Codable {
    public var score: Int
    public var tier: PriorityTier
    /// Points per factor, keyed by ``SolvabilityFactors/Factor`` raw value; a factor that
    /// is absent contributes 0 and is listed with 0.
    public var points: [String: Int]
}

/// The scoring rules, in one place.
///
/// Weights (out of 100): a suspect and forensic evidence are what most often solve a cold
/// case and decide the tier, so they carry 30 each; witnesses still available 15; contact
/// with the victim or family 10; a newly applicable technique 10; the limitation still
/// open 5 (a case past its limitation can still be cleared, not prosecuted). Each review
/// stores the points it was scored with, so changing a weight never rewrites history.
public enum SolvabilityScoring {
    public static func weight(of factor: SolvabilityFactors.Factor) -> Int {
        switch factor {
        case .suspectIdentified: 30
        case .forensicEvidenceAvailable: 30
        case .witnessesAvailable: 15
        case .victimFamilyContact: 10
        case .newTechniqueApplicable: 10
        case .limitationOpen: 5
        }
    }

    public static func assess(_ factors: SolvabilityFactors) -> SolvabilityAssessment {
        var points: [String: Int] = [:]
        for factor in SolvabilityFactors.Factor.allCases {
            points[factor.rawValue] = factors[factor] ? weight(of: factor) : 0
        }
        let tier: PriorityTier =
            switch (factors.suspectIdentified, factors.forensicEvidenceAvailable) {
            case (true, true): .one
            case (false, true): .two
            default: .three
            }
        return SolvabilityAssessment(score: points.values.reduce(0, +), tier: tier, points: points)
    }
}
