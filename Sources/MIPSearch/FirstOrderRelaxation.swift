import LinearProgramming

/// The LP relaxation of a large program, solved approximately by the primal-dual hybrid gradient
/// method with the refinements of PDLP (Applegate et al., 2021): diagonal preconditioning, adaptive
/// steps, restarts to the average, and a primal weight balancing the two sides. Each iteration is
/// two products with the matrix, so it scales where GLPK's simplex method, started afresh, takes
/// minutes (a week of 2,500 hearings).
///
/// The bound is rigorous whatever the accuracy: for any row multipliers `y` (signed as the row
/// bounds allow), weak duality gives, for `max cᵀx` over `L <= Ax <= U`, `l <= x <= u`,
///
///     cᵀx <= Σ_r (y_r > 0 ? y_r U_r : y_r L_r) + Σ_j max((c - Aᵀy)_j l_j, (c - Aᵀy)_j u_j),
///
/// every column here having finite bounds. The best such value seen is the bound returned, summed
/// in the original (unscaled) data and rounded up by a margin for the floating-point error.
struct FirstOrderRelaxation {
    struct Result: Sendable {
        /// An upper bound on the LP's optimum (with the column bounds as they are now).
        var bound: Double
        /// An approximate optimal point, within the column bounds (rows may be slightly violated).
        var values: [Double]
        var iterations: Int
        /// The relative difference between the point's objective and the bound when it stopped.
        var relativeGap: Double
        /// The reduced costs that prove `bound` (see `PDHGState.rigorousDual(bestOf:)`).
        var reducedCosts: [Double] = []
        /// The row multipliers behind them (`LinearProgram.dualBound`'s convention).
        var rowDuals: [Double] = []
    }

    private var state: PDHGState
    private var iterations = 0
    /// The program's objective constant, which the iterations leave out and the bound adds back.
    private let objectiveConstant: Double

    private let clock: SearchClock

    /// Nil when a column has an infinite bound (the bound formula needs finite ones).
    init?(program: LinearProgram, clock: SearchClock = .continuous) {
        self.clock = clock
        guard program.columnCount > 0, (0..<program.columnCount).allSatisfy({
            program.columnLowerBounds[$0].isFinite && program.columnUpperBounds[$0].isFinite
        }) else { return nil }
        state = PDHGState(program: program)
        objectiveConstant = program.objectiveConstant
    }

    /// Iterates until the point's objective and the bound are within `tolerance` (relative), with
    /// rows kept to that relative accuracy, or until the deadline, `cancellation` or
    /// `maximumIterations` more. The bound is rigorous whenever it stops.
    mutating func solve(
        deadline: ContinuousClock.Instant?, cancellation: CancellationToken? = nil, tolerance: Double = 1e-6,
        maximumIterations: Int = 100_000
    ) -> Result {
        state.beginSolve()
        var bestGap = Double.infinity
        var lastRestartError = Double.infinity
        var previousCandidateError = Double.infinity
        var sinceRestart = 0
        var done = 0
        var last: PDHGState.Evaluation?
        while done < maximumIterations {
            for _ in 0..<64 {
                state.step(iteration: iterations)
                iterations += 1
                done += 1
                sinceRestart += 1
            }
            // Candidates: the current point and the average since the last restart.
            let current = state.evaluate(average: false)
            let average = state.evaluate(average: true)
            let candidate = average.error < current.error ? average : current
            last = candidate
            let best = state.bestDualObjective
            bestGap = abs(candidate.primalObjective - best) / (1 + abs(candidate.primalObjective) + abs(best))
            if bestGap <= tolerance && candidate.relativeResidual <= tolerance { break }
            if let deadline, clock.now >= deadline { break }
            if cancellation?.isCancelled == true { break }
            let restart = candidate.error <= 0.2 * lastRestartError
                || (candidate.error <= 0.8 * lastRestartError && candidate.error > previousCandidateError)
                || Double(sinceRestart) >= 0.36 * Double(done)
            previousCandidateError = candidate.error
            if restart {
                state.restart(toAverage: candidate.isAverage)
                lastRestartError = candidate.error
                previousCandidateError = .infinity
                sinceRestart = 0
            }
        }
        if last?.isAverage == true { state.restart(toAverage: true) }
        let dual = state.rigorousDual(bestOf: state.bestMultipliers)
        return Result(
            bound: dual.bound + objectiveConstant, values: state.originalPoint(),
            iterations: done, relativeGap: bestGap, reducedCosts: dual.reducedCosts, rowDuals: dual.rowDuals)
    }
}
