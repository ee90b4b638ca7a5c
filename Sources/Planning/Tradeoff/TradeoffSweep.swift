import Foundation
import LinearProgramming
import MIPSearch
import PlannerModel

/// The policy trade-off: the same roster planned once per preference penalty, both priorities'
/// penalties scaled together and every other weight as the roster's policy gives it, so that a
/// manager sees what honouring more preferences costs in waiting (`hearing-planner tradeoff`, the
/// daemon's `POST /v1/tradeoff`).
///
/// Each point starts from the previous point's plan: any plan of the roster keeps every hard rule
/// whatever the weights, so it is a valid first incumbent for the next search (a warm start).
public struct TradeoffSweep: Sendable {
    /// The spec's penalties for a standard-priority preference, in working days of waiting.
    public static let defaultPenalties: [Double] = [0, 10, 20, 40, 60, 120]

    /// One point of the sweep: the penalties it was planned with, and its plan.
    public struct Point: Sendable {
        public var standardPenalty: Double
        public var highPenalty: Double
        /// The roster's own policy has these penalties.
        public var isCurrentPolicy: Bool
        public var plan: Plan
        /// The previous point's plan scored better than the greedy start and was used.
        public var isWarmStarted: Bool
    }

    /// Standard-priority penalties, in the order given (duplicates dropped); the roster's own is
    /// added when it is missing, so that the current policy is always on the curve.
    public var penalties: [Double]

    public init(penalties: [Double] = TradeoffSweep.defaultPenalties) {
        self.penalties = penalties
    }

    /// The high-priority penalty that goes with a standard one: the roster's ratio of the two
    /// (3, the spec's 60 to 20, when its standard penalty is 0).
    public static func highPenalty(for standard: Double, policy: Policy) -> Double {
        let ratio = policy.preferencePenalty.standard > 0
            ? policy.preferencePenalty.high / policy.preferencePenalty.standard : 3
        return standard * ratio
    }

    /// The penalties that will be planned, ascending: neighbouring points have the closest plans,
    /// which makes each the best start for the next.
    public func points(for policy: Policy) throws(WhatIfError) -> [Double] {
        guard !penalties.isEmpty, penalties.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw WhatIfError(code: .invalidPenalties, description: "Preference penalties must be numbers of 0 or more, at least one.")
        }
        return Array(Set(penalties + [policy.preferencePenalty.standard])).sorted()
    }

    /// Plans `roster` at every point. `timeLimit` is for the whole sweep, shared out evenly over
    /// the points still to plan; `options` (gap, cancellation) applies to each. `progress` is told
    /// each point as it is done.
    public func run(
        _ roster: Roster, planner: Planner, timeLimit: Duration?, options: PlanningOptions = PlanningOptions(),
        progress: (@Sendable (Point) -> Void)? = nil
    ) throws -> [Point] {
        let clock = planner.clock
        let deadline = timeLimit.map { clock.now + $0 }
        let values = try points(for: roster.policy)
        var result: [Point] = []
        var previous: Plan?
        for (k, standard) in values.enumerated() {
            var pointOptions = options
            if let deadline {
                pointOptions.timeLimit = Self.share(of: deadline - clock.now, pointsLeft: values.count - k)
            }
            let done = try plan(roster, at: standard, planner: planner, options: pointOptions, after: previous)
            progress?(done)
            result.append(done)
            if done.plan.status == .optimal || done.plan.status == .feasible { previous = done.plan }
        }
        return result
    }

    /// The time limit of the next point when `left` is left for `pointsLeft` points: an even share,
    /// but at least 0.1 s so that every point gets a plan.
    public static func share(of left: Duration, pointsLeft: Int) -> Duration {
        max(max(left, .zero) / max(pointsLeft, 1), .milliseconds(100))
    }

    /// Plans one point of the sweep: `roster` with the standard-priority penalty `standard` (and
    /// the high one scaled with it), starting from `previous` (the plan of the point before) when
    /// it scores better than the greedy start. `run` calls this for each point in turn; the daemon
    /// calls it itself, so that re-planning can take the solver between two points.
    public func plan(
        _ roster: Roster, at standard: Double, planner: Planner, options: PlanningOptions, after previous: Plan?
    ) throws -> Point {
        var point = roster
        point.policy.preferencePenalty = .init(standard: standard, high: Self.highPenalty(for: standard, policy: roster.policy))
        let (plan, warm) = try planner.plan(point, options: options, startingFrom: previous)
        return Point(
            standardPenalty: standard, highPenalty: point.policy.preferencePenalty.high,
            isCurrentPolicy: point.policy.preferencePenalty == roster.policy.preferencePenalty, plan: plan,
            isWarmStarted: warm)
    }
}
