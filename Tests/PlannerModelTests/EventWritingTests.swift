import PlannerModel
import Testing

@Suite("events@1 written as the service's log stores it")
struct EventWritingTests {
    static let batch = """
        {"format": "hearing-planner/events@1", "events": [
          {"id": "e-1", "type": "availability", "person": "I-4", "slots": ["2026-12-08/AM", "2026-12-08/PM"], "available": false},
          {"id": "e-2", "type": "hearingCancelled", "hearing": "H-1"},
          {"id": "e-3", "type": "hearingAdded", "hearing": {"id": "H-9", "language": "ara", "location": "TA",
            "earliest": "2026-12-01", "latest": "2026-12-22", "durationSlots": 2, "interpreterGender": "female",
            "priority": "high", "fixed": {"date": "2026-12-08", "slot": "AM"}}},
          {"id": "e-4", "type": "hearingChanged", "hearing": {"id": "H-2", "language": "tir", "fallbackLanguages": ["amh"],
            "location": "TA", "earliest": "2026-12-01", "latest": "2026-12-22", "excludedInterpreters": ["I-4"]}},
          {"id": "e-5", "type": "personAdded", "interpreter": {"id": "I-9", "gender": "x",
            "languages": [{"code": "ara", "registered": false}], "remote": true, "available": ["2026-12-08/AM"], "maxHearingsPerWeek": 3}},
          {"id": "e-6", "type": "personAdded", "officer": {"id": "O-9", "gender": "female", "location": "TA",
            "trainings": ["vulnerable-persons"], "available": []}},
          {"id": "e-7", "type": "personRemoved", "person": "O-3"}
        ]}
        """

    @Test("Every kind of event reads back as the same event")
    func roundTrip() throws {
        let events = try #require(EventsJSON.read(Array(Self.batch.utf8)).events)
        #expect(events.count == 7)
        let documents = try events.map { try EventsJSON.document(of: $0) }
        #expect(EventsJSON.records(of: documents) == events)
        #expect(documents[1] == #"{"hearing":"H-1","id":"e-2","type":"hearingCancelled"}"#)
    }

    @Test("A stored object that is no event of this version reads back as nothing")
    func damaged() throws {
        let events = try #require(EventsJSON.read(Array(Self.batch.utf8)).events)
        var documents = try events.map { try EventsJSON.document(of: $0) }
        documents[3] = #"{"id":"e-4","type":"hearingRenamed"}"#
        #expect(EventsJSON.records(of: documents) == nil)
    }
}
