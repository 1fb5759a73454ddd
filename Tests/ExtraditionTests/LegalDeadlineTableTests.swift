import DossierCore
import DossierPostgres
import DossierTesting
@testable import Extradition
import Foundation
import Testing

/// Legal deadlines of every seeded instrument against dates worked out by hand from the
/// legal text (DOMAIN.md §1.2 and §1.4) before the code was written. Each row is one case
/// taken through its steps, each step dated by its effective instant (recorded later, on a
/// clock fixed at 1 June 2027), and names the article, the counting rule and the zone.
///
/// Counting, as the texts say it:
/// - "within N days of / after" (ECE, EAW, US, EU 1995): the day of the event is not counted;
///   the period ends at the end of day N after it.
/// - "starting with the day" (UK EA 2003): the day of the event is day 1, so the last day is
///   day N − 1 after it.
/// - Hours run from the instant. Calendar months end on the same day number, or the month's
///   last day when it has none (31 December + 2 months = 28 February).
/// - A period ends at midnight at the end of its last day on the clock of the place the step
///   happened (the step's zone, else the country's): the "due" instant below, in UTC.
///
/// Zones used: Europe/Paris and Europe/Berlin (UTC+1; +2 from 29 March to 25 October 2026);
/// Europe/London (UTC; +1 over the same dates); Atlantic/Canary (UTC; +1 in summer);
/// America/New_York (−5; −4 from 8 March to 1 November 2026), America/Chicago (−6; −5),
/// America/Los_Angeles (−8; −7); America/Jamaica (−5, no summer time).
///
/// | # | instrument, article, counting | event (UTC → local) | last day | due (UTC) |
/// |---|---|---|---|---|
/// | 1 | ECE Art. 16(4) 18 days "may", day after | provisional arrest 10 Jan 09:00 (10:00 Paris) | 28 Jan | 28 Jan 23:00 |
/// | 2 | ECE Art. 16(4) 40 days "must" | same | 19 Feb | 19 Feb 23:00 |
/// | 3 | ECE 3rd Prot. Art. 6, 10 days | same | 20 Jan | 20 Jan 23:00 |
/// | 4 | ECE 18 days | 9 Mar 23:30 (00:30 Paris on 10 Mar) | 28 Mar | 28 Mar 23:00 |
/// | 5 | ECE 40 days | same; the end falls in summer time | 19 Apr | 19 Apr 22:00 |
/// | 6 | ECE 18 days, arrest on Gran Canaria (zone Atlantic/Canary) | 5 Feb 23:30 (23:30 local) | 23 Feb | 24 Feb 00:00 |
/// | 7 | the same arrest counted in Madrid's zone (no zone given) | 5 Feb 23:30 (00:30 on 6 Feb) | 24 Feb | 24 Feb 23:00 |
/// | 8 | ECE Art. 18(4) 15 days "may" from the appointed date | ordered 4 May, appointed 12 May | 27 May | 27 May 22:00 |
/// | 9 | ECE Art. 18(4) 30 days "must" from the appointed date | same | 11 Jun | 11 Jun 22:00 |
/// | 10 | ECE Art. 18(5) force majeure: 15 days from the new date | postponed 11 May, new date 20 May | 4 Jun | 4 Jun 22:00 |
/// | 11 | ECE Art. 18(5): 30 days from the new date | same | 19 Jun | 19 Jun 22:00 |
/// | 12 | ECE Art. 14(1)(b) 45 days, in the requesting state (US) | final discharge 21 Nov 04:30 (23:30 New York on 20 Nov) | 4 Jan 2027 | 5 Jan 2027 05:00 |
/// | 13 | EAW Art. 17(3) 60 days "may" | arrest 15 Jan 08:00 (09:00 Berlin) | 16 Mar | 16 Mar 23:00 |
/// | 14 | EAW Art. 17(4) +30 days (granted 10 Mar) | same: 90 days | 15 Apr | 15 Apr 22:00 |
/// | 15 | EAW Art. 17(2) 10 days after consent | consent 20 Jan 10:00 | 30 Jan | 30 Jan 23:00 |
/// | 16 | EAW Art. 17(2) with 17(4) +30 (granted 25 Jan) | same: 40 days | 1 Mar | 1 Mar 23:00 |
/// | 17 | EAW Art. 23(2) 10 days "must" | final decision 10 Mar 10:00 | 20 Mar | 20 Mar 23:00 |
/// | 18 | EAW Art. 23(2) | 23 Mar 23:30 (00:30 Berlin on 24 Mar) | 3 Apr | 3 Apr 22:00 |
/// | 19 | EAW Art. 23(3): 10 days from a new date, postponement recorded late | decision 20 Mar; postponed 26 Mar, new date 2 Apr | 12 Apr | 12 Apr 22:00 |
/// | 20 | EAW postponement without a date: the 10 days stop ("postponed") | decision 10 Mar; postponed 12 Mar | 20 Mar | 20 Mar 23:00 |
/// | 21 | UK s.74(11) 45 days "must", starting with the day | provisional arrest 1 Mar 10:00 | 14 Apr | 14 Apr 23:00 |
/// | 22 | UK s.74(11) | 30 Jun 23:30 (00:30 BST on 1 Jul) | 14 Aug | 14 Aug 23:00 |
/// | 23 | UK s.74(11), summer time ends inside | 24 Oct 22:30 (23:30 BST) | 7 Dec | 8 Dec 00:00 |
/// | 24 | UK s.103(9) 14 days from the Secretary of State's order | order 10 Jun 13:00 | 23 Jun | 23 Jun 23:00 |
/// | 25 | UK s.117(2) 28 days from the Secretary of State's order | same | 7 Jul | 7 Jul 23:00 |
/// | 26 | UK s.117: the court's final order (25 Jun) does not restart it | same | 7 Jul | 7 Jul 23:00 |
/// | 27 | UK s.118 28 days from the appeal decision | appeal 20 Jun, dismissed 15 Sep 10:00 | 12 Oct | 12 Oct 23:00 |
/// | 28 | UK Part 1 s.6 48 hours "must" | provisional arrest 2 Feb 21:00 | - | 4 Feb 21:00 |
/// | 29 | UK Part 1 s.6 +48 hours (granted 3 Feb) | same: 96 hours | - | 6 Feb 21:00 |
/// | 30 | UK Part 1 s.26(4) 7 days, starting with the day | order for extradition 3 Mar 16:00 | 9 Mar | 10 Mar 00:00 |
/// | 31 | UK Part 1 s.35(4)(a) 10 days starting with the first day after the s.26 appeal period (which ends 9 Mar) | same | 19 Mar | 20 Mar 00:00 |
/// | 32 | UK Part 1 s.36 10 days from the appeal decision | appeal 6 Mar, dismissed 27 Mar 10:00 | 5 Apr | 5 Apr 23:00 |
/// | 33 | US–India Art. 12(4) 60 days, arrest in Chicago | 8 Mar 05:30 (23:30 CST on 7 Mar) | 6 May | 7 May 05:00 |
/// | 34 | the same arrest counted in New York's zone | 8 Mar 05:30 (00:30 EST on 8 Mar) | 7 May | 8 May 04:00 |
/// | 35 | US–India Art. 12(4), arrest in Los Angeles | 1 Nov 05:00 (22:00 PDT on 31 Oct) | 30 Dec | 31 Dec 08:00 |
/// | 36 | 18 U.S.C. §3188 2 calendar months after the §3184 commitment | committed 31 Jan 20:00 (15:00 EST) | 31 Mar | 1 Apr 04:00 |
/// | 37 | §3188 at a month end (the later surrender order does not restart it) | committed 31 Dec 17:00 (12:00 EST) | 28 Feb 2027 | 1 Mar 2027 05:00 |
/// | 38 | EU 1995 Art. 11 20 days "must" | decision notified 1 Jul 08:00 (10:00 Paris) | 21 Jul | 21 Jul 22:00 |
/// | 39 | a made-up 10-day rule, only to check the zone: arrest in Kingston | 2 Mar 04:30 (23:30 on 1 Mar) | 11 Mar | 12 Mar 05:00 |
/// | 40 | UK s.74(11)(b), SI 2003/3334 art. 4 (as amended 2013): India, 65 days starting with the day | provisional arrest 1 Mar 10:00 | 4 May | 4 May 23:00 |
/// | 41 | the same arrest for a territory without its own period (US): 45 days | 1 Mar 10:00 | 14 Apr | 14 Apr 23:00 |
@Suite struct LegalDeadlineTableTests {
    typealias Name = ExtraditionWorkflow.TransitionName

    /// What a row does to its case, in order.
    enum Action: Sendable {
        case step(String, String, [String: JSONValue])
        case extend(ExtraditionTimer, String)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var number: Int
        var why: String
        var instrument: String
        var requesting: String
        var requested: String
        var actions: [Action]
        var timer: ExtraditionTimer
        var lastDay: String?
        var dueAt: String
        var obligation: TimerObligation
        /// Nil: open (every period here has run out by the clock, so expired).
        var status: LegalDeadline.Status? = nil
        var startedBy: String? = nil
        var testDescription: String { "\(number): \(why)" }
    }

    /// The instant every step is recorded: after all of them.
    static let recordedAt = try! Date("2027-06-01T12:00:00Z", strategy: .iso8601)

    static func step(_ name: String, _ at: String, _ inputs: [String: JSONValue] = [:]) -> Action {
        .step(name, at, inputs)
    }

    /// Located the day before, then arrested at `at` (in `zone` when given).
    static func arrest(_ at: String, zone: String? = nil, onRequest: Bool = false) -> [Action] {
        let instant = try! Date(at, strategy: .iso8601)
        var inputs: [String: JSONValue] = [:]
        if let zone { inputs["zone"] = .string(zone) }
        return [
            step(Name.locate, instant.addingTimeInterval(-86_400).formatted(.iso8601)),
            step(onRequest ? Name.arrestOnRequest : Name.provisionallyArrest, at, inputs),
        ]
    }

    /// Arrested at `arrest`; the request, review and hearing within the next hours; the
    /// court's decision at `decision`.
    static func decided(arrest at: String, decision: String, onRequest: Bool = false) -> [Action] {
        let instant = try! Date(at, strategy: .iso8601)
        func later(_ hours: Double) -> String { instant.addingTimeInterval(hours * 3600).formatted(.iso8601) }
        return arrest(at, onRequest: onRequest) + [
            step(Name.receiveRequest, later(1)), step(Name.beginCentralReview, later(2)),
            step(Name.scheduleHearing, later(3), ["hearing_on": .string(String(decision.prefix(10)))]),
            step(Name.findExtraditable, decision),
        ]
    }

    /// An EAW case: arrested on the warrant, consent, the decision.
    static func eawDecided(_ decision: String) -> [Action] {
        arrest("2026-01-15T08:00:00Z", onRequest: true) + [
            step(Name.recordConsent, "2026-01-20T10:00:00Z"), step(Name.findExtraditable, decision),
        ]
    }

    static let ukOrder = decided(arrest: "2026-04-01T10:00:00Z", decision: "2026-05-20T10:00:00Z")
        + [step(Name.approveByExecutive, "2026-06-10T13:00:00Z")]
    static let ukPart1Order = decided(arrest: "2026-02-02T21:00:00Z", decision: "2026-03-03T16:00:00Z")
    static let eceOrder = decided(arrest: "2026-04-01T08:00:00Z", decision: "2026-05-01T08:00:00Z")
        + [step(Name.orderSurrender, "2026-05-04T08:00:00Z", ["appointed_date": "2026-05-12"])]
    static let eceForceMajeure = eceOrder + [step(Name.postponeSurrender, "2026-05-11T07:00:00Z", [
        "ground": "force_majeure", "reason": "the escort's flight was cancelled", "agreed_date": "2026-05-20",
    ])]
    static let ukAppealDismissed = ukOrder + [
        step(Name.lodgeAppeal, "2026-06-20T10:00:00Z", ["appellant": "person"]),
        step(Name.dismissAppeal, "2026-09-15T10:00:00Z"),
    ]
    static let ukPart1AppealDismissed = ukPart1Order + [
        step(Name.lodgeAppeal, "2026-03-06T10:00:00Z", ["appellant": "person"]),
        step(Name.dismissAppeal, "2026-03-27T10:00:00Z"),
    ]
    static func usOrdered(arrest at: String, decision: String, minister: String, order: String) -> [Action] {
        decided(arrest: at, decision: decision) + [step(Name.approveByExecutive, minister), step(Name.orderSurrender, order)]
    }

    static let rows: [Row] = [
        Row(number: 1, why: "ECE Art. 16(4) 18 days, day after", instrument: "ece-1957", requesting: "US", requested: "FR",
            actions: arrest("2026-01-10T09:00:00Z"), timer: .request, lastDay: "2026-01-28", dueAt: "2026-01-28T23:00:00Z",
            obligation: .may),
        Row(number: 2, why: "ECE Art. 16(4) 40 days must", instrument: "ece-1957", requesting: "US", requested: "FR",
            actions: arrest("2026-01-10T09:00:00Z"), timer: .requestLimit, lastDay: "2026-02-19",
            dueAt: "2026-02-19T23:00:00Z", obligation: .must),
        Row(number: 3, why: "ECE 3rd Protocol Art. 6, 10 days", instrument: "ece-1957", requesting: "US", requested: "FR",
            actions: arrest("2026-01-10T09:00:00Z"), timer: .consentNotice, lastDay: "2026-01-20",
            dueAt: "2026-01-20T23:00:00Z", obligation: .may),
        Row(number: 4, why: "ECE 18 days from an arrest at 00:30 in Paris", instrument: "ece-1957", requesting: "US",
            requested: "FR", actions: arrest("2026-03-09T23:30:00Z"), timer: .request, lastDay: "2026-03-28",
            dueAt: "2026-03-28T23:00:00Z", obligation: .may),
        Row(number: 5, why: "ECE 40 days ending in summer time", instrument: "ece-1957", requesting: "US", requested: "FR",
            actions: arrest("2026-03-09T23:30:00Z"), timer: .requestLimit, lastDay: "2026-04-19",
            dueAt: "2026-04-19T22:00:00Z", obligation: .must),
        Row(number: 6, why: "ECE 18 days from 23:30 on Gran Canaria", instrument: "ece-1957", requesting: "US", requested: "ES",
            actions: arrest("2026-02-05T23:30:00Z", zone: "Atlantic/Canary"), timer: .request, lastDay: "2026-02-23",
            dueAt: "2026-02-24T00:00:00Z", obligation: .may),
        Row(number: 7, why: "the same arrest in Madrid's zone is on the next day", instrument: "ece-1957", requesting: "US",
            requested: "ES", actions: arrest("2026-02-05T23:30:00Z"), timer: .request, lastDay: "2026-02-24",
            dueAt: "2026-02-24T23:00:00Z", obligation: .may),
        Row(number: 8, why: "ECE Art. 18(4) 15 days from the appointed date", instrument: "ece-1957", requesting: "US",
            requested: "FR", actions: eceOrder, timer: .surrender, lastDay: "2026-05-27", dueAt: "2026-05-27T22:00:00Z",
            obligation: .may),
        Row(number: 9, why: "ECE Art. 18(4) 30 days from the appointed date", instrument: "ece-1957", requesting: "US",
            requested: "FR", actions: eceOrder, timer: .surrenderLimit, lastDay: "2026-06-11",
            dueAt: "2026-06-11T22:00:00Z", obligation: .must),
        Row(number: 10, why: "ECE Art. 18(5) 15 days from the new date", instrument: "ece-1957", requesting: "US",
            requested: "FR", actions: eceForceMajeure, timer: .surrender, lastDay: "2026-06-04",
            dueAt: "2026-06-04T22:00:00Z", obligation: .may, startedBy: Name.postponeSurrender),
        Row(number: 11, why: "ECE Art. 18(5) 30 days from the new date", instrument: "ece-1957", requesting: "US",
            requested: "FR", actions: eceForceMajeure, timer: .surrenderLimit, lastDay: "2026-06-19",
            dueAt: "2026-06-19T22:00:00Z", obligation: .must),
        Row(number: 12, why: "ECE Art. 14(1)(b) 45 days on New York's clock", instrument: "ece-1957", requesting: "US",
            requested: "FR",
            actions: decided(arrest: "2026-10-01T08:00:00Z", decision: "2026-10-20T08:00:00Z") + [
                step(Name.orderSurrender, "2026-11-02T10:00:00Z", ["appointed_date": "2026-11-09"]),
                step(Name.surrender, "2026-11-10T10:00:00Z"),
                step(Name.recordFinalDischarge, "2026-11-21T04:30:00Z"),
            ],
            timer: .speciality, lastDay: "2027-01-04", dueAt: "2027-01-05T05:00:00Z", obligation: .may),
        Row(number: 13, why: "EAW Art. 17(3) 60 days", instrument: "eu-eaw-2002", requesting: "PL", requested: "DE",
            actions: arrest("2026-01-15T08:00:00Z", onRequest: true), timer: .decision, lastDay: "2026-03-16",
            dueAt: "2026-03-16T23:00:00Z", obligation: .may),
        Row(number: 14, why: "EAW Art. 17(4) extension: 90 days", instrument: "eu-eaw-2002", requesting: "PL",
            requested: "DE", actions: arrest("2026-01-15T08:00:00Z", onRequest: true) + [.extend(.decision, "2026-03-10T09:00:00Z")],
            timer: .decision, lastDay: "2026-04-15", dueAt: "2026-04-15T22:00:00Z", obligation: .may,
            startedBy: "extend_deadline"),
        Row(number: 15, why: "EAW Art. 17(2) 10 days after consent", instrument: "eu-eaw-2002", requesting: "PL",
            requested: "DE",
            actions: arrest("2026-01-15T08:00:00Z", onRequest: true) + [step(Name.recordConsent, "2026-01-20T10:00:00Z")],
            timer: .decisionAfterConsent, lastDay: "2026-01-30", dueAt: "2026-01-30T23:00:00Z", obligation: .may),
        Row(number: 16, why: "EAW Art. 17(2) extended by Art. 17(4): 40 days", instrument: "eu-eaw-2002", requesting: "PL",
            requested: "DE",
            actions: arrest("2026-01-15T08:00:00Z", onRequest: true) + [
                step(Name.recordConsent, "2026-01-20T10:00:00Z"), .extend(.decisionAfterConsent, "2026-01-25T10:00:00Z"),
            ],
            timer: .decisionAfterConsent, lastDay: "2026-03-01", dueAt: "2026-03-01T23:00:00Z", obligation: .may),
        Row(number: 17, why: "EAW Art. 23(2) 10 days must", instrument: "eu-eaw-2002", requesting: "PL", requested: "DE",
            actions: eawDecided("2026-03-02T10:00:00Z") + [step(Name.orderSurrender, "2026-03-10T10:00:00Z")],
            timer: .surrender, lastDay: "2026-03-20", dueAt: "2026-03-20T23:00:00Z", obligation: .must),
        Row(number: 18, why: "EAW Art. 23(2) from a decision at 00:30 in Berlin", instrument: "eu-eaw-2002", requesting: "PL",
            requested: "DE", actions: eawDecided("2026-03-02T10:00:00Z") + [step(Name.orderSurrender, "2026-03-23T23:30:00Z")],
            timer: .surrender, lastDay: "2026-04-03", dueAt: "2026-04-03T22:00:00Z", obligation: .must),
        Row(number: 19, why: "EAW Art. 23(3) from a new date, recorded late", instrument: "eu-eaw-2002", requesting: "PL",
            requested: "DE",
            actions: eawDecided("2026-03-02T10:00:00Z") + [
                step(Name.orderSurrender, "2026-03-20T09:00:00Z"),
                step(Name.postponeSurrender, "2026-03-26T12:00:00Z", [
                    "ground": "force_majeure", "reason": "the aircraft was grounded", "agreed_date": "2026-04-02",
                ]),
            ],
            timer: .surrender, lastDay: "2026-04-12", dueAt: "2026-04-12T22:00:00Z", obligation: .must),
        Row(number: 20, why: "EAW postponement without a date stops the 10 days", instrument: "eu-eaw-2002", requesting: "PL",
            requested: "DE",
            actions: eawDecided("2026-03-02T10:00:00Z") + [
                step(Name.orderSurrender, "2026-03-10T10:00:00Z"),
                step(Name.postponeSurrender, "2026-03-12T10:00:00Z", [
                    "ground": "postponement", "reason": "prosecuted in Germany for another offence (Art. 24(1))",
                ]),
            ],
            timer: .surrender, lastDay: "2026-03-20", dueAt: "2026-03-20T23:00:00Z", obligation: .must, status: .postponed),
        Row(number: 21, why: "UK s.74(11) 45 days starting with the day", instrument: "uk-ea-2003-part-2", requesting: "US",
            requested: "GB", actions: arrest("2026-03-01T10:00:00Z"), timer: .request, lastDay: "2026-04-14",
            dueAt: "2026-04-14T23:00:00Z", obligation: .must),
        Row(number: 22, why: "UK s.74(11) from 00:30 BST", instrument: "uk-ea-2003-part-2", requesting: "US", requested: "GB",
            actions: arrest("2026-06-30T23:30:00Z"), timer: .request, lastDay: "2026-08-14", dueAt: "2026-08-14T23:00:00Z",
            obligation: .must),
        Row(number: 23, why: "UK s.74(11) across the end of summer time", instrument: "uk-ea-2003-part-2", requesting: "US",
            requested: "GB", actions: arrest("2026-10-24T22:30:00Z"), timer: .request, lastDay: "2026-12-07",
            dueAt: "2026-12-08T00:00:00Z", obligation: .must),
        Row(number: 24, why: "UK s.103(9) 14 days from the Secretary of State's order", instrument: "uk-ea-2003-part-2",
            requesting: "US", requested: "GB", actions: ukOrder, timer: .appeal, lastDay: "2026-06-23",
            dueAt: "2026-06-23T23:00:00Z", obligation: .may, startedBy: Name.approveByExecutive),
        Row(number: 25, why: "UK s.117(2) 28 days from the Secretary of State's order", instrument: "uk-ea-2003-part-2",
            requesting: "US", requested: "GB", actions: ukOrder, timer: .surrender, lastDay: "2026-07-07",
            dueAt: "2026-07-07T23:00:00Z", obligation: .must, startedBy: Name.approveByExecutive),
        Row(number: 26, why: "UK s.117: the final order does not restart the 28 days", instrument: "uk-ea-2003-part-2",
            requesting: "US", requested: "GB", actions: ukOrder + [step(Name.orderSurrender, "2026-06-25T10:00:00Z")],
            timer: .surrender, lastDay: "2026-07-07", dueAt: "2026-07-07T23:00:00Z", obligation: .must,
            startedBy: Name.approveByExecutive),
        Row(number: 27, why: "UK s.118 28 days from the appeal decision", instrument: "uk-ea-2003-part-2", requesting: "US",
            requested: "GB", actions: ukAppealDismissed, timer: .surrender, lastDay: "2026-10-12",
            dueAt: "2026-10-12T23:00:00Z", obligation: .must, startedBy: Name.dismissAppeal),
        Row(number: 28, why: "UK Part 1 s.6 48 hours", instrument: "uk-ea-2003-part-1", requesting: "PL", requested: "GB",
            actions: arrest("2026-02-02T21:00:00Z"), timer: .firstAppearance, lastDay: nil, dueAt: "2026-02-04T21:00:00Z",
            obligation: .must),
        Row(number: 29, why: "UK Part 1 s.6 extended by 48 hours", instrument: "uk-ea-2003-part-1", requesting: "PL",
            requested: "GB", actions: arrest("2026-02-02T21:00:00Z") + [.extend(.firstAppearance, "2026-02-03T10:00:00Z")],
            timer: .firstAppearance, lastDay: nil, dueAt: "2026-02-06T21:00:00Z", obligation: .must),
        Row(number: 30, why: "UK Part 1 s.26(4) 7 days starting with the day", instrument: "uk-ea-2003-part-1",
            requesting: "PL", requested: "GB", actions: ukPart1Order, timer: .appeal, lastDay: "2026-03-09",
            dueAt: "2026-03-10T00:00:00Z", obligation: .may),
        Row(number: 31, why: "UK Part 1 s.35(4)(a) 10 days after the appeal period", instrument: "uk-ea-2003-part-1",
            requesting: "PL", requested: "GB", actions: ukPart1Order, timer: .surrender, lastDay: "2026-03-19",
            dueAt: "2026-03-20T00:00:00Z", obligation: .must, startedBy: Name.findExtraditable),
        Row(number: 32, why: "UK Part 1 s.36 10 days from the appeal decision", instrument: "uk-ea-2003-part-1",
            requesting: "PL", requested: "GB", actions: ukPart1AppealDismissed, timer: .surrender, lastDay: "2026-04-05",
            dueAt: "2026-04-05T23:00:00Z", obligation: .must, startedBy: Name.dismissAppeal),
        Row(number: 33, why: "US-India Art. 12(4) 60 days from 23:30 in Chicago", instrument: "us-in-1997", requesting: "IN",
            requested: "US", actions: arrest("2026-03-08T05:30:00Z", zone: "America/Chicago"), timer: .request,
            lastDay: "2026-05-06", dueAt: "2026-05-07T05:00:00Z", obligation: .may),
        Row(number: 34, why: "the same arrest on New York's clock is on the next day", instrument: "us-in-1997",
            requesting: "IN", requested: "US", actions: arrest("2026-03-08T05:30:00Z"), timer: .request,
            lastDay: "2026-05-07", dueAt: "2026-05-08T04:00:00Z", obligation: .may),
        Row(number: 35, why: "US-India Art. 12(4) from 22:00 in Los Angeles", instrument: "us-in-1997", requesting: "IN",
            requested: "US", actions: arrest("2026-11-01T05:00:00Z", zone: "America/Los_Angeles"), timer: .request,
            lastDay: "2026-12-30", dueAt: "2026-12-31T08:00:00Z", obligation: .may),
        Row(number: 36, why: "18 U.S.C. §3188 two calendar months after commitment", instrument: "us-in-1997", requesting: "IN",
            requested: "US",
            actions: usOrdered(
                arrest: "2026-01-05T15:00:00Z", decision: "2026-01-31T20:00:00Z", minister: "2026-02-10T15:00:00Z",
                order: "2026-02-12T15:00:00Z"),
            timer: .surrender, lastDay: "2026-03-31", dueAt: "2026-04-01T04:00:00Z", obligation: .may,
            startedBy: Name.findExtraditable),
        Row(number: 37, why: "18 U.S.C. §3188 from 31 December", instrument: "us-in-1997", requesting: "IN", requested: "US",
            actions: usOrdered(
                arrest: "2026-12-01T15:00:00Z", decision: "2026-12-31T17:00:00Z", minister: "2027-01-10T15:00:00Z",
                order: "2027-01-12T15:00:00Z"),
            timer: .surrender, lastDay: "2027-02-28", dueAt: "2027-03-01T05:00:00Z", obligation: .may,
            startedBy: Name.findExtraditable),
        Row(number: 38, why: "EU 1995 Art. 11 20 days", instrument: "eu-1995-simplified", requesting: "BE", requested: "FR",
            actions: arrest("2026-06-01T08:00:00Z") + [
                step(Name.recordConsent, "2026-06-03T08:00:00Z"), step(Name.findExtraditable, "2026-06-10T08:00:00Z"),
                step(Name.orderSurrender, "2026-07-01T08:00:00Z"),
            ],
            timer: .surrender, lastDay: "2026-07-21", dueAt: "2026-07-21T22:00:00Z", obligation: .must),
        Row(number: 39, why: "an arrest at 23:30 in Kingston counts from Kingston's day", instrument: "test-kingston",
            requesting: "US", requested: "JM", actions: arrest("2026-03-02T04:30:00Z"), timer: .request,
            lastDay: "2026-03-11", dueAt: "2026-03-12T05:00:00Z", obligation: .may),
        Row(number: 40, why: "UK Part 2 requests from India have 65 days", instrument: "uk-ea-2003-part-2",
            requesting: "IN", requested: "GB", actions: arrest("2026-03-01T10:00:00Z"), timer: .request,
            lastDay: "2026-05-04", dueAt: "2026-05-04T23:00:00Z", obligation: .must),
        Row(number: 41, why: "UK Part 2 requests from the US have 45", instrument: "uk-ea-2003-part-2",
            requesting: "US", requested: "GB", actions: arrest("2026-03-01T10:00:00Z"), timer: .request,
            lastDay: "2026-04-14", dueAt: "2026-04-14T23:00:00Z", obligation: .must),
    ]

    @Test(arguments: rows)
    func theDeadlineFallsOnTheHandComputedInstant(_ row: Row) async throws {
        try await TestDatabase.with(modules: [Extradition()], clock: .fixed(Self.recordedAt)) { db in
            if row.instrument == "test-kingston" {
                try await db.extraditions.saveInstrument(LegalInstrument(
                    id: "test-kingston", name: "A made-up instrument", citation: "none: it checks the zone only",
                    hasExecutiveStage: false,
                    timers: [InstrumentTimer(.request, .days(10), legalBasis: "10 days after the arrest", obligation: .may)]),
                    by: db.actor(.admin, id: "root.admin"))
            }
            let opened = try await db.openExtradition(
                instrument: row.instrument, requesting: row.requesting, requested: row.requested)
            try await db.register(requestDocuments + [.identification], on: opened.id)
            for action in row.actions {
                switch action {
                case .step(let name, let at, var inputs):
                    inputs["occurred_at"] = .string(at)
                    let officer = [Name.locate, Name.provisionallyArrest, Name.arrestOnRequest, Name.surrender].contains(name)
                    try await db.step(opened.id, name, by: officer ? db.olga : db.lena, inputs)
                case .extend(let timer, let at):
                    try await db.extraditions.extendDeadline(
                        caseID: opened.id, timer: timer, grantedAt: try Date(at, strategy: .iso8601),
                        reason: "granted by the court", by: db.lena)
                }
            }
            // Steps recorded in the same instant: the deadline asked for is the open one, or
            // the one with the row's status; never more than one is open. Every step is
            // recorded on 1 June 2027, after its periods ran out, so open ones are expired.
            let deadlines = try await db.deadlines(opened.id)[row.timer] ?? []
            #expect(deadlines.filter(\.isOpen).count <= 1)
            let deadline = try #require(
                deadlines.first { deadline in row.status.map { deadline.status == $0 } ?? deadline.isOpen },
                "no \(row.status.map(\.rawValue) ?? "open") \(row.timer) deadline: \(deadlines.map(\.status))")
            #expect(deadline.status == row.status ?? .expired, "recorded after it ran out: expired at once")
            #expect(deadline.lastDay?.description == row.lastDay)
            #expect(deadline.dueAt == (try Date(row.dueAt, strategy: .iso8601)), "due \(deadline.dueAt.formatted(.iso8601))")
            #expect(deadline.obligation == row.obligation)
            if let startedBy = row.startedBy { #expect(deadline.startedBy == startedBy) }
            if row.number == 40 { #expect(deadline.legalBasis.contains("SI 2003/3334 art. 4 as amended by SI 2013/1583")) }
        }
    }
}
