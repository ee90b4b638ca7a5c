import CGLPK
import LinearProgramming
import Logging

extension GLPKSolver {
    /// Runs `body` with a session that keeps one GLPK problem, and its basis, across solves.
    /// The problem is made, solved and deleted on the calling thread, inside this call.
    public func withRelaxationSession<T>(_ body: (any RelaxationSession) throws -> T) throws -> T {
        try TerminalOutput.capture(logger: logger) { output in
            let session = GLPKRelaxationSession(logger: logger, output: output)
            defer { session.close() }
            return try body(session)
        }
    }
}

/// A GLPK problem kept between LP solves: the first solve runs the primal simplex method from an
/// advanced basis; each later one applies the bounds that moved and runs the dual simplex method
/// from the last basis (GLPK falls back to the primal method where the basis is not dual feasible).
final class GLPKRelaxationSession: RelaxationSession {
    private let logger: Logger
    private let output: TerminalOutput
    private let messageLevel: Int32
    private var problem: OpaquePointer?
    /// The program loaded, with the bounds GLPK holds now.
    private var loaded: LinearProgram?
    /// Whether the last `prepare` only loosened column bounds (no row added, nothing tightened).
    private var onlyLoosened = false

    init(logger: Logger, output: TerminalOutput) {
        self.logger = logger
        self.output = output
        messageLevel = TerminalOutput.messageLevel(for: logger)
    }

    /// Deletes the problem; on the thread that made it.
    func close() {
        if let problem { glp_delete_prob(problem) }
        problem = nil
        loaded = nil
    }

    func solve(_ program: LinearProgram, options: SolveOptions) throws -> Solution {
        let clock = ContinuousClock()
        let started = clock.now
        let errors = GLPKProblem.sizeErrors(program) + program.validationErrors()
        if !errors.isEmpty { throw SolveError.invalidModel(errors) }
        if let first = options.validationErrors(for: program).first {
            throw SolveError(code: .invalidOptions, message: first)
        }
        let problem = try prepare(program)

        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = messageLevel
        // From no basis: the primal method, with the presolver if asked (it recovers an optimal
        // basis of the whole problem, which the next solves start from). From a basis: the dual method.
        let isFirst = glp_get_status(problem) == GLP_UNDEF
        var presolve = isFirst && options.presolve
        // Bounds only loosened keep the last point feasible: the primal method goes on from it.
        parameters.meth = isFirst || onlyLoosened ? GLP_PRIMAL : GLP_DUALP
        let deadline = options.timeLimit.map { started + min($0, .seconds(3_000_000_000)) }
        var status = TerminationStatus.optimal
        var detail = "The simplex method found an optimal solution."
        solving: while true {
            if options.cancellation?.isCancelled == true {
                (status, detail) = (.cancelled(hasSolution: false), "The solve was cancelled.")
                break
            }
            var limit = Int32.max
            if let deadline {
                let milliseconds = (deadline - clock.now).seconds * 1000
                guard milliseconds >= 1 else {
                    (status, detail) = (.timeLimit(hasSolution: false), "The time limit ran out while the simplex method solved the LP.")
                    break
                }
                limit = Int32(min(milliseconds.rounded(.up), Double(Int32.max - 1)))
            }
            // With a cancellation token, run in slices and check it between them; a presolved run
            // cannot resume, so it runs in one piece.
            if options.cancellation != nil && !presolve { limit = min(limit, SolveSession.simplexSliceMilliseconds) }
            parameters.tm_lim = limit
            parameters.presolve = presolve ? GLP_ON : GLP_OFF
            let code = GLPKReturnCode(rawValue: glp_simplex(problem, &parameters))
            switch code {
            case .success:
                switch glp_get_status(problem) {
                case GLP_OPT: break solving
                case GLP_NOFEAS:
                    (status, detail) = (.infeasible, "The LP has no feasible point.")
                case GLP_UNBND:
                    (status, detail) = (.unbounded, "The LP is feasible and its objective is unbounded.")
                case let other:
                    (status, detail) = (.solverError("GLP_UNDEF"), "glp_simplex returned 0 but left the solution with status \(other).")
                }
                break solving
            case .timeLimit:
                continue
            case .noPrimalFeasible where presolve:
                (status, detail) = (.infeasible, "The LP has no feasible point.")
                break solving
            case .noDualFeasible where presolve:
                // Unbounded or infeasible: the plain method tells which.
                presolve = false
                output.logging(at: .debug) { glp_adv_basis(problem, 0) }
                continue
            default:
                // Start the next solve afresh rather than from a basis the method could not use.
                output.logging(at: .debug) { glp_adv_basis(problem, 0) }
                (status, detail) = (.numericalTrouble, "glp_simplex: \(code.explanation)")
                break solving
            }
        }
        let isOptimal = status == .optimal
        let objective = isOptimal ? glp_get_obj_val(problem) : nil
        return Solution(
            status: status, detail: detail,
            values: isOptimal ? (0 ..< program.columnCount).map { glp_get_col_prim(problem, Int32($0 + 1)) } : [],
            objectiveValue: objective, bestBound: objective,
            seconds: (clock.now - started).seconds, solverName: GLPKSolver.name,
            simplexIterations: Int(glp_get_it_cnt(problem)),
            rowDuals: isOptimal ? (0 ..< program.rowCount).map { glp_get_row_dual(problem, Int32($0 + 1)) } : [],
            basis: isOptimal ? GLPKProblem.basis(of: problem) : nil)
    }

    /// The GLPK problem holding `program`'s relaxation: made on the first call, afterwards the
    /// loaded one with the bounds that differ set anew.
    private func prepare(_ program: LinearProgram) throws -> OpaquePointer {
        guard let problem, let loaded else {
            var relaxed = program
            for column in 0 ..< relaxed.columnCount where relaxed.columnKinds[column] != .continuous {
                relaxed.setKind(.continuous, ofColumn: column)
            }
            let made = GLPKProblem.make(relaxed)
            output.logging(at: .debug) {
                glp_scale_prob(made, GLP_SF_AUTO)
                glp_adv_basis(made, 0)
            }
            self.problem = made
            self.loaded = relaxed
            return made
        }
        let loadedEntries = loaded.nonzeroCount
        guard program.columnCount == loaded.columnCount, program.rowCount >= loaded.rowCount,
              program.nonzeroCount >= loadedEntries,
              program.entryColumns[..<loadedEntries] == loaded.entryColumns[...],
              program.entryCoefficients[..<loadedEntries] == loaded.entryCoefficients[...],
              program.rowStarts[...loaded.rowCount] == loaded.rowStarts[...],
              program.objectiveCoefficients == loaded.objectiveCoefficients, program.sense == loaded.sense
        else {
            throw SolveError(code: .invalidOptions, message: "A relaxation session solves programs of one shape; this one differs from the first in more than its bounds and rows added at the end.")
        }
        var current = loaded
        onlyLoosened = program.rowCount == loaded.rowCount
        if program.rowCount > loaded.rowCount {
            addRows(loaded.rowCount ..< program.rowCount, of: program, to: problem, loaded: &current)
        }
        for column in 0 ..< program.columnCount {
            let lower = program.columnLowerBounds[column], upper = program.columnUpperBounds[column]
            guard lower != current.columnLowerBounds[column] || upper != current.columnUpperBounds[column] else { continue }
            if lower > current.columnLowerBounds[column] || upper < current.columnUpperBounds[column] { onlyLoosened = false }
            let (type, low, high) = GLPKProblem.boundType(lower: lower, upper: upper)
            glp_set_col_bnds(problem, Int32(column + 1), type, low, high)
            current.setBounds(ofColumn: column, lower: lower, upper: upper)
        }
        for row in 0 ..< program.rowCount {
            let lower = program.rowLowerBounds[row], upper = program.rowUpperBounds[row]
            guard lower != current.rowLowerBounds[row] || upper != current.rowUpperBounds[row] else { continue }
            if lower > current.rowLowerBounds[row] || upper < current.rowUpperBounds[row] { onlyLoosened = false }
            let (type, low, high) = GLPKProblem.boundType(lower: lower, upper: upper)
            glp_set_row_bnds(problem, Int32(row + 1), type, low, high)
            current.setBounds(ofRow: row, lower: lower, upper: upper)
        }
        self.loaded = current
        return problem
    }

    /// Appends `rows` of `program` (cuts, say) to the problem. GLPK makes new rows basic, so the
    /// last basis stays dual feasible and the next solve goes on with the dual simplex method.
    private func addRows(_ rows: Range<Int>, of program: LinearProgram, to problem: OpaquePointer, loaded: inout LinearProgram) {
        let first = glp_add_rows(problem, Int32(rows.count))
        for (offset, row) in rows.enumerated() {
            let i = first + Int32(offset)
            let (type, low, high) = GLPKProblem.boundType(lower: program.rowLowerBounds[row], upper: program.rowUpperBounds[row])
            glp_set_row_bnds(problem, i, type, low, high)
            var columns: [Int32] = [0], values: [Double] = [0]
            for entry in program.entryRange(ofRow: row) where program.entryCoefficients[entry] != 0 {
                columns.append(Int32(program.entryColumns[entry] + 1))
                values.append(program.entryCoefficients[entry])
            }
            glp_set_mat_row(problem, i, Int32(columns.count - 1), columns, values)
            loaded.addRow(
                name: program.rowNames[row], terms: program.terms(ofRow: row),
                lower: program.rowLowerBounds[row], upper: program.rowUpperBounds[row])
        }
    }
}
