import GLPKSolver
import LinearProgramming
import Logging
import Testing

/// A solver whose log goes to memory.
func quietSolver(level: Logger.Level = .info) -> GLPKSolver {
    GLPKSolver(logger: LogRecorder().logger(level: level))
}

/// The conformance suite: every backend must give these answers.
@Suite struct ConformanceTests {
    @Test(arguments: Fixtures.knownOptima, [false, true])
    func knownOptimum(_ fixture: KnownOptimum, presolve: Bool) throws {
        let solution = try quietSolver().solve(fixture.program, options: SolveOptions(presolve: presolve))

        #expect(solution.status == .optimal, "\(solution.detail)")
        let objective = try #require(solution.objectiveValue)
        #expect(abs(objective - fixture.objective) <= 1e-7)
        #expect(solution.bestBound.map { abs($0 - objective) <= 1e-7 } == true)
        #expect(solution.relativeGap == 0)
        #expect(solution.values.count == fixture.program.columnCount)
        #expect(Fixtures.isFeasible(solution.values, for: fixture.program))
        #expect(abs(fixture.program.objectiveValue(at: solution.values) - objective) <= 1e-7)
        if let expected = fixture.values {
            for (value, wanted) in zip(solution.values, expected) {
                #expect(abs(value - wanted) <= 1e-7, "got \(solution.values), expected \(expected)")
            }
        }
        #expect(solution.solverName == GLPKSolver.name)
        #expect(solution.nodes == nil || fixture.program.hasIntegerColumns)
    }

    @Test func integerColumnsComeBackWhole() throws {
        let fixture = Fixtures.assignment
        let solution = try quietSolver().solve(fixture.program)
        for value in solution.values {
            #expect(value == value.rounded())
        }
    }

    @Test func asyncSolveGivesTheSameAnswer() async throws {
        let fixture = Fixtures.generalIntegers
        let solution = try await quietSolver().solve(fixture.program, options: SolveOptions())
        #expect(solution.status == .optimal)
        #expect(solution.objectiveValue == fixture.objective)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func randomKnapsackMatchesDynamicProgramming(seed: UInt64) throws {
        let (program, optimum) = Fixtures.randomKnapsack(items: 30, seed: seed)
        let solution = try quietSolver().solve(program)
        #expect(solution.status == .optimal)
        #expect(solution.objectiveValue.map { abs($0 - optimum) <= 1e-6 } == true, "GLPK \(solution.objectiveValue ?? .nan), DP \(optimum)")
        #expect(Fixtures.isFeasible(solution.values, for: program))
    }

    @Test func versionIsGLPKs() {
        #expect(GLPKSolver.version.first?.isNumber == true)
        #expect(GLPKSolver.name == "GLPK \(GLPKSolver.version)")
    }
}
