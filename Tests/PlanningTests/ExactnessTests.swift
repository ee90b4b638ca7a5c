import PlannerModel
import Testing
import TestSupport

/// The planner against the independent oracle: the exhaustive optimum of tiny rosters, and the
/// hard-rule checker on every plan it writes.
@Suite("Exactness against brute force")
struct ExactnessTests {
    static let seeds: [UInt64] = Array(1...300)

    @Test(arguments: seeds)
    func agreesWithBruteForce(seed: UInt64) throws {
        let roster = TinyRosterGenerator().roster(seed: seed)
        let expected = bruteForceOptimum(roster)
        let plan = try makePlanner().plan(roster)
        if let expected {
            #expect(plan.status == .optimal, "seed \(seed)")
            #expect(abs(plan.objective - expected) < 1e-6, "seed \(seed): planner \(plan.objective), brute force \(expected)")
            let violations = HardRuleChecker().violations(of: plan, for: roster)
            #expect(violations.isEmpty, "seed \(seed): \(violations)")
            // Every reason's claim too, by the independent check `hearing-planner verify` runs.
            let report = PlanVerifier(roster: roster, plan: plan).verify()
            #expect(report.passed, "seed \(seed): \(report.text)")
        } else {
            #expect(plan.status == .infeasible, "seed \(seed)")
            #expect(plan.unscheduled.contains { $0.reason.code == .fixedConflict }, "seed \(seed)")
        }
    }
}
