import PlannerModel

/// Hand-made rosters that several test targets read.
public enum SampleRosters {
    struct BadLiteral: Error {
        var text: String
    }

    static func day(_ text: String) throws -> Day {
        guard let day = Day(text) else { throw BadLiteral(text: text) }
        return day
    }

    static func slot(_ text: String) throws -> SlotName {
        guard let slot = SlotName(text) else { throw BadLiteral(text: text) }
        return slot
    }

    static func time(_ text: String) throws -> TimeOfDay {
        guard let time = TimeOfDay(text) else { throw BadLiteral(text: text) }
        return time
    }

    /// A roster that sets every field, and keeps to the hard rules, so that a validator finds
    /// nothing wrong with it: fixed people, overridden policy, an unregistered language, gender x,
    /// a third day part with its times, and text that needs quoting in CSV.
    public static func everyField() throws -> Roster {
        var policy = Policy()
        policy.preferencePenalty.high = 80
        policy.hearingValue = 12.5
        policy.freezeHours = 24
        policy.maxChanges = 3
        let horizon = Horizon(
            start: try day("2026-12-07"), end: try day("2026-12-18"), holidays: [try day("2026-12-10")],
            slots: ["AM", "PM", "EV"],
            slotTimes: [
                "AM": DayPartTimes(start: try time("08:30"), end: try time("12:00")),
                "PM": DayPartTimes(start: try time("13:00"), end: try time("16:30")),
                "EV": DayPartTimes(start: try time("17:00"), end: try time("19:00")),
            ],
            timeZone: "Europe/Brussels")
        return Roster(
            horizon: horizon, policy: policy,
            locations: [
                Location(id: "TA", name: "Ter Apel, \"AZC\"\nBuilding B", rooms: 12),
                Location(id: "ZW"),
            ],
            hearings: [
                Hearing(
                    id: "H-000123", kind: "detailed, second", language: "tir", fallbackLanguages: ["amh", "ara"],
                    location: "TA", durationSlots: 2, earliest: try day("2026-12-01"), latest: try day("2026-12-22"),
                    interpreterGender: .female, officerGender: .male, priority: .high,
                    requiredTrainings: ["vulnerable-persons", "minors"], remoteInterpreterAllowed: false,
                    excludedInterpreters: ["I-17"], excludedOfficers: ["O-3"],
                    fixed: FixedAssignment(date: try day("2026-12-08"), slot: "AM", interpreter: "I-4", officer: "O-2")),
                Hearing(
                    id: "H-000124", language: "ara", location: "ZW", earliest: try day("2026-12-09"),
                    latest: try day("2026-12-30")),
                Hearing(
                    id: "H-000125", kind: "dublin", language: "amh", location: "TA", earliest: try day("2026-11-02"),
                    latest: try day("2026-12-04"), officerGender: .female,
                    fixed: FixedAssignment(date: try day("2026-12-14"), slot: "PM")),
            ],
            interpreters: [
                Interpreter(
                    id: "I-4", gender: .female,
                    languages: [LanguageSkill(code: "tir"), LanguageSkill(code: "amh", registered: false)],
                    onsiteLocations: ["TA"], remote: true,
                    available: [try slot("2026-12-08/AM"), try slot("2026-12-08/PM"), try slot("2026-12-14/PM")],
                    maxHearingsPerWeek: 8),
                Interpreter(
                    id: "I-17", gender: .x, languages: [LanguageSkill(code: "ara")], remote: true,
                    available: [try slot("2026-12-09/EV")]),
            ],
            officers: [
                Officer(
                    id: "O-2", gender: .male, location: "TA", trainings: ["vulnerable-persons", "minors"],
                    available: [try slot("2026-12-08/AM"), try slot("2026-12-08/PM")], maxHearingsPerWeek: 6),
                Officer(id: "O-3", gender: .female, location: "TA", available: [try slot("2026-12-14/PM")]),
                Officer(id: "O-9", gender: .x, location: "ZW"),
            ])
    }
}
