import Foundation

/// A mixed-integer programming solver.
///
/// An infeasible, unbounded, cancelled or time-limited solve returns a ``Solution`` whose
/// ``Solution/status`` says so; `solve` throws a ``SolveError`` only for an invalid program,
/// invalid options or an internal failure.
public protocol MIPSolver: Sendable {
    /// Solves `program` on the calling thread, blocking it until the solve ends.
    func solve(_ program: LinearProgram, options: SolveOptions) throws -> Solution

    /// Solves `program` on a thread of its own, so no thread of Swift's cooperative pool is
    /// blocked. Cancelling the calling task cancels the solve, which then returns a solution
    /// with status ``TerminationStatus/cancelled(hasSolution:)`` rather than throwing.
    func solve(_ program: LinearProgram, options: SolveOptions) async throws -> Solution

    /// Runs `body` with a ``RelaxationSession`` that solves a sequence of relaxations of one
    /// shape, each warm-started from the last, on the calling thread.
    func withRelaxationSession<T>(_ body: (any RelaxationSession) throws -> T) throws -> T

    /// The solver's name and version as its solutions report them (``Solution/solverName``), for
    /// a plan that comes from no solve of its own (a rounded relaxation improved by local search).
    var solverName: String { get }
}

extension MIPSolver {
    public var solverName: String { "" }
    public func solve(_ program: LinearProgram, options: SolveOptions) async throws -> Solution {
        try await SolverThread.run(options: options) { options in
            try self.solve(program, options: options)
        }
    }
}

/// Runs blocking solver work on a dedicated thread and awaits it.
public enum SolverThread {
    /// Stack size of solver threads: generous, since C solvers may recurse deeply.
    public static let stackSize = 16 << 20

    /// Runs `body` on a new thread and returns its result.
    ///
    /// `body` receives `options` with a ``CancellationToken`` (the caller's, or a new one) that
    /// is cancelled when the awaiting task is.
    public static func run<T: Sendable>(
        name: String = "solver",
        options: SolveOptions,
        _ body: @escaping @Sendable (SolveOptions) throws -> T
    ) async throws -> T {
        var options = options
        let token = options.cancellation ?? CancellationToken()
        options.cancellation = token
        let prepared = options
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let thread = Thread {
                    continuation.resume(with: Result { try body(prepared) })
                }
                thread.name = name
                thread.stackSize = stackSize
                thread.start()
            }
        } onCancel: {
            token.cancel()
        }
    }
}
