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

/// A program at the scale the planner builds: a million nonzeros go in and come out in bulk.
/// Every 1,000th column is forced to 1 by its lower bound; all costs are positive and the
/// packing rows are loose, so the optimum is the sum of the forced columns' costs.
@Test func aMillionNonzeros() throws {
    var random = SeededGenerator(seed: 7)
    let columns = 100_000, rows = 10_000, perRow = 100
    var program = LinearProgram(name: "large")
    program.reserveCapacity(columns: columns, rows: rows, nonzeros: rows * perRow)
    var expected = 0.0
    for j in 0 ..< columns {
        let cost = Double(j % 7 + 1), forced = j % 1000 == 0
        if forced { expected += cost }
        program.addColumn(name: "x_\(j)", lower: forced ? 1 : 0, upper: 1, kind: j % 2 == 0 ? .binary : .continuous, objective: cost)
    }
    for i in 0 ..< rows {
        // 100 distinct columns: k * 997 < 100,000 for every k below 100.
        let terms = (0 ..< perRow).map { k in (column: (i * 10 + k * 997) % columns, coefficient: Double.random(in: 1 ... 3, using: &random)) }
        program.addRow(name: "pack_\(i)", terms: terms, upper: 50)
    }
    #expect(program.nonzeroCount == 1_000_000)
    #expect(program.validationErrors().isEmpty)
    let solution = try quietSolver().solve(program, options: SolveOptions(timeLimit: .seconds(60)))
    #expect(solution.status == .optimal, "\(solution.detail)")
    #expect(solution.objectiveValue.map { abs($0 - expected) <= 1e-6 } == true)
    #expect(Fixtures.isFeasible(solution.values, for: program))
}
