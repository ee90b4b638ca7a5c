import Foundation
import Hummingbird
import Logging
import Metrics
import PlannerStore
import PlannerStorePostgres
import Prometheus
import ServiceLifecycle

/// Several daemons on one PostgreSQL database: keeps this daemon's session (``Leadership``),
/// re-plans only while it leads, and serves what the leader publishes as soon as PostgreSQL tells
/// of it (LISTEN/NOTIFY), with a poll every few seconds as a safety net for a missed
/// notification. `/readyz` and `/metrics` say whether this daemon leads.
struct ClusterService: Service {
    let leadership: Leadership
    let state: PlanningState
    let trigger: ReplanTrigger
    let board: PlanBoard
    let gauges: ClusterGauges
    let logger: Logger
    var pollInterval: Duration = .seconds(5)

    func run() async throws {
        board.updateHealth {
            $0.instance = leadership.instance
            $0.role = "follower"
            $0.database = "reachable"
        }
        gauges.record(leading: false, reachable: true)
        // A state command's hold on the database ends the daemon with an error: its memory may
        // hold what the command changed, and systemd starts it afresh (Restart=on-failure).
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await leadership.run { signal in await handle(signal) } }
                group.addTask {
                    while !Task.isCancelled {
                        do { try await Task.sleep(for: pollInterval) } catch { return }
                        if await catchUp(), leadership.isLeader { trigger.changeArrived() }
                    }
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        }
    }

    func handle(_ signal: Leadership.Signal) async {
        switch signal {
        case .leading(let leads):
            board.updateHealth { $0.role = leads ? "leader" : "follower" }
            gauges.record(leading: leads, reachable: leadership.isConnected)
            if leads {
                // What the last leader left pending (it may have died mid-solve) is planned now.
                await catchUp()
                trigger.changeArrived(urgent: true)
            }
        case .changed, .connected:
            if signal == .connected {
                board.updateHealth { $0.database = "reachable" }
                gauges.record(leading: leadership.isLeader, reachable: true)
            }
            if await catchUp(), leadership.isLeader { trigger.changeArrived() }
        case .disconnected:
            board.updateHealth { $0.database = "unreachable" }
            gauges.record(leading: false, reachable: false)
        }
    }

    @discardableResult
    func catchUp() async -> Bool {
        do {
            return try await state.catchUp()
        } catch {
            logger.warning("cannot read what other daemons stored", metadata: ["error": "\(Leadership.describe(error))"])
            return false
        }
    }
}

/// `hearing_planner_leader{instance}` (1 while this daemon re-plans) and
/// `hearing_planner_database_reachable{instance}`.
struct ClusterGauges: Sendable {
    let leader: CoreMetrics.Gauge
    let reachable: CoreMetrics.Gauge

    init(registry: PrometheusCollectorRegistry, instance: String) {
        let factory = PrometheusMetricsFactory(registry: registry)
        leader = CoreMetrics.Gauge(label: "hearing_planner_leader", dimensions: [("instance", instance)], factory: factory)
        reachable = CoreMetrics.Gauge(label: "hearing_planner_database_reachable", dimensions: [("instance", instance)], factory: factory)
    }

    func record(leading: Bool, reachable isReachable: Bool) {
        leader.record(leading ? 1 : 0)
        reachable.record(isReachable ? 1 : 0)
    }
}

/// A write (or a read of an older version) while the database cannot be reached: 503 with a
/// sentence, instead of the 500 of an unexpected error. Reads of the current plan are served from
/// memory and go on.
struct DatabaseOutageMiddleware: RouterMiddleware {
    typealias Context = PlannerRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as StoreError where error.code == .unavailable || error.code == .maintenance {
            context.logger.warning("the database cannot be reached", metadata: ["error": "\(error.code)"])
            var answer = APIError(
                .serviceUnavailable, code: "database-unavailable",
                "The database cannot be reached now, so nothing was stored; the current plan is still served. Try again in a moment.")
            answer.headers[.retryAfter] = "5"
            throw answer
        }
    }
}
