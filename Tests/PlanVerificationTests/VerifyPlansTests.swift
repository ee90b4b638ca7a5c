import Foundation
import Planning
import PlannerModel
import PlanVerification
import SyntheticRosters
import Testing
import TestSupport

/// `verify` on whole plans the planner makes, and on re-plans with their changes falsified.
@Suite("verify: plans and re-plans")
struct VerifyPlansTests {
    static func sample() throws -> Roster {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/sample/roster.json")
        let read = try RosterJSON.read(Array(Data(contentsOf: url)))
        return try #require(read.roster)
    }

    @Test func theSampleWeekPasses() throws {
        let roster = try Self.sample()
        let plan = try ClaimScenarios.planner().plan(roster, options: PlanningOptions(timeLimit: .seconds(60)))
        let report = PlanVerifier(roster: roster, plan: plan).verify()
        #expect(report.passed, "\(report.text)")
        #expect(report.checked.assignments == plan.assignments.count)
    }

    @Test(arguments: [UInt64(1), 2])
    func generatedWeeksPass(seed: UInt64) throws {
        let roster = RosterGenerator(hearings: 200, seed: seed).generate()
        let plan = try ClaimScenarios.planner().plan(roster, options: PlanningOptions(timeLimit: .seconds(20)))
        let report = PlanVerifier(roster: roster, plan: plan).verify()
        #expect(report.passed, "\(report.text)")
    }

    /// The national week of the benchmarks, planned for 15 seconds: the plan the service publishes
    /// at that size passes, every alternative and every reason of it.
    @Test func aGeneratedNationalWeekPasses() throws {
        let roster = RosterGenerator(hearings: 2_500, seed: 1).generate()
        let plan = try ClaimScenarios.planner().plan(roster, options: PlanningOptions(timeLimit: .seconds(15)))
        #expect(plan.status == .feasible || plan.status == .optimal)
        let report = PlanVerifier(roster: roster, plan: plan).verify()
        #expect(report.passed, "\(report.text)")
        #expect(report.checked.assignments > 2_000)
    }

    /// A re-plan in which a frozen hearing gives way to a fixed replacement: it passes, and each of
    /// its re-planning claims, falsified, is refused.
    @Test func aReplanPassesAndItsChangesCannotBeFalsified() throws {
        let roster = ClaimScenarios.roster(
            (1...4).map { ClaimScenarios.hearing("H\($0)") },
            (1...3).map { ClaimScenarios.interpreter("I\($0)", .female, ClaimScenarios.everySlot) },
            (1...3).map { ClaimScenarios.officer("O\($0)", ClaimScenarios.everySlot) }, rooms: 3)
        let planner = ClaimScenarios.planner()
        let baseline = try planner.plan(roster)
        let h1 = try #require(baseline.assignments.first { $0.date == ClaimScenarios.monday && $0.slot == "AM" })
        let replacement = ClaimScenarios.hearing("H9", fixed: FixedAssignment(date: ClaimScenarios.monday, slot: "AM", interpreter: h1.interpreter))
        let changed = try roster.applying([EventRecord(id: "e-1", change: .hearingAdded(replacement))]).get().roster
        let now = ISO8601DateFormatter().date(from: "2026-12-07T07:30:00+01:00")!
        let plan = try planner.replan(changed, baseline: baseline, now: now)
        func verify(_ plan: Plan) -> VerificationReport {
            PlanVerifier(roster: changed, plan: plan, baseline: baseline, now: now).verify()
        }
        let report = verify(plan)
        #expect(report.passed, "\(report.text)")
        #expect(report.checked.changes == plan.changes.count)

        // The forced change said to be unforced.
        var unforced = plan
        let k = try #require(unforced.changes.firstIndex { $0.hearing == h1.hearing })
        unforced.changes[k].forced = false
        #expect(verify(unforced).findings.contains { $0.check == "changes" && $0.hearing == h1.hearing })

        // Someone who must be told left out.
        var untold = plan
        untold.changesByPerson?.removeAll { $0.person == h1.interpreter }
        #expect(verify(untold).findings.contains { $0.check == "changesByPerson" })

        // Frozen hearings moved without a reason: two published Monday hearings swap their officers.
        var moved = plan
        let published = Set(baseline.assignments.map(\.hearing))
        let monday = moved.assignments.indices.filter {
            let id = moved.assignments[$0].hearing
            return moved.assignments[$0].date == ClaimScenarios.monday && published.contains(id) && id != h1.hearing
        }
        let pair = try #require(monday.first.flatMap { a in monday.first { $0 != a && moved.assignments[$0].slot == moved.assignments[a].slot }.map { (a, $0) } })
        (moved.assignments[pair.0].officer, moved.assignments[pair.1].officer) = (moved.assignments[pair.1].officer, moved.assignments[pair.0].officer)
        #expect(verify(moved).findings.contains { $0.check == "freeze" && $0.hearing == moved.assignments[pair.0].hearing })

        // Without the published plan, a re-plan's scores do not add up.
        #expect(!PlanVerifier(roster: changed, plan: plan).verify().passed)
    }

    @Test func aWrongScoreAndAWrongObjectiveAreRefused() throws {
        let plan = try ClaimScenarios.planner().plan(ClaimScenarios.taken)
        var score = plan
        score.assignments[0].score += 1
        #expect(PlanVerifier(roster: ClaimScenarios.taken, plan: score).verify().findings.contains { $0.check == "score" })
        var objective = plan
        objective.objective += 1
        #expect(PlanVerifier(roster: ClaimScenarios.taken, plan: objective).verify().findings.contains { $0.check == "objective" })
        var otherRoster = ClaimScenarios.taken
        otherRoster.hearings.removeLast()
        #expect(PlanVerifier(roster: otherRoster, plan: plan).verify().findings.contains { $0.message.contains("rosterDigest") })
    }
}
