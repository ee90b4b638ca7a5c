import GLPKSolver
import LinearProgramming
import Testing

@Suite struct RelaxationSessionTests {
    /// A dive in miniature: fix columns, loosen some again, make the LP infeasible and recover;
    /// every warm-started answer equals a cold solve of the same program.
    @Test(arguments: [UInt64(3), 4])
    func warmStartsAgreeWithColdSolves(seed: UInt64) throws {
        var program = Fixtures.coveringLP(rows: 60, columns: 200, perColumn: 4, seed: seed)
        for column in stride(from: 0, to: 200, by: 3) { program.setKind(.binary, ofColumn: column) }
        var random = SeededGenerator(seed: seed)
        let solver = quietSolver()
        var steps: [LinearProgram] = [program]
        var current = program
        for step in 0 ..< 12 {
            for _ in 0 ..< 5 {
                let column = Int.random(in: 0 ..< 200, using: &random)
                let value = Double(Int.random(in: 0 ... 1, using: &random))
                current.setBounds(ofColumn: column, lower: value, upper: value)
            }
            if step == 6 {
                // Every column at 0 covers nothing: no feasible point.
                var infeasible = current
                for column in 0 ..< 200 { infeasible.setBounds(ofColumn: column, lower: 0, upper: 0) }
                steps.append(infeasible)
            }
            if step == 9 { current = program }  // undo everything
            steps.append(current)
        }
        let warm = try solver.withRelaxationSession { session in
            try steps.map { try session.solve($0, options: SolveOptions()) }
        }
        var coldIterations = 0
        for (index, (step, solution)) in zip(steps, warm).enumerated() {
            var relaxed = step
            for column in 0 ..< 200 { relaxed.setKind(.continuous, ofColumn: column) }
            let cold = try solver.solve(relaxed)
            coldIterations += cold.simplexIterations ?? 0
            #expect(solution.status == cold.status, "step \(index)")
            if let warmValue = solution.objectiveValue, let coldValue = cold.objectiveValue {
                #expect(abs(warmValue - coldValue) <= 1e-6 * max(1, abs(coldValue)), "step \(index): \(warmValue) vs \(coldValue)")
                #expect(Fixtures.isFeasible(solution.values, for: relaxed))
            } else {
                #expect(solution.objectiveValue == nil && cold.objectiveValue == nil, "step \(index)")
            }
        }
        #expect(warm.contains { $0.status == .infeasible })
        // Warm starts do less work than starting again: the session's count of simplex iterations
        // (GLPK's, kept by the problem across solves) stays below the cold solves' sum.
        let warmIterations = try #require(warm.last?.simplexIterations)
        #expect(warmIterations < coldIterations, "warm \(warmIterations), cold \(coldIterations)")
    }

    @Test func aProgramOfAnotherShapeIsRefused() throws {
        let first = Fixtures.coveringLP(rows: 10, columns: 30, perColumn: 3, seed: 1)
        let other = Fixtures.coveringLP(rows: 10, columns: 31, perColumn: 3, seed: 1)
        try quietSolver().withRelaxationSession { session in
            _ = try session.solve(first, options: SolveOptions())
            #expect(throws: SolveError.self) { try session.solve(other, options: SolveOptions()) }
        }
    }

    @Test func invalidBoundsAreRefusedNotCrashed() throws {
        var program = Fixtures.coveringLP(rows: 10, columns: 30, perColumn: 3, seed: 2)
        try quietSolver().withRelaxationSession { session in
            _ = try session.solve(program, options: SolveOptions())
            program.setBounds(ofColumn: 4, lower: 1, upper: 0)
            #expect(throws: SolveError.self) { try session.solve(program, options: SolveOptions()) }
            program.setBounds(ofColumn: 4, lower: .nan, upper: 1)
            #expect(throws: SolveError.self) { try session.solve(program, options: SolveOptions()) }
        }
    }
}
