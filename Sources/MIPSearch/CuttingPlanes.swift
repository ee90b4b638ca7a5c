import LinearProgramming
import Logging

/// Tightens the LP bound with {0, 1/2}-cuts (`ZeroHalfCuts`): solve the relaxation, add the cuts
/// its optimum violates, solve again from the last basis by the dual simplex method, while the
/// bound falls.
///
/// The fractional optima of the planner's programs are half-integral (odd cycles through "once",
/// slot and Hall rows), which is what these cuts remove: on the generated 1,000-hearing week they
/// take the bound from 388,191.5 to below 388,184, within one step of the optimum 388,183.
///
/// The LP may be solved over a restriction (columns fixed at 0 that the first-order relaxation
/// leaves there, for speed), but every bound reported is of the whole program with its cuts:
/// the Lagrangian bound at the LP's row duals over every column's own bounds
/// (`LinearProgram.dualBound`). Where that exceeds the restricted optimum, the columns whose
/// reduced costs say so are freed and the LP solved again before any cut is sought.
struct CuttingPlanes {
    struct Result {
        /// The cuts found, as rows to append to the program.
        var cuts: [Cut] = []
        /// The best bound proven for the whole program, and the reduced costs that prove it.
        var bound: Double?
        var reducedCosts: [Double]?
        /// The last LP the session was given, as it holds it now: the restricted program with every
        /// cut solved so far, for a dive to go on from. Solved to optimality unless the loop ended
        /// on a solve that stopped (a later solve in the session must have at least its rows).
        var program: LinearProgram?
        /// `program`'s optimal basis, when it was solved to optimality.
        var basis: Basis?
        var rounds = 0
        var seconds = 0.0
    }

    let solver: any MIPSolver
    let logger: Logger
    /// The whole program.
    let program: LinearProgram
    /// Columns fixed at 0 in the LPs solved, until their reduced costs say otherwise.
    var restriction: [Int] = []
    var deadline: ContinuousClock.Instant?
    var cancellation: CancellationToken?
    /// The time the search runs against.
    var clock = SearchClock.continuous
    /// The best plan's objective: the loop stops once the bound proves it optimal.
    var incumbent: Double?
    /// The objective step (1 when every plan scores a whole number).
    var step: Double?
    var maximumRounds = 200
    var cutsPerRound = 200
    /// Stop after this many rounds in a row that lower the bound by less than `minimumProgress`.
    var patience = 8
    var minimumProgress = 0.05

    /// Runs the loop in `session`, which must not have solved anything yet; it is left holding
    /// the last LP (`Result.program`) and its optimal basis.
    func run(in session: any RelaxationSession) throws -> Result {
        let started = clock.now
        var result = Result()
        try loop(session, into: &result)
        result.seconds = (clock.now - started).seconds
        return result
    }

    private func loop(_ session: any RelaxationSession, into result: inout Result) throws {
        var whole = program  // every cut appended, the program's own bounds
        var lp = program  // the same with the restriction
        var restricted = Set(restriction)
        for column in restricted { lp.setBounds(ofColumn: column, lower: 0, upper: 0) }
        var quiet = 0
        while result.rounds < maximumRounds, !isOutOfTime {
            let options = SolveOptions(
                timeLimit: deadline.map { max($0 - clock.now, .milliseconds(1)) },
                presolve: result.rounds == 0, cancellation: cancellation)
            let solution = try session.solve(lp, options: options)
            result.rounds += 1
            // The session holds `lp`'s rows now, whatever became of the solve.
            result.program = lp
            result.basis = solution.basis
            guard solution.status == .optimal, solution.rowDuals.count == lp.rowCount,
                  let objective = solution.objectiveValue else {
                logger.debug("cutting planes: LP ended without an optimum", metadata: ["status": "\(solution.status)"])
                return
            }
            let (bound, costs) = whole.dualBound(rowDuals: solution.rowDuals)
            let previous = result.bound ?? .infinity
            if bound < previous {
                result.bound = bound
                result.reducedCosts = costs
            }
            // Columns left out that would raise the objective: bring them back first.
            let priced = restricted.filter { costs[$0] > 1e-9 }
            if bound > objective + 1e-6, !priced.isEmpty {
                for column in priced {
                    lp.setBounds(ofColumn: column, lower: program.columnLowerBounds[column], upper: program.columnUpperBounds[column])
                    restricted.remove(column)
                }
                logger.debug("cutting planes: columns priced back in", metadata: ["columns": "\(priced.count)"])
                continue
            }
            if let incumbent, let step, let best = result.bound, ObjectiveStep.isWithinOneStep(incumbent, best, step: step, sense: program.sense) { return }
            quiet = previous - (result.bound ?? previous) < minimumProgress ? quiet + 1 : 0
            if quiet > patience { return }
            let cuts = ZeroHalfCuts.separate(whole, at: solution.values, limit: cutsPerRound)
            logger.trace("cutting planes round", metadata: [
                "bound": "\(bound)", "objective": "\(objective)", "cuts": "\(cuts.count)",
            ])
            guard !cuts.isEmpty else { return }
            for cut in cuts {
                whole.addRow(name: "cut_\(result.cuts.count)", columns: cut.columns, coefficients: cut.coefficients, upper: cut.upper)
                lp.addRow(name: "cut_\(result.cuts.count)", columns: cut.columns, coefficients: cut.coefficients, upper: cut.upper)
                result.cuts.append(cut)
            }
        }
    }

    private var isOutOfTime: Bool {
        if cancellation?.isCancelled == true { return true }
        guard let deadline else { return false }
        return clock.now >= deadline
    }
}
