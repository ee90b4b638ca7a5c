import PlannerModel

/// The answer to "what are my options for this hearing?" (`hearing-planner options`, and the
/// daemon's `GET /v1/hearings/{id}/options`): the distinct ways it could be held in the horizon
/// with everybody else where the plan has them, best first, what each would make move, the
/// earliest slot at which each requested preference could be met, and a recommendation.
///
/// Encodes to JSON as `hearing-planner/options@1`; see docs/whatif.md for every field.
public struct HearingOptions: Sendable, Equatable, Codable {
    public static let format = "hearing-planner/options@1"

    /// Where and with whom a hearing is held.
    public typealias Spot = HearingSpot

    /// Another hearing that must move (or be left unheld) for an option.
    public struct Move: Sendable, Equatable, Codable {
        public var hearing: String
        public var from: Spot
        /// Nil when the hearing is left unheld.
        public var to: Spot?
        /// Its score after the move minus its score before (negative: a loss).
        public var scoreChange: Double
    }

    /// One way of holding the hearing: the best of its kind (see `Way`).
    public struct Option: Sendable, Equatable, Codable {
        public var spot: Spot
        public var slots: [SlotName]
        public var interpreterPreference: PreferenceState
        public var officerPreference: PreferenceState
        /// The hearing's own score held this way (scheduling-model.md).
        public var score: Double
        public var delayDays: Int
        public var waitDays: Int
        /// What else moves; empty when the option fits the plan as it stands.
        public var moves: [Move]
        /// The score the other hearings lose by the moves (0 without moves; negative if they gain).
        public var loss: Double
        /// `score - loss`: what the plan's total would be worth with the hearing held this way,
        /// against the same plan without the hearing. Options are ranked by it.
        public var value: Double
        /// How the plan's total score would change: `value` minus the hearing's current score (or 0).
        public var objectiveChange: Double
        /// The plan holds the hearing exactly so (same start and people).
        public var isCurrent: Bool
        /// False only when a search stopped at one of its limits, so that a better placement of this
        /// way, or cheaper moves, may exist (see docs/whatif.md).
        public var isExact: Bool
    }

    /// When a requested preference could be met.
    public struct PreferenceOutlook: Sendable, Equatable, Codable {
        public var role: Role
        public var requested: GenderPreference
        /// The earliest start of any option that meets it, moves allowed; nil when none does.
        public var earliest: SlotName?
        /// The earliest start of an option that meets it without moving anybody else.
        public var earliestWithoutMoves: SlotName?
        /// The best value of an option that meets it.
        public var bestValue: Double?
        /// Why it cannot be met in this horizon (evidence codes of scheduling-model.md), when it cannot.
        public var reason: Reason?
    }

    public var format = HearingOptions.format
    public var hearing: String
    /// The plan's placement of the hearing, if it holds it.
    public var current: Spot?
    public var currentScore: Double?
    /// How many distinct ways exist; `options` lists all of them with `all`, else the best ones.
    public var waysFound: Int
    public var listing: Listing
    public var options: [Option]
    /// The position in `options` of the recommended one; nil when the advice is not to hold it now.
    public var recommended: Int?
    public var recommendation: String
    public var preferences: [PreferenceOutlook]
    /// Why the hearing cannot be held in this horizon at all, when no option exists.
    public var reason: Reason?

    public enum Listing: String, Sendable, Equatable, Codable {
        /// Only the options no other option beats on value, start and preferences together, plus the current one.
        case best
        case all
    }
}

/// How much of the answer to compute and show.
public struct OptionsSettings: Sendable {
    /// List every distinct way rather than the best ones.
    public var listsAll: Bool
    /// Nodes the search for one placement's moves may visit before it settles for the best found.
    public var nodeLimit: Int
    /// Placements with moves tried per way (the most promising first) before settling.
    public var repairLimit: Int
    /// Rosters with at most this many hearings are searched without the two limits, but for
    /// `smallRosterNodeLimit` nodes per placement's repair.
    public var exhaustiveUpTo: Int
    /// A bound on one repair's search even on small rosters: a hearing whose blockers each have
    /// many equally good places could otherwise take minutes (one on the sample week took 65 s).
    public var smallRosterNodeLimit: Int

    /// The defaults prove every option on rosters of up to 500 hearings and search a 2,500-hearing
    /// week in well under a second; an option computed within the limits but not proven best says
    /// `isExact: false` (docs/whatif.md says exactly what is bounded).
    public init(
        listsAll: Bool = false, nodeLimit: Int = 300, repairLimit: Int = 3, exhaustiveUpTo: Int = 500,
        smallRosterNodeLimit: Int = 50_000
    ) {
        self.smallRosterNodeLimit = smallRosterNodeLimit
        self.listsAll = listsAll
        self.nodeLimit = nodeLimit
        self.repairLimit = repairLimit
        self.exhaustiveUpTo = exhaustiveUpTo
    }

    /// No limits that matter: every option is proven (slower on large weeks).
    public static func exhaustive(listsAll: Bool = false) -> OptionsSettings {
        OptionsSettings(
            listsAll: listsAll, nodeLimit: 10_000_000, repairLimit: .max, exhaustiveUpTo: .max, smallRosterNodeLimit: 10_000_000)
    }
}

/// A question the what-if tools cannot answer, with a sentence a planner can act on.
public struct WhatIfError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable {
        let name: String
        public static let unknownHearing = Code(name: "unknownHearing")
        public static let planFromOtherRoster = Code(name: "planFromOtherRoster")
        public static let planDoesNotFit = Code(name: "planDoesNotFit")
        public static let noPlan = Code(name: "noPlan")
        public static let invalidPenalties = Code(name: "invalidPenalties")
    }

    public let code: Code
    public let description: String

    public init(code: Code, description: String) {
        self.code = code
        self.description = description
    }
}
