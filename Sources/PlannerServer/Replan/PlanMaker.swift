import Foundation
import GLPKSolver
import LinearProgramming
import Logging
import Planning
import PlannerModel

/// Makes a plan for a roster, from a baseline plan when there is one. Blocking: the re-plan
/// service calls it on a thread of its own, never on the cooperative pool.
public struct PlanMaker: Sendable {
    public typealias Make = @Sendable (_ roster: Roster, _ baseline: Plan?, _ now: Date, _ options: PlanningOptions) throws -> Plan

    let make: Make

    public init(_ make: @escaping Make) {
        self.make = make
    }

    /// The project's planner with GLPK: `Planner.plan` for a roster's first plan,
    /// `Planner.replan` from the current plan after changes.
    public static func glpk(logger: Logger) -> PlanMaker {
        PlanMaker { roster, baseline, now, options in
            // This runs on a thread made for this one plan: GLPK's memory of it goes with it.
            defer { GLPKSolver.releaseThreadMemory() }
            let planner = Planner(solver: GLPKSolver(logger: logger), logger: logger)
            if let baseline {
                return try planner.replan(roster, baseline: baseline, now: now, options: options)
            }
            return try planner.plan(roster, options: options)
        }
    }
}
