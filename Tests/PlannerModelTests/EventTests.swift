import PlannerModel
import Testing

@Suite("Change events")
struct EventTests {
    static func roster() throws -> Roster {
        try #require(RosterJSON.read(Array(RosterFixtures.validText.utf8)).checked().roster)
    }

    static let batch = #"""
    {"format": "hearing-planner/events@1", "events": [
      {"id": "e-1", "type": "availability", "person": "I-1", "slots": ["2026-12-07/AM", "2026-12-07/PM"], "available": false},
      {"id": "e-2", "type": "availability", "person": "O-1", "slots": ["2026-12-09/AM"], "available": true},
      {"id": "e-3", "type": "hearingAdded", "hearing": {"id": "H-9", "language": "ara", "location": "TA",
                                                         "earliest": "2026-12-07", "latest": "2026-12-31"}},
      {"id": "e-4", "type": "hearingChanged", "hearing": {"id": "H-1", "language": "tir", "location": "TA",
                                                           "earliest": "2026-12-01", "latest": "2026-12-20", "priority": "high"}},
      {"id": "e-5", "type": "personAdded", "interpreter": {"id": "I-9", "gender": "female", "languages": [{"code": "tir"}],
                                                           "remote": true, "available": ["2026-12-08/AM"]}},
      {"id": "e-6", "type": "personAdded", "officer": {"id": "O-9", "gender": "male", "location": "ZW"}},
      {"id": "e-7", "type": "hearingCancelled", "hearing": "H-9"},
      {"id": "e-8", "type": "personRemoved", "person": "O-9"}
    ]}
    """#

    @Test func aBatchAppliesInOrder() throws {
        let events = try #require(EventsJSON.read(Array(Self.batch.utf8)).events)
        #expect(events.map(\.id) == (1...8).map { "e-\($0)" })
        let result = try Self.roster().applying(events).get()
        let roster = result.roster
        #expect(result.applied.count == 8 && result.skipped.isEmpty)
        #expect(roster.interpreters.first { $0.id == "I-1" }?.available.map(\.description) == ["2026-12-08/AM"])
        #expect(roster.officers.first { $0.id == "O-1" }?.available.map(\.description) == ["2026-12-07/AM", "2026-12-07/PM", "2026-12-09/AM"])
        #expect(!roster.hearings.contains { $0.id == "H-9" })
        #expect(roster.hearings.first { $0.id == "H-1" }?.latest == Day("2026-12-20"))
        #expect(roster.interpreters.contains { $0.id == "I-9" })
        #expect(!roster.officers.contains { $0.id == "O-9" })
    }

    @Test func applyingAnEventTwiceEqualsApplyingItOnce() throws {
        let events = try #require(EventsJSON.read(Array(Self.batch.utf8)).events)
        let once = try Self.roster().applying(events).get()
        let again = try once.roster.applying(events, alreadyApplied: Set(once.applied)).get()
        #expect(again.roster == once.roster)
        #expect(again.applied.isEmpty && again.skipped.count == 8)
        let doubled = try Self.roster().applying(events + events).get()
        #expect(doubled.roster == once.roster)
    }

    @Test(arguments: [
        (#"{"id": "x", "type": "availability", "person": "I-7", "slots": [], "available": true}"#, "no interpreter or officer \"I-7\""),
        (#"{"id": "x", "type": "availability", "person": "I-1", "slots": ["2026-12-14/AM"], "available": true}"#, "not a slot of the horizon"),
        (#"{"id": "x", "type": "hearingCancelled", "hearing": "H-7"}"#, "no hearing \"H-7\""),
        (#"{"id": "x", "type": "hearingAdded", "hearing": {"id": "H-1", "language": "tir", "location": "TA", "earliest": "2026-12-01", "latest": "2026-12-09"}}"#, "exists already"),
        (#"{"id": "x", "type": "hearingAdded", "hearing": {"id": "H-8", "language": "tir", "location": "XX", "earliest": "2026-12-01", "latest": "2026-12-09"}}"#, "no location \"XX\""),
        (#"{"id": "x", "type": "personAdded", "officer": {"id": "I-1", "gender": "male", "location": "TA"}}"#, "names a person already"),
        (#"{"id": "x", "type": "personRemoved", "person": "I-2"}"#, "fixed hearing H-2 names I-2"),
    ])
    func anEventThatDoesNotFitRefusesTheWholeBatch(event: String, reason: String) throws {
        let text = #"{"format": "hearing-planner/events@1", "events": [{"id": "ok", "type": "availability", "person": "O-1", "slots": ["2026-12-09/AM"], "available": true}, "# + event + "]}"
        let events = try #require(EventsJSON.read(Array(text.utf8)).events)
        let roster = try Self.roster()
        switch roster.applying(events) {
        case .success:
            Issue.record("the batch was applied")
        case .failure(let rejection):
            #expect(rejection.index == 1 && rejection.id == "x")
            #expect(rejection.reasons.joined().contains(reason), "\(rejection)")
        }
    }

    @Test func mistakesInTheDocumentAreNamed() {
        let text = #"""
        {"format": "hearing-planner/events@1", "events": [
          {"id": "a", "type": "availabilty", "person": "I-1"},
          {"id": "b", "type": "availability", "person": "I-1", "slots": ["2026-12-07 AM"], "available": false},
          {"id": "c", "type": "hearingAdded", "hearing": {"id": "H-9", "language": "ara", "location": "TA", "earliest": "2026-12-07"}},
          {"type": "personRemoved", "person": "O-1"}
        ]}
        """#
        let result = EventsJSON.read(Array(text.utf8))
        #expect(result.events == nil)
        #expect(result.diagnostics.map { String($0.place.prefix { $0 != " " }) } == [
            "events[0].type", "events[1].slots[0]", "events[2].hearing.latest", "events[3].id",
        ])
    }
}
