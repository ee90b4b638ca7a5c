import Foundation
import PlannerModel

/// What a preference policy costs in waiting: the figures of one roster planned once per
/// preference penalty (`hearing-planner tradeoff`). Counts and rates only, never a hearing id.
///
/// JSON (`hearing-planner/tradeoff@1`), CSV (one row per penalty) and HTML (the curve of
/// fulfilment against waiting, with the current policy marked). See docs/whatif.md.
public struct TradeoffReport: Sendable, Equatable, Encodable {
    public static let format = "hearing-planner/tradeoff@1"

    /// One planned point, as the sweep hands it over.
    public struct Input: Sendable {
        public var standardPenalty: Double
        public var highPenalty: Double
        public var isCurrentPolicy: Bool
        public var isWarmStarted: Bool
        public var plan: Plan

        public init(standardPenalty: Double, highPenalty: Double, isCurrentPolicy: Bool, isWarmStarted: Bool, plan: Plan) {
            self.standardPenalty = standardPenalty
            self.highPenalty = highPenalty
            self.isCurrentPolicy = isCurrentPolicy
            self.isWarmStarted = isWarmStarted
            self.plan = plan
        }
    }

    /// Requested and met preferences of held hearings for one role (or both).
    public struct Fulfilment: Sendable, Equatable, Encodable {
        public var requested: Int
        public var met: Int
        /// `met / requested`; nil when nothing was requested.
        public var rate: Double?
    }

    /// The figures of one point.
    public struct Run: Sendable, Equatable, Encodable {
        public var standardPenalty: Double
        public var highPenalty: Double
        public var isCurrentPolicy: Bool
        public var status: String
        public var objective: Double
        public var gap: Double?
        public var seconds: Double
        public var isWarmStarted: Bool
        public var held: Int
        public var notHeld: Int
        /// Not held with reason `deferred`: waiting for a later horizon scored higher.
        public var deferred: Int
        public var interpreter: Fulfilment
        public var officer: Fulfilment
        public var both: Fulfilment
        /// waitDays of the held hearings (working days from `earliest` to the hearing).
        public var medianWaitDays: Double?
        public var p90WaitDays: Int?
        /// Unmet preferences of held hearings, a high-priority one counting `highPenalty /
        /// standardPenalty` times (the roster's ratio): what the penalty multiplies in the score.
        public var weightedUnmet: Double
    }

    public var format = TradeoffReport.format
    public var hearings: Int
    public var start: Day
    public var end: Day
    /// Ascending penalty.
    public var runs: [Run]

    /// `ratio` is the high-priority penalty over the standard one, the weight of a high-priority
    /// preference in `weightedUnmet`.
    public init(roster: Roster, points: [Input], ratio: Double) {
        hearings = roster.hearings.count
        start = roster.horizon.start
        end = roster.horizon.end
        let priority = Dictionary(roster.hearings.map { ($0.id, $0.priority) }, uniquingKeysWith: { a, _ in a })
        runs = points.sorted { $0.standardPenalty < $1.standardPenalty }.map { point in
            let plan = point.plan
            func fulfilment(_ states: [PreferenceState]) -> Fulfilment {
                let requested = states.filter { $0 != .none }.count
                let met = states.filter { $0 == .met }.count
                return Fulfilment(requested: requested, met: met, rate: requested > 0 ? Double(met) / Double(requested) : nil)
            }
            let interpreter = plan.assignments.map(\.interpreterPreference)
            let officer = plan.assignments.map(\.officerPreference)
            let waits = plan.assignments.map(\.waitDays)
            var weighted = 0.0
            for a in plan.assignments {
                let unmet = [a.interpreterPreference, a.officerPreference].filter { $0 == .unmet }.count
                weighted += Double(unmet) * (priority[a.hearing] == .high ? ratio : 1)
            }
            return Run(
                standardPenalty: point.standardPenalty, highPenalty: point.highPenalty, isCurrentPolicy: point.isCurrentPolicy,
                status: plan.status.rawValue, objective: plan.objective, gap: plan.gap, seconds: plan.solver.seconds,
                isWarmStarted: point.isWarmStarted, held: plan.assignments.count, notHeld: plan.unscheduled.count,
                deferred: plan.unscheduled.filter { $0.reason.code == .deferred }.count,
                interpreter: fulfilment(interpreter), officer: fulfilment(officer), both: fulfilment(interpreter + officer),
                medianWaitDays: Statistics.median(waits), p90WaitDays: Statistics.percentile(90, of: waits),
                weightedUnmet: weighted)
        }
    }

    public func json() throws -> [UInt8] { try JSONOutput.encode(self) }

    /// One row per penalty, the same numbers as the JSON; rates rounded to 3 decimals.
    public func csv() -> String {
        let header = [
            "standardPenalty", "highPenalty", "currentPolicy", "status", "gap", "seconds", "held", "notHeld", "deferred",
            "interpreterRequested", "interpreterMet", "interpreterRate", "officerRequested", "officerMet", "officerRate",
            "bothRequested", "bothMet", "bothRate", "medianWaitDays", "p90WaitDays", "weightedUnmet", "objective",
        ]
        func number(_ value: Double?) -> String { value.map { ReportNumber.text(ReportNumber.fraction($0)) } ?? "" }
        var lines = [header.joined(separator: ",")]
        for run in runs {
            let cells: [String] = [
                number(run.standardPenalty), number(run.highPenalty), run.isCurrentPolicy ? "true" : "false", run.status,
                number(run.gap), String(format: "%.2f", run.seconds), "\(run.held)", "\(run.notHeld)", "\(run.deferred)",
                "\(run.interpreter.requested)", "\(run.interpreter.met)", number(run.interpreter.rate),
                "\(run.officer.requested)", "\(run.officer.met)", number(run.officer.rate),
                "\(run.both.requested)", "\(run.both.met)", number(run.both.rate),
                number(run.medianWaitDays), run.p90WaitDays.map(String.init) ?? "", number(run.weightedUnmet), number(run.objective),
            ]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
