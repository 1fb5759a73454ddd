import Benchmark
import DossierCore
import Foundation

/// The core's hot paths, in process: what every transition, read and audit run pays
/// before PostgreSQL is involved.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(3))

    Benchmark("workflow: check and plan a transition") { benchmark in
        let evaluator = TransitionEvaluator(workflow: Fixtures.workflow)
        for _ in benchmark.scaledIterations {
            let transition = try evaluator.check("close", on: Fixtures.openCase, actor: Fixtures.supervisor, inputs: Fixtures.closeInputs)
            blackHole(evaluator.plan(transition, on: Fixtures.openCase, inputs: Fixtures.closeInputs))
        }
    }

    Benchmark("event chain: seal one event (canonical JSON + SHA-256)") { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(EventChain.seal(
                caseID: Fixtures.openCase.id, sequence: Int64(index + 2), kind: .transition, actor: "met.supervisor",
                occurredAt: Fixtures.now, payload: Fixtures.transitionPayload, previousHash: EventChain.genesisHash))
        }
    }

    Benchmark("event chain: verify one event of a 5-event chain", configuration: .init(scalingFactor: .one)) { benchmark in
        // 1,000 cases × 5 events = 5,000 events per iteration.
        for _ in benchmark.scaledIterations {
            for chain in Fixtures.chains {
                var verifier = EventChain.Verifier(recordedLength: Int64(chain.count))
                for event in chain { verifier.add(event) }
                verifier.finish(head: chain.last?.hash)
                blackHole(verifier.firstBreak)
            }
        }
    }

    Benchmark("json: encode a case as the API does") { benchmark in
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for _ in benchmark.scaledIterations {
            blackHole(try encoder.encode(Fixtures.openCase))
        }
    }

    Benchmark("deadlines: 18 days, 45 working days and 2 months") { benchmark in
        let calculator = DeadlineCalculator(calendar: Fixtures.calendar)
        for index in benchmark.scaledIterations {
            let start = Fixtures.now.addingTimeInterval(Double(index % 1000) * 3_600)
            blackHole(calculator.deadline(from: start, duration: .days(18), counting: .dayAfterEvent))
            blackHole(calculator.deadline(from: start, duration: .workingDays(45), counting: .dayAfterEvent))
            blackHole(calculator.deadline(from: start, duration: .months(2), counting: .startingWithTheDay))
        }
    }
}

/// A cold-case-like workflow, case and events as the server handles them.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let supervisor = Actor(id: "met.supervisor", roles: [.supervisor], agency: "MET", clearance: .secret)

    static let workflow = WorkflowDefinition(
        initialState: "open",
        states: [.init("open"), .init("under_review"), .init("closed", isTerminal: true)],
        transitions: [
            .init("start_review", from: ["open"], to: "under_review", roles: [.investigator, .supervisor],
                  inputs: [.init("review_type", .choice(["periodic", "new_evidence", "forensic"]))]),
            .init("close", from: ["open", "under_review"], to: "closed", roles: [.supervisor],
                  inputs: [.init("reason", .string), .init("closed_on", .date)],
                  effects: [.cancelTimer("review_due"), .setPriority(.low)]),
        ],
        timers: [TimerDefinition("review_due", start: .byEffect, duration: .months(24), legalBasis: "agency review policy")])

    static let openCase = Case(
        id: UUID(uuidString: "0190f3c2-7b1a-7c3e-9a4b-1d2e3f405162")!, reference: "COLD-2026-000042", module: "cold-cases",
        type: "cold-case", title: "Robbery at the Old Market, 2001-05-04",
        summary: "Offence on 2001-05-04; no viable line of enquiry left by 2003-01-10.", state: "open", priority: .normal,
        classification: .restricted, owningAgency: "MET", country: "GB", openedAt: now, closedAt: nil, version: 4,
        attributes: [
            "offence_category": "robbery", "offence_date": "2001-05-04", "offence_place": "Old Market",
            "went_cold_on": "2003-01-10", "jurisdiction": "GB",
        ],
        tags: ["robbery", "scale-demo"])

    static let closeInputs: [String: JSONValue] = ["reason": "duplicate record", "closed_on": "2026-11-29"]

    static let transitionPayload: JSONValue = [
        "transition": "close", "from": "open", "to": "closed", "inputs": .object(closeInputs),
        "timers_cancelled": ["review_due"],
    ]

    static let calendar = WorkingDayCalendar(
        holidays: [CalendarDate(year: 2026, month: 12, day: 25), CalendarDate(year: 2026, month: 12, day: 28),
                   CalendarDate(year: 2027, month: 1, day: 1)],
        timeZone: TimeZone(identifier: "Europe/London")!)

    /// 1,000 chains of 5 events: opening, member, party, note, transition.
    static let chains: [[CaseEvent]] = (0..<1_000).map { index in
        let caseID = UUID()
        let payloads: [(EventKind, JSONValue)] = [
            (.opened, ["reference": .string("COLD-2026-\(index)"), "title": "Robbery at the Old Market", "state": "open"]),
            (.memberAdded, ["user": "met.inv01", "role": "investigator"]),
            (.partyAdded, ["person": .string(UUID().uuidString.lowercased()), "name": "Ana García", "role": "victim", "note": ""]),
            (.note, ["text": "Case file digitised; exhibits list checked against the property store."]),
            (.transition, transitionPayload),
        ]
        var previous = EventChain.genesisHash
        return payloads.enumerated().map { offset, entry in
            let event = EventChain.seal(
                caseID: caseID, sequence: Int64(offset + 1), kind: entry.0, actor: "met.inv01",
                occurredAt: now.addingTimeInterval(Double(offset) * 3_600), payload: entry.1, previousHash: previous)
            previous = event.hash
            return event
        }
    }
}
