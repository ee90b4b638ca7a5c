import LinearProgramming
import Logging

/// Which program the planner builds and how it searches it; the defaults are what it ships with,
/// the rest is kept to test one form against another.
struct ModelForm: Sendable {
    var poolsOfficers = true
    var poolsInterpreters = true
    /// Dive on the LP relaxation for a first plan (and maybe its proof) before branch and cut.
    var dives = true
}

/// The search for the best plan of one program: a greedy plan, then the dive on the LP
/// relaxation, then GLPK's branch and cut from the best plan so far, each only while needed.
///
/// A plan is reported optimal only with a proof: the bound of the relaxation of the whole program
/// (from the dive, or from branch and cut) less than one objective step above it.
struct Search {
    let solver: any MIPSolver
    let logger: Logger
    let form: ModelForm

    /// `decisions` are the columns that say which hearing is held where, dived on first.
    func solve(
        _ program: LinearProgram, decisions: Set<Int>, greedy: [Double], options: PlanningOptions,
        started: ContinuousClock.Instant
    ) throws -> Solution {
        let deadline = options.timeLimit.map { started + $0 }
        let step: Double? = Self.objectiveStep(of: program)
        var best: (values: [Double], objective: Double)?
        if Self.isFeasible(greedy, in: program) { best = (greedy, program.objectiveValue(at: greedy)) }
        var relaxationBound: Double?
        var solverName = ""
        if form.dives && program.hasIntegerColumns {
            let dive = try Dive(
                solver: solver, logger: logger, program: program, decisions: decisions, deadline: deadline,
                cancellation: options.cancellation
            ).run()
            relaxationBound = dive.bound
            solverName = dive.solverName
            logger.info("dive", metadata: [
                "bound": "\(dive.bound.map { "\($0)" } ?? "none")", "objective": "\(dive.objective.map { "\($0)" } ?? "none")",
                "greedy": "\(best.map { "\($0.objective)" } ?? "none")", "linearPrograms": "\(dive.linearPrograms)",
                "seconds": "\(dive.seconds)",
            ])
            if let values = dive.values, let objective = dive.objective, objective > best?.objective ?? -.infinity {
                best = (values, objective)
            }
            if let start = best, let relaxation = dive.relaxation, let bound = relaxationBound, let step,
               !Self.isWithinOneStep(start.objective, bound, step)
            {
                best = try Neighbourhood(
                    solver: solver, logger: logger, program: program, relaxation: relaxation, deadline: deadline,
                    cancellation: options.cancellation
                ).improve(start)
                logger.info("neighbourhood", metadata: ["objective": "\(best!.objective)"])
            }
            if let best, let bound = relaxationBound, options.relativeGap > 0,
               let gap = Solution.relativeGap(objective: best.objective, bound: bound), gap <= options.relativeGap
            {
                return Solution(
                    status: .gapLimit,
                    detail: "The LP relaxation's bound \(bound) is within the relative gap asked for of the plan found by diving.",
                    values: best.values, objectiveValue: best.objective, bestBound: max(bound, best.objective),
                    seconds: (ContinuousClock.now - started).seconds, solverName: solverName)
            }
            if let best, let bound = relaxationBound, let step, Self.isWithinOneStep(best.objective, bound, step) {
                return Solution(
                    status: .optimal,
                    detail: "The LP relaxation's bound \(bound) is less than one step above the plan found by diving, which proves it optimal.",
                    values: best.values, objectiveValue: best.objective, bestBound: best.objective,
                    seconds: (ContinuousClock.now - started).seconds, solverName: solverName)
            }
        }
        let options = SolveOptions(
            timeLimit: deadline.map { max($0 - ContinuousClock.now, .zero) }, relativeGap: options.relativeGap,
            presolve: false, startingSolution: best?.values ?? greedy, cancellation: options.cancellation,
            objectiveStep: step, progress: options.progress)
        var solution = try solver.solve(program, options: options)
        logger.info("branch and cut", metadata: [
            "status": "\(solution.status)", "seconds": "\(solution.seconds)",
            "start": "\(solution.startingSolution.map { "\($0)" } ?? "none")",
        ])
        // Keep the better of the search's plan and the one it started from, and the better bound.
        if let best, best.objective > solution.objectiveValue ?? -.infinity {
            let status: TerminationStatus = switch solution.status {
            case .cancelled: .cancelled(hasSolution: true)
            case .optimal, .gapLimit: solution.status
            default: .timeLimit(hasSolution: true)
            }
            let bound = [solution.bestBound, relaxationBound].compactMap { $0 }.min()
            solution = Solution(
                status: status, detail: solution.detail, values: best.values, objectiveValue: best.objective,
                bestBound: bound.map { max($0, best.objective) }, seconds: solution.seconds,
                solverName: solution.solverName, nodes: solution.nodes, startingSolution: solution.startingSolution)
        } else if let bound = relaxationBound, let objective = solution.objectiveValue, let known = solution.bestBound, bound < known {
            solution.bestBound = max(bound, objective)
            solution.relativeGap = Solution.relativeGap(objective: objective, bound: solution.bestBound)
        }
        return solution
    }

    /// 1 when every column is integer and every objective coefficient a whole number: then every
    /// plan scores a whole number, and a bound below the next one proves a plan optimal.
    static func objectiveStep(of program: LinearProgram) -> Double? {
        let integral = program.columnKinds.allSatisfy { $0 != .continuous }
            && program.objectiveCoefficients.allSatisfy { $0 == $0.rounded() }
            && program.objectiveConstant == program.objectiveConstant.rounded()
        return integral ? 1 : nil
    }

    /// Whether no multiple of `step` lies above `objective` and at or below `bound` (maximising),
    /// with a small tolerance so that 41.9999999 stands for 42.
    static func isWithinOneStep(_ objective: Double, _ bound: Double, _ step: Double) -> Bool {
        let tolerance = 1e-6 * max(1, abs(bound))
        return ((bound + tolerance) / step).rounded(.down) * step <= objective + tolerance
    }

    /// Whether `values` keeps every bound, row and integrality of `program`.
    static func isFeasible(_ values: [Double], in program: LinearProgram, tolerance: Double = 1e-6) -> Bool {
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
