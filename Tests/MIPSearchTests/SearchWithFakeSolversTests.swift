import Foundation
import GLPKSolver
import LinearProgramming
import Locking
import Logging
import MIPSearch
import Synchronization
import Testing

/// The search against solvers that misbehave on purpose: it claims optimality only with a proof of
/// its own, never trades a better point for a worse one, and reads time only from its clock.
@Suite("Search with fake solvers")
struct SearchWithFakeSolversTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// max 3a + 2b + 2c, 2a + b + c <= 2, all binary: the optimum is 4 (b and c).
    static var knapsack: LinearProgram {
        var program = LinearProgram(name: "knapsack", sense: .maximize)
        for value in [3.0, 2, 2] { program.addColumn(kind: .binary, objective: value) }
        program.addRow(columns: [0, 1, 2], coefficients: [2, 1, 1], upper: 2)
        return program
    }

    /// GLPK for everything, but each relaxation claims a bound `slack` higher than it is, and
    /// branch and cut answers with `branchAndCut` instead of solving; it counts its solves.
    final class Misbehaving: MIPSolver {
        let real = GLPKSolver(logger: SearchWithFakeSolversTests.logger)
        let slack: Double
        let branchAndCut: @Sendable (LinearProgram) -> Solution
        let calls = Locked<(relaxations: Int, integer: Int)>((0, 0))

        init(slack: Double, branchAndCut: @escaping @Sendable (LinearProgram) -> Solution) {
            self.slack = slack
            self.branchAndCut = branchAndCut
        }

        func solve(_ program: LinearProgram, options: SolveOptions) throws -> Solution {
            if program.hasIntegerColumns {
                calls.withLock { $0.integer += 1 }
                return branchAndCut(program)
            }
            calls.withLock { $0.relaxations += 1 }
            var solution = try real.solve(program, options: options)
            solution.objectiveValue = solution.objectiveValue.map { $0 + slack }
            solution.bestBound = solution.bestBound.map { $0 + slack }
            return solution
        }

        var solverName: String { "fake" }
    }

    static let nothing: @Sendable (LinearProgram) -> Solution = { _ in
        Solution(status: .timeLimit(hasSolution: false), detail: "fake: nothing found", seconds: 0, solverName: "fake")
    }

    @Test func aLooseBoundProvesNothing() throws {
        let solver = Misbehaving(slack: 5, branchAndCut: Self.nothing)
        let greedy = [1.0, 0, 0]  // 3: feasible, not optimal
        let solution = try Search(solver: solver, logger: Self.logger).solve(
            Self.knapsack, decisions: [0, 1, 2], greedy: greedy, rounding: FixedRounding(greedy),
            options: SearchOptions(timeLimit: .seconds(30), cuts: []), started: ContinuousClock.now)
        // The best point known is kept, never called optimal: its bound is the loose one.
        #expect(solution.status != .optimal)
        #expect(solution.status.hasSolution)
        #expect((solution.objectiveValue ?? 0) >= 3)
        #expect((solution.bestBound ?? 0) >= (solution.objectiveValue ?? 0) + 1)
        #expect(solver.calls.withLock { $0.integer } == 1)
    }

    @Test func aWorsePointFromBranchAndCutDoesNotReplaceTheBest() throws {
        // Branch and cut "finds" the empty knapsack, 0.
        let solver = Misbehaving(slack: 5) { program in
            Solution(
                status: .timeLimit(hasSolution: true), detail: "fake: a poor point", values: Array(repeating: 0, count: program.columnCount),
                objectiveValue: 0, bestBound: 9, seconds: 0, solverName: "fake")
        }
        let best = [0.0, 1, 1]  // 4, the optimum, known from the start
        let solution = try Search(solver: solver, logger: Self.logger).solve(
            Self.knapsack, decisions: [0, 1, 2], greedy: best, rounding: FixedRounding(best),
            options: SearchOptions(timeLimit: .seconds(30), cuts: []), started: ContinuousClock.now)
        #expect(solution.values == best)
        #expect(solution.objectiveValue == 4)
        // The bound is the better (lower) of the two solvers' claims, never below the point.
        #expect((solution.bestBound ?? 0) >= 4 && (solution.bestBound ?? .infinity) <= 9)
    }

    @Test func anHonestSolverProvesTheOptimum() throws {
        let solver = Misbehaving(slack: 0, branchAndCut: Self.nothing)
        let best = [0.0, 1, 1]
        let solution = try Search(solver: solver, logger: Self.logger).solve(
            Self.knapsack, decisions: [0, 1, 2], greedy: [1, 0, 0], rounding: FixedRounding(best),
            options: SearchOptions(timeLimit: .seconds(30), cuts: []), started: ContinuousClock.now)
        #expect(solution.status == .optimal)
        #expect(solution.values == best)
        // Proven by the relaxation and the rounding alone: branch and cut was never asked.
        #expect(solver.calls.withLock { $0.integer } == 0)
    }

    /// A clock that moves an hour each time it is read: the deadline has passed at the first look,
    /// so the search stops at once, with the greedy point, whatever the real time.
    @Test func timeComesFromTheClockGiven() throws {
        let base = ContinuousClock.now
        let reads = Locked(0)
        let clock = SearchClock {
            let hours = reads.withLock { count -> Int in
                count += 1
                return count
            }
            return base + .seconds(3_600 * hours)
        }
        let solver = Misbehaving(slack: 5, branchAndCut: Self.nothing)
        let greedy = [1.0, 0, 0]
        let solution = try Search(solver: solver, logger: Self.logger, clock: clock).solve(
            Self.knapsack, decisions: [0, 1, 2], greedy: greedy, rounding: FixedRounding(greedy),
            options: SearchOptions(timeLimit: .seconds(60), cuts: []), started: clock.now)
        #expect(solution.values == greedy)
        #expect(solution.status == .timeLimit(hasSolution: true))
        // The dive stops after the first relaxation: the deadline has passed by the clock given.
        #expect(solver.calls.withLock { $0.relaxations } <= 1)
    }
}
