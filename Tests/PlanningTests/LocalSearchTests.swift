import GLPKSolver
import LinearProgramming
import Logging
@testable import MIPSearch
@testable import Planning
import PlannerModel
import SyntheticRosters
import Testing
import TestSupport

/// The local search that improves the rounded plan of large rosters: from the greedy plan of
/// generated weeks it never lowers the score, says exactly what it gained, keeps every hard rule
/// (checked as a published plan and as a point of the program), and never passes the proven optimum.
@Suite("Local search")
struct LocalSearchTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    struct Improved {
        let roster: Roster
        let greedy: Double
        let improved: Double
        let outcome: LocalSearch.Outcome
        let values: [Double]
        let program: LinearProgram
    }

    static func improve(seed: UInt64, hearings: Int, weeks: Int = 1, fixedShare: Double = 0, threads: Int = 1) -> Improved {
        let roster = RosterGenerator(hearings: hearings, weeks: weeks, seed: seed, fixedShare: fixedShare).generate()
        let (index, model) = PoolTests.model(roster, ModelForm())
        let choices = GreedyStart(index: index).choices()
        let outcome = threads > 1 ? LocalSearch(index: index).improve(choices, threads: threads) : LocalSearch(index: index).improve(choices)
        let greedy = choices.reduce(0) { $0 + $1.placement.score }
        let improved = outcome.choices.reduce(0) { $0 + $1.placement.score }
        return Improved(
            roster: roster, greedy: greedy, improved: improved, outcome: outcome,
            values: model.values(for: outcome.choices, index: index), program: model.program)
    }

    static func plan(_ found: Improved) throws -> Plan {
        let index = ProblemIndex(roster: found.roster, policy: found.roster.policy)
        let model = ModelBuilder(index: index).build()
        var assembler = PlanAssembler(index: index, model: model)
        return try assembler.plan(
            from: Solution(status: .timeLimit(hasSolution: true), detail: "local search", values: found.values, seconds: 0, solverName: "test"),
            solver: SolverInfo(name: "test", version: "", seconds: 0))
    }

    @Test(arguments: [(UInt64(21), 40), (22, 60), (23, 80), (24, 100)])
    func itRaisesTheScoreAndKeepsEveryRule(seed: UInt64, hearings: Int) throws {
        let found = Self.improve(seed: seed, hearings: hearings)
        #expect(found.improved >= found.greedy - 1e-9)
        #expect(abs(found.improved - found.greedy - found.outcome.gain) < 1e-6)
        #expect(found.outcome.isLocalOptimum)
        // (Named, so that a failure does not print the whole program.)
        let keepsEveryRow = Search.isFeasible(found.values, in: found.program)
        #expect(keepsEveryRow)
        // The program's objective at the encoded plan is what the placements score.
        let objective = found.program.objectiveValue(at: found.values)
        #expect(abs(objective - found.improved) < 1e-6)
        let plan = try Self.plan(found)
        #expect(HardRuleChecker().violations(of: plan, for: found.roster) == [])
        #expect(plan.objective >= found.improved - 1e-6)
    }

    /// From two starts at once (a week's rounding at two resolutions of a guide): the better of
    /// the two searches each run alone, exactly, the first on a tie.
    @Test(arguments: [UInt64(25), 26])
    func fromTwoStartsItKeepsTheBetterSearch(seed: UInt64) throws {
        let roster = RosterGenerator(hearings: 40, seed: seed).generate()
        let (index, model) = PoolTests.model(roster, ModelForm())
        var random = SyntheticRosters.SeededRandom(seed: seed)
        let point = (0..<model.program.columnCount).map { _ in random.chance(0.3) ? random.unit() : 0 }
        let guide = GreedyGuide(model: model, index: index, values: point)
        let first = GreedyStart(index: index, guide: guide).choices()
        let coarser = GreedyStart(index: index, guide: guide, resolution: (2, 3))
        let second = coarser.choices()
        let search = LocalSearch(index: index)
        func score(_ outcome: LocalSearch.Outcome) -> Double { outcome.choices.reduce(0) { $0 + $1.placement.score } }
        let placements = { (outcome: LocalSearch.Outcome) in
            outcome.choices.map { [$0.hearing, $0.startIndex, $0.interpreter.person, $0.officer.person] }
        }
        let (alone, aloneCoarser) = (search.improve(first), search.improve(second))
        let (a, b) = (score(alone), score(aloneCoarser))
        #expect(a != b, "the two starts must end apart for the choice to be checked")
        // Either way round: the better one's plan, whichever thread found it.
        for swapped in [false, true] {
            let both = swapped
                ? search.improve(either: second, or: { GreedyStart(index: index, guide: guide).choices() })
                : search.improve(either: first, or: { coarser.choices() })
            #expect(both.startScores == (swapped ? [b, a] : [a, b]))
            #expect(score(both) == max(a, b))
            #expect(placements(both) == placements(b > a ? aloneCoarser : alone))
        }
        // One week with two threads and a second start takes this path; with one thread, the first start only.
        let routed = search.improve(first, threads: 2, orFrom: { coarser.choices() })
        #expect(routed.startScores == [a, b] && placements(routed) == placements(b > a ? aloneCoarser : alone))
        let single = search.improve(first, threads: 1, orFrom: { coarser.choices() })
        #expect(single.startScores.isEmpty && placements(single) == placements(alone))
    }

    /// Fixed hearings stay where they are fixed; over two weeks the weekly maximums are per week.
    @Test(arguments: [UInt64(31), 32])
    func fixedHearingsAndTwoWeeks(seed: UInt64) throws {
        let found = Self.improve(seed: seed, hearings: 90, weeks: 2, fixedShare: 0.2)
        #expect(found.improved >= found.greedy - 1e-9)
        let plan = try Self.plan(found)
        #expect(HardRuleChecker().violations(of: plan, for: found.roster) == [])
    }

    /// Below the optimum that branch and cut proves, and not for nothing: on these weeks the greedy
    /// plan is below the optimum and the search closes part of that gap.
    @Test(arguments: [(UInt64(41), 60), (42, 80)])
    func itStaysBelowTheOptimumAndGains(seed: UInt64, hearings: Int) throws {
        let found = Self.improve(seed: seed, hearings: hearings)
        let solver = GLPKSolver(logger: Self.logger)
        let exact = try solver.solve(found.program, options: SolveOptions(presolve: true, objectiveStep: 1))
        #expect(exact.status == .optimal)
        let optimum = try #require(exact.objectiveValue)
        #expect(found.greedy < optimum - 0.5)
        #expect(found.outcome.gain > 0)
        #expect(found.improved <= optimum + 1e-6)
    }

    /// Through the planner, on a week above the simplex method's size with too little time for the
    /// restricted LP: the relaxation's rounded plan is improved by the search and comes out valid,
    /// with an honest bound and gap, named after the solver.
    @Test func aShortLimitOnALargeWeekGivesAValidPlanAndAnHonestGap() throws {
        let roster = RosterGenerator(hearings: 1_000, weeks: 1, seed: 61).generate()
        let messages = MessageRecorder()
        messages.logLevel = .debug
        let logger = Logger(label: "test") { _ in messages }
        let planner = Planner(solver: GLPKSolver(logger: Self.logger), logger: logger)
        let plan = try planner.plan(roster, options: PlanningOptions(timeLimit: .seconds(4)))
        #expect(messages.count(of: "restricted LP skipped") == 1)
        #expect(messages.count(of: "local search") == 1)
        #expect(plan.status == .feasible)
        #expect(HardRuleChecker().violations(of: plan, for: roster) == [])
        let bound = try #require(plan.bound)
        let gap = try #require(plan.gap)
        #expect(plan.objective <= bound)
        #expect(abs(gap - (bound - plan.objective) / abs(plan.objective)) < 1e-9)
        #expect(plan.solver.name == "glpk")
    }

    /// Over several weeks on two threads (each moving its own hearings in its own weeks, round by
    /// round, then one search over the whole horizon): the merged plan keeps every rule, fixed
    /// hearings stay, the gain is exact, and the whole-horizon search finds nothing more in it.
    @Test(arguments: [(UInt64(71), 3), (72, 4), (73, 2)])
    func theSearchSplitByWeeksKeepsEveryRule(seed: UInt64, weeks: Int) throws {
        let found = Self.improve(seed: seed, hearings: 30 * weeks, weeks: weeks, fixedShare: 0.15, threads: 2)
        #expect(found.improved >= found.greedy - 1e-9)
        #expect(abs(found.improved - found.greedy - found.outcome.gain) < 1e-6)
        #expect(found.outcome.gain > 0)
        #expect(found.outcome.isLocalOptimum)
        let keepsEveryRow = Search.isFeasible(found.values, in: found.program)
        #expect(keepsEveryRow)
        let plan = try Self.plan(found)
        #expect(HardRuleChecker().violations(of: plan, for: found.roster) == [])
        let index = ProblemIndex(roster: found.roster, policy: found.roster.policy)
        let before = Dictionary(uniqueKeysWithValues: GreedyStart(index: index).choices().map { ($0.hearing, $0.placement) })
        for choice in found.outcome.choices where found.roster.hearings[choice.hearing].fixed != nil {
            #expect(before[choice.hearing] == choice.placement)
        }
        let again = LocalSearch(index: index).improve(found.outcome.choices)
        #expect(again.moves == 0)
    }

    /// A deadline already passed, or a cancelled token, stops it at once, with the plan it was given.
    @Test(arguments: [false, true])
    func aPassedDeadlineOrACancellationChangesNothing(cancelled: Bool) {
        let roster = RosterGenerator(hearings: 120, weeks: 2, seed: 51).generate()
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let choices = GreedyStart(index: index).choices()
        let before = choices.map { $0.placement }.sorted { $0.hearing < $1.hearing }
        for threads in [1, 2] {
            var search = LocalSearch(index: index, deadline: cancelled ? nil : .now - .seconds(1))
            if cancelled {
                search.cancellation = CancellationToken()
                search.cancellation?.cancel()
            }
            let outcome = search.improve(choices, threads: threads)
            #expect(outcome.moves == 0)
            #expect(!outcome.isLocalOptimum)
            let after = outcome.choices.map { $0.placement }.sorted { $0.hearing < $1.hearing }
            #expect(before == after)
        }
    }
}
