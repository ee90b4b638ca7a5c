import Foundation
import LinearProgramming
import Logging

/// The search for the best point of one program: a greedy point, the LP relaxation with a dive
/// and a neighbourhood search from it, {0, 1/2}-cuts and a proximity search, then the solver's
/// branch and cut from the best point so far, each only while needed. It knows nothing of what the
/// columns mean: the caller's `RoundingStrategy` turns points of the relaxation into points of the
/// program.
///
/// A point is reported optimal only with a proof: the bound of the relaxation of the whole program
/// (solved here, or by branch and cut) less than one objective step above it.
public struct Search: Sendable {
    let solver: any MIPSolver
    let logger: Logger
    let settings: SearchSettings
    let clock: SearchClock

    public init(solver: any MIPSolver, logger: Logger, settings: SearchSettings = SearchSettings(), clock: SearchClock = .continuous) {
        self.solver = solver
        self.logger = logger
        self.settings = settings
        self.clock = clock
    }

    /// What the search knows so far.
    private struct Progress {
        var best: (values: [Double], objective: Double)?
        var bound: Double?
        /// Reduced costs and the bound they prove (`bound`, unless a later proof lowered it), for
        /// fixing columns before branch and cut.
        var reducedCosts: [Double]?
        var reducedCostBound: Double?
        /// Columns the dive's LPs kept at 0 (what the first-order relaxation leaves there).
        var restriction: [Int] = []
        var relaxationSeconds = 0.0
        var solverName = ""
        /// What proves `bound`, for the solution's detail.
        var boundSource = "The LP relaxation's bound"
        /// When planning started: progress reports count from here.
        var started: ContinuousClock.Instant
    }

    /// `decisions` are the columns dived on first (for the planner, which hearing is held where);
    /// `greedy` is a first point, used when it keeps every row; `rounding` turns a point of the
    /// relaxation into a point of the program; `started` is when the caller's time began.
    public func solve(
        _ program: LinearProgram, decisions: Set<Int>, greedy: [Double], rounding: some RoundingStrategy,
        options: SearchOptions, started: ContinuousClock.Instant
    ) throws -> Solution {
        let deadline = options.timeLimit.map { started + $0 }
        var progress = Progress(started: started)
        progress.solverName = solver.solverName
        if Self.isFeasible(greedy, in: program) { progress.best = (greedy, program.objectiveValue(at: greedy)) }
        func finished(_ status: TerminationStatus, _ detail: String) -> Solution? {
            guard let best = progress.best, let bound = progress.bound else { return nil }
            return Solution(
                status: status, detail: detail, values: best.values, objectiveValue: best.objective,
                bestBound: status == .optimal ? best.objective : max(bound, best.objective),
                seconds: (clock.now - started).seconds, solverName: progress.solverName)
        }
        /// The best plan, when the bound so far proves it optimal or within the gap asked for.
        func proven(by bound: String) -> Solution? {
            switch proof(of: progress, in: program, relativeGap: options.relativeGap) {
            case .optimal?: finished(.optimal, "\(bound) is less than one step above the plan found, which proves it optimal.")
            case .gapLimit?: finished(.gapLimit, "\(bound) is within the relative gap asked for of the plan found.")
            default: nil
            }
        }
        if settings.dives && program.hasIntegerColumns {
            try dive(program, decisions: decisions, rounding: rounding, options: options, deadline: deadline, into: &progress)
            report(progress, options)
            if let solution = proven(by: progress.boundSource) { return solution }
        }
        // Cuts start by solving the relaxation with the simplex method: only with the time for it.
        if options.cuts.contains(.zeroHalf) && program.hasIntegerColumns && progress.best != nil,
           deadline.map({ $0 - clock.now > .seconds(progress.relaxationSeconds) }) ?? true
        {
            try cut(program, decisions: decisions, rounding: rounding, options: options, deadline: deadline, into: &progress)
            if let solution = proven(by: progress.boundSource) { return solution }
        }
        // Branch and cut starts by solving the relaxation again: not worth starting without the time.
        if let deadline, deadline - clock.now < .seconds(progress.relaxationSeconds * 1.2),
           let solution = finished(.timeLimit(hasSolution: true), "The time left was too short for branch and cut to solve the relaxation again; the best plan found is returned with the relaxation's bound.")
        {
            return solution
        }
        return try branchAndCut(program, options: options, deadline: deadline, from: progress)
    }

    /// The LP relaxation, the dive and the neighbourhood search.
    private func dive(
        _ program: LinearProgram, decisions: Set<Int>, rounding: any RoundingStrategy, options: SearchOptions,
        deadline: ContinuousClock.Instant?,
        into progress: inout Progress
    ) throws {
        let relaxation: Dive.Relaxation = program.nonzeroCount > settings.simplexLimit ? .firstOrder : .simplex
        let dive = try Dive(
            solver: solver, logger: logger, program: program, decisions: decisions, deadline: deadline,
            cancellation: options.cancellation, relaxation: relaxation, rounding: rounding, settings: settings, clock: clock
        ).run()
        progress.bound = dive.bound
        progress.reducedCosts = dive.reducedCosts
        progress.reducedCostBound = dive.bound
        // For the cutting planes' LPs: decisions the first-order relaxation leaves at 0 and whose
        // reduced cost says they stay there (fewer to price back in than the dive's restriction).
        if relaxation == .firstOrder, let point = dive.relaxation, let costs = dive.reducedCosts {
            progress.restriction = decisions.filter { point[$0] < Dive.restrictionThreshold && costs[$0] < -0.5 }.sorted()
        }
        // What branch and cut will take to solve the relaxation again with the simplex method.
        progress.relaxationSeconds = relaxation == .simplex
            ? dive.relaxationSeconds : settings.simplexSeconds(nonzeros: program.nonzeroCount)
        if !dive.solverName.isEmpty { progress.solverName = dive.solverName }
        logger.info("dive", metadata: [
            "bound": "\(dive.bound.map { "\($0)" } ?? "none")", "objective": "\(dive.objective.map { "\($0)" } ?? "none")",
            "greedy": "\(progress.best.map { "\($0.objective)" } ?? "none")", "linearPrograms": "\(dive.linearPrograms)",
            "relaxationSeconds": "\(dive.relaxationSeconds)", "seconds": "\(dive.seconds)",
        ])
        if let values = dive.values, let objective = dive.objective, objective > progress.best?.objective ?? -.infinity {
            progress.best = (values, objective)
        }
        // Only for programs small enough that the disagreements make a small program.
        if relaxation == .simplex, let start = progress.best, let point = dive.relaxation,
           proof(of: progress, in: program, relativeGap: 0) == nil
        {
            let improved = try Neighbourhood(
                solver: solver, logger: logger, program: program, relaxation: point,
                deadline: deadline,
                cancellation: options.cancellation, clock: clock
            ).improve(start)
            logger.info("neighbourhood", metadata: ["objective": "\(improved.objective)"])
            progress.best = improved
        }
    }

    /// {0, 1/2}-cuts on the relaxation, while they lower its bound and the plan is not proven;
    /// then a dive on the LP with the cuts, which is nearer the integer hull.
    private func cut(
        _ program: LinearProgram, decisions: Set<Int>, rounding: any RoundingStrategy,
        options: SearchOptions, deadline: ContinuousClock.Instant?, into progress: inout Progress
    ) throws {
        guard proof(of: progress, in: program, relativeGap: options.relativeGap) == nil else { return }
        var planes = CuttingPlanes(solver: solver, logger: logger, program: program, clock: clock)
        planes.restriction = progress.restriction
        // Leave the dive and branch and cut time to find a plan that meets the bound.
        planes.deadline = deadline.map { clock.now + ($0 - clock.now) * 0.5 }
        planes.cancellation = options.cancellation
        planes.incumbent = progress.best?.objective
        planes.step = Self.objectiveStep(of: program)
        try solver.withRelaxationSession { session in
            let result = try planes.run(in: session)
            logger.info("cutting planes", metadata: [
                "bound": "\(result.bound.map { "\($0)" } ?? "none")", "cuts": "\(result.cuts.count)",
                "rounds": "\(result.rounds)", "seconds": "\(result.seconds)",
            ])
            if let bound = result.bound, bound < progress.bound ?? .infinity {
                progress.bound = bound
                progress.reducedCosts = result.reducedCosts
                progress.reducedCostBound = bound
                progress.boundSource = "The bound of the LP relaxation with {0, 1/2}-cuts"
            }
            report(progress, options)
            guard let lp = result.program, proof(of: progress, in: program, relativeGap: 0) == nil else { return }
            // The dive's own bound is of the restricted LP: only its plan counts.
            let cutDive = Dive(
                solver: solver, logger: logger, program: lp, decisions: decisions,
                deadline: deadline.map { clock.now + ($0 - clock.now) * 0.5 },
                cancellation: options.cancellation, relaxation: .simplex, rounding: rounding, settings: settings, clock: clock)
            let dive = try cutDive.run(in: session)
            logger.info("dive with cuts", metadata: [
                "objective": "\(dive.objective.map { "\($0)" } ?? "none")", "linearPrograms": "\(dive.linearPrograms)",
                "seconds": "\(dive.seconds)",
            ])
            var basis = result.basis
            if let values = dive.values, let objective = dive.objective, objective > progress.best?.objective ?? -.infinity,
               Self.isFeasible(values, in: program)
            {
                progress.best = (values, program.objectiveValue(at: values))
                // The dive's last LP sits at the plan: the searches' LPs are near it.
                basis = dive.basis ?? basis
            }
            report(progress, options)
            try approach(program, with: lp, basis: basis, options: options, deadline: deadline, into: &progress)
        }
    }

    /// Proximity search from the best plan towards the bound (`ProximitySearch`), on the program
    /// with the cuts: they are valid rows, and the basis of the LP the plan came from fits them.
    /// For programs of binary columns with whole objective coefficients only.
    private func approach(
        _ program: LinearProgram, with lp: LinearProgram, basis: Basis?, options: SearchOptions,
        deadline: ContinuousClock.Instant?, into progress: inout Progress
    ) throws {
        // Below the simplex method's size branch and cut closes the gap itself (the 200 week: 1 s),
        // where a search wanting more than the optimum could spend half the time left proving so.
        guard program.nonzeroCount > settings.proximityAbove,
              let best = progress.best, let step = Self.objectiveStep(of: program), let bound = progress.bound,
              proof(of: progress, in: program, relativeGap: options.relativeGap) == nil,
              (0 ..< program.columnCount).allSatisfy({ program.columnLowerBounds[$0] >= 0 && program.columnUpperBounds[$0] <= 1 })
        else { return }
        var base = lp
        for column in 0 ..< program.columnCount {
            base.setBounds(ofColumn: column, lower: program.columnLowerBounds[column], upper: program.columnUpperBounds[column])
        }
        let search = ProximitySearch(
            solver: solver, logger: logger, program: program, base: base, basis: basis, step: step,
            deadline: deadline, cancellation: options.cancellation, clock: clock,
            target: ((bound + 1e-9 * max(1, abs(bound))) / step).rounded(.down) * step)
        let result = try search.improve(best)
        logger.info("proximity search", metadata: [
            "objective": "\(result.best.objective)", "searches": "\(result.searches)",
            "bound": "\(result.bound.map { "\($0)" } ?? "none")",
        ])
        progress.best = result.best
        if let proven = result.bound, proven < bound {
            progress.bound = max(proven, result.best.objective)
            progress.boundSource = "The bound proven by branch and cut (no plan scores \(Int((proven + step).rounded())) or more)"
        }
        report(progress, options)
    }

    /// Tells `options.progress` the best plan and bound so far, between the phases before branch
    /// and cut (which reports on its own).
    private func report(_ progress: Progress, _ options: SearchOptions) {
        guard let callback = options.progress else { return }
        let incumbent = progress.best?.objective
        callback(SolveProgress(
            incumbent: incumbent, bestBound: progress.bound,
            relativeGap: Solution.relativeGap(objective: incumbent, bound: progress.bound),
            elapsedSeconds: (clock.now - progress.started).seconds, nodes: 0))
    }

    /// What the relaxation's bound proves of the best plan: optimality, the gap asked for, or nothing.
    private func proof(of progress: Progress, in program: LinearProgram, relativeGap: Double) -> TerminationStatus? {
        guard let best = progress.best, let bound = progress.bound else { return nil }
        if let step = Self.objectiveStep(of: program), ObjectiveStep.isWithinOneStep(best.objective, bound, step: step, sense: program.sense) { return .optimal }
        if relativeGap > 0, let gap = Solution.relativeGap(objective: best.objective, bound: bound), gap <= relativeGap {
            return .gapLimit
        }
        return nil
    }

    /// GLPK's branch and cut on the whole program, from the best plan so far; the better plan and
    /// the better bound of the two.
    private func branchAndCut(
        _ program: LinearProgram, options: SearchOptions, deadline: ContinuousClock.Instant?, from progress: Progress
    ) throws -> Solution {
        let solveOptions = SolveOptions(
            timeLimit: deadline.map { max($0 - clock.now, .zero) }, relativeGap: options.relativeGap,
            presolve: false, startingSolution: progress.best?.values, cancellation: options.cancellation,
            objectiveStep: Self.objectiveStep(of: program),
            branching: branching(options.branching, for: program), cuts: options.cuts,
            progress: options.progress.map { callback in
                // Seconds since planning started; never a bound weaker, nor a plan worse, than known.
                let offset = (clock.now - progress.started).seconds
                let known = progress.bound, best = progress.best?.objective
                return { @Sendable report in
                    var report = report
                    report.elapsedSeconds += offset
                    if let known, report.bestBound.map({ $0 > known }) ?? true { report.bestBound = known }
                    if let best, report.incumbent.map({ $0 < best }) ?? true { report.incumbent = best }
                    report.relativeGap = Solution.relativeGap(objective: report.incumbent, bound: report.bestBound)
                    callback(report)
                }
            })
        // The cuts' rows are left out: they are dense, and GLPK's branch and cut was several times
        // slower with them (200 hearings: 14 s against 2.4 s); their bound and reduced costs count.
        let restricted = fixedByReducedCost(program, progress: progress)
        var solution = try solver.solve(restricted, options: solveOptions)
        logger.info("branch and cut", metadata: [
            "status": "\(solution.status)", "seconds": "\(solution.seconds)",
            "start": "\(solution.startingSolution.map { "\($0)" } ?? "none")",
        ])
        if let best = progress.best, best.objective > solution.objectiveValue ?? -.infinity {
            let status: TerminationStatus = switch solution.status {
            case .cancelled: .cancelled(hasSolution: true)
            case .optimal, .gapLimit: solution.status
            default: .timeLimit(hasSolution: true)
            }
            let bound = [solution.bestBound, progress.bound].compactMap { $0 }.min()
            solution = Solution(
                status: status, detail: solution.detail, values: best.values, objectiveValue: best.objective,
                bestBound: bound.map { max($0, best.objective) }, seconds: solution.seconds,
                solverName: solution.solverName, nodes: solution.nodes, startingSolution: solution.startingSolution)
        } else if let bound = progress.bound, let objective = solution.objectiveValue, let known = solution.bestBound,
                  bound < known
        {
            solution.bestBound = max(bound, objective)
            solution.relativeGap = Solution.relativeGap(objective: objective, bound: solution.bestBound)
        }
        return solution
    }

    /// `program` with every column fixed at its better bound whose reduced cost says that moving
    /// it would cost more than the gap between the bound and the best plan: no plan scoring above
    /// the best one moves it, so branch and cut searches the rest only. Branch and cut's bound on
    /// the restricted program is then a bound on the whole one too, as every plan outside it scores
    /// below the best plan. The best plan itself keeps every fixing (its own loss is within the gap).
    /// The gap is measured from the bound the reduced costs prove, not from a lower one proven since.
    private func fixedByReducedCost(_ program: LinearProgram, progress: Progress) -> LinearProgram {
        guard let costs = progress.reducedCosts, costs.count == program.columnCount,
              let bound = progress.reducedCostBound, let best = progress.best else { return program }
        // A margin far above the bound's rounding error.
        let gap = bound - best.objective + 1e-6 * max(1, abs(bound))
        var restricted = program
        var fixed = 0
        for column in 0 ..< program.columnCount {
            let lower = program.columnLowerBounds[column], upper = program.columnUpperBounds[column]
            guard abs(costs[column]) * (upper - lower) > gap else { continue }
            let value = costs[column] > 0 ? upper : lower
            // Never cut off the best plan, whatever the numerics.
            guard abs(best.values[column] - value) <= 1e-6 else { continue }
            restricted.setBounds(ofColumn: column, lower: value, upper: value)
            fixed += 1
        }
        logger.debug("fixed by reduced cost", metadata: ["columns": "\(fixed)", "of": "\(program.columnCount)", "gap": "\(gap)"])
        return restricted
    }

    /// The branching rule branch and cut uses: pseudo-cost branching gives way to the solver's
    /// default above `SearchSettings.pseudoCostAbove` nonzeros, where its start-up cannot pay.
    public func branching(_ rule: BranchingRule, for program: LinearProgram) -> BranchingRule {
        rule == .pseudoCost && program.nonzeroCount > settings.pseudoCostAbove ? .solverDefault : rule
    }

    /// 1 when every column is integer and every objective coefficient a whole number: then every
    /// plan scores a whole number, and a bound below the next one proves a plan optimal.
    public static func objectiveStep(of program: LinearProgram) -> Double? {
        let integral = program.columnKinds.allSatisfy { $0 != .continuous }
            && program.objectiveCoefficients.allSatisfy { $0 == $0.rounded() }
            && program.objectiveConstant == program.objectiveConstant.rounded()
        return integral ? 1 : nil
    }

    /// Whether `values` keeps every bound, row and integrality of `program`.
    public static func isFeasible(_ values: [Double], in program: LinearProgram, tolerance: Double = 1e-6) -> Bool {
        guard values.count == program.columnCount else { return false }
        for column in 0..<program.columnCount {
            let value = values[column]
            if program.columnKinds[column] != .continuous && abs(value - value.rounded()) > tolerance { return false }
            if value < program.columnLowerBounds[column] - tolerance || value > program.columnUpperBounds[column] + tolerance { return false }
        }
        let activities = program.rowActivities(at: values)
        for row in 0..<program.rowCount {
            if activities[row] < program.rowLowerBounds[row] - tolerance || activities[row] > program.rowUpperBounds[row] + tolerance {
                return false
            }
        }
        return true
    }
}
