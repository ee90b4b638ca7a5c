import Foundation
import PlannerModel
import Testing

@Suite("Erasing hearings from documents")
struct HearingErasureTests {
    @Test("Objects about the hearing go, ids in lists go, ids in sentences become (erased); the rest keeps its order and numbers")
    func document() throws {
        let text = #"""
            {"b": 1, "a": 2.5, "hearings": [{"id": "H-1", "x": true}, {"id": "H-10"}],
             "assignments": [{"hearing": "H-1", "score": 1064.0}, {"hearing": "H-10", "score": 3}],
             "events": [{"id": "e-1", "type": "hearingAdded", "hearing": {"id": "H-1"}}, {"id": "e-2", "type": "x", "person": "I-1"}],
             "takenBy": ["H-1", "H-10"], "appliedEvents": ["e-1", "e-2"],
             "detail": "Taken by H-1, not by H-10 or XH-1.", "owner": "H-1", "nothing": null}
            """#
        let erasure = HearingErasure(hearings: ["H-1"], erasedEvents: ["e-1"])
        let result = try #require(erasure.apply(to: Array(text.utf8)))
        #expect(result.changed)
        #expect(String(decoding: result.bytes, as: UTF8.self) == #"""
            {"b":1,"a":2.5,"hearings":[{"id":"H-10"}],"assignments":[{"hearing":"H-10","score":3}],"events":[{"id":"e-2","type":"x","person":"I-1"}],"takenBy":["H-10"],"appliedEvents":["e-2"],"detail":"Taken by (erased), not by H-10 or XH-1.","owner":"(erased)","nothing":null}
            """#)
        // 1064.0 was in a removed object; a fraction elsewhere keeps its text.
        #expect(erasure.isAbout(Array(#"{"id": "e-9", "type": "hearingCancelled", "hearing": "H-1"}"#.utf8)))
        #expect(!erasure.isAbout(Array(#"{"id": "e-9", "type": "hearingCancelled", "hearing": "H-10"}"#.utf8)))
    }

    @Test("A document that does not name the hearings is returned unchanged, byte for byte")
    func untouched() throws {
        let text = "{ \"hearings\" : [ {\"id\": \"H-2\"} ] }"
        let result = try #require(HearingErasure(hearings: ["H-1"]).apply(to: Array(text.utf8)))
        #expect(!result.changed)
        #expect(result.bytes == Array(text.utf8))
        #expect(HearingErasure(hearings: ["H-1"]).apply(to: Array("not json".utf8)) == nil)
    }
}
