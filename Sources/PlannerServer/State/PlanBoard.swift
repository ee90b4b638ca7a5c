import Foundation
import Locking
import NIOCore
import PlannerModel
import Synchronization

/// The current plan as readers get it: decoded for reports and calendars, and its plan@1 bytes
/// ready to send, compact and gzip-compressed.
struct PublishedPlan: Sendable {
    let version: Int
    let rosterID: Int64
    let plan: Plan
    /// The roster the plan was made from: the submitted roster with its events applied.
    let roster: Roster
    /// plan@1 JSON with the top-level `version`, as sent.
    let body: PlanBody
    let createdAt: Date
}

/// How ready the service is, as `/readyz` says it.
public struct Readiness: Sendable, Equatable, Encodable {
    public enum Status: String, Sendable, Encodable {
        /// A current plan, and the last solve succeeded.
        case ready
        /// No plan yet (no roster, or the first plan is being made).
        case starting
        /// A current plan, but the last solve failed or timed out: the plan does not include
        /// the newest changes.
        case degraded
    }

    public var status: Status
    /// The current plan version, if any.
    public var version: Int?
    /// Why the service is not ready, in a sentence.
    public var reason: String?
    /// Accepted events that no plan includes yet.
    public var pendingEvents: Int
    public var isSolving: Bool
    /// With several daemons on one database (PostgreSQL): this daemon's name, whether it leads
    /// (`leader`, the one that re-plans) or follows (`follower`), and whether its session to the
    /// database is up (`reachable`, `unreachable`). Absent for a daemon on its own SQLite file.
    public var instance: String?
    public var role: String?
    public var database: String?

    public var isReady: Bool { status == .ready }
}

/// What readers see, behind a lock so that serving the current plan never waits for a writer
/// or the solver.
final class PlanBoard: Sendable {
    private let current = Locked<PublishedPlan?>(nil)
    private let readiness = Locked(Readiness(status: .starting, reason: "no roster has been submitted yet", pendingEvents: 0, isSolving: false))

    var plan: PublishedPlan? { current.withLock { $0 } }

    var health: Readiness { readiness.withLock { $0 } }

    func publish(_ plan: PublishedPlan) {
        current.withLock { $0 = plan }
    }

    /// No current plan: its version was deleted (retention).
    func withdraw() {
        current.withLock { $0 = nil }
    }

    func updateHealth(_ change: (inout Readiness) -> Void) {
        readiness.withLock { change(&$0) }
    }
}
