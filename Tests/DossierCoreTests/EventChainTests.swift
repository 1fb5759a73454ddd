import DossierCore
import Foundation
import Testing

@Suite struct EventChainTests {
    func chain(length: Int) -> [CaseEvent] {
        let caseID = UUID.v7()
        var events: [CaseEvent] = []
        var previous = EventChain.genesisHash
        for sequence in 1...length {
            let event = EventChain.seal(
                caseID: caseID, sequence: Int64(sequence), kind: .note, actor: "ivy", occurredAt: Date(),
                payload: ["text": .string("note \(sequence)"), "n": .int(Int64(sequence)), "x": 1.5], previousHash: previous)
            events.append(event)
            previous = event.hash
        }
        return events
    }

    @Test func anIntactChainVerifies() {
        let events = chain(length: 5)
        var verifier = EventChain.Verifier(recordedLength: 5)
        events.forEach { verifier.add($0) }
        verifier.finish(head: events.last?.hash)
        #expect(verifier.firstBreak == nil)
    }

    @Test func anEditedEventBreaksTheChainAtThatEvent() {
        var events = chain(length: 5)
        events[2].payload = ["text": "rewritten"]
        var verifier = EventChain.Verifier()
        events.forEach { verifier.add($0) }
        #expect(verifier.firstBreak == .hashMismatch(sequence: 3))
    }

    @Test func aMissingEventIsAGap() {
        var events = chain(length: 5)
        events.remove(at: 1)
        var verifier = EventChain.Verifier()
        events.forEach { verifier.add($0) }
        #expect(verifier.firstBreak == .sequenceGap(expected: 2, found: 3))
    }

    @Test func aTruncatedTailIsCaughtByTheRecordedLength() {
        let events = chain(length: 5)
        var verifier = EventChain.Verifier(recordedLength: 5)
        events.prefix(3).forEach { verifier.add($0) }
        verifier.finish(head: events.last?.hash)
        #expect(verifier.firstBreak != nil)
    }

    @Test func canonicalJSONIsIndependentOfKeyOrderAndStable() {
        let a: JSONValue = ["b": 1, "a": ["y": true, "x": nil], "c": "q\"uote\n"]
        let b: JSONValue = ["c": "q\"uote\n", "a": ["x": nil, "y": true], "b": 1]
        #expect(a.canonicalString == #"{"a":{"x":null,"y":true},"b":1,"c":"q\"uote\n"}"#)
        #expect(a.canonicalBytes == b.canonicalBytes)
        #expect(JSONValue.double(100).canonicalString == "100")
        #expect(JSONValue.double(0.1).canonicalString == "0.1")
        // Integral doubles are written as the integers jsonb gives back, however large.
        #expect(JSONValue.double(1e16).canonicalString == JSONValue.int(10_000_000_000_000_000).canonicalString)
        #expect(JSONValue.double(4_611_686_018_427_387_904).canonicalString == "4611686018427387904")
        #expect(JSONValue.double(1e19).canonicalString == JSONValue.double(1e19).canonicalString)
    }

    @Test func uuidV7IsTimeOrdered() {
        let earlier = UUID.v7(at: Date(timeIntervalSince1970: 1_700_000_000))
        let later = UUID.v7(at: Date(timeIntervalSince1970: 1_700_000_001))
        #expect(earlier.uuidString < later.uuidString)
        #expect(later.uuidString.dropFirst(14).first == "7")
    }

    @Test(arguments: [
        #"{ "b" : [1, 2.50, -0, 1e2, true, null] ,\#n "a":{"y":"\u00e9\/\b\f","x":"\ud83d\ude00"} }"#,
        #"[ ]"#, #"{}"#, #""tab\there""#, #"-12.5E-3"#, #"{"k": 1, "k": 2}"#,
    ])
    func canonicalJSONFromTextMatchesTheDecodedValue(_ text: String) throws {
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try CanonicalJSON.canonicalize(Array(text.utf8)) == decoded.canonicalBytes)
    }

    @Test(arguments: [#"{"a": }"#, #"[1, 2"#, #""open"#, #"{"a": 1} x"#, #""\ud800""#, #"tru"#])
    func canonicalJSONRefusesBrokenText(_ text: String) {
        #expect(throws: DossierError.self) { try CanonicalJSON.canonicalize(Array(text.utf8)) }
    }
}
