import Foundation
import PlannerModel
import SyntheticRosters
import Testing
import TestSupport

@Suite("Re-planning")
struct ReplanTests {
    static let beforeTheWeek = ISO8601DateFormatter().date(from: "2026-12-01T00:00:00Z")!
    static let mondayMorning = ISO8601DateFormatter().date(from: "2026-12-07T08:00:00+01:00")!

    static func week(_ seed: UInt64) throws -> (Roster, Plan) {
        let roster = RosterGenerator(hearings: 60, seed: seed).generate()
        return (roster, try makePlanner().plan(roster))
    }

    /// Hard rules only: a re-plan's scores carry change penalties the plain checker does not know.
    static func ruleViolations(_ plan: Plan, _ roster: Roster) -> [String] {
        HardRuleChecker().violations(of: plan, for: roster).filter { $0.hasPrefix("rule") }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func withoutEventsNothingChanges(seed: UInt64) throws {
        let (roster, baseline) = try Self.week(seed)
        let plan = try makePlanner().replan(roster, baseline: baseline, now: Self.beforeTheWeek)
        #expect(plan.changes.isEmpty)
        #expect(plan.assignments.allSatisfy { !$0.changed })
        #expect(plan.assignments.map(\.hearing) == baseline.assignments.map(\.hearing))
        #expect(abs(plan.objective - baseline.objective) < 1e-6)
    }

    /// One interpreter loses the slots of their first hearing: that hearing's change is forced and
    /// names the rule; with maxChanges 0 nothing else changes.
    @Test(arguments: [UInt64(1), 2, 3])
    func aLostInterpreterForcesOnlyTheirHearing(seed: UInt64) throws {
        var (roster, baseline) = try Self.week(seed)
        let first = try #require(baseline.assignments.first)
        roster = try roster.applying([EventRecord(
            id: "e-1", change: .availability(person: first.interpreter, slots: first.slots, available: false))]).get().roster
        roster.policy.maxChanges = 0
        let plan = try makePlanner().replan(roster, baseline: baseline, now: Self.beforeTheWeek)
        #expect(Self.ruleViolations(plan, roster).isEmpty)
        let forced = plan.changes.filter(\.forced)
        #expect(forced.map(\.hearing) == [first.hearing])
        #expect(forced.first?.rule?.hasPrefix("rule 3: \(first.interpreter) is not available") == true)
        #expect(plan.changes.filter { !$0.forced && $0.before != nil }.isEmpty, "\(plan.changes)")
    }

    /// Hearings within 48 hours of now keep their placement, even when moving them would pay.
    @Test func frozenHearingsDoNotMove() throws {
        var (roster, baseline) = try Self.week(4)
        roster.policy.changePenalty = 0  // moving is free: only the freeze holds them
        let plan = try makePlanner().replan(roster, baseline: baseline, now: Self.mondayMorning)
        #expect(Self.ruleViolations(plan, roster).isEmpty)
        let early = baseline.assignments.filter { $0.date < Day("2026-12-09")! }
        #expect(!early.isEmpty)
        let now = Dictionary(uniqueKeysWithValues: plan.assignments.map { ($0.hearing, PlanChange.Placement($0)) })
        for assignment in early {
            #expect(now[assignment.hearing] == PlanChange.Placement(assignment), "\(assignment.hearing)")
        }
    }

    @Test func aCancelledHearingIsAForcedChange() throws {
        let (roster, baseline) = try Self.week(6)
        let first = try #require(baseline.assignments.first)
        let changed = try roster.applying([EventRecord(id: "e-1", change: .hearingCancelled(hearing: first.hearing))]).get().roster
        let plan = try makePlanner().replan(changed, baseline: baseline, now: Self.beforeTheWeek)
        let change = try #require(plan.changes.first { $0.hearing == first.hearing })
        #expect(change.forced && change.after == nil && change.rule == "the hearing was cancelled")
    }

    /// Applying the same events again to the re-planned roster changes nothing more.
    @Test func anEventAppliedTwiceEqualsOnce() throws {
        let (roster, baseline) = try Self.week(5)
        let first = try #require(baseline.assignments.first)
        let events = [EventRecord(id: "e-1", change: .availability(person: first.officer, slots: first.slots, available: false))]
        let once = try roster.applying(events).get()
        let plan = try makePlanner().replan(once.roster, baseline: baseline, now: Self.beforeTheWeek)
        let twice = try once.roster.applying(events, alreadyApplied: Set(once.applied)).get()
        #expect(twice.roster == once.roster)
        let again = try makePlanner().replan(twice.roster, baseline: plan, now: Self.beforeTheWeek)
        #expect(again.changes.isEmpty)
    }
}
