import LinearProgramming
import Logging

/// An integer point found by diving on the LP relaxation, and the relaxation's bound.
///
/// The relaxation of the whole program is solved once (by GLPK's simplex method, or for large
/// programs by `FirstOrderRelaxation`): its bound is what proves a plan optimal or measures its gap.
/// Then, round by round, the decision columns (which hearing is held where) at 1 are fixed at 1,
/// and so are a quarter of the fractional ones of at least one half that still fit every row as far
/// as the bounds tell; the LP is solved again in a `RelaxationSession`, by the dual simplex method
/// from the last optimal basis (only bounds moved, so it stays dual feasible). A round whose LP has no feasible point, or whose
/// optimum falls by more than `allowedDrop` per column fixed (at most `maximumDrop`, never a
/// deadline bonus), is undone and retried with half as many columns; a single column that fails
/// is set aside for the next most promising one, and after `maximumTries` the first is fixed at 0
/// or 1, whichever keeps the LP's optimum higher. Once every decision is integral, the other
/// columns (who is sent where) are dived on the same way. The dive ends when the LP's optimum is
/// integral; whenever it stops, `rounding` also turns the last LP point into a plan.
struct Dive {
    struct Result: Sendable {
        /// The optimum of the relaxation of the whole program; nil when it was not solved.
        var bound: Double?
        /// The relaxation's optimal point, and how long GLPK took to find it.
        var relaxation: [Double]?
        var relaxationSeconds = 0.0
        /// Reduced costs that prove `bound`, when the relaxation's method gives them.
        var reducedCosts: [Double]?
        /// An integer point of the program and its objective, when the dive reached one.
        var values: [Double]?
        var objective: Double?
        /// The basis of the LP whose optimum is `values`, when the dive ended on an integral one.
        var basis: Basis?
        var linearPrograms = 0
        var seconds = 0.0
        var solverName = ""
    }

    let solver: any MIPSolver
    let logger: Logger
    let program: LinearProgram
    /// The columns dived on first; the others once these are integral.
    var decisions: Set<Int> = []
    var deadline: ContinuousClock.Instant?
    var cancellation: CancellationToken?
    enum Relaxation {
        /// GLPK's simplex method: exact, and fast for small programs.
        case simplex
        /// `FirstOrderRelaxation`, then an exact LP with what its point decides fixed.
        case firstOrder
    }

    var relaxation = Relaxation.simplex
    /// Turns a relaxation's point into a point of the program (`RoundingStrategy`).
    var rounding: (any RoundingStrategy)?
    var settings = SearchSettings()
    var clock = SearchClock.continuous

    /// At most this many LP solves in all.
    var maximumSolves = 400
    /// How far the LP's optimum may fall, per column fixed in a round and at most, before the round
    /// is undone: never by a deadline bonus.
    var allowedDrop = 2.0
    var maximumDrop = 20.0
    /// How many single columns a round tries before it settles one at 0 or 1.
    var maximumTries = 5

    static let integrality = 1e-6
    /// Decisions the first-order relaxation leaves below this are fixed at 0 in the dive's LPs.
    static let restrictionThreshold = 0.02

    func run() throws -> Result {
        try solver.withRelaxationSession { session in try run(in: session) }
    }

    /// Dives in `session`, which may hold `program` already (with its optimal basis), as the
    /// cutting planes leave it.
    func run(in session: any RelaxationSession) throws -> Result {
        let started = clock.now
        var result = Result()
        try dive(into: &result, session: session)
        result.seconds = (clock.now - started).seconds
        return result
    }

    private func dive(into result: inout Result, session: any RelaxationSession) throws {
        var relaxed = program
        let integerColumns = (0..<program.columnCount).filter { program.columnKinds[$0] != .continuous }
        for column in integerColumns { relaxed.setKind(.continuous, ofColumn: column) }

        let first: Solution
        switch relaxation {
        case .simplex:
            guard let solution = try solve(relaxed, in: session, presolve: true, count: &result.linearPrograms) else { return }
            first = solution
            result.bound = solution.objectiveValue
            result.relaxation = solution.values
            result.relaxationSeconds = solution.seconds
        case .firstOrder:
            guard let (restricted, solution) = try firstOrderStart(relaxed, integerColumns, into: &result, session: session) else { return }
            relaxed = restricted
            first = solution
        }
        result.solverName = first.solverName
        logger.debug("LP relaxation solved", metadata: [
            "bound": "\(result.bound ?? .nan)", "seconds": "\(result.relaxationSeconds)",
        ])
        var values = first.values
        var basis = first.basis
        var objective = first.objectiveValue ?? 0
        var batchLimit = Int.max
        var tried = Set<Int>()  // single columns that failed since the last round that went well
        defer { keep(values, in: &result, until: nil) }
        while result.linearPrograms < maximumSolves && !isOutOfTime {
            let fractional = integerColumns.filter { !Self.isIntegral(values[$0]) }
            if fractional.isEmpty {
                var point = values
                for column in integerColumns { point[column] = values[column].rounded() }
                let pointObjective = program.objectiveValue(at: point)
                if pointObjective > result.objective ?? -.infinity {
                    result.values = point
                    result.objective = pointObjective
                    result.basis = basis
                }
                return
            }
            let open = fractional.filter(decisions.contains)
            let candidates = (open.isEmpty ? fractional : open).filter { !tried.contains($0) }
            // Decisions at 1 stay at 1: the current point keeps every row.
            for column in integerColumns where values[column] >= 1 - Self.integrality && (open.isEmpty || decisions.contains(column)) {
                relaxed.setBounds(ofColumn: column, lower: 1, upper: 1)
            }
            let fitting = candidates.isEmpty ? [] : compatible(promising(candidates, values: values), in: relaxed)
            if batchLimit == .max { batchLimit = max(1, fitting.count / 4) }
            let batch = Array(fitting.prefix(batchLimit))
            var trial = relaxed
            for column in batch { trial.setBounds(ofColumn: column, lower: 1, upper: 1) }
            if !batch.isEmpty, let next = try solve(trial, in: session, count: &result.linearPrograms),
               let nextObjective = next.objectiveValue,
               nextObjective >= objective - min(allowedDrop * Double(batch.count), maximumDrop)
            {
                logger.trace("dive round", metadata: [
                    "objective": "\(nextObjective)", "fixed": "\(batch.count)", "fractional": "\(fractional.count)",
                ])
                relaxed = trial
                values = next.values
                basis = next.basis
                objective = nextObjective
                batchLimit = .max
                tried = []
            } else if batch.count > 1 {
                batchLimit = batch.count / 2
            } else if let column = batch.first, tried.count < maximumTries {
                tried.insert(column)  // try the next most promising one
            } else {
                // None fits well: settle the most promising one either way, whichever costs less.
                guard let column = tried.first ?? batch.first ?? fractional.first else { return }
                var best: (program: LinearProgram, solution: Solution)?
                for value in [1.0, 0.0] {
                    var branch = relaxed
                    branch.setBounds(ofColumn: column, lower: value, upper: value)
                    if let solution = try solve(branch, in: session, count: &result.linearPrograms),
                       (solution.objectiveValue ?? -.infinity) > (best?.solution.objectiveValue ?? -.infinity)
                    {
                        best = (branch, solution)
                    }
                }
                guard let best else { return }
                relaxed = best.program
                values = best.solution.values
                basis = best.solution.basis
                objective = best.solution.objectiveValue ?? objective
                batchLimit = .max
                tried = []
            }
        }
    }

    /// The start for programs too large for GLPK's simplex method: `FirstOrderRelaxation` solves
    /// the relaxation approximately, with a rigorous bound; its point is rounded into a first plan
    /// at once, and the decisions it leaves (nearly) at 0 are fixed there, a restriction (for
    /// finding plans only) whose LP GLPK solves several times faster. The dive goes on from its
    /// optimum, a vertex.
    private func firstOrderStart(
        _ relaxed: LinearProgram, _ integerColumns: [Int], into result: inout Result, session: any RelaxationSession
    ) throws -> (LinearProgram, Solution)? {
        let started = clock.now
        guard var method = FirstOrderRelaxation(program: relaxed, clock: clock) else { return nil }
        // 0.4 of the time: a quarter gave the search more time but a rougher point to round
        // (the 2,500 week at 10 s: gap 1.47e-3 against 1.30e-3; four weeks of 10,000 at 55 s no
        // better; three runs each), and 0.15 left the bound of the four weeks 7e-4 too high.
        let first = method.solve(deadline: deadline.map { started + ($0 - started) * 0.4 }, cancellation: cancellation)
        result.bound = first.bound
        result.reducedCosts = first.reducedCosts
        result.relaxation = first.values
        result.relaxationSeconds = (clock.now - started).seconds
        logger.debug("first-order relaxation", metadata: [
            "bound": "\(first.bound)", "iterations": "\(first.iterations)", "gap": "\(first.relativeGap)",
            "seconds": "\(result.relaxationSeconds)",
        ])
        // The restricted LP takes about 0.3 of the whole relaxation's simplex time (7 s against 21 s
        // on the 1,000 week, 73 s against about 250 s on the 2,500 week).
        let estimate = 0.3 * settings.simplexSeconds(nonzeros: program.nonzeroCount)
        if let deadline, (deadline - clock.now).seconds < estimate {
            logger.debug("restricted LP skipped", metadata: [
                "estimatedSeconds": "\(estimate)", "secondsLeft": "\((deadline - clock.now).seconds)",
            ])
            keep(first.values, in: &result, until: deadline, rowDuals: first.rowDuals)
            return nil
        }
        // The dive on the restricted LP does better than improving the rounded plan, so that gets
        // no time here (with 5 % of the time left before the LP and after the dive, the 1,000 week
        // was proven optimal in 160 s instead of 138 s).
        keep(first.values, in: &result, until: nil)
        var restricted = relaxed
        for column in integerColumns where decisions.contains(column) && first.values[column] < Self.restrictionThreshold {
            restricted.setBounds(ofColumn: column, lower: 0, upper: 0)
        }
        guard let solution = try solve(restricted, in: session, presolve: true, count: &result.linearPrograms) else { return nil }
        logger.debug("restricted LP", metadata: [
            "objective": "\(solution.objectiveValue ?? .nan)", "seconds": "\(solution.seconds)",
        ])
        return (restricted, solution)
    }

    /// Rounds `point` into a plan, improved until `until`, and keeps it if it is the best so far.
    private func keep(_ point: [Double], in result: inout Result, until: ContinuousClock.Instant?, rowDuals: [Double]? = nil) {
        guard let rounding else { return }
        let plan = rounding.round(point, until: until, rowDuals: rowDuals)
        let objective = program.objectiveValue(at: plan)
        let isFeasible = Search.isFeasible(plan, in: program)
        logger.trace("relaxation rounded", metadata: ["objective": "\(objective)", "feasible": "\(isFeasible)"])
        guard isFeasible else { return }
        if objective > result.objective ?? -.infinity {
            result.values = plan
            result.objective = objective
        }
    }

    /// The largest fractional columns, those of at least one half (or else the largest one).
    private func promising(_ fractional: [Int], values: [Double]) -> [Int] {
        let ordered = fractional.sorted {
            (values[$0], program.objectiveCoefficients[$0], -$0) > (values[$1], program.objectiveCoefficients[$1], -$1)
        }
        let wanted = ordered.prefix { values[$0] >= 0.5 }
        return wanted.isEmpty ? Array(ordered.prefix(1)) : Array(wanted)
    }

    /// Of `candidates`, in order, those that still fit every row they are in as far as the bounds
    /// tell, counting columns fixed at 1, those taken before at 1 and every other column at its
    /// most helpful bound.
    private func compatible(_ candidates: [Int], in program: LinearProgram) -> [Int] {
        var rowsOfColumn: [Int: [(row: Int, coefficient: Double)]] = [:]
        let candidateSet = Set(candidates)
        for row in 0..<program.rowCount {
            for entry in program.entryRange(ofRow: row) where candidateSet.contains(program.entryColumns[entry]) {
                rowsOfColumn[program.entryColumns[entry], default: []].append((row, program.entryCoefficients[entry]))
            }
        }
        var least: [Int: Double] = [:]  // the least activity of a row, by row, computed when needed
        func leastActivity(_ row: Int) -> Double {
            if let known = least[row] { return known }
            var total = 0.0
            for entry in program.entryRange(ofRow: row) {
                let column = program.entryColumns[entry], coefficient = program.entryCoefficients[entry]
                total += coefficient * (coefficient > 0 ? program.columnLowerBounds[column] : program.columnUpperBounds[column])
            }
            least[row] = total
            return total
        }
        var chosen: [Int] = []
        for column in candidates {
            let rows = rowsOfColumn[column] ?? []
            let fits = rows.allSatisfy { row, coefficient in
                coefficient <= 0 || leastActivity(row) + coefficient <= program.rowUpperBounds[row] + Self.integrality
            }
            guard fits else { continue }
            chosen.append(column)
            for (row, coefficient) in rows where coefficient > 0 { least[row] = leastActivity(row) + coefficient }
        }
        return chosen
    }

    /// The LP's optimum, or nil when it has no feasible point or the time ran out.
    private func solve(
        _ program: LinearProgram, in session: any RelaxationSession, presolve: Bool = false, count: inout Int
    ) throws -> Solution? {
        count += 1
        let options = SolveOptions(
            timeLimit: deadline.map { $0 - clock.now }.map { max($0, .milliseconds(1)) },
            presolve: presolve, cancellation: cancellation)
        let solution = try session.solve(program, options: options)
        guard solution.status == .optimal else {
            logger.debug("dive LP ended without an optimum", metadata: ["status": "\(solution.status)"])
            return nil
        }
        return solution
    }

    private var isOutOfTime: Bool {
        if cancellation?.isCancelled == true { return true }
        guard let deadline else { return false }
        return clock.now >= deadline
    }

    static func isIntegral(_ value: Double) -> Bool { abs(value - value.rounded()) <= integrality }
}
