import PlannerModel
import TestSupport
import Testing

/// Small hand-checked rosters and CSV folders, built in code (the test target declares no resources).
enum CSVFixtures {
    static func day(_ text: String) throws -> Day {
        try #require(Day(text))
    }

    static func slot(_ text: String) throws -> SlotName {
        try #require(SlotName(text))
    }

    static func time(_ text: String) throws -> TimeOfDay {
        try #require(TimeOfDay(text))
    }

    /// A roster that sets every field (TestSupport's `SampleRosters.everyField()`).
    static func everyField() throws -> Roster {
        try SampleRosters.everyField()
    }

    /// A small valid folder as text, one row per list, that tests change one file of.
    static let minimalFolder: [String: String] = [
        "horizon.csv": "key,value\nstart,2026-12-07\nend,2026-12-18\n",
        "locations.csv": "id,name,rooms\nTA,Ter Apel,12\n",
        "hearings.csv": "id,language,location,earliest,latest\nH-1,tir,TA,2026-12-01,2026-12-22\n",
        "interpreters.csv": "id,gender,languages,onsiteLocations,remote\nI-4,female,tir;amh*,TA,true\n",
        "officers.csv": "id,gender,location\nO-2,female,TA\n",
        "availability.csv": "person,slot\nI-4,2026-12-07/AM\nO-2,2026-12-07/AM\n",
    ]

    /// The minimal folder with some files replaced (or removed, for `nil`).
    static func folder(replacing changes: [String: String?] = [:]) -> [String: [UInt8]] {
        var texts = minimalFolder
        for (name, text) in changes { texts[name] = text }
        return texts.mapValues { Array($0.utf8) }
    }

    /// The roster that `minimalFolder` stands for.
    static func minimalRoster() throws -> Roster {
        Roster(
            horizon: Horizon(start: try day("2026-12-07"), end: try day("2026-12-18")),
            locations: [Location(id: "TA", name: "Ter Apel", rooms: 12)],
            hearings: [
                Hearing(id: "H-1", language: "tir", location: "TA", earliest: try day("2026-12-01"), latest: try day("2026-12-22")),
            ],
            interpreters: [
                Interpreter(
                    id: "I-4", gender: .female,
                    languages: [LanguageSkill(code: "tir"), LanguageSkill(code: "amh", registered: false)],
                    onsiteLocations: ["TA"], remote: true, available: [try slot("2026-12-07/AM")]),
            ],
            officers: [Officer(id: "O-2", gender: .female, location: "TA", available: [try slot("2026-12-07/AM")])])
    }

    static func text(_ bytes: [UInt8]?) throws -> String {
        String(decoding: try #require(bytes), as: UTF8.self)
    }
}
