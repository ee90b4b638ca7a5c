import GLPKSolver
import LinearProgramming
import Testing

/// Starting a solve from the basis another solve ended with: the same optimum as from scratch,
/// fewer pivots when the programs are near, and a basis that does not fit is set aside.
@Suite struct BasisTests {
    static let solver = GLPKSolver(logger: LogRecorder().logger(level: .info))

    /// A transportation-like LP large enough that the simplex method pivots a good many times.
    static func program(seed: UInt64) -> LinearProgram {
        var random = SeededGenerator(seed: seed)
        var program = LinearProgram(name: "grid", sense: .maximize)
        let sources = 12, sinks = 15
        for _ in 0 ..< sources * sinks {
            program.addColumn(lower: 0, upper: 1, kind: .continuous, objective: Double(Int.random(in: 1 ... 20, using: &random)))
        }
        for source in 0 ..< sources {
            program.addRow(columns: (0 ..< sinks).map { source * sinks + $0 }, coefficients: Array(repeating: 1, count: sinks), upper: 3)
        }
        for sink in 0 ..< sinks {
            program.addRow(columns: (0 ..< sources).map { $0 * sinks + sink }, coefficients: Array(repeating: 1, count: sources), upper: 2)
        }
        return program
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func aNearProgramStartsFromTheBasis(seed: UInt64) throws {
        let program = Self.program(seed: seed)
        let first = try Self.solver.solve(program)
        let basis = try #require(first.basis)
        #expect(basis.columns.count == program.columnCount && basis.rows.count == program.rowCount)
        #expect(basis.columns.count(where: { $0 == .basic }) + basis.rows.count(where: { $0 == .basic }) == program.rowCount)

        // The same program from its optimal basis: no pivot at all.
        let again = try Self.solver.solve(program, options: SolveOptions(startingBasis: basis))
        #expect(again.status == .optimal && again.simplexIterations == 0)
        #expect(abs((again.objectiveValue ?? 0) - (first.objectiveValue ?? 1)) < 1e-9)

        // Another objective and a row appended (it starts basic): the optimum of a cold solve.
        var near = program
        for column in stride(from: 0, to: program.columnCount, by: 7) {
            near.setObjectiveCoefficient(program.objectiveCoefficients[column] + 5, ofColumn: column)
        }
        near.addRow(columns: Array(0 ..< 30), coefficients: Array(repeating: 1, count: 30), upper: 4)
        let cold = try Self.solver.solve(near)
        let warm = try Self.solver.solve(near, options: SolveOptions(startingBasis: basis))
        #expect(warm.status == .optimal)
        #expect(abs((warm.objectiveValue ?? 0) - (cold.objectiveValue ?? 1)) < 1e-7)
        #expect((warm.simplexIterations ?? .max) < (cold.simplexIterations ?? 0))
    }

    /// A basis of another size, or one with the wrong number of basic variables, is not used.
    @Test func aBasisThatDoesNotFitIsSetAside() throws {
        let program = Self.program(seed: 4)
        let expected = try #require(try Self.solver.solve(program).objectiveValue)
        let wrongSize = Basis(columns: [.basic], rows: [])
        let allBasic = Basis(
            columns: Array(repeating: .basic, count: program.columnCount),
            rows: Array(repeating: .basic, count: program.rowCount))
        for basis in [wrongSize, allBasic] {
            let solution = try Self.solver.solve(program, options: SolveOptions(startingBasis: basis))
            #expect(solution.status == .optimal)
            #expect(abs((solution.objectiveValue ?? 0) - expected) < 1e-9)
        }
    }

    /// Branch and cut reports the basis of its root relaxation, and starts from one.
    @Test func branchAndCutStartsFromTheRootBasis() throws {
        var program = Self.program(seed: 5)
        for column in 0 ..< program.columnCount { program.setKind(.binary, ofColumn: column) }
        let first = try Self.solver.solve(program)
        let basis = try #require(first.basis)
        let again = try Self.solver.solve(program, options: SolveOptions(startingBasis: basis))
        #expect(again.status == .optimal && again.objectiveValue == first.objectiveValue)
    }
}
