import GLPKSolver
import LinearProgramming
import Testing

/// Each termination status, reached on purpose.
@Suite struct StatusTests {
    static var infeasibleLP: LinearProgram {
        var program = LinearProgram(name: "infeasible")
        let x = program.addColumn(name: "x", objective: 1)
        let y = program.addColumn(name: "y", objective: 1)
        program.addRow(name: "low", terms: [(x, 1), (y, 1)], upper: 1)
        program.addRow(name: "high", terms: [(x, 1), (y, 1)], lower: 2)
        return program
    }

    /// 2x = 1 over integers: the LP relaxation is feasible, the program is not.
    static var integerInfeasible: LinearProgram {
        var program = LinearProgram(name: "half")
        let x = program.addColumn(name: "x", upper: 5, kind: .integer, objective: 1)
        program.addRow(name: "half", terms: [(x, 2)], lower: 1, upper: 1)
        return program
    }

    static func unbounded(integer: Bool) -> LinearProgram {
        var program = LinearProgram(name: "unbounded", sense: .maximize)
        let x = program.addColumn(name: "x", kind: integer ? .integer : .continuous, objective: 1)
        let y = program.addColumn(name: "y")
        program.addRow(name: "link", terms: [(x, 1), (y, -1)], upper: 1)
        return program
    }

    @Test(arguments: [false, true])
    func infeasibleLP(presolve: Bool) throws {
        let solution = try quietSolver().solve(Self.infeasibleLP, options: SolveOptions(presolve: presolve))
        #expect(solution.status == .infeasible, "\(solution.detail)")
        #expect(!solution.status.hasSolution)
        #expect(solution.values.isEmpty)
        #expect(solution.objectiveValue == nil)
        #expect(solution.bestBound == nil)
    }

    @Test(arguments: [false, true])
    func integerInfeasibleMIP(presolve: Bool) throws {
        let solution = try quietSolver().solve(Self.integerInfeasible, options: SolveOptions(presolve: presolve))
        #expect(solution.status == .infeasible, "\(solution.detail)")
        #expect(solution.values.isEmpty)
    }

    @Test(arguments: [false, true])
    func unboundedLP(presolve: Bool) throws {
        let solution = try quietSolver().solve(Self.unbounded(integer: false), options: SolveOptions(presolve: presolve))
        #expect(solution.status == .unbounded, "\(solution.detail)")
        #expect(solution.values.isEmpty)
    }

    @Test(arguments: [false, true])
    func unboundedRelaxationOfMIP(presolve: Bool) throws {
        let solution = try quietSolver().solve(Self.unbounded(integer: true), options: SolveOptions(presolve: presolve))
        #expect(solution.status == .infeasibleOrUnbounded, "\(solution.detail)")
    }

    @Test func timeLimitWithoutIncumbent() async throws {
        // No integer point exists, so whatever the search found by the deadline, it is not one.
        let options = SolveOptions(timeLimit: .milliseconds(300))
        let solution = try await quietSolver().solve(Fixtures.parity(), options: options)
        #expect(solution.status == .timeLimit(hasSolution: false), "\(solution.detail)")
        #expect(solution.values.isEmpty)
        #expect(solution.objectiveValue == nil)
    }

    /// Minimizing s, or maximizing -s: the bound must lie on the right side of the incumbent.
    @Test(arguments: [ObjectiveSense.minimize, .maximize])
    func timeLimitWithIncumbentFromTheStartingSolution(sense: ObjectiveSense) async throws {
        var program = Fixtures.parity(slack: true)
        let sign = sense == .minimize ? 1.0 : -1.0
        program.sense = sense
        program.setObjectiveCoefficient(sign, ofColumn: program.columnCount - 1)
        let options = SolveOptions(timeLimit: .seconds(1), startingSolution: Fixtures.paritySlackStart())
        let solution = try await quietSolver().solve(program, options: options)

        #expect(solution.status == .timeLimit(hasSolution: true), "\(solution.detail)")
        #expect(solution.startingSolution == .accepted)
        #expect(Fixtures.isFeasible(solution.values, for: program))
        let slack = try #require(solution.objectiveValue) * sign
        let boundOnSlack = try #require(solution.bestBound) * sign
        #expect(slack >= 1 - 1e-9) // the row's odd right-hand side forces s >= 1
        #expect(boundOnSlack <= slack)
        #expect(boundOnSlack >= -1e-9) // s >= 0
        #expect(solution.relativeGap == Solution.relativeGap(objective: solution.objectiveValue, bound: solution.bestBound))
    }

    @Test func gapLimitStopsAtTheFirstIncumbent() async throws {
        // Any incumbent is within a gap of 100 of the LP bound 0 (GLPK divides by |incumbent|).
        let program = Fixtures.parity(slack: true)
        let options = SolveOptions(timeLimit: .seconds(20), relativeGap: 100, startingSolution: Fixtures.paritySlackStart())
        let solution = try await quietSolver().solve(program, options: options)
        #expect(solution.status == .gapLimit, "\(solution.detail)")
        #expect(solution.status.hasSolution)
        #expect(Fixtures.isFeasible(solution.values, for: program))
    }

    @Test func startingSolutionIsAcceptedAndTheOptimumStillFound() throws {
        let fixture = Fixtures.knapsack
        let start: [Double] = [0, 1, 0, 1, 0] // feasible, value 21
        let solution = try quietSolver().solve(fixture.program, options: SolveOptions(startingSolution: start))
        #expect(solution.status == .optimal)
        #expect(solution.objectiveValue == fixture.objective)
        #expect(solution.startingSolution == .accepted)
    }

    @Test func infeasibleStartingSolutionIsRejectedNotUsed() throws {
        let fixture = Fixtures.knapsack
        let start: [Double] = [1, 1, 1, 1, 1] // weight 20 > 10: GLPK itself would have taken it
        let solution = try quietSolver().solve(fixture.program, options: SolveOptions(startingSolution: start))
        #expect(solution.status == .optimal)
        #expect(solution.objectiveValue == fixture.objective)
        guard case .rejected(let reason) = solution.startingSolution else {
            Issue.record("expected a rejection, got \(String(describing: solution.startingSolution))")
            return
        }
        #expect(reason.contains("capacity"))
    }

    @Test func fractionalStartingSolutionIsRejected() throws {
        let solution = try quietSolver().solve(Fixtures.knapsack.program, options: SolveOptions(startingSolution: [0.5, 0, 0, 0, 0]))
        guard case .rejected = solution.startingSolution else {
            Issue.record("expected a rejection, got \(String(describing: solution.startingSolution))")
            return
        }
    }

    @Test(arguments: [false, true])
    func timeLimitDuringTheSimplexMethod(presolve: Bool) throws {
        let program = Fixtures.coveringLP()
        // With a cancellation token and no presolve, the simplex method runs in slices.
        let options = SolveOptions(timeLimit: .milliseconds(300), presolve: presolve, cancellation: CancellationToken())
        let solution = try quietSolver().solve(program, options: options)
        guard case .timeLimit(let hasSolution) = solution.status else {
            Issue.record("expected a time limit, got \(solution.status): \(solution.detail)")
            return
        }
        // Stopped in phase 2, a pure LP has a feasible point.
        #expect(solution.values.isEmpty != hasSolution)
        if hasSolution { #expect(Fixtures.isFeasible(solution.values, for: program)) }
    }

    @Test func zeroTimeLimitStopsBeforeTheSimplexMethod() throws {
        let solution = try quietSolver().solve(Fixtures.knapsack.program, options: SolveOptions(timeLimit: .zero))
        #expect(solution.status == .timeLimit(hasSolution: false))
    }
}
