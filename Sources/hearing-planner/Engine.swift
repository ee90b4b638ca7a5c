import GLPKSolver
import Logging
import Planning
import PlannerServer

/// The executable is where the solver is chosen: GLPK, for every command and for the service,
/// which receives it as a ``PlanningEngine`` and imports no solver itself.
extension Planner {
    static func glpk(logger: Logger) -> Planner {
        Planner(solver: GLPKSolver(logger: logger), logger: logger)
    }
}

extension PlanningEngine {
    /// A GLPK planner for each solve; GLPK's memory of a solve goes with its thread.
    static func glpk(logger: Logger) -> PlanningEngine {
        PlanningEngine(makePlanner: { .glpk(logger: logger) }, threadFinished: { GLPKSolver.releaseThreadMemory() })
    }
}
