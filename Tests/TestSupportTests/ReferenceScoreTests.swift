import PlannerModel
import Testing
import TestSupport

@Suite struct ReferenceScoreTests {
    /// Every term at once. Horizon Mon 2026-12-07 .. Wed 2026-12-09 with a holiday on Wed 2026-12-02.
    /// Hearing: earliest Mon 2026-11-30, latest 2026-12-09 (in the horizon), high priority, asks a female
    /// interpreter and a male officer; held Tue 2026-12-08 in the fallback language amh, which the male
    /// interpreter speaks unregistered, with a male officer.
    ///   hearingValue 10
    /// + age:   wd(11-30, 12-07) = 5 - 1 holiday = 4
    /// - delay: wd(12-07, 12-08) = 1
    /// + deadline 1000
    /// - preference: 60 * 1 unmet (interpreter)
    /// - unregistered 5
    /// - fallback 10
    /// = 10 + 4 - 1 + 1000 - 60 - 5 - 10 = 938
    @Test func everyTermByHand() {
        let roster = Roster(
            horizon: Horizon(start: day("2026-12-07"), end: day("2026-12-09"), holidays: [day("2026-12-02")]),
            locations: [Location(id: "L1")],
            hearings: [Hearing(
                id: "H1", language: "tir", fallbackLanguages: ["amh"], location: "L1",
                earliest: day("2026-11-30"), latest: day("2026-12-09"), interpreterGender: .female,
                officerGender: .male, priority: .high)],
            interpreters: [Interpreter(
                id: "I1", gender: .male, languages: [LanguageSkill(code: "amh", registered: false)])],
            officers: [Officer(id: "O1", gender: .male, location: "L1")])
        let reference = ReferenceScore(roster: roster)
        let terms = reference.terms(
            hearing: roster.hearings[0], date: day("2026-12-08"), interpreter: roster.interpreters[0],
            language: "amh", officer: roster.officers[0])
        #expect(terms == ReferenceScore.Terms(
            hearingValue: 10, age: 4, delay: -1, deadline: 1000, preference: -60, unregistered: -5,
            fallbackLanguage: -10))
        #expect(terms.total == 938)
        #expect(reference.delayDays(of: roster.hearings[0], on: day("2026-12-08")) == 1)
        #expect(reference.waitDays(of: roster.hearings[0], on: day("2026-12-08")) == 5)
    }

    /// Gender x never meets a preference; no preference is never unmet.
    @Test(arguments: [
        (GenderPreference?.some(.female), Gender.female, PreferenceState.met),
        (.female, .male, .unmet),
        (.male, .x, .unmet),
        (.female, .x, .unmet),
        (nil, .x, PreferenceState.none),
        (nil, .female, PreferenceState.none),
    ])
    func preferenceStates(requested: GenderPreference?, gender: Gender, expected: PreferenceState) {
        #expect(ReferenceScore.preferenceState(requested, gender) == expected)
    }
}
