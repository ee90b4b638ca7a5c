import Foundation
import LinearProgramming
import Planning
import PlannerModel

/// What the service plans with. The executable chooses the solver and hands the service an
/// engine, so the service imports no solver.
public struct PlanningEngine: Sendable {
    /// A planner for one solve, made on the thread that runs it.
    public var makePlanner: @Sendable () -> Planner
    /// Called as each solving thread ends (GLPK keeps memory per thread, released here).
    public var threadFinished: @Sendable () -> Void

    public init(makePlanner: @escaping @Sendable () -> Planner, threadFinished: @escaping @Sendable () -> Void = {}) {
        self.makePlanner = makePlanner
        self.threadFinished = threadFinished
    }
}

/// Makes a plan for a roster, from a baseline plan when there is one. Blocking: the re-plan
/// service calls it on a thread of its own, never on the cooperative pool.
public struct PlanMaker: Sendable {
    public typealias Make = @Sendable (_ roster: Roster, _ baseline: Plan?, _ now: Date, _ options: PlanningOptions) throws -> Plan

    let make: Make

    public init(_ make: @escaping Make) {
        self.make = make
    }

    /// The engine's planner: `Planner.plan` for a roster's first plan, `Planner.replan` from
    /// the current plan after changes.
    public static func standard(_ engine: PlanningEngine) -> PlanMaker {
        PlanMaker { roster, baseline, now, options in
            let planner = engine.makePlanner()
            if let baseline {
                return try planner.replan(roster, baseline: baseline, now: now, options: options)
            }
            return try planner.plan(roster, options: options)
        }
    }
}
