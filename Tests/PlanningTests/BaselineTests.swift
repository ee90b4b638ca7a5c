import Foundation
import PlannerModel
import Testing

@testable import Planning

/// The re-planning groundwork: which baseline placements are frozen, and which a changed roster
/// now forbids (and by which rule).
@Suite("Baseline against a changed roster")
struct BaselineTests {
    static func plannedWeek() throws -> (Roster, Plan) {
        let roster = try #require(RosterJSON.read(Array(try Data(contentsOf: Self.sample)).map { $0 }).checked().roster)
        return (roster, try makePlanner().plan(roster))
    }

    static let sample = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/sample/roster.json")

    @Test func hearingsWithinTheFreezeWindowAreFrozen() throws {
        let (roster, plan) = try Self.plannedWeek()
        let calendar = WorkCalendar(roster.horizon)
        // Monday 2026-12-07 08:00 in Amsterdam: Monday and Tuesday start within 48 hours.
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-07T08:00:00+01:00"))
        let baseline = Baseline(plan: plan, roster: roster, calendar: calendar, now: now, freezeHours: 48)
        #expect(baseline.entries.count == plan.assignments.count)
        for entry in baseline.entries {
            let isEarly = entry.assignment.date < Day("2026-12-09")!  // Wednesday 09:00 is after Wednesday 08:00
            #expect(entry.isFrozen == isEarly, "\(entry.assignment.date) \(entry.assignment.slot)")
            #expect(entry.brokenRule == nil)
        }
    }

    @Test func aPlacementTheChangeForbidsNamesTheRule() throws {
        let (roster, plan) = try Self.plannedWeek()
        let first = try #require(plan.assignments.first)
        var changed = roster
        let event = EventRecord(id: "e-1", change: .availability(person: first.interpreter, slots: first.slots, available: false))
        changed = try changed.applying([event]).get().roster
        let baseline = Baseline(plan: plan, roster: changed, calendar: WorkCalendar(changed.horizon), now: Date.distantPast, freezeHours: 48)
        let entry = try #require(baseline.entries.first { $0.assignment.hearing == first.hearing })
        #expect(entry.brokenRule?.hasPrefix("rule 3: \(first.interpreter) is not available") == true)
        #expect(!entry.isFrozen)
        let cancelled = try roster.applying([EventRecord(id: "e-2", change: .hearingCancelled(hearing: first.hearing))]).get().roster
        #expect(Baseline(plan: plan, roster: cancelled, calendar: WorkCalendar(cancelled.horizon), now: .distantPast, freezeHours: 48).cancelled == [first.hearing])
    }
}
