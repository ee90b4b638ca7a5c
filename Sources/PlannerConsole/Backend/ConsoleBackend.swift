import Foundation
import Planning
import PlannerModel
import Reports

/// Everything the console needs from the service it runs in: the current plan and its state, the
/// writes a planner makes, the what-if questions, and the audit trail. The server implements it
/// over its own state, so the console and the API share one process and one state; tests hand
/// the console a small fake.
public protocol ConsoleBackend: Sendable {
    /// Who holds `token` now, or nil when the token file does not (or no longer does) hold it.
    /// Called at sign-in and again on every request of a session, so a token deleted from the
    /// token file ends its sessions at their next request.
    func holder(ofToken token: String) -> ConsoleHolder?

    /// The current plan, if there is one.
    func currentPlan() -> ConsolePlan?

    /// How ready the service is: the same facts `/readyz` gives.
    func readiness() -> ConsoleReadiness

    /// A stored plan version, and the version before it for the same roster (to tell what changed).
    func plan(version: Int) async throws -> ConsolePlanVersion?

    /// Stores a valid roster as the one to plan and waits for its first plan.
    func submit(roster: Roster, document: [UInt8], by holder: String) async throws -> RosterSubmission

    /// Checks a batch of events against the roster, commits it, and starts a re-plan.
    func report(_ events: [EventRecord], by holder: String) async throws -> EventsOutcome

    /// The ways a hearing of `plan` could be held, best first (the what-if `options`).
    func options(for hearing: String, in plan: ConsolePlan) async throws -> HearingOptions

    /// Queues a tradeoff sweep of the current plan's roster with the defaults; nil when the queue is full.
    func startTradeoff(by holder: String) async throws -> ConsoleTradeoff?

    /// A sweep's state and, once done, its report.
    func tradeoff(id: String) async -> ConsoleTradeoff?

    /// Writes a line of the audit trail with the holder's name (never a token).
    func audit(holder: String, action: String, outcome: String)

    /// Records a refusal without a valid token (a failed sign-in), throttled as the API's 401s are.
    func auditRefusal(action: String, outcome: String)
}

/// The holder of a token: its name (as the audit trail shows it) and whether it may change things.
public struct ConsoleHolder: Sendable, Equatable {
    public var name: String
    public var role: String
    public var mayChange: Bool

    public init(name: String, role: String, mayChange: Bool) {
        self.name = name
        self.role = role
        self.mayChange = mayChange
    }
}

/// A published plan with the roster it was made from.
public struct ConsolePlan: Sendable {
    public var version: Int
    /// Which submitted roster the plan belongs to: a new roster starts a new series of versions.
    public var rosterID: Int64
    public var plan: Plan
    public var roster: Roster
    public var createdAt: Date

    public init(version: Int, rosterID: Int64, plan: Plan, roster: Roster, createdAt: Date) {
        self.version = version
        self.rosterID = rosterID
        self.plan = plan
        self.roster = roster
        self.createdAt = createdAt
    }
}

/// A stored plan version and the one before it for the same roster, if any.
public struct ConsolePlanVersion: Sendable {
    public var version: Int
    public var plan: Plan
    public var roster: Roster
    public var createdAt: Date
    public var previous: (version: Int, plan: Plan)?

    public init(version: Int, plan: Plan, roster: Roster, createdAt: Date, previous: (version: Int, plan: Plan)?) {
        self.version = version
        self.plan = plan
        self.roster = roster
        self.createdAt = createdAt
        self.previous = previous
    }
}

/// The service's readiness, as `/readyz` tells it.
public struct ConsoleReadiness: Sendable, Equatable {
    public enum Status: String, Sendable {
        case ready, starting, degraded
    }

    public var status: Status
    public var version: Int?
    /// Why it is not ready, in the service's own (English) sentence.
    public var reason: String?
    public var pendingEvents: Int
    public var isSolving: Bool

    public init(status: Status, version: Int?, reason: String?, pendingEvents: Int, isSolving: Bool) {
        self.status = status
        self.version = version
        self.reason = reason
        self.pendingEvents = pendingEvents
        self.isSolving = isSolving
    }
}

/// How submitting a roster ended.
public enum RosterSubmission: Sendable, Equatable {
    case planned(version: Int)
    /// Stored, but no plan was made: the reason, and the fixed hearings in conflict if that was why.
    case failed(reason: String, conflicting: [String])
    /// Another roster was submitted before this one had a plan.
    case superseded
}

/// How reporting a batch of events ended.
public enum EventsOutcome: Sendable, Equatable {
    case accepted(ids: [String], skipped: [String])
    /// The batch does not fit the roster: the position of the first event that does not, and why.
    case rejected(index: Int, reasons: [String])
    /// There is no roster to change yet.
    case noRoster
}

/// A tradeoff sweep as the console shows it.
public struct ConsoleTradeoff: Sendable {
    public enum Status: String, Sendable {
        case queued, running, done, failed
    }

    public var id: String
    public var status: Status
    public var planVersion: Int
    public var points: Int
    public var pointsDone: Int
    public var reason: String?
    public var report: TradeoffReport?

    public init(
        id: String, status: Status, planVersion: Int, points: Int, pointsDone: Int, reason: String?, report: TradeoffReport?
    ) {
        self.id = id
        self.status = status
        self.planVersion = planVersion
        self.points = points
        self.pointsDone = pointsDone
        self.reason = reason
        self.report = report
    }
}
