import CGLPK
import LinearProgramming
import Logging

/// Solves ``LinearProgram``s with GLPK: the simplex method, then branch and cut for programs
/// with integer columns.
///
/// GLPK aborts the process on invalid input, so every program and option is validated before
/// any GLPK call, and an invalid one is thrown back as a ``SolveError``. Each solve creates,
/// solves, reads and deletes its GLPK problem on one thread: the synchronous `solve` on the
/// calling thread, the `async` one on a new thread of its own. GLPK's terminal output goes to
/// ``logger``: progress lines at debug level, errors and warnings otherwise.
///
/// Bounds and gaps: ``Solution/bestBound`` is the tighter of the root LP optimum and the best
/// active node's bound last seen by the branch-and-cut callback, and ``Solution/relativeGap``
/// is `|bound - objective| / max(1, |objective|)`. GLPK stops at ``SolveOptions/relativeGap``
/// by its own measure, `|bound - objective| / (|objective| + DBL_EPSILON)`, which is never
/// smaller when `|objective| >= 1`.
public struct GLPKSolver: MIPSolver {
    public var logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    /// GLPK's version, such as "5.0".
    public static let version = String(cString: glp_version())

    /// "GLPK" and the version, as reported in ``Solution/solverName``.
    public static let name = "GLPK \(version)"
    public var solverName: String { Self.name }


    /// Solves `program` on the calling thread.
    public func solve(_ program: LinearProgram, options: SolveOptions = SolveOptions()) throws -> Solution {
        let started = ContinuousClock.now
        try validate(program)
        let problems = options.validationErrors(for: program)
        if let first = problems.first {
            throw SolveError(code: .invalidOptions, message: first)
        }
        return TerminalOutput.capture(logger: logger) { output in
            SolveSession(program: program, options: options, logger: logger, output: output, started: started).run()
        }
    }

    /// Solves `program` on a new thread, which frees GLPK's per-thread memory when done.
    /// Cancelling the calling task cancels the solve (status ``TerminationStatus/cancelled(hasSolution:)``).
    public func solve(_ program: LinearProgram, options: SolveOptions = SolveOptions()) async throws -> Solution {
        try await SolverThread.run(name: "GLPK solve", options: options) { options in
            // Safe here: this thread made no other GLPK object, and the solve deleted its own.
            defer { glp_free_env() }
            return try self.solve(program, options: options)
        }
    }

    /// Writes `program` to `path` in `format`, through GLPK's own writers.
    ///
    /// What the files keep, as GLPK 5 writes and reads them:
    /// - Free rows (no bounds) constrain nothing and are left out: GLPK's LP writer drops them,
    ///   and its MPS writer would write the first one in place of the objective.
    /// - CPLEX LP keeps the objective constant only as a comment, so readers lose it; a ranged
    ///   row is written as an equality with an extra bounded column named `~r_<row>`.
    /// - Free MPS has no objective sense: readers take it as minimize. The constant is the
    ///   objective row's right-hand side, which GLPK reads as `+constant` and some solvers as
    ///   `-constant`.
    /// - Names that are empty or not ``LinearProgram/isPortableName(_:)`` may be replaced by
    ///   names GLPK makes up (`r_7`, `x_12`, `R0000007`, `C0000012`).
    ///
    /// Throws ``SolveError/Code/fileError`` when the file cannot be written, or when the format
    /// cannot hold the program: an LP file needs at least one row and one column (GLPK writes an
    /// unreadable file otherwise), and GLPK's MPS writer aborts the process on a program without
    /// rows that has a column with objective coefficient 0, so that is refused here.
    public func export(_ program: LinearProgram, format: ModelFileFormat, to path: String) throws {
        try validate(program)
        let boundedRows = (0 ..< program.rowCount).count { program.rowLowerBounds[$0].isFinite || program.rowUpperBounds[$0].isFinite }
        switch format {
        case .cplexLP where boundedRows == 0 || program.columnCount == 0:
            throw SolveError(code: .fileError, message: "GLPK cannot write a CPLEX LP file for a program without bounded rows or without columns; the file would not read back.")
        case .mps where boundedRows == 0 && program.objectiveCoefficients.contains(0):
            throw SolveError(code: .fileError, message: "GLPK cannot write an MPS file for a program without bounded rows in which a column has objective coefficient 0.")
        default:
            break
        }
        let replaced = program.columnNames.count { !LinearProgram.isPortableName($0) }
            + program.rowNames.count { !LinearProgram.isPortableName($0) }
        if replaced > 0 {
            logger.debug("\(replaced) names are empty or not portable; the writer may replace them", metadata: ["path": "\(path)"])
        }
        // The file routines print regardless of message levels: progress lines, errors alike.
        try TerminalOutput.capture(logger: logger, level: .debug) { output in
            let problem = GLPKProblem.make(program, omittingFreeRows: true)
            defer { glp_delete_prob(problem) }
            let code = switch format {
            case .cplexLP: glp_write_lp(problem, nil, path)
            case .mps: glp_write_mps(problem, GLP_MPS_FILE, nil, path)
            }
            if code != 0 {
                throw SolveError(code: .fileError, message: "GLPK could not write \(path)" + Self.reason(output))
            }
        }
    }

    /// Reads a program that `export` (or another tool) wrote. Names are as in the file.
    public func readProgram(from path: String, format: ModelFileFormat) throws -> LinearProgram {
        try TerminalOutput.capture(logger: logger, level: .debug) { output in
            guard let problem = glp_create_prob() else {
                throw SolveError(code: .internalFailure, message: "GLPK could not create a problem.")
            }
            defer { glp_delete_prob(problem) }
            let code = switch format {
            case .cplexLP: glp_read_lp(problem, nil, path)
            case .mps: glp_read_mps(problem, GLP_MPS_FILE, nil, path)
            }
            if code != 0 {
                throw SolveError(code: .fileError, message: "GLPK could not read \(path)" + Self.reason(output))
            }
            return GLPKProblem.program(of: problem)
        }
    }

    private func validate(_ program: LinearProgram) throws {
        let errors = GLPKProblem.sizeErrors(program) + program.validationErrors()
        if !errors.isEmpty {
            logger.debug("Program rejected before reaching GLPK", metadata: ["problems": "\(errors.count)", "first": "\(errors[0].message)"])
            throw SolveError.invalidModel(errors)
        }
    }

    private static func reason(_ output: TerminalOutput) -> String {
        output.lastLine.map { ": \($0)" } ?? "."
    }
}
