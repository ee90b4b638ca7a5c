import GLPKSolver
import LinearProgramming
import Logging
@testable import MIPSearch
@testable import Planning
import PlannerModel
import SyntheticRosters
import Testing
import TestSupport

/// The search with {0, 1/2}-cuts against the search without them, on generated weeks: the cuts'
/// bound never falls below the optimum, and both searches agree where both are proven.
@Suite("Cutting planes in the search")
struct CuttingPlaneSearchTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    static let planner = Planner(solver: GLPKSolver(logger: logger), logger: logger)

    static func options(cuts: Bool) -> PlanningOptions {
        var options = PlanningOptions(timeLimit: .seconds(120))
        if !cuts { options.cuts.remove(.zeroHalf) }
        return options
    }

    @Test(arguments: [(UInt64(1), 60), (2, 80), (3, 100)])
    func withAndWithoutCutsAgree(seed: UInt64, hearings: Int) throws {
        let roster = RosterGenerator(hearings: hearings, weeks: 1, seed: seed).generate()
        let with = try Self.planner.plan(roster, options: Self.options(cuts: true))
        let without = try Self.planner.plan(roster, options: Self.options(cuts: false))
        #expect(HardRuleChecker().violations(of: with, for: roster).isEmpty)
        #expect(HardRuleChecker().violations(of: without, for: roster).isEmpty)
        if with.status == .optimal && without.status == .optimal {
            #expect(with.objective == without.objective, "seed \(seed)")
        }
        // Each plan lies within the other's bound.
        if let bound = with.bound { #expect(without.objective <= bound + 1e-6) }
        if let bound = without.bound { #expect(with.objective <= bound + 1e-6) }
    }

    /// The loop on its own: its bound lies between the best plan and the LP relaxation's optimum
    /// on generated weeks, and its cuts keep the best plan.
    @Test(arguments: [(UInt64(4), 80), (5, 120)])
    func theBoundKeepsTheOptimum(seed: UInt64, hearings: Int) throws {
        let roster = RosterGenerator(hearings: hearings, weeks: 1, seed: seed).generate()
        let plan = try Self.planner.plan(roster, options: Self.options(cuts: false))
        let (index, model) = PoolTests.model(roster, ModelForm())
        let program = model.program
        let best = model.values(for: Planner.choices(of: plan, index: index), index: index)
        #expect(Search.isFeasible(best, in: program))
        let relaxation = try #require(try PoolTests.relaxationBound(program))
        let solver = GLPKSolver(logger: Self.logger)
        let result = try solver.withRelaxationSession { session in
            try CuttingPlanes(solver: solver, logger: Self.logger, program: program).run(in: session)
        }
        let bound = try #require(result.bound)
        #expect(bound >= program.objectiveValue(at: best) - 1e-6)
        #expect(bound <= relaxation + 1e-6)
        for cut in result.cuts {
            var total = 0.0
            for (column, coefficient) in zip(cut.columns, cut.coefficients) { total += coefficient * best[column] }
            #expect(total <= cut.upper + 1e-9)
        }
    }

    /// A cut loop whose LP stops (a deadline, say) after its session took the new cut rows: the
    /// program it hands on is the one the session holds, so the dive on it goes on in the same
    /// session instead of failing on a program with fewer rows than the session has.
    @Test func aStoppedRoundHandsOnWhatTheSessionHolds() throws {
        let roster = RosterGenerator(hearings: 100, weeks: 1, seed: 3).generate()
        let (_, model) = PoolTests.model(roster, ModelForm())
        let program = model.program
        let solver = GLPKSolver(logger: Self.logger)
        try solver.withRelaxationSession { inner in
            let session = StoppingSession(inner, stopAt: 2)
            let result = try CuttingPlanes(solver: solver, logger: Self.logger, program: program).run(in: session)
            #expect(result.rounds == 2)
            let handed = try #require(result.program)
            #expect(handed.rowCount == session.lastRowCount)
            #expect(handed.rowCount > program.rowCount, "the first round found cuts")
            let dive = try Dive(solver: solver, logger: Self.logger, program: handed, decisions: model.decisionColumns).run(in: session)
            #expect(dive.linearPrograms > 0)
        }
    }
}

/// Forwards to a session, but reports the `stopAt`-th solve as stopped by the time limit once the
/// session has taken its program.
final class StoppingSession: RelaxationSession {
    let inner: any RelaxationSession
    let stopAt: Int
    private(set) var solves = 0
    private(set) var lastRowCount = 0

    init(_ inner: any RelaxationSession, stopAt: Int) {
        self.inner = inner
        self.stopAt = stopAt
    }

    func solve(_ program: LinearProgram, options: SolveOptions) throws -> Solution {
        solves += 1
        lastRowCount = program.rowCount
        let solution = try inner.solve(program, options: options)
        guard solves == stopAt else { return solution }
        return Solution(status: .timeLimit(hasSolution: false), detail: "stopped by the test", seconds: solution.seconds, solverName: solution.solverName)
    }
}
