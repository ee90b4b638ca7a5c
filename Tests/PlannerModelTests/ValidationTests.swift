import Foundation
import PlannerModel
import Testing

@Suite("Roster validation")
struct ValidationTests {
    @Test func theFixtureIsValid() throws {
        let checked = RosterJSON.read(Array(RosterFixtures.validText.utf8)).checked()
        #expect(checked.errors.isEmpty, "\(checked.errors)")
        let roster = try #require(checked.roster)
        #expect(roster.hearings.count == 2)
        #expect(roster.hearings[1].durationSlots == 1)
        #expect(roster.hearings[1].priority == .standard)
        #expect(roster.hearings[1].remoteInterpreterAllowed)
        #expect(roster.interpreters[0].languages[1] == LanguageSkill(code: "amh", registered: false))
        #expect(roster.interpreters[1].remote == false)
        #expect(roster.horizon.slots == ["AM", "PM"])
        #expect(roster.horizon.timeZone == "Europe/Amsterdam")
        #expect(roster.policy == Policy())
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let place: String
        let fragment: String
        let mutate: @Sendable (inout JSONEdit) -> Void
        var testDescription: String { name }
    }

    static let errorCases: [Case] = [
        Case(name: "missing format", place: "format", fragment: "required") { $0["format"] = nil },
        Case(name: "wrong format", place: "format", fragment: "this version reads") { $0["format"] = "roster@0" },
        Case(name: "unknown field", place: "hearings[0].lenguage", fragment: "did you mean \"language\"") {
            $0["hearings", 0, "lenguage"] = "tir"
        },
        Case(name: "wrong type", place: "hearings[0].durationSlots", fragment: "whole number") {
            $0["hearings", 0, "durationSlots"] = "2"
        },
        Case(name: "fractional count", place: "interpreters[0].maxHearingsPerWeek", fragment: "whole number") {
            $0["interpreters", 0, "maxHearingsPerWeek"] = 2.5
        },
        Case(name: "missing required field", place: "hearings[1].latest", fragment: "required") {
            $0["hearings", 1, "latest"] = nil
        },
        Case(name: "missing officer location", place: "officers[0].location", fragment: "required") {
            $0["officers", 0, "location"] = nil
        },
        Case(name: "bad date", place: "hearings[0].earliest", fragment: "YYYY-MM-DD") {
            $0["hearings", 0, "earliest"] = "1-12-2026"
        },
        Case(name: "impossible date", place: "horizon.end", fragment: "not a date") {
            $0["horizon", "end"] = "2026-02-30"
        },
        Case(name: "duplicate hearing id", place: "hearings[1].id", fragment: "used already by hearings[0]") {
            $0["hearings", 1, "id"] = "H-1"
        },
        Case(name: "duplicate location id", place: "locations[2].id", fragment: "used already") {
            $0.appendCopy(of: "locations", 0, replacing: [:])
        },
        Case(name: "interpreter and officer share an id", place: "officers[0].id", fragment: "also an interpreter") {
            $0["officers", 0, "id"] = "I-2"
        },
        Case(name: "unknown location", place: "hearings[0].location", fragment: "no location \"XX\"") {
            $0["hearings", 0, "location"] = "XX"
        },
        Case(name: "unknown onsite location", place: "interpreters[0].onsiteLocations[0]", fragment: "no location") {
            $0["interpreters", 0, "onsiteLocations"] = ["XX"]
        },
        Case(name: "unknown excluded officer", place: "hearings[0].excludedOfficers[0]", fragment: "no officer \"O-9\"") {
            $0["hearings", 0, "excludedOfficers"] = ["O-9"]
        },
        Case(name: "earliest after latest", place: "hearings[0].latest", fragment: "before the earliest") {
            $0["hearings", 0, "earliest"] = "2026-12-10"
        },
        Case(name: "slot outside the horizon", place: "interpreters[0].available[1]", fragment: "outside the horizon") {
            $0["interpreters", 0, "available", 1] = "2026-12-14/AM"
        },
        Case(name: "slot on a weekend", place: "officers[0].available[0]", fragment: "weekend") {
            $0["horizon", "end"] = "2026-12-14"
            $0["officers", 0, "available", 0] = "2026-12-12/AM"
        },
        Case(name: "slot on a holiday", place: "officers[0].available[0]", fragment: "holiday") {
            $0["officers", 0, "available", 0] = "2026-12-10/AM"
        },
        Case(name: "unknown day part", place: "officers[0].available[1]", fragment: "not a day part") {
            $0["officers", 0, "available", 1] = "2026-12-07/EVE"
        },
        Case(name: "malformed slot", place: "officers[0].available[1]", fragment: "DATE/PART") {
            $0["officers", 0, "available", 1] = "2026-12-07 AM"
        },
        Case(name: "hearing longer than a day", place: "hearings[0].durationSlots", fragment: "does not fit") {
            $0["hearings", 0, "durationSlots"] = 3
        },
        Case(name: "unknown gender", place: "interpreters[1].gender", fragment: "not one of") {
            $0["interpreters", 1, "gender"] = "f"
        },
        Case(name: "unknown preference", place: "hearings[0].interpreterGender", fragment: "not one of") {
            $0["hearings", 0, "interpreterGender"] = "x"
        },
        Case(name: "unknown priority", place: "hearings[0].priority", fragment: "not one of") {
            $0["hearings", 0, "priority"] = "urgent"
        },
        Case(name: "negative weight", place: "policy.delayWeight", fragment: "must be from 0 to 1000000, not -1") {
            $0["policy"] = ["delayWeight": -1]
        },
        Case(name: "absurd weight", place: "policy.hearingValue", fragment: "must be from 0 to 1000000, not 1e+308") {
            $0["policy"] = ["hearingValue": 1e308]
        },
        Case(name: "absurd nested weight", place: "policy.preferencePenalty.high", fragment: "must be from 0 to 1000000") {
            $0["policy"] = ["preferencePenalty": ["high": 2_000_000]]
        },
        Case(name: "freeze of more than a year", place: "policy.freezeHours", fragment: "must be from 0 to 8760") {
            $0["policy"] = ["freezeHours": 10_000]
        },
        Case(name: "unknown policy field", place: "policy.preferencePenalty.urgent", fragment: "unknown field") {
            $0["policy"] = ["preferencePenalty": ["urgent": 3]]
        },
        Case(name: "unknown time zone", place: "horizon.timeZone", fragment: "not a known time zone") {
            $0["horizon", "timeZone"] = "Europe/Ter_Apel"
        },
        Case(name: "day part without times", place: "horizon.slotTimes", fragment: "\"EVE\" has no times") {
            $0["horizon", "slots"] = ["AM", "PM", "EVE"]
        },
        Case(name: "fixed on a non-working day", place: "hearings[1].fixed.date", fragment: "holiday") {
            $0["hearings", 1, "fixed", "date"] = "2026-12-10"
        },
        Case(name: "fixed before earliest", place: "hearings[1].fixed.date", fragment: "before the hearing's earliest") {
            $0["hearings", 1, "earliest"] = "2026-12-09"
        },
        Case(name: "fixed unknown day part", place: "hearings[1].fixed.slot", fragment: "not a day part") {
            $0["hearings", 1, "fixed", "slot"] = "EVE"
        },
        Case(name: "fixed interpreter of another language", place: "hearings[1].fixed.interpreter", fragment: "speaks neither") {
            $0["hearings", 1, "language"] = "tir"
        },
        Case(name: "fixed interpreter unavailable", place: "hearings[1].fixed.interpreter", fragment: "not available in 2026-12-08/PM") {
            $0["hearings", 1, "durationSlots"] = 2
            $0["officers", 1, "available"] = ["2026-12-08/AM", "2026-12-08/PM"]
            $0["interpreters", 1, "available"] = ["2026-12-08/AM"]
        },
        Case(name: "fixed interpreter excluded", place: "hearings[1].fixed.interpreter", fragment: "excluded") {
            $0["hearings", 1, "excludedInterpreters"] = ["I-2"]
        },
        Case(name: "fixed interpreter not on site", place: "hearings[1].fixed.interpreter", fragment: "neither works on site") {
            $0["interpreters", 1, "onsiteLocations"] = ["TA"]
        },
        Case(name: "fixed officer elsewhere", place: "hearings[1].fixed.officer", fragment: "works at TA") {
            $0["hearings", 1, "fixed", "officer"] = "O-1"
            $0["officers", 0, "available"] = ["2026-12-08/AM"]
        },
        Case(name: "fixed officer lacks training", place: "hearings[1].fixed.officer", fragment: "lacks the training") {
            $0["hearings", 1, "requiredTrainings"] = ["dublin"]
        },
        Case(name: "fixed unknown person", place: "hearings[1].fixed.officer", fragment: "no officer \"O-7\"") {
            $0["hearings", 1, "fixed", "officer"] = "O-7"
        },
        Case(name: "two fixed hearings share a person", place: "hearings[2].fixed.officer", fragment: "also fixed for H-2") {
            $0["locations", 1, "rooms"] = 2
            $0.appendCopy(of: "hearings", 1, replacing: ["id": "H-3", "fixed": ["date": "2026-12-08", "slot": "AM", "officer": "O-2"]])
        },
        Case(name: "fixed hearings overflow the rooms", place: "hearings[2].fixed.slot", fragment: "than it has rooms (1)") {
            $0.appendCopy(of: "hearings", 1, replacing: ["id": "H-3", "fixed": ["date": "2026-12-08", "slot": "AM"]])
        },
        Case(name: "fixed hearings above a weekly maximum", place: "hearings[2].fixed.interpreter", fragment: "weekly maximum of 1") {
            $0["interpreters", 1, "maxHearingsPerWeek"] = 1
            $0.appendCopy(of: "hearings", 1, replacing: ["id": "H-3", "fixed": ["date": "2026-12-08", "slot": "PM", "interpreter": "I-2"]])
        },
    ]

    @Test(arguments: errorCases)
    func eachMistakeIsReportedAtItsPlace(_ testCase: Case) {
        let checked = RosterJSON.read(RosterFixtures.mutated(testCase.mutate)).checked()
        #expect(checked.roster == nil)
        let errors = checked.errors
        #expect(errors.count == 1, "\(errors)")
        let error = errors.first
        #expect(error?.place.hasPrefix(testCase.place + " (line ") == true, "\(errors)")
        #expect(error?.message.contains(testCase.fragment) == true, "\(errors)")
    }

    @Test(arguments: [
        ("no rooms", "locations[1].rooms", "no room limit"),
        ("language nobody speaks", "hearings[1].language", "no interpreter speaks \"som\""),
        ("training spelled two ways", "hearings[0].requiredTrainings[0]", "also spelled"),
        ("not an ISO 639-3 code", "hearings[1].language", "ISO 639-3"),
    ])
    func warningsDoNotFail(name: String, place: String, fragment: String) throws {
        let bytes = RosterFixtures.mutated { root in
            switch name {
            case "no rooms": root["locations", 1, "rooms"] = nil
            case "language nobody speaks":
                root["hearings", 1, "language"] = "som"
                root["hearings", 1, "fixed"] = nil
            case "training spelled two ways": root["hearings", 0, "requiredTrainings"] = ["Vulnerable persons"]
            default:
                root["hearings", 1, "language"] = "arabic"
                root["hearings", 1, "fixed"] = nil
            }
        }
        let checked = RosterJSON.read(bytes).checked()
        #expect(checked.errors.isEmpty, "\(checked.errors)")
        #expect(checked.roster != nil)
        #expect(checked.warnings.contains { $0.place.hasPrefix(place) && $0.message.contains(fragment) }, "\(checked.warnings)")
    }

    @Test(arguments: [
        ("{\n  \"format\": \"x\",\n  \"horizon\": {,}\n}", "line 3, column 15", "field name"),
        ("{\"a\": [1, 2,, 3]}", "line 1, column 13", "value was expected"),
        ("{\"a\": \"text", "line 1, column 7", "not closed"),
        ("{\"a\": 1, \"a\": 2}", "line 1, column 10", "appears twice"),
        ("", "line 1, column 1", "document ended"),
        ("{} x", "line 1, column 4", "after the end"),
    ])
    func syntaxErrorsNameLineAndColumn(text: String, place: String, fragment: String) {
        let checked = RosterJSON.read(Array(text.utf8)).checked()
        #expect(checked.diagnostics.count == 1)
        #expect(checked.diagnostics.first?.place == place, "\(checked.diagnostics)")
        #expect(checked.diagnostics.first?.message.contains(fragment) == true, "\(checked.diagnostics)")
    }

    /// Twenty different mistakes in one roster give twenty messages in one run.
    @Test func everyMistakeIsReportedAtOnce() {
        let bytes = RosterFixtures.mutated { root in
            for copy in 2...13 {
                root.appendCopy(of: "hearings", 1, replacing: ["id": "H-1\(copy)"])
                root["hearings", copy, "fixed"] = nil
            }
            root["format"] = "roster@0"
            root["horizon", "timeZone"] = "Mars/Olympus"
            root["hearings", 2, "lenguage"] = "ara"
            root["hearings", 3, "durationSlots"] = "2"
            root["hearings", 4, "latest"] = nil
            root["hearings", 5, "earliest"] = "2026-13-01"
            root["hearings", 6, "id"] = "H-1"
            root["hearings", 7, "location"] = "XX"
            root["hearings", 8, "earliest"] = "2027-01-01"
            root["hearings", 9, "durationSlots"] = 3
            root["hearings", 10, "priority"] = "urgent"
            root["hearings", 11, "excludedOfficers"] = ["O-9"]
            root["hearings", 12, "interpreterGender"] = "x"
            root["hearings", 13, "fallbackLanguages"] = 5
            root["interpreters", 0, "available", 1] = "2026-12-21/AM"
            root["interpreters", 1, "gender"] = "f"
            root["officers", 0, "location"] = nil
            root["officers", 1, "available"] = ["2026-12-08/AM", "2026-12-07/EVE"]
            root["policy"] = ["delayWeight": -1]
            root["locations", 1, "rooms"] = -1
        }
        let checked = RosterJSON.read(bytes).checked()
        #expect(checked.roster == nil)
        let places = checked.errors.map { String($0.place.prefix { $0 != " " }) }
        #expect(places.sorted() == [
            "format", "horizon.timeZone", "hearings[2].lenguage", "hearings[3].durationSlots", "hearings[4].latest",
            "hearings[5].earliest", "hearings[6].id", "hearings[7].location", "hearings[8].latest",
            "hearings[9].durationSlots", "hearings[10].priority", "hearings[11].excludedOfficers[0]",
            "hearings[12].interpreterGender", "hearings[13].fallbackLanguages", "interpreters[0].available[1]",
            "interpreters[1].gender", "officers[0].location", "officers[1].available[1]", "policy.delayWeight",
            "locations[1].rooms",
        ].sorted(), "\(checked.errors.map(\.description).joined(separator: "\n"))")
    }
}
