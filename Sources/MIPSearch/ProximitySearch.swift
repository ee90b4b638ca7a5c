import LinearProgramming
import Logging

/// Improves a plan by proximity search (Fischetti and Monaci): among the integer points that score
/// at least a wanted amount, find the one nearest the best plan, counted in integer columns that
/// change. GLPK's branch and cut stops at the first such point it finds.
///
/// The first search wants the bound's last step at once (on the 1,000-hearing week the optimum is
/// 56 changes away from the dive's plan and one search finds it, where a step at a time would take
/// nine); a search that runs out of time wants half as much more next time, down to one step. A
/// search that proves no point scores what it wants proves a bound: nothing scores that much.
///
/// Each search is `base` (the program, with valid rows such as cuts) with the objective replaced by
/// the distance and one row asking for the score; its LP starts from the last basis, which is
/// near (the first from the LP the plan came from).
struct ProximitySearch {
    struct Result {
        var best: (values: [Double], objective: Double)
        /// A bound proven by a search that found no point scoring what it wanted.
        var bound: Double?
        var searches = 0
    }

    let solver: any MIPSolver
    let logger: Logger
    /// The whole program; every column integer, every objective coefficient and its constant
    /// whole numbers.
    let program: LinearProgram
    /// What the searches run on: `program` with valid rows appended (cuts), its column bounds.
    var base: LinearProgram
    /// A basis of `base`'s relaxation to start the first search's LP from.
    var basis: Basis?
    let step: Double
    var deadline: ContinuousClock.Instant?
    var cancellation: CancellationToken?
    /// The time the search runs against.
    var clock = SearchClock.continuous
    /// The best score any plan can have (the bound's last step): the first search wants it.
    var target: Double

    func improve(_ start: (values: [Double], objective: Double)) throws -> Result {
        var result = Result(best: start)
        var basis = basis
        var target = target
        var wanted = target
        let objectiveTerms = (0 ..< program.columnCount).compactMap { column in
            program.objectiveCoefficients[column] == 0 ? nil : (column: column, coefficient: program.objectiveCoefficients[column])
        }
        while result.best.objective + step <= target + tolerance, let left = timeLeft, left > .zero {
            var search = base
            var ones = 0.0
            for column in 0 ..< program.columnCount {
                let isOne = result.best.values[column] > 0.5
                search.setObjectiveCoefficient(isOne ? 1 : -1, ofColumn: column)
                if isOne { ones += 1 }
            }
            search.objectiveConstant = -ones
            search.addRow(name: "wanted", terms: objectiveTerms, lower: wanted - program.objectiveConstant - tolerance)
            // Half the time left, unless this is the last search to try.
            let limit = wanted == result.best.objective + step ? left : left * 0.5
            // Any point found will do: a gap no search can miss.
            let solution = try solver.solve(search, options: SolveOptions(
                timeLimit: limit, relativeGap: 1e9, presolve: basis == nil, cancellation: cancellation, startingBasis: basis))
            result.searches += 1
            basis = solution.basis ?? basis
            logger.debug("proximity search", metadata: [
                "wanted": "\(wanted)", "status": "\(solution.status)", "seconds": "\(solution.seconds)",
                "changes": "\(solution.objectiveValue.map { "\(-$0)" } ?? "none")",
            ])
            if solution.status == .infeasible {
                // No plan scores `wanted`: the bound falls below it, and so does the target.
                target = wanted - step
                result.bound = target
                wanted = target
                continue
            }
            guard solution.status.hasSolution, Search.isFeasible(solution.values, in: program) else {
                // Out of time: want half as much more, down to one step, then stop.
                guard wanted > result.best.objective + step else { break }
                wanted = result.best.objective + step * ((wanted - result.best.objective) / step / 2).rounded(.up)
                continue
            }
            let objective = program.objectiveValue(at: solution.values)
            guard objective >= wanted - tolerance else { break }
            result.best = (solution.values, objective)
            wanted = target
        }
        return result
    }

    private let tolerance = 1e-6

    private var timeLeft: Duration? {
        if cancellation?.isCancelled == true { return nil }
        guard let deadline else { return .seconds(1_000_000) }
        return deadline - clock.now
    }
}
