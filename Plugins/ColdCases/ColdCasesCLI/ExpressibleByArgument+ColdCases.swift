import ColdCases
public import ArgumentParser

extension ReviewType: ExpressibleByArgument {}
extension ReviewDecision: ExpressibleByArgument {}
extension EvidenceCondition: ExpressibleByArgument {}
extension SubmissionStatus: ExpressibleByArgument {}
