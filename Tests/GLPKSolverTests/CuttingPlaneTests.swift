import GLPKSolver
import LinearProgramming
import Testing

/// {0, 1/2}-cuts, the Lagrangian bound from row duals, and relaxation sessions that take rows
/// appended at the end: the pieces of the planner's cutting-plane loop.
@Suite struct CuttingPlaneTests {
    /// Three binaries pairwise exclusive: the LP optimum is (1/2, 1/2, 1/2), and half the sum of
    /// the three rows, rounded down, is the clique row `x1 + x2 + x3 <= 1`.
    @Test func theOddCycleGivesTheCliqueRow() {
        var program = LinearProgram(name: "triangle", sense: .maximize)
        for _ in 0 ..< 3 { program.addColumn(kind: .binary, objective: 1) }
        for (a, b) in [(0, 1), (1, 2), (0, 2)] {
            program.addRow(terms: [(a, 1), (b, 1)], upper: 1)
        }
        let cuts = ZeroHalfCuts.separate(program, at: [0.5, 0.5, 0.5])
        #expect(cuts.count == 1)
        let cut = try! #require(cuts.first)
        #expect(cut.columns == [0, 1, 2] && cut.coefficients == [1, 1, 1] && cut.upper == 1)
        #expect(abs(cut.violation - 0.5) < 1e-12)
        // At an integer point nothing is cut.
        #expect(ZeroHalfCuts.separate(program, at: [1, 0, 0]).isEmpty)
    }

    /// Random small binary programs with ±1 rows: every cut separated from the LP optimum, round
    /// after round, keeps every integer point of the program; the LP with the cuts never bounds
    /// below the integer optimum, and the dual bound of each round bounds the LP's optimum.
    @Test(arguments: Array(UInt64(1) ... 40))
    func cutsKeepEveryIntegerPoint(seed: UInt64) throws {
        let program = Self.randomBinaryProgram(columns: 12, rows: 14, seed: seed)
        let points = Self.integerPoints(of: program)
        let optimum = points.map { program.objectiveValue(at: $0) }.max()
        var lp = program
        try quietSolver().withRelaxationSession { session in
            for _ in 0 ..< 10 {
                let solution = try session.solve(lp, options: SolveOptions())
                guard solution.status == .optimal, let objective = solution.objectiveValue else {
                    #expect(optimum == nil, "the LP is infeasible only when the program is")
                    return
                }
                let (bound, _) = lp.dualBound(rowDuals: solution.rowDuals)
                #expect(bound >= objective - 1e-9 && bound <= objective + 1e-6, "dual bound \(bound), LP \(objective)")
                if let optimum { #expect(objective >= optimum - 1e-9, "LP \(objective) below the optimum \(optimum)") }
                let cuts = ZeroHalfCuts.separate(lp, at: solution.values)
                guard !cuts.isEmpty else { return }
                for cut in cuts {
                    var activity = 0.0
                    for (column, coefficient) in zip(cut.columns, cut.coefficients) { activity += coefficient * solution.values[column] }
                    #expect(abs(activity - cut.upper - cut.violation) < 1e-9)
                    #expect(cut.violation > 0)
                    for point in points {
                        var total = 0.0
                        for (column, coefficient) in zip(cut.columns, cut.coefficients) { total += coefficient * point[column] }
                        #expect(total <= cut.upper + 1e-9, "a cut removes the integer point \(point)")
                    }
                    lp.addRow(columns: cut.columns, coefficients: cut.coefficients, upper: cut.upper)
                }
            }
        }
        // Warm solves with the rows appended agree with a cold solve of the last program.
        var relaxed = lp
        for column in 0 ..< relaxed.columnCount { relaxed.setKind(.continuous, ofColumn: column) }
        let cold = try quietSolver().solve(relaxed)
        let warm = try quietSolver().withRelaxationSession { try $0.solve(lp, options: SolveOptions()) }
        #expect(cold.status == warm.status)
        if let a = cold.objectiveValue, let b = warm.objectiveValue { #expect(abs(a - b) < 1e-6) }
    }

    /// The programs above are not all integral at the LP optimum: cuts are found and tested.
    @Test func theRandomProgramsGiveCuts() throws {
        var found = 0
        for seed in UInt64(1) ... 40 {
            let program = Self.randomBinaryProgram(columns: 12, rows: 14, seed: seed)
            let solution = try quietSolver().withRelaxationSession { try $0.solve(program, options: SolveOptions()) }
            guard solution.status == .optimal else { continue }
            found += ZeroHalfCuts.separate(program, at: solution.values).count
        }
        #expect(found >= 10, "\(found) cuts")
    }

    /// The dual bound holds for any multipliers, not only optimal ones.
    @Test(arguments: [UInt64(5), 6, 7])
    func theDualBoundHoldsForAnyMultipliers(seed: UInt64) throws {
        var program = Fixtures.coveringLP(rows: 30, columns: 80, perColumn: 3, seed: seed)
        for column in 0 ..< program.columnCount { program.setBounds(ofColumn: column, lower: 0, upper: 1) }
        let optimum = try #require(try quietSolver().solve(program).objectiveValue)
        var random = SeededGenerator(seed: seed)
        for _ in 0 ..< 20 {
            let duals = (0 ..< program.rowCount).map { _ in Double.random(in: -3 ... 3, using: &random) }
            let bound = program.dualBound(rowDuals: duals).bound
            // Minimising: a lower bound.
            #expect(program.sense == .minimize)
            #expect(bound <= optimum + 1e-9, "bound \(bound) above the optimum \(optimum)")
        }
    }

    @Test func aSessionRefusesRowsChangedInsteadOfAppended() throws {
        let program = Fixtures.coveringLP(rows: 10, columns: 30, perColumn: 3, seed: 2)
        var appended = program
        appended.addRow(columns: [0, 1], coefficients: [1, 1], upper: 1)
        var changed = Fixtures.coveringLP(rows: 10, columns: 30, perColumn: 3, seed: 3)
        changed.addRow(columns: [0, 1], coefficients: [1, 1], upper: 1)
        try quietSolver().withRelaxationSession { session in
            _ = try session.solve(program, options: SolveOptions())
            // Rows added at the end are taken (no throw); rows that differ are refused.
            _ = try session.solve(appended, options: SolveOptions())
            #expect(throws: SolveError.self) { try session.solve(changed, options: SolveOptions()) }
        }
    }

    /// Binary columns with objective weights 1...9, rows of ±1 over 3 to 5 columns with upper
    /// bounds that make some of them bind.
    static func randomBinaryProgram(columns: Int, rows: Int, seed: UInt64) -> LinearProgram {
        var random = SeededGenerator(seed: seed)
        var program = LinearProgram(name: "random", sense: .maximize)
        for _ in 0 ..< columns { program.addColumn(kind: .binary, objective: Double(Int.random(in: 1 ... 9, using: &random))) }
        for _ in 0 ..< rows {
            let size = Int.random(in: 2 ... 5, using: &random)
            let chosen = Array((0 ..< columns).shuffled(using: &random).prefix(size))
            let coefficients = chosen.map { _ in Double.random(in: 0 ..< 1, using: &random) < 0.8 ? 1.0 : -1.0 }
            let positives = coefficients.filter { $0 > 0 }.count
            program.addRow(columns: chosen, coefficients: coefficients, upper: Double(max(0, positives / 2)))
        }
        return program
    }

    static func integerPoints(of program: LinearProgram) -> [[Double]] {
        (0 ..< (1 << program.columnCount)).compactMap { mask in
            let point = (0 ..< program.columnCount).map { Double((mask >> $0) & 1) }
            return Fixtures.isFeasible(point, for: program) ? point : nil
        }
    }
}
