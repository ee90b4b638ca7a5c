import PlannerModel
import Testing

@Suite("Roster JSON")
struct RosterJSONTests {
    @Test func writingAndReadingGivesAnEqualRoster() throws {
        let original = try #require(RosterJSON.read(Array(RosterFixtures.validText.utf8)).checked().roster)
        var roster = original
        roster.policy.preferencePenalty.high = 80
        roster.policy.maxChanges = 3
        roster.horizon.slots = ["AM", "PM", "EVE"]
        roster.horizon.slotTimes["EVE"] = DayPartTimes(start: try #require(TimeOfDay("18:00")), end: try #require(TimeOfDay("20:00")))
        roster.hearings[0].officerGender = .male
        roster.hearings[0].remoteInterpreterAllowed = false
        roster.hearings[0].excludedInterpreters = ["I-2"]
        let bytes = try RosterJSON.write(roster)
        let reread = RosterJSON.read(bytes).checked()
        #expect(reread.errors.isEmpty, "\(reread.errors)")
        #expect(reread.roster == roster)
        #expect(try RosterJSON.write(try #require(reread.roster)) == bytes)
    }

    @Test func defaultsFollowTheFormat() throws {
        let text = """
            {"format": "hearing-planner/roster@1", "horizon": {"start": "2026-12-07", "end": "2026-12-07"},
             "locations": [{"id": "TA"}], "hearings": [{"id": "H", "language": "ara", "location": "TA",
             "earliest": "2026-12-01", "latest": "2026-12-07"}],
             "interpreters": [{"id": "I", "gender": "x", "languages": [{"code": "ara"}], "remote": true}],
             "officers": [{"id": "O", "gender": "male", "location": "TA"}]}
            """
        let roster = try #require(RosterJSON.read(Array(text.utf8)).checked().roster)
        let hearing = try #require(roster.hearings.first)
        #expect(hearing.durationSlots == 1 && hearing.priority == .standard && hearing.remoteInterpreterAllowed)
        #expect(hearing.fallbackLanguages.isEmpty && hearing.fixed == nil && hearing.kind == nil)
        #expect(roster.interpreters[0].languages[0].registered)
        #expect(roster.interpreters[0].onsiteLocations.isEmpty && roster.interpreters[0].available.isEmpty)
        #expect(roster.locations[0].rooms == nil)
        #expect(roster.horizon.slotTimes["PM"]?.start.description == "13:30")
        #expect(roster.policy.deadlineBonus == 1000 && roster.policy.preferencePenalty.high == 60)
    }

    @Test(arguments: [
        (#"{"a": "\u00e9\ud83d\ude00\n\t\"\\"}"#, "é😀\n\t\"\\"),
        (#"{"a": "plain ascii"}"#, "plain ascii"),
        ("{\"a\": \"Tigrinya ትግርኛ\"}", "Tigrinya ትግርኛ"),
    ])
    func stringsAreDecoded(text: String, expected: String) throws {
        let node = try JSONParser.parse(Array(text.utf8))
        guard case .string(let value)? = node["a"]?.value else {
            Issue.record("no string")
            return
        }
        #expect(value == expected)
    }

    @Test func numbersKeepWhetherTheyWereIntegers() throws {
        let node = try JSONParser.parse(Array(#"[1, -0, 2.5, 1e3, 12345678901]"#.utf8))
        guard case .array(let items) = node.value else {
            Issue.record("no array")
            return
        }
        let kinds = items.map { item -> Bool? in
            if case .number(_, let isInteger) = item.value { return isInteger }
            return nil
        }
        #expect(kinds == [true, true, false, false, true])
    }

    @Test func aByteOrderMarkIsAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{}".utf8)
        _ = try JSONParser.parse(bytes)
    }
}

@Suite("Policy files")
struct PolicyFileTests {
    @Test func aPolicyFileOverridesTheDefaults() throws {
        let result = try PolicyJSON.read(Array(#"{"preferencePenalty": {"high": 80}, "maxChanges": 3, "delayWeight": 2.5}"#.utf8))
        let policy = try #require(result.policy)
        #expect(policy.preferencePenalty.high == 80 && policy.preferencePenalty.standard == 20)
        #expect(policy.maxChanges == 3 && policy.delayWeight == 2.5 && policy.deadlineBonus == 1000)
    }

    @Test func mistakesInAPolicyFileAreNamed() throws {
        let result = try PolicyJSON.read(Array(#"{"delayWieght": 2, "hearingValue": "ten"}"#.utf8))
        #expect(result.policy == nil)
        #expect(result.diagnostics.map { String($0.place.prefix { $0 != " " }) }.sorted() == ["delayWieght", "hearingValue"])
        #expect(result.diagnostics.contains { $0.message.contains("did you mean \"delayWeight\"") })
    }
}
