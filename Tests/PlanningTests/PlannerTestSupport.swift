import GLPKSolver
import Logging
import Planning
import PlannerModel

/// The planner as the command line builds it, with logs dropped.
func makePlanner() -> Planner {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    return Planner(solver: GLPKSolver(logger: logger), logger: logger)
}
