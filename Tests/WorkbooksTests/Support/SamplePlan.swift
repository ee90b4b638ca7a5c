import Foundation
import GLPKSolver
import Logging
import Planning
import PlannerModel
import Testing

/// The bundled sample week and its plan, made once for the suites that read them.
enum SamplePlan {
    static let rosterURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data/sample/roster.json")

    struct Missing: Error {}

    static let made: Result<(roster: Roster, plan: Plan), any Error> = Result {
        guard let bytes = FileManager.default.contents(atPath: rosterURL.path),
              let roster = RosterJSON.read(Array(bytes)).checked().roster
        else { throw Missing() }
        let plan = try planner.plan(roster, options: PlanningOptions(timeLimit: .seconds(20)))
        return (roster, plan)
    }

    /// The sample week after one interpreter of the plan loses the days of their hearings, re-planned.
    static let replanned: Result<(roster: Roster, before: Plan, plan: Plan), any Error> = Result {
        let (roster, before) = try made.get()
        guard let busy = before.assignments.first?.interpreter else { throw Missing() }
        var changed = roster
        let days = Set(before.assignments.filter { $0.interpreter == busy }.map(\.date))
        for index in changed.interpreters.indices where changed.interpreters[index].id == busy {
            changed.interpreters[index].available.removeAll { days.contains($0.date) }
        }
        let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30, before the horizon
        let plan = try planner.replan(changed, baseline: before, now: now, options: PlanningOptions(timeLimit: .seconds(20)))
        return (changed, before, plan)
    }

    static var planner: Planner {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        return Planner(solver: GLPKSolver(logger: logger), logger: logger)
    }
}
