/// Solves a sequence of LP relaxations that share one shape — the same columns, rows and matrix,
/// differing only in bounds — each from where the last one ended.
///
/// A dive fixes a few columns, solves, fixes more, and sometimes undoes a step: every LP it
/// solves is the previous one with a few bounds moved. Solving each from scratch repeats almost
/// all the work; a session keeps the solver's state (for GLPK, the problem and its optimal basis)
/// and solves the next LP with the dual simplex method from the last basis, which stays dual
/// feasible when only bounds move. Integrality is ignored: every solve is of the relaxation.
///
/// A session is used on the thread that opened it and does not outlive the call to
/// ``MIPSolver/withRelaxationSession(_:)``.
public protocol RelaxationSession: AnyObject {
    /// The optimum of `program`'s relaxation, with the row duals when the method gives them.
    /// `program` must have the shape of the last program the session solved (columns, rows,
    /// matrix), except for its bounds and for rows added at the end (cuts): a cutting-plane loop
    /// solves, appends the cuts the point violates, and solves again from the last basis.
    /// Infeasibility and limits are statuses of the solution, as with ``MIPSolver``.
    func solve(_ program: LinearProgram, options: SolveOptions) throws -> Solution
}

extension MIPSolver {
    /// A session that solves every relaxation from scratch through ``MIPSolver/solve(_:options:)``:
    /// correct for any solver, without the speed of a warm start.
    public func withRelaxationSession<T>(_ body: (any RelaxationSession) throws -> T) throws -> T {
        try body(ColdRelaxationSession(solver: self))
    }
}

/// Solves each relaxation on its own.
final class ColdRelaxationSession: RelaxationSession {
    let solver: any MIPSolver

    init(solver: any MIPSolver) {
        self.solver = solver
    }

    func solve(_ program: LinearProgram, options: SolveOptions) throws -> Solution {
        var relaxed = program
        for column in 0 ..< relaxed.columnCount where relaxed.columnKinds[column] != .continuous {
            relaxed.setKind(.continuous, ofColumn: column)
        }
        return try solver.solve(relaxed, options: options)
    }
}
