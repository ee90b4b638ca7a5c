import Foundation
import Planning
import PlannerModel
import SyntheticRosters
import Testing
import TestSupport

/// A sick call answered by fixing a replacement: a frozen hearing gives way to a fixed one (a
/// forced change) instead of failing the whole re-plan; only fixed hearings that clash with each
/// other make a re-plan infeasible.
@Suite("Re-planning around new fixed hearings")
struct ReplanFixedConflictTests {
    static let monday = Day("2026-12-07")!
    static let mondayEarly = ISO8601DateFormatter().date(from: "2026-12-07T07:30:00+01:00")!
    static let both = [SlotName("2026-12-07/AM")!, SlotName("2026-12-07/PM")!, SlotName("2026-12-08/AM")!, SlotName("2026-12-08/PM")!]

    static func hearing(_ id: String, fixed: FixedAssignment? = nil) -> Hearing {
        Hearing(
            id: id, language: "tir", location: "TA", earliest: Day("2026-11-02")!, latest: Day("2027-01-29")!,
            remoteInterpreterAllowed: false, fixed: fixed)
    }

    /// Monday and Tuesday; three Tigrinya interpreters and three officers, free throughout.
    static func roster() -> Roster {
        Roster(
            horizon: Horizon(start: monday, end: monday.adding(days: 1)), locations: [Location(id: "TA", rooms: 3)],
            hearings: (1...4).map { hearing("H-\($0)") },
            interpreters: (1...3).map {
                Interpreter(id: "I-\($0)", gender: .female, languages: [LanguageSkill(code: "tir")], onsiteLocations: ["TA"], available: both)
            },
            officers: (1...3).map { Officer(id: "O-\($0)", gender: .female, location: "TA", available: both) })
    }

    @Test func aFrozenHearingGivesWayToAFixedReplacement() throws {
        let roster = Self.roster()
        let baseline = try makePlanner().plan(roster)
        #expect(baseline.status == .optimal)
        let h1 = try #require(baseline.assignments.first { $0.date == Self.monday && $0.slot == "AM" })
        let h9 = Self.hearing("H-9", fixed: FixedAssignment(date: Self.monday, slot: "AM", interpreter: h1.interpreter))
        let changed = try roster.applying([EventRecord(id: "e-1", change: .hearingAdded(h9))]).get().roster
        let plan = try makePlanner().replan(changed, baseline: baseline, now: Self.mondayEarly)

        #expect(plan.status == .optimal)
        #expect(ReplanTests.ruleViolations(plan, changed).isEmpty)
        let held = try #require(plan.assignments.first { $0.hearing == "H-9" })
        #expect(held.date == Self.monday && held.slot == "AM" && held.interpreter == h1.interpreter)
        let change = try #require(plan.changes.first { $0.hearing == h1.hearing }, "\(plan.changes)")
        #expect(change.forced)
        #expect(change.rule?.contains("H-9") == true, "\(change.rule ?? "no rule")")
        // Who must be told: the interpreter gains H-9 and loses or keeps H-1 elsewhere.
        let people = try #require(plan.changesByPerson)
        #expect(people == PlanDiff(from: baseline, to: plan).people)
        let interpreter = try #require(people.first { $0.person == h1.interpreter })
        #expect(interpreter.gained.map(\.hearing).contains("H-9"))
        // Everything else stays planned: the other frozen hearings in place, all four held.
        #expect(plan.assignments.count == 5)
        for other in baseline.assignments where other.hearing != h1.hearing && other.date == Self.monday {
            let now = try #require(plan.assignments.first { $0.hearing == other.hearing })
            #expect(PlanChange.Placement(now) == PlanChange.Placement(other), "\(other.hearing)")
        }
    }

    /// The issue's case on a generated week: the replacement is fixed in the frozen hearing's place.
    @Test func aGeneratedWeekIsReplannedNotEmptied() throws {
        let roster = RosterGenerator(hearings: 300, seed: 11).generate()
        let baseline = try makePlanner().plan(roster, options: PlanningOptions(timeLimit: .seconds(20), relativeGap: 1e-3))
        let h1 = try #require(baseline.assignments.filter { $0.date == roster.horizon.start && $0.slot == "AM" }.first)
        var h9 = try #require(roster.hearings.first { $0.id == h1.hearing })
        h9.id = "H-REPLACEMENT"
        h9.fixed = FixedAssignment(date: h1.date, slot: h1.slot, interpreter: h1.interpreter)
        h9.excludedInterpreters = []
        let changed = try roster.applying([EventRecord(id: "e-1", change: .hearingAdded(h9))]).get().roster
        let now = ISO8601DateFormatter().date(from: "\(h1.date)T07:30:00+01:00")!
        let plan = try makePlanner().replan(changed, baseline: baseline, now: now, options: PlanningOptions(timeLimit: .seconds(20)))

        #expect(plan.status == .optimal || plan.status == .feasible, "\(plan.status)")
        #expect(ReplanTests.ruleViolations(plan, changed).isEmpty)
        #expect(plan.assignments.contains { $0.hearing == "H-REPLACEMENT" && $0.interpreter == h1.interpreter })
        #expect(plan.assignments.count >= baseline.assignments.count - 1)
        #expect(plan.changes.first { $0.hearing == h1.hearing }?.forced == true)
    }

    /// Two fixed hearings on Monday afternoon, when only one officer works: nothing can be planned,
    /// and the re-plan says which hearings clash (the validator cannot see it: it needs the officers).
    @Test func fixedHearingsThatClashMakeTheReplanInfeasibleAndAreNamed() throws {
        var roster = Self.roster()
        for k in 1..<3 { roster.officers[k].available.removeAll { $0 == SlotName("2026-12-07/PM")! } }
        let baseline = try makePlanner().plan(roster)
        let pin = FixedAssignment(date: Self.monday, slot: "PM")
        let changed = try roster.applying([
            EventRecord(id: "e-1", change: .hearingAdded(Self.hearing("H-8", fixed: pin))),
            EventRecord(id: "e-2", change: .hearingAdded(Self.hearing("H-9", fixed: pin))),
        ]).get().roster
        let plan = try makePlanner().replan(changed, baseline: baseline, now: Self.mondayEarly)
        #expect(plan.status == .infeasible)
        let named = plan.unscheduled.filter { $0.reason.code == .fixedConflict }.map(\.hearing).sorted()
        #expect(named == ["H-8", "H-9"])
    }
}
