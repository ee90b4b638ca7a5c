import Foundation
import Hummingbird
import Locking
import Logging
import PlannerStore
import Synchronization

/// Writes lines of the audit trail: which token did what, when, and how it ended.
///
/// Actions name the route, never a person or a hearing: `/v1/people/I-4/calendar.ics` is recorded
/// as `/v1/people/{id}/calendar.ics`. A failed audit write is logged and does not fail the request.
/// Requests without a valid token go through a ``RefusalThrottle``: anyone can send them, and
/// each would otherwise add a row.
struct Auditor: Sendable {
    let database: any PlanningStore
    let logger: Logger
    let now: @Sendable () -> Date
    /// Shared by every copy of this auditor.
    private let throttle: Throttle

    final class Throttle: Sendable {
        let state: Locked<RefusalThrottle>

        init(_ throttle: RefusalThrottle) { state = Locked(throttle) }
    }

    init(
        database: any PlanningStore, logger: Logger, now: @escaping @Sendable () -> Date, refusals: RefusalThrottle = RefusalThrottle()
    ) {
        self.database = database
        self.logger = logger
        self.now = now
        throttle = Throttle(refusals)
    }

    /// Writes happen under the throttle's lock, so that a count that falls due is in the trail
    /// before any row written after it (the re-plan service and a route may record at once).
    func record(token: String, action: String, outcome: String) {
        let time = now()
        throttle.state.withLock { throttle in
            if let overdue = throttle.overdue(at: time) { write(overdue, at: time) }
            write(AuditEntry(time: time, tokenName: token, action: action, outcome: outcome))
        }
    }

    /// A request refused with 401: recorded unless its minute already has its share of them.
    func recordRefusal(action: String, outcome: String) {
        let time = now()
        throttle.state.withLock { throttle in
            let (overdue, isRecorded) = throttle.refusal(at: time)
            if let overdue { write(overdue, at: time) }
            if isRecorded { write(AuditEntry(time: time, tokenName: Self.noToken, action: action, outcome: outcome)) }
        }
    }

    static let noToken = "(none)"

    private func write(_ summary: RefusalThrottle.Summary, at time: Date) {
        let format = ISO8601DateFormatter()
        write(AuditEntry(
            time: time, tokenName: Self.noToken, action: "(requests without a valid token)",
            outcome: "401 \(summary.count) more, from \(format.string(from: summary.first)) to \(format.string(from: summary.last)), not recorded one by one"))
    }

    private func write(_ entry: AuditEntry) {
        do {
            try database.recordAudit(entry)
        } catch {
            logger.error("cannot write the audit trail", metadata: ["error": "\(type(of: error))"])
        }
    }

    /// `METHOD /path`, with the path's ids replaced by their parameter names.
    static func action(_ request: Request) -> String {
        "\(request.method.rawValue) \(template(of: request.uri.path))"
    }

    static func template(of path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 4, parts[1] == "v1", parts[2] == "people" || parts[2] == "hearings" { parts[3] = "{id}" }
        if parts.count >= 4, parts[1] == "v1", parts[2] == "tradeoff" { parts[3] = "{job}" }
        if parts.count >= 4, parts[1] == "v1", parts[2] == "calendars" { parts[3] = "{secret}.ics" }
        if parts.count >= 4, parts[1] == "v1", parts[2] == "plans", parts[3] != "current" { parts[3] = "{version}" }
        return parts.joined(separator: "/")
    }
}
