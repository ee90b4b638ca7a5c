import PlannerModel

/// The fulfilment report (report@1 of formats.md): how often requests for an interpreter or officer
/// of a particular sex were honoured, for whom, why not, and at what price in waiting.
///
/// Built from plans (and, for most breakdowns, their rosters) by ``init(inputs:groupBy:minCell:)``.
/// It holds only what may be shown: a suppressed cell carries no number, so no renderer can leak one.
/// It never holds a hearing id or a person's id.
public struct FulfilmentReport: Sendable, Equatable {
    public static let format = "hearing-planner/report@1"
    public static let defaultMinCell = 5

    /// Groups with fewer preference requests than this show no numbers.
    public var minCell: Int
    public var scope: Scope
    /// Requests, met and rate over everything, per role and for both together.
    public var overall: Fulfilment
    /// The same figures broken down, one entry per group of each grouping asked for.
    public var groups: [Group]
    /// Working days waited, for held hearings whose preference was met, unmet, or not asked.
    public var waiting: Waiting
    /// Unmet preferences by reason code, per role and for both.
    public var unmetByReason: UnmetByReason
    /// Hearings not held, by reason code.
    public var unheld: Unheld
    /// Held hearings heard without a preference because their deadline had come; needs the roster.
    public var deadlineForced: Disclosed<DeadlineForced>?
    /// Per language, the requests for a female or male interpreter against the interpreters'
    /// available day parts; needs the roster.
    public var interpreterSupply: [LanguageSupply]?
    /// How evenly the hearings were spread over interpreters and officers.
    public var workload: Workload
    /// One entry per plan, in date order: the trend when several weeks are given.
    public var periods: [Period]
}

extension FulfilmentReport {
    /// What the report covers.
    public struct Scope: Sendable, Equatable, Codable {
        public var plans: Int
        /// Whether rosters were given (without them the roster-only figures are absent).
        public var withRoster: Bool
        /// The first and last date covered: the horizons, or the held hearings' dates without a roster.
        public var start: Day?
        public var end: Day?
        public var heldHearings: Int
        public var unheldHearings: Int
        /// How many plans had each status (`optimal`, `feasible`, ...).
        public var planStatus: [String: Int]
        public var groupBy: [ReportDimension]
    }

    /// Requests, met, rate and its 95 % Wilson interval; or suppressed, with no number at all.
    public enum Cell: Sendable, Equatable {
        case shown(requested: Int, met: Int, rate: Double, ci95: ClosedRange<Double>)
        case suppressed

        public var isSuppressed: Bool { self == .suppressed }
    }

    public struct Fulfilment: Sendable, Equatable, Encodable {
        public var interpreter: Cell
        public var officer: Cell
        public var both: Cell
    }

    /// One group of a grouping. For `role` groups only that role's cell is present.
    public struct Group: Sendable, Equatable {
        public var by: ReportDimension
        public var key: String
        /// A readable name where the key is a code (a location's name).
        public var label: String?
        public var interpreter: Cell?
        public var officer: Cell?
        public var both: Cell?
    }

    /// Waiting (`waitDays` of the plan: working days from `earliest` to the hearing's date).
    public struct WaitStats: Sendable, Equatable, Codable {
        public var hearings: Int
        public var medianWaitDays: Double
        public var p90WaitDays: Int
    }

    /// A held hearing counts as `met` when it asked for at least one preference and got every one,
    /// `unmet` when at least one it asked for was not met, and `none` when it asked for none.
    public struct Waiting: Sendable, Equatable, Encodable {
        public var met: Disclosed<WaitStats>
        public var unmet: Disclosed<WaitStats>
        public var none: Disclosed<WaitStats>
    }

    /// Unmet preferences of one role (or both) and how many carry each reason code.
    public struct ReasonBreakdown: Sendable, Equatable, Codable {
        public var unmet: Int
        public var byReason: [String: Int]
    }

    public struct UnmetByReason: Sendable, Equatable, Encodable {
        public var interpreter: Disclosed<ReasonBreakdown>
        public var officer: Disclosed<ReasonBreakdown>
        public var both: Disclosed<ReasonBreakdown>
    }

    /// Hearings not held. Over several plans a hearing counts once for every plan that left it unheld.
    public struct Unheld: Sendable, Equatable, Codable {
        public var hearings: Int
        /// Of those, how many had their deadline inside the horizon.
        public var deadlineInHorizon: Int
        public var byReason: [String: Int]
    }

    /// A held hearing is *deadline-forced* when its deadline (`latest`) is on or before the end of the
    /// horizon it was held in (overdue hearings included) and at least one preference it asked for
    /// was not met: the score's deadline bonus made it be heard now rather than wait for a person of
    /// the requested sex.
    public struct DeadlineForced: Sendable, Equatable, Codable {
        public var hearings: Int
        /// Held hearings with at least one unmet preference, for comparison.
        public var heldWithUnmetPreference: Int
    }

    /// Requests for an interpreter of one sex in one language (held or not), or suppressed.
    public struct Demand: Sendable, Equatable, Codable {
        public var requests: Int
        /// Day parts of hearing time those requests take (a two-part hearing counts twice).
        public var dayParts: Int
    }

    public struct Supply: Sendable, Equatable, Codable {
        /// Interpreters of that sex who speak the language and are available at least once.
        public var interpreters: Int
        /// Their available day parts in the horizons (each person's day part once).
        public var dayParts: Int
    }

    public struct SexSupply: Sendable, Equatable, Encodable {
        public var demand: Disclosed<Demand>
        public var supply: Supply
    }

    public struct LanguageSupply: Sendable, Equatable, Encodable {
        public var language: String
        public var female: SexSupply
        public var male: SexSupply
    }

    /// Hearings per person for one role.
    public struct Spread: Sendable, Equatable, Codable {
        /// People counted: with a roster, everyone available at least once (so those given no
        /// hearing count as 0); without one, everyone who appears in a plan.
        public var people: Int
        public var hearings: Int
        public var min: Int?
        public var median: Double?
        public var max: Int?
        public var gini: Double?
        /// `peopleByHearings[k]` people had `k` hearings.
        public var peopleByHearings: [Int]
    }

    public struct Workload: Sendable, Equatable, Codable {
        public var interpreter: Spread
        public var officer: Spread
    }

    /// One plan of several, for the trend.
    public struct Period: Sendable, Equatable, Encodable {
        /// The ISO week(s) it covers, such as `2026-W50` or `2026-W50..W51`.
        public var label: String
        public var start: Day?
        public var end: Day?
        public var heldHearings: Int
        public var unheldHearings: Int
        public var interpreter: Cell
        public var officer: Cell
        public var both: Cell
    }
}

/// A figure that is shown, or suppressed with no number at all (`{"suppressed": true}` in JSON).
public enum Disclosed<Value: Sendable & Equatable>: Sendable, Equatable {
    case shown(Value)
    case suppressed

    public var value: Value? {
        if case .shown(let value) = self { return value }
        return nil
    }
}
