import Foundation
import Logging
import PlannerStore
import ServiceLifecycle

/// Deletes personal data when its time is up: at start and then once a day, the rosters, events
/// and plan versions of every horizon that ended more than `retention.days` ago, and audit rows
/// older than `retention.auditDays` (docs/privacy.md). Each pruning is in the audit trail and the
/// log with its counts, never an id. The clock and the wait are parameters, so that tests run a
/// year of days in a moment.
struct RetentionService: Service {
    let state: PlanningState
    let rule: RetentionRule
    let metrics: ServerMetrics
    let logger: Logger
    let now: @Sendable () -> Date
    let sleep: @Sendable (Duration) async throws -> Void
    var interval: Duration = .seconds(86_400)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await runOnce()
                do { try await sleep(interval) } catch { return }
            }
        }
    }

    /// One pruning; nil when it failed (logged, and tried again at the next turn).
    @discardableResult
    func runOnce() async -> PruneOutcome? {
        do {
            let outcome = try await state.prune(rule, at: now())
            if !outcome.isEmpty {
                logger.notice("retention: pruned", metadata: [
                    "rosters": "\(outcome.rosters)", "planVersions": "\(outcome.planVersions)",
                    "events": "\(outcome.events)", "auditRows": "\(outcome.auditRows)",
                ])
            }
            metrics.recordPruning(at: now())
            return outcome
        } catch {
            logger.error("retention: pruning failed; it is tried again in a day", metadata: ["error": "\(type(of: error))"])
            return nil
        }
    }
}
