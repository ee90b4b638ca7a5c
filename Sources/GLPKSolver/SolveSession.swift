import CGLPK
import LinearProgramming
import Logging

/// One solve of one validated program: builds, solves, reads and deletes a GLPK problem on the
/// calling thread, with no suspension point in between. Not shared across threads: GLPK calls
/// its branch-and-cut callback on the same thread.
final class SolveSession {
    /// Without presolve, the simplex method runs in slices of this many milliseconds, with a
    /// cancellation check between them; it resumes from its basis, so little work is lost.
    static let simplexSliceMilliseconds: Int32 = 1000

    private let program: LinearProgram
    private let isMIP: Bool
    private let options: SolveOptions
    private let logger: Logger
    private let output: TerminalOutput
    private let messageLevel: Int32
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let deadline: ContinuousClock.Instant?

    // Written by the branch-and-cut callback.
    private var startingPoint: StartingPoint?
    private var startingOutcome: StartingSolutionOutcome?
    private var relaxationBound: Double?
    private var treeBound: Double?
    private var nodes: Int?
    private var lastReport: ContinuousClock.Instant?
    private var lastReportedIncumbent: Double?
    /// Set when the bound came within one objective step of the incumbent and the search stopped.
    private var isProvenByStep = false
    /// Set when the callback saw the deadline pass: GLPK checks its own time limit only between
    /// nodes, and a root with cut rounds on a large program can run far past it.
    private var isStoppedByDeadline = false
    /// Whether the LP starts from `options.startingBasis`; the optimal basis it ends with.
    private var isWarm = false
    private var relaxationBasis: Basis?

    /// `started` is when the caller asked for the solve: the time limit and the reported
    /// seconds count from there.
    init(program: LinearProgram, options: SolveOptions, logger: Logger, output: TerminalOutput, started: ContinuousClock.Instant) {
        self.program = program
        isMIP = program.hasIntegerColumns
        self.options = options
        self.logger = logger
        self.output = output
        messageLevel = TerminalOutput.messageLevel(for: logger)
        self.started = started
        // Far beyond any real solve, and short of overflowing an instant.
        deadline = options.timeLimit.map { started + min($0, .seconds(3_000_000_000)) }
    }

    func run() -> Solution {
        if isCancelled {
            return finish(.cancelled(hasSolution: false), "The solve was cancelled before it started.", problem: nil)
        }
        let problem = GLPKProblem.make(program)
        defer { glp_delete_prob(problem) }
        output.logging(at: .debug) {
            glp_scale_prob(problem, GLP_SF_AUTO)
            // A starting basis that does not fit is dropped for the usual start.
            isWarm = options.startingBasis.map { GLPKProblem.apply($0, to: problem) } ?? false
            if !isWarm && !options.presolve { glp_adv_basis(problem, 0) }
        }

        switch solveRelaxation(problem) {
        case .finished(let solution):
            return solution
        case .optimal(let objective):
            relaxationBound = objective
            guard isMIP else {
                return finish(.optimal, "The simplex method found an optimal solution.", problem: problem,
                              values: columnValues(problem, glp_get_col_prim), objective: objective)
            }
            return search(problem)
        }
    }

    // MARK: - The LP relaxation

    private enum RelaxationOutcome {
        case optimal(Double)
        case finished(Solution)
    }

    private func solveRelaxation(_ problem: OpaquePointer) -> RelaxationOutcome {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = messageLevel
        // The presolver would start from its own basis rather than the one given.
        var presolve = options.presolve && !isWarm
        while true {
            parameters.presolve = presolve ? GLP_ON : GLP_OFF
            // A presolved run cannot resume where it stopped, so it runs in one piece.
            let sliced = options.cancellation != nil && !presolve
            guard let remaining = remainingMilliseconds() else {
                return .finished(relaxationStopped(problem, by: .timeLimit))
            }
            parameters.tm_lim = sliced ? min(remaining, Self.simplexSliceMilliseconds) : remaining
            let code = GLPKReturnCode(rawValue: glp_simplex(problem, &parameters))
            switch code {
            case .success:
                break
            case .timeLimit:
                if isCancelled { return .finished(relaxationStopped(problem, by: .stopped)) }
                if sliced && remainingMilliseconds() != nil { continue }
                return .finished(relaxationStopped(problem, by: .timeLimit))
            case .noPrimalFeasible:
                return .finished(finish(.infeasible, code.explanation, problem: problem))
            case .noDualFeasible:
                // Dual infeasibility means unbounded or infeasible; the plain simplex method tells which.
                logger.debug("GLPK's LP presolver reported no dual feasible solution; solving again without it")
                presolve = false
                output.logging(at: .debug) { glp_adv_basis(problem, 0) }
                continue
            case _ where isWarm && [.invalidBasis, .singularMatrix, .illConditionedMatrix].contains(code):
                logger.debug("GLPK could not start from the basis given (\(code.name)); starting afresh")
                isWarm = false
                output.logging(at: .debug) { glp_adv_basis(problem, 0) }
                continue
            default:
                return .finished(finish(Self.failureStatus(code), "glp_simplex: \(code.explanation)", problem: problem))
            }
            switch glp_get_status(problem) {
            case GLP_OPT:
                relaxationBasis = GLPKProblem.basis(of: problem)
                return .optimal(glp_get_obj_val(problem))
            case GLP_NOFEAS:
                return .finished(finish(.infeasible, isMIP
                    ? "The LP relaxation has no feasible point, so the program has none."
                    : "The program has no feasible point.", problem: problem))
            case GLP_UNBND where isMIP:
                return .finished(finish(.infeasibleOrUnbounded, "The LP relaxation is unbounded: the program is unbounded if it has an integer-feasible point, and infeasible otherwise.", problem: problem))
            case GLP_UNBND:
                return .finished(finish(.unbounded, "The program is feasible and its objective is unbounded.", problem: problem))
            case let status:
                return .finished(finish(.solverError("GLP_UNDEF"), "glp_simplex returned 0 but left the solution with status \(status).", problem: problem))
            }
        }
    }

    /// The result when a limit or cancellation stops the simplex method. A pure LP stopped in
    /// phase 2 still has a feasible point.
    private func relaxationStopped(_ problem: OpaquePointer, by code: GLPKReturnCode) -> Solution {
        let feasible = !isMIP && glp_get_status(problem) == GLP_FEAS
        let what = code == .stopped ? "The solve was cancelled" : "The time limit ran out"
        let detail = "\(what) while the simplex method solved the \(isMIP ? "LP relaxation" : "LP")"
            + (feasible ? "; the solution is feasible but not proven optimal." : ".")
        let status: TerminationStatus = code == .stopped ? .cancelled(hasSolution: feasible) : .timeLimit(hasSolution: feasible)
        return finish(status, detail, problem: problem,
                      values: feasible ? columnValues(problem, glp_get_col_prim) : [],
                      objective: feasible ? glp_get_obj_val(problem) : nil)
    }

    // MARK: - Branch and cut

    private func search(_ problem: OpaquePointer) -> Solution {
        if let start = options.startingSolution {
            startingPoint = StartingPoint(start, for: program)
            if case .rejected(let reason) = startingPoint {
                startingOutcome = .rejected(reason)
                logger.warning("The starting solution was not used: \(reason)")
            }
        }
        if isCancelled {
            return finish(.cancelled(hasSolution: false), "The solve was cancelled after the LP relaxation was solved.", problem: problem)
        }
        guard let remaining = remainingMilliseconds() else {
            return finish(.timeLimit(hasSolution: false), "The time limit ran out after the LP relaxation was solved.", problem: problem)
        }
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = messageLevel
        parameters.tm_lim = remaining
        parameters.mip_gap = options.relativeGap
        parameters.br_tech = switch options.branching {
        case .solverDefault: GLP_BR_DTH
        case .firstFractional: GLP_BR_FFV
        case .mostFractional: GLP_BR_MFV
        case .pseudoCost: GLP_BR_PCH
        }
        parameters.gmi_cuts = options.cuts.contains(.gomory) ? GLP_ON : GLP_OFF
        parameters.mir_cuts = options.cuts.contains(.mixedIntegerRounding) ? GLP_ON : GLP_OFF
        parameters.cov_cuts = options.cuts.contains(.cover) ? GLP_ON : GLP_OFF
        parameters.clq_cuts = options.cuts.contains(.clique) ? GLP_ON : GLP_OFF
        // The MIP presolver would hand the callback a transformed problem with other columns,
        // which the starting solution and the incumbent polling cannot use.
        parameters.presolve = GLP_OFF
        parameters.cb_func = { tree, info in
            guard let tree, let info else { return }
            Unmanaged<SolveSession>.fromOpaque(info).takeUnretainedValue().observe(tree)
        }
        parameters.cb_info = Unmanaged.passUnretained(self).toOpaque()
        let code = withExtendedLifetime(self) { GLPKReturnCode(rawValue: glp_intopt(problem, &parameters)) }

        let mipStatus = glp_mip_status(problem)
        let hasIncumbent = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
        let (status, detail): (TerminationStatus, String) = switch code {
        case .stopped where isProvenByStep && hasIncumbent:
            (.optimal, "The bound came within one objective step of the integer solution, which proves it optimal.")
        case .success where mipStatus == GLP_OPT:
            (.optimal, "Branch and cut proved the integer solution optimal.")
        case .success where mipStatus == GLP_NOFEAS:
            (.infeasible, "Branch and cut found no integer-feasible point: the program is infeasible.")
        case .success:
            (.solverError("GLP_UNDEF"), "glp_intopt returned 0 but left the integer solution with status \(mipStatus).")
        case .gapReached where hasIncumbent:
            (.gapLimit, code.explanation)
        case .timeLimit:
            (.timeLimit(hasSolution: hasIncumbent), "\(code.explanation) \(hasIncumbent ? "The best integer solution found is returned." : "No integer solution was found.")")
        case .stopped where isStoppedByDeadline:
            (.timeLimit(hasSolution: hasIncumbent), "The time limit ran out during branch and cut. \(hasIncumbent ? "The best integer solution found is returned." : "No integer solution was found.")")
        case .stopped:
            (.cancelled(hasSolution: hasIncumbent), "The search was cancelled (\(code.name)). \(hasIncumbent ? "The best integer solution found is returned." : "No integer solution was found.")")
        case .noPrimalFeasible:
            (.infeasible, code.explanation)
        case .noDualFeasible:
            (.infeasibleOrUnbounded, code.explanation)
        default:
            (Self.failureStatus(code), "glp_intopt: \(code.explanation)")
        }
        let values = status.hasSolution ? columnValues(problem, glp_mip_col_val) : []
        return finish(status, detail, problem: problem, values: values,
                      objective: status.hasSolution ? glp_mip_obj_val(problem) : nil)
    }

    /// The branch-and-cut callback: cancellation, the starting solution, bounds and progress.
    private func observe(_ tree: OpaquePointer) {
        if isCancelled {
            glp_ios_terminate(tree)
            return
        }
        if let deadline, clock.now >= deadline {
            isStoppedByDeadline = true
            glp_ios_terminate(tree)
            return
        }
        if glp_ios_reason(tree) == GLP_IHEUR, startingOutcome == nil, case .usable(let point) = startingPoint {
            let code = point.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
            startingOutcome = code == 0 ? .accepted : .notImproving
        }
        // The active list includes the node being processed, so its best bound is global.
        let best = glp_ios_best_node(tree)
        if best != 0 {
            let bound = glp_ios_node_bound(tree, best)
            // The root's bound is +-DBL_MAX until its LP has been solved.
            if bound.magnitude < .greatestFiniteMagnitude { treeBound = bound }
        }
        var total: Int32 = 0
        glp_ios_tree_size(tree, nil, nil, &total)
        nodes = Int(total)
        let incumbent = Self.incumbent(of: glp_ios_get_prob(tree))
        report(incumbent: incumbent)
        if let step = options.objectiveStep, let incumbent, let bound = bestBound, ObjectiveStep.isWithinOneStep(incumbent, bound, step: step, sense: program.sense) {
            isProvenByStep = true
            glp_ios_terminate(tree)
        }
    }


    private func report(incumbent: Double?) {
        guard let progress = options.progress else { return }
        let now = clock.now
        if let last = lastReport, incumbent == lastReportedIncumbent, now - last < options.progressInterval { return }
        lastReport = now
        lastReportedIncumbent = incumbent
        let bound = bestBound
        progress(SolveProgress(
            incumbent: incumbent, bestBound: bound,
            relativeGap: Solution.relativeGap(objective: incumbent, bound: bound),
            elapsedSeconds: (now - started).seconds, nodes: nodes ?? 0
        ))
    }

    private static func incumbent(of problem: OpaquePointer?) -> Double? {
        guard let problem else { return nil }
        let status = glp_mip_status(problem)
        return status == GLP_FEAS || status == GLP_OPT ? glp_mip_obj_val(problem) : nil
    }

    /// The tighter of the root LP bound and the last bound read from the tree.
    private var bestBound: Double? {
        guard let tree = treeBound else { return relaxationBound }
        guard let root = relaxationBound else { return tree }
        return program.sense == .minimize ? max(root, tree) : min(root, tree)
    }

    // MARK: - Results

    private func finish(
        _ status: TerminationStatus, _ detail: String, problem: OpaquePointer?,
        values: [Double] = [], objective: Double? = nil
    ) -> Solution {
        var bound: Double?
        switch status {
        case .optimal:
            bound = objective
        case .gapLimit, .timeLimit, .cancelled:
            bound = bestBound
            // Tolerances can leave the incumbent a hair beyond the bound; a bound is never worse.
            if let value = bound, let objective {
                bound = program.sense == .minimize ? min(value, objective) : max(value, objective)
            }
        default:
            bound = nil
        }
        var outcome = startingOutcome
        if options.startingSolution != nil && outcome == nil { outcome = .unused }
        let solution = Solution(
            status: status, detail: detail, values: values, objectiveValue: objective, bestBound: bound,
            seconds: (clock.now - started).seconds, solverName: GLPKSolver.name,
            simplexIterations: problem.map { Int(glp_get_it_cnt($0)) },
            nodes: isMIP ? nodes : nil,
            startingSolution: outcome,
            basis: relaxationBasis
        )
        logger.debug("GLPK solve finished", metadata: [
            "status": "\(status)", "objective": "\(objective.map { "\($0)" } ?? "none")",
            "bound": "\(bound.map { "\($0)" } ?? "none")", "seconds": "\(solution.seconds)",
        ])
        return solution
    }

    private func columnValues(_ problem: OpaquePointer, _ value: (OpaquePointer?, Int32) -> Double) -> [Double] {
        (0 ..< program.columnCount).map { value(problem, Int32($0 + 1)) }
    }

    private static func failureStatus(_ code: GLPKReturnCode) -> TerminationStatus {
        switch code {
        case .invalidBounds, .invalidData: .invalidModel
        case .singularMatrix, .illConditionedMatrix, .solverFailure, .instability: .numericalTrouble
        default: .solverError(code.name)
        }
    }

    private var isCancelled: Bool { options.cancellation?.isCancelled ?? false }

    /// Milliseconds left before the deadline, as GLPK wants them (`INT_MAX` means no limit),
    /// or nil when the time is up.
    private func remainingMilliseconds() -> Int32? {
        guard let deadline else { return Int32.max }
        let milliseconds = (deadline - clock.now).seconds * 1000
        guard milliseconds >= 1 else { return nil }
        return Int32(min(milliseconds.rounded(.up), Double(Int32.max - 1)))
    }
}


