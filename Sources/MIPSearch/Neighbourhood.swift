import LinearProgramming
import Logging

/// Improves a plan by searching near it and near the LP relaxation's optimum at once (relaxation
/// induced neighbourhood search): every integer column on which the two agree is fixed, and GLPK's
/// branch and cut searches the rest, starting from the plan. Each search is a small program; a
/// better plan found starts the next, until one finds nothing better or the time runs out.
struct Neighbourhood {
    let solver: any MIPSolver
    let logger: Logger
    let program: LinearProgram
    /// The LP relaxation's optimum.
    let relaxation: [Double]
    var deadline: ContinuousClock.Instant?
    var cancellation: CancellationToken?
    /// The time the search runs against.
    var clock = SearchClock.continuous
    /// At most this long for one search.
    var searchLimit: Duration = .seconds(10)
    var maximumSearches = 5

    func improve(_ start: (values: [Double], objective: Double)) throws -> (values: [Double], objective: Double) {
        var best = start
        for _ in 0..<maximumSearches {
            var sub = program
            var free = 0
            for column in 0..<program.columnCount where program.columnKinds[column] != .continuous {
                let value = best.values[column]
                if abs(relaxation[column] - value) <= Dive.integrality {
                    sub.setBounds(ofColumn: column, lower: value, upper: value)
                } else {
                    free += 1
                }
            }
            guard free > 0, let left = timeLeft, left > .zero else { break }
            let solution = try solver.solve(sub, options: SolveOptions(
                // The presolver takes the fixed columns out of the LP relaxation.
                timeLimit: min(left, searchLimit), presolve: true, startingSolution: best.values, cancellation: cancellation,
                objectiveStep: Search.objectiveStep(of: program)))
            logger.debug("neighbourhood searched", metadata: [
                "free": "\(free)", "status": "\(solution.status)", "seconds": "\(solution.seconds)",
                "objective": "\(solution.objectiveValue.map { "\($0)" } ?? "none")",
            ])
            guard solution.status.hasSolution, let objective = solution.objectiveValue,
                  objective > best.objective + Dive.integrality, Search.isFeasible(solution.values, in: program)
            else { break }
            best = (solution.values, objective)
        }
        return best
    }

    private var timeLeft: Duration? {
        if cancellation?.isCancelled == true { return nil }
        guard let deadline else { return .seconds(1_000_000) }
        return deadline - clock.now
    }
}
