/// The planner's output, plan@1 of formats.md.
public struct Plan: Sendable, Equatable, Codable {
    public static let format = "hearing-planner/plan@1"

    public enum Status: String, Sendable, Codable, Equatable {
        /// Proven best for the score.
        case optimal
        /// A valid plan, with `bound` and `gap` saying how far from the best it may be.
        case feasible
        /// Fixed hearings conflict; nothing else makes a roster infeasible.
        case infeasible
        /// No plan was found within the time limit.
        case timeLimit
        case error
    }

    public var format: String = Plan.format
    /// A version number, given by the service to every plan it makes; absent from the command line.
    public var version: Int?
    public var rosterDigest: String
    public var status: Status
    public var objective: Double
    public var bound: Double?
    public var gap: Double?
    public var solver: SolverInfo
    public var assignments: [Assignment]
    public var unmetPreferences: [UnmetPreference]
    public var unscheduled: [Unscheduled]
    public var changes: [PlanChange]
    /// Re-planning: for each interpreter and officer whose work changed, the hearings they gained,
    /// lost or that moved, so that exactly those people can be told (the per-person side of
    /// `changes`); absent from a first plan.
    public var changesByPerson: [PlanDiff.PersonChanges]?
    /// Re-planning: *now* as the re-plan took it (ISO 8601), which decides the frozen hearings;
    /// `verify` needs it to check the freeze. Absent from a first plan.
    public var replannedAt: String?
    /// Ids of the change events applied to the roster this plan was made from (re-planning), so
    /// that an event is never applied twice.
    public var appliedEvents: [String]?

    public init(
        rosterDigest: String, status: Status, objective: Double, bound: Double?, gap: Double?,
        solver: SolverInfo, assignments: [Assignment] = [], unmetPreferences: [UnmetPreference] = [],
        unscheduled: [Unscheduled] = [], changes: [PlanChange] = []
    ) {
        self.rosterDigest = rosterDigest
        self.status = status
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.solver = solver
        self.assignments = assignments
        self.unmetPreferences = unmetPreferences
        self.unscheduled = unscheduled
        self.changes = changes
    }
}

public struct SolverInfo: Sendable, Equatable, Codable {
    public var name: String
    public var version: String
    public var seconds: Double
    /// The program and version that made the plan, such as `hearing-planner 1.2.0`
    /// (``BuildInfo/program``); absent in plans made before it was recorded.
    public var planner: String?

    public init(name: String, version: String, seconds: Double, planner: String? = BuildInfo.program) {
        self.name = name
        self.version = version
        self.seconds = seconds
        self.planner = planner
    }
}

public enum InterpreterMode: String, Sendable, Codable, Equatable, CaseIterable {
    case onsite, remote
}

/// Whether a requested preference was met; `none` when the applicant asked for nothing.
public enum PreferenceState: String, Sendable, Codable, Equatable {
    case met, unmet, none
}

public enum Role: String, Sendable, Codable, Equatable, CaseIterable {
    case interpreter, officer
}

/// One held hearing: when, where, with whom, and its term of the score.
public struct Assignment: Sendable, Equatable, Codable {
    public var hearing: String
    public var date: Day
    /// The day part the hearing starts in.
    public var slot: String
    /// Every slot the hearing occupies, `DATE/PART`.
    public var slots: [SlotName]
    public var location: String
    public var interpreter: String
    public var interpreterMode: InterpreterMode
    /// The language used: the hearing's own or one of its fallbacks.
    public var language: String
    public var officer: String
    public var interpreterPreference: PreferenceState
    public var officerPreference: PreferenceState
    public var delayDays: Int
    public var waitDays: Int
    public var score: Double
    public var changed: Bool

    public init(
        hearing: String, date: Day, slot: String, slots: [SlotName], location: String, interpreter: String,
        interpreterMode: InterpreterMode, language: String, officer: String,
        interpreterPreference: PreferenceState, officerPreference: PreferenceState, delayDays: Int,
        waitDays: Int, score: Double, changed: Bool = false
    ) {
        self.hearing = hearing
        self.date = date
        self.slot = slot
        self.slots = slots
        self.location = location
        self.interpreter = interpreter
        self.interpreterMode = interpreterMode
        self.language = language
        self.officer = officer
        self.interpreterPreference = interpreterPreference
        self.officerPreference = officerPreference
        self.delayDays = delayDays
        self.waitDays = waitDays
        self.score = score
        self.changed = changed
    }
}

/// Why a preference was not met or a hearing not held, with the evidence of best effort.
public struct Reason: Sendable, Equatable, Codable {
    public enum Code: String, Sendable, Codable, Equatable, CaseIterable {
        case noSuchPerson = "no-such-person"
        case notAvailableInWindow = "not-available-in-window"
        case takenByHigherValue = "taken-by-higher-value"
        case deadlineFirst = "deadline-first"
        case deferred
        case capacity
        /// A fixed hearing that could not be held as fixed (the plan is then infeasible).
        case fixedConflict = "fixed-conflict"
        /// A planner fixed the hearing with a person of the other sex.
        case fixedByPlanner = "fixed-by-planner"
        /// A preferred person was free somewhere in the window, but using them there would have
        /// broken another rule or cost more score than the preference is worth.
        case outweighed
        /// (unheld only) The search stopped at its time limit before this could be settled.
        case searchStopped = "search-stopped"
        /// (unheld only) Nothing was planned at all: fixed hearings conflict, or no plan was found in time.
        case notPlanned = "not-planned"
        /// (re-planning, preference only) The hearing starts within `freezeHours` of the re-plan
        /// and keeps its published placement.
        case frozen
    }

    public var code: Code
    /// A sentence a planner can read; it names no applicant.
    public var detail: String
    /// How many people were checked as candidates.
    public var candidatesChecked: Int?
    /// Counts per criterion (`language`, `location`, `trainings`, ...) for `no-such-person`.
    public var counts: [String: Int]?
    /// Hearings that used the candidates, for `taken-by-higher-value` and `deadline-first`.
    public var takenBy: [String]?
    /// The best score available now, for `deferred`.
    public var bestScoreNow: Double?
    /// What ran out, for `capacity`.
    public var ranOut: [String]?
    /// Re-planning, for `deferred`: what not holding the hearing scores (`-changePenalty` for a
    /// published hearing); absent when it is 0.
    public var scoreIfNotHeld: Double?
    /// For `taken-by-higher-value`, `deadline-first`, `outweighed` and `search-stopped` of a
    /// preference: the best way found to meet it, and what that would do to the plan's score.
    public var alternative: Alternative?

    public init(
        code: Code, detail: String, candidatesChecked: Int? = nil, counts: [String: Int]? = nil,
        takenBy: [String]? = nil, bestScoreNow: Double? = nil, ranOut: [String]? = nil,
        scoreIfNotHeld: Double? = nil, alternative: Alternative? = nil
    ) {
        self.code = code
        self.detail = detail
        self.candidatesChecked = candidatesChecked
        self.counts = counts
        self.takenBy = takenBy
        self.bestScoreNow = bestScoreNow
        self.ranOut = ranOut
        self.scoreIfNotHeld = scoreIfNotHeld
        self.alternative = alternative
    }
}

/// Where and with whom a hearing is held: its start, people, mode and language.
public struct HearingSpot: Sendable, Equatable, Codable {
    public var date: Day
    /// The day part it starts in.
    public var slot: String
    public var interpreter: String
    public var interpreterMode: InterpreterMode
    public var language: String
    public var officer: String

    public init(date: Day, slot: String, interpreter: String, interpreterMode: InterpreterMode, language: String, officer: String) {
        self.date = date
        self.slot = slot
        self.interpreter = interpreter
        self.interpreterMode = interpreterMode
        self.language = language
        self.officer = officer
    }
}

/// The best way found to give a hearing the person of the sex it asked for, with everybody else
/// where the plan has them except the few hearings in the way (`moves`), and what it would cost.
/// Anyone can check it: apply it to the plan, check the hard rules, and add up the scores.
public struct Alternative: Sendable, Equatable, Codable {
    public typealias Spot = HearingSpot

    /// A hearing that would have to change for it: where it would go (nil: not held), and its
    /// score in the plan and after.
    public struct Move: Sendable, Equatable, Codable {
        public var hearing: String
        public var to: Spot?
        public var scoreBefore: Double
        public var scoreAfter: Double

        public init(hearing: String, to: Spot?, scoreBefore: Double, scoreAfter: Double) {
            self.hearing = hearing
            self.to = to
            self.scoreBefore = scoreBefore
            self.scoreAfter = scoreAfter
        }
    }

    /// Where the hearing itself would be held.
    public var spot: Spot
    /// Its score held there (re-planning: with the change penalty where it applies).
    public var score: Double
    public var moves: [Move]
    /// This hearing and the moved ones as the plan holds them: its score plus their `scoreBefore`.
    public var scoreAsPlanned: Double
    /// The same hearings with the preference met: `score` plus their `scoreAfter`.
    public var scoreWithPreference: Double

    public init(spot: Spot, score: Double, moves: [Move], scoreAsPlanned: Double, scoreWithPreference: Double) {
        self.spot = spot
        self.score = score
        self.moves = moves
        self.scoreAsPlanned = scoreAsPlanned
        self.scoreWithPreference = scoreWithPreference
    }

    /// How much the plan's score would drop (negative: rise) if the preference were met this way.
    public var cost: Double { scoreAsPlanned - scoreWithPreference }
}

public struct UnmetPreference: Sendable, Equatable, Codable {
    public var hearing: String
    public var role: Role
    public var requested: GenderPreference
    public var assigned: Gender
    public var reason: Reason

    public init(hearing: String, role: Role, requested: GenderPreference, assigned: Gender, reason: Reason) {
        self.hearing = hearing
        self.role = role
        self.requested = requested
        self.assigned = assigned
        self.reason = reason
    }
}

public struct Unscheduled: Sendable, Equatable, Codable {
    public var hearing: String
    public var deadlineInHorizon: Bool
    public var reason: Reason

    public init(hearing: String, deadlineInHorizon: Bool, reason: Reason) {
        self.hearing = hearing
        self.deadlineInHorizon = deadlineInHorizon
        self.reason = reason
    }
}

/// One hearing whose slot or people changed in re-planning, or that was dropped or added.
public struct PlanChange: Sendable, Equatable, Codable {
    /// Where and with whom a hearing was, or is, held.
    public struct Placement: Sendable, Equatable, Codable {
        public var date: Day
        public var slot: String
        public var interpreter: String
        public var officer: String

        public init(date: Day, slot: String, interpreter: String, officer: String) {
            self.date = date
            self.slot = slot
            self.interpreter = interpreter
            self.officer = officer
        }
    }

    public var hearing: String
    public var before: Placement?
    public var after: Placement?
    public var forced: Bool
    /// The hard rule that forced the change, when `forced`.
    public var rule: String?

    public init(hearing: String, before: Placement?, after: Placement?, forced: Bool, rule: String? = nil) {
        self.hearing = hearing
        self.before = before
        self.after = after
        self.forced = forced
        self.rule = rule
    }
}
