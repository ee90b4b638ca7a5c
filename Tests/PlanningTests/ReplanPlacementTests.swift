import Foundation
import PlannerModel
import Testing
import TestSupport

/// What a placement is when re-planning: date, day part, interpreter and officer. The interpreting
/// mode and the language may change without it being a change (scheduling-model.md), so neither
/// may force a hearing to move. Both cases were wrong before the oracle's rules were written down.
@Suite("Re-planning: what a placement is")
struct ReplanPlacementTests {
    static let monday = Day("2026-12-07")!
    static let tuesday = Day("2026-12-08")!
    /// Sunday evening: Monday's hearings start within 48 hours, so they are frozen.
    static let sunday = ISO8601DateFormatter().date(from: "2026-12-06T20:00:00+01:00")!
    static var slots: [SlotName] { [monday, tuesday].flatMap { d in ["AM", "PM"].map { SlotName(date: d, part: $0) } } }

    static func roster(hearings: [Hearing], interpreters: [Interpreter]) -> Roster {
        Roster(
            horizon: Horizon(start: monday, end: tuesday), locations: [Location(id: "L1"), Location(id: "L2")],
            hearings: hearings, interpreters: interpreters,
            officers: [
                Officer(id: "O1", gender: .female, location: "L1", available: slots),
                Officer(id: "O2", gender: .female, location: "L2", available: slots),
            ])
    }

    /// I1 works on site at L1 on Monday morning in the baseline. A new hearing at L2 on Monday
    /// afternoon needs I1 on site (no remote interpreting allowed): the frozen hearing at L1 can
    /// keep its placement if I1 interprets it remotely instead, which is not a change.
    @Test func aKeptHearingMayGoRemote() throws {
        let interpreter = Interpreter(
            id: "I1", gender: .female, languages: [LanguageSkill(code: "tir"), LanguageSkill(code: "ara")],
            onsiteLocations: ["L1", "L2"], remote: true, available: Self.slots)
        let first = Hearing(id: "H1", language: "tir", location: "L1", earliest: Self.monday, latest: Self.tuesday)
        let roster = Self.roster(hearings: [first], interpreters: [interpreter])
        let baseline = witnessPlan(for: roster, choices: [HearingChoice(hearing: "H1", placement: .init(
            date: Self.monday, slot: "AM", interpreter: "I1", mode: .onsite, language: "tir", officer: "O1"))])
        let added = Hearing(
            id: "H2", language: "ara", location: "L2", earliest: Self.monday, latest: Self.monday,
            remoteInterpreterAllowed: false, fixed: FixedAssignment(date: Self.monday, slot: "PM"))
        let changed = try roster.applying([EventRecord(id: "e-1", change: .hearingAdded(added))]).get().roster
        let plan = try makePlanner().replan(changed, baseline: baseline, now: Self.sunday)
        #expect(plan.status == .optimal)
        let h1 = try #require(plan.assignments.first { $0.hearing == "H1" })
        #expect(h1.date == Self.monday && h1.slot == "AM" && h1.interpreter == "I1" && h1.interpreterMode == .remote && !h1.changed)
        #expect(plan.assignments.first { $0.hearing == "H2" }?.interpreterMode == .onsite)
        #expect(plan.changes.map(\.hearing) == ["H2"])
        let best = try #require(ReplanOracle(roster: changed, baseline: baseline, now: Self.sunday).optimum())
        #expect(plan.objective == best.optimum)
    }

    /// The hearing's language is corrected from Tigrinya to Arabic; its interpreter speaks both, so
    /// the frozen placement stays (with Arabic) although Monday would score more, and nothing is
    /// forced.
    @Test func aCorrectedLanguageTheInterpreterSpeaksIsNoChange() throws {
        let interpreter = Interpreter(
            id: "I1", gender: .female, languages: [LanguageSkill(code: "tir"), LanguageSkill(code: "ara")],
            onsiteLocations: ["L1"], available: Self.slots)
        var hearing = Hearing(id: "H1", language: "tir", location: "L1", earliest: Self.monday, latest: Self.tuesday)
        var roster = Self.roster(hearings: [hearing], interpreters: [interpreter])
        // Tuesday morning, frozen (within 72 hours of Sunday evening), though Monday would score more.
        roster.policy.freezeHours = 72
        let baseline = witnessPlan(for: roster, choices: [HearingChoice(hearing: "H1", placement: .init(
            date: Self.tuesday, slot: "AM", interpreter: "I1", mode: .onsite, language: "tir", officer: "O1"))])
        hearing.language = "ara"
        let changed = try roster.applying([EventRecord(id: "e-1", change: .hearingChanged(hearing))]).get().roster
        let plan = try makePlanner().replan(changed, baseline: baseline, now: Self.sunday)
        #expect(plan.changes.isEmpty, "\(plan.changes)")
        #expect(plan.assignments.first?.language == "ara")
        #expect(ReplanOracle(roster: changed, baseline: baseline, now: Self.sunday).forcedRule.isEmpty)
    }
}
