import DossierCore
import Foundation

/// One demo extradition: its instrument and states, and the steps it has gone through,
/// each dated so many days (or hours) ago, so its deadlines are running or overdue.
struct ExtraditionDemoScenario {
    typealias Name = ExtraditionWorkflow.TransitionName

    struct Step {
        var transition: String
        var daysAgo: Double
        var inputs: [String: JSONValue] = [:]
    }

    var title: String
    var instrument: String
    var requestingState: String
    var requestedState: String
    var offence: ExtraditionDemoOffence
    var steps: [Step]

    static let fraud = ExtraditionDemoOffence.fraud
    static let drugs = ExtraditionDemoOffence.drugs
    static let homicide = ExtraditionDemoOffence.homicide
    static let trafficking = ExtraditionDemoOffence.trafficking

    /// The offence with the requesting state's own provision.
    var cited: Offence? { offence.offence(requestedBy: requestingState) }

    static func step(_ transition: String, _ daysAgo: Double, _ inputs: [String: JSONValue] = [:]) -> Step {
        Step(transition: transition, daysAgo: daysAgo, inputs: inputs)
    }

    /// The path to each demo state, shortest first; hearing and surrender dates fall around `today`.
    static func all(today: CalendarDate) -> [ExtraditionDemoScenario] {
        let located = [step(Name.locate, 60)]
        let eceArrest = located + [step(Name.provisionallyArrest, 30)]
        let eceRequest = eceArrest + [step(Name.receiveRequest, 20)]
        let eceHearing = eceRequest + [
            step(Name.beginCentralReview, 18),
            step(Name.scheduleHearing, 17, ["hearing_on": .string(today.adding(days: -5).description)]),
        ]
        let eceDecision = eceHearing + [step(Name.findExtraditable, 5)]
        let ukArrest = located + [step(Name.provisionallyArrest, 20)]
        let ukDecision = ukArrest + [
            step(Name.receiveRequest, 15), step(Name.beginCentralReview, 14),
            step(Name.scheduleHearing, 13, ["hearing_on": .string(today.adding(days: -4).description)]),
            step(Name.findExtraditable, 4),
        ]
        let eawArrest = located + [step(Name.arrestOnRequest, 25)]
        // ECE Art. 18(4) counts surrender from the date appointed for it, given with the order.
        let eceOrder: (Double, Int) -> Step = { daysAgo, appointedIn in
            step(Name.orderSurrender, daysAgo, [
                "appointed_date": .string(today.adding(days: Int(-daysAgo.rounded(.down)) + appointedIn).description),
            ])
        }
        let reason: (String) -> [String: JSONValue] = { ["reason": .string($0)] }
        return [
            .init(title: "Extradition of a fraud suspect sought by the US", instrument: "ece-1957", requestingState: "US",
                  requestedState: "FR", offence: fraud, steps: []),
            .init(title: "Trafficking suspect located in Germany", instrument: "eu-eaw-2002", requestingState: "PL",
                  requestedState: "DE", offence: trafficking, steps: located),
            .init(title: "Provisional arrest in Paris, request awaited", instrument: "ece-1957", requestingState: "RS",
                  requestedState: "FR", offence: homicide, steps: located + [step(Name.provisionallyArrest, 5)]),
            .init(title: "Provisional arrest past the 40-day limit", instrument: "ece-1957", requestingState: "UA",
                  requestedState: "DE", offence: fraud, steps: located + [step(Name.provisionallyArrest, 42)]),
            .init(title: "UK Part 2 arrest, request overdue", instrument: "uk-ea-2003-part-2", requestingState: "US",
                  requestedState: "GB", offence: fraud, steps: located + [step(Name.provisionallyArrest, 47)]),
            .init(title: "EAW arrest, decision pending", instrument: "eu-eaw-2002", requestingState: "PL",
                  requestedState: "DE", offence: trafficking, steps: eawArrest),
            .init(title: "EAW consent, decision overdue", instrument: "eu-eaw-2002", requestingState: "ES",
                  requestedState: "FR", offence: drugs, steps: eawArrest + [step(Name.recordConsent, 12)]),
            .init(title: "Request received from Colombia", instrument: "ece-1957", requestingState: "CO",
                  requestedState: "FR", offence: drugs, steps: eceRequest),
            .init(title: "Indian request under central review", instrument: "us-in-1997", requestingState: "IN",
                  requestedState: "US", offence: fraud,
                  steps: located + [step(Name.provisionallyArrest, 40), step(Name.receiveRequest, 25),
                                    step(Name.beginCentralReview, 20)]),
            .init(title: "Hearing listed at Westminster", instrument: "uk-ea-2003-part-2", requestingState: "US",
                  requestedState: "GB", offence: fraud, steps: ukArrest + [step(Name.receiveRequest, 15),
                      step(Name.beginCentralReview, 14),
                      step(Name.scheduleHearing, 13, ["hearing_on": .string(today.adding(days: 9).description)])]),
            .init(title: "Sent to the Secretary of State", instrument: "uk-ea-2003-part-2", requestingState: "JM",
                  requestedState: "GB", offence: homicide, steps: ukDecision),
            .init(title: "Secretary of State ordered extradition", instrument: "uk-ea-2003-part-2", requestingState: "US",
                  requestedState: "GB", offence: drugs, steps: ukDecision + [step(Name.approveByExecutive, 2)]),
            .init(title: "Appeal lodged at the High Court", instrument: "uk-ea-2003-part-2", requestingState: "RU",
                  requestedState: "GB", offence: fraud,
                  steps: ukDecision + [step(Name.approveByExecutive, 3),
                                       step(Name.lodgeAppeal, 1, ["appellant": "person"])]),
            .init(title: "Surrender ordered, date missed", instrument: "ece-1957", requestingState: "GR",
                  requestedState: "DE", offence: homicide, steps: located + [
                      step(Name.provisionallyArrest, 50), step(Name.receiveRequest, 45), step(Name.beginCentralReview, 44),
                      step(Name.scheduleHearing, 43, ["hearing_on": .string(today.adding(days: -30).description)]),
                      step(Name.findExtraditable, 25), eceOrder(20, 3),
                  ]),
            .init(title: "Surrender postponed by force majeure", instrument: "eu-eaw-2002", requestingState: "IE",
                  requestedState: "FR", offence: drugs,
                  steps: eawArrest + [step(Name.recordConsent, 20), step(Name.findExtraditable, 15),
                                      step(Name.orderSurrender, 12),
                                      step(Name.postponeSurrender, 1, [
                                          "ground": "force_majeure", "reason": "airport closed by strike",
                                          "agreed_date": .string(today.adding(days: 4).description),
                                      ])]),
            .init(title: "Surrendered to Greece", instrument: "ece-1957", requestingState: "GR", requestedState: "DE",
                  offence: fraud, steps: eceDecision + [eceOrder(4, 2), step(Name.surrender, 2)]),
            .init(title: "Acquitted after surrender: speciality running", instrument: "ece-1957", requestingState: "AT",
                  requestedState: "FR", offence: drugs,
                  steps: eceDecision + [eceOrder(4.5, 1), step(Name.surrender, 4),
                                        step(Name.recordFinalDischarge, 1)]),
            .init(title: "Released: request never came", instrument: "ece-1957", requestingState: "MA",
                  requestedState: "FR", offence: drugs,
                  steps: eceArrest + [step(Name.releaseOnTimeout, 2, reason("40 days elapsed without the request (ECE Art. 16(4))"))]),
            .init(title: "Re-arrested once the request arrived", instrument: "ece-1957", requestingState: "MA",
                  requestedState: "FR", offence: homicide,
                  steps: located + [step(Name.provisionallyArrest, 50),
                                    step(Name.releaseOnTimeout, 9, reason("40 days elapsed without the request")),
                                    step(Name.reArrest, 1, ["reason": "formal request received 3 days after release"])]),
            .init(title: "Refused: political offence", instrument: "ece-1957", requestingState: "RU", requestedState: "DE",
                  offence: fraud, steps: eceRequest + [step(Name.beginCentralReview, 15),
                                                        step(Name.refuse, 3, reason("political offence (ECE Art. 3)"))]),
            .init(title: "Discharged at the hearing", instrument: "ece-1957", requestingState: "CN", requestedState: "FR",
                  offence: fraud, steps: eceHearing + [step(Name.discharge, 6, reason("dual criminality not met"))]),
            .init(title: "Withdrawn by the requesting state", instrument: "eu-eaw-2002", requestingState: "PL",
                  requestedState: "DE", offence: trafficking,
                  steps: eawArrest + [step(Name.withdraw, 3, reason("EAW withdrawn by the issuing court"))]),
            .init(title: "EAW surrender ordered", instrument: "eu-eaw-2002", requestingState: "ES", requestedState: "DE",
                  offence: drugs,
                  steps: eawArrest + [step(Name.receiveRequest, 24), step(Name.beginCentralReview, 23),
                                      step(Name.scheduleHearing, 22, ["hearing_on": .string(today.adding(days: -10).description)]),
                                      step(Name.findExtraditable, 10), step(Name.orderSurrender, 3)]),
            .init(title: "Closed after surrender", instrument: "ece-1957", requestingState: "AT", requestedState: "DE",
                  offence: homicide,
                  steps: eceDecision + [eceOrder(4, 1), step(Name.surrender, 3.5),
                                        step(Name.close, 1, reason("person convicted in Austria; file closed"))]),
        ]
    }
}
