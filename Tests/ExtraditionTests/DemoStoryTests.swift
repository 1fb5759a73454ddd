import DossierCore
@testable import Extradition
import Testing

/// The demo is what an evaluator sees first: its requests cite the requesting state's law.
@Suite struct DemoStoryTests {
    @Test func everyDemoRequestCitesTheRequestingStatesOwnLaw() throws {
        let scenarios = ExtraditionDemoScenario.all(today: CalendarDate(year: 2026, month: 3, day: 11))
        for scenario in scenarios {
            let offence = try #require(scenario.cited, "\(scenario.title): no statute of \(scenario.requestingState)")
            #expect(!offence.legalProvision.isEmpty && !offence.maximumPenalty.isEmpty)
        }
        // A French provision in a Spanish warrant was the mistake this guards against.
        let spanish = try #require(scenarios.first { $0.requestingState == "ES" }?.cited)
        #expect(spanish.legalProvision.hasPrefix("Código Penal arts. 368"))
        let ukrainian = try #require(scenarios.first { $0.requestingState == "UA" }?.cited)
        #expect(ukrainian.legalProvision.hasPrefix("Criminal Code of Ukraine"))
    }
}
