import ColdCases
import Testing

@Suite struct ScoringTests {
    /// (suspect, forensic, witnesses, family, technique, limitation open) → score, tier.
    @Test(arguments: [
        ((true, true, true, true, true, true), 100, PriorityTier.one),
        ((true, true, false, false, false, false), 60, .one),
        ((true, true, false, false, false, true), 65, .one),
        ((false, true, true, false, false, true), 50, .two),
        ((false, true, false, false, false, false), 30, .two),
        ((false, true, true, true, true, true), 70, .two),
        ((true, false, true, true, false, true), 60, .three),
        ((false, false, true, true, true, true), 40, .three),
        ((false, false, false, false, false, false), 0, .three),
        ((false, false, false, false, false, true), 5, .three),
    ] as [((Bool, Bool, Bool, Bool, Bool, Bool), Int, PriorityTier)])
    func factorsGiveScoreAndTier(factors: (Bool, Bool, Bool, Bool, Bool, Bool), score: Int, tier: PriorityTier) {
        let assessment = SolvabilityScoring.assess(SolvabilityFactors(
            suspectIdentified: factors.0, forensicEvidenceAvailable: factors.1, witnessesAvailable: factors.2,
            victimFamilyContact: factors.3, newTechniqueApplicable: factors.4, limitationOpen: factors.5))
        #expect(assessment.score == score)
        #expect(assessment.tier == tier)
        // The score is exactly the sum of the points shown per factor.
        #expect(assessment.points.values.reduce(0, +) == score)
        #expect(Set(assessment.points.keys) == Set(SolvabilityFactors.Factor.allCases.map(\.rawValue)))
    }

    @Test func weightsAddUpToOneHundred() {
        #expect(SolvabilityFactors.Factor.allCases.map(SolvabilityScoring.weight(of:)).reduce(0, +) == 100)
    }
}
