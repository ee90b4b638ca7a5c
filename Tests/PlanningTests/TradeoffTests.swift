import Planning
import PlannerModel
import SyntheticRosters
import Testing
import TestSupport

/// The preference-penalty sweep: exact at every point (warm starts included), and monotone where
/// the theory says it must be (docs/whatif.md, "Why a higher penalty never leaves more unmet").
@Suite("Trade-off sweep")
struct TradeoffTests {
    /// Unmet preferences of held hearings, a high-priority one counting `ratio` times.
    static func weightedUnmet(_ plan: Plan, _ roster: Roster, ratio: Double) -> Double {
        let priority = Dictionary(roster.hearings.map { ($0.id, $0.priority) }, uniquingKeysWith: { a, _ in a })
        return plan.assignments.reduce(0) { total, a in
            let unmet = [a.interpreterPreference, a.officerPreference].filter { $0 == .unmet }.count
            return total + Double(unmet) * (priority[a.hearing] == .high ? ratio : 1)
        }
    }

    static func roster(_ roster: Roster, at point: TradeoffSweep.Point) -> Roster {
        var copy = roster
        copy.policy.preferencePenalty = .init(standard: point.standardPenalty, high: point.highPenalty)
        return copy
    }

    @Test("Every point is the exact optimum of its penalties", arguments: Array(UInt64(1)...40))
    func exactOnTinyRosters(seed: UInt64) throws {
        let roster = TinyRosterGenerator(conflictProbability: 0).roster(seed: seed)
        let points = try TradeoffSweep(penalties: [0, 5, 20, 60]).run(roster, planner: makePlanner(), timeLimit: nil)
        #expect(points.map(\.standardPenalty) == Array(Set([0, 5, 20, 60, roster.policy.preferencePenalty.standard])).sorted())
        #expect(points.filter(\.isCurrentPolicy).count == 1)
        for point in points {
            let planned = Self.roster(roster, at: point)
            let optimum = try #require(bruteForceOptimum(planned))
            #expect(point.plan.status == .optimal, "seed \(seed)")
            #expect(abs(point.plan.objective - optimum) < 1e-6, "seed \(seed) penalty \(point.standardPenalty)")
            #expect(HardRuleChecker().violations(of: point.plan, for: planned).isEmpty, "seed \(seed)")
            #expect(point.highPenalty == TradeoffSweep.highPenalty(for: point.standardPenalty, policy: roster.policy))
        }
    }

    /// At proven optimality a higher penalty never raises the priority-weighted number of unmet
    /// preferences among held hearings.
    @Test("Monotone on generated weeks", arguments: [(UInt64(1), 40), (2, 60), (3, 80)])
    func monotone(seed: UInt64, hearings: Int) throws {
        let roster = RosterGenerator(hearings: hearings, weeks: 1, seed: seed).generate()
        let points = try TradeoffSweep().run(roster, planner: makePlanner(), timeLimit: .seconds(120))
        let ratio = TradeoffSweep.highPenalty(for: 1, policy: roster.policy)
        var previous: Double?
        for point in points {
            try #require(point.plan.status == .optimal, "seed \(seed) penalty \(point.standardPenalty): \(point.plan.status)")
            #expect(HardRuleChecker().violations(of: point.plan, for: Self.roster(roster, at: point)).isEmpty)
            let unmet = Self.weightedUnmet(point.plan, roster, ratio: ratio)
            if let previous { #expect(unmet <= previous + 1e-9, "seed \(seed) penalty \(point.standardPenalty): \(unmet) > \(previous)") }
            previous = unmet
        }
        // The sweep shows something: with no penalty preferences go unmet that a penalty meets.
        let first = Self.weightedUnmet(points[0].plan, roster, ratio: ratio)
        let last = Self.weightedUnmet(points[points.count - 1].plan, roster, ratio: ratio)
        #expect(first > last, "seed \(seed): the generated week asks nothing of the penalty")
        // Warm starts: the previous point's plan is feasible for the next, and here it beats the greedy start.
        #expect(points.dropFirst().contains { $0.isWarmStarted }, "seed \(seed)")
    }

    @Test func penaltiesAreChecked() throws {
        let roster = TinyRosterGenerator().roster(seed: 1)
        #expect(throws: WhatIfError.self) { try TradeoffSweep(penalties: [-1]).points(for: roster.policy) }
        #expect(throws: WhatIfError.self) { try TradeoffSweep(penalties: []).points(for: roster.policy) }
        #expect(try TradeoffSweep(penalties: [40, 0, 40]).points(for: Policy()) == [0, 20, 40])
        var policy = Policy()
        policy.preferencePenalty = .init(standard: 0, high: 10)
        #expect(TradeoffSweep.highPenalty(for: 20, policy: policy) == 60)
        #expect(TradeoffSweep.highPenalty(for: 20, policy: Policy()) == 60)
    }
}
