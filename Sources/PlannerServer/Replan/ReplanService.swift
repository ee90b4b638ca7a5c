import Foundation
import LinearProgramming
import Logging
import Planning
import PlannerModel
import PlannerStore
import ServiceLifecycle

/// Keeps the published plan up to date with the accepted changes: coalesces changes that
/// arrive close together, runs one solve at a time on a thread of its own with the configured
/// time limit, and publishes each plan as a new version. A solve that gives no plan leaves the
/// last good plan current, and `/readyz` says why. It takes turns with tradeoff sweeps for the
/// solver (`SolverSlot`), going first.
///
/// On start it re-plans whatever was accepted but not yet planned (after a crash, say). On
/// graceful shutdown it cancels a running solve; its events stay pending for the next start.
struct ReplanService: Service {
    let state: PlanningState
    let trigger: ReplanTrigger
    let maker: PlanMaker
    /// Shared with tradeoff sweeps; re-plans go first.
    let runner: SolverRunner
    let settings: ServerSettings
    let metrics: ServerMetrics
    let auditor: Auditor
    let logger: Logger
    let now: @Sendable () -> Date
    let onPublished: @Sendable (Int) -> Void
    /// Whether this daemon re-plans: always on its own; with several on one database, only the
    /// leader does (``ClusterService``), the others serve what it publishes.
    var isLeader: @Sendable () -> Bool = { true }

    func run() async throws {
        if isLeader(), await state.nextJob() != nil { trigger.changeArrived(urgent: true) }
        await cancelWhenGracefulShutdown {
            for await _ in trigger.wakeUps {
                await drain()
            }
        }
        await state.abandonWaiters(reason: "the service is shutting down")
    }

    /// How often a wait looks at the schedule again.
    static let recheck = Duration.seconds(1)

    /// Acts on the schedule until it says to wait for a change.
    private func drain() async {
        var action = trigger.next()
        while !Task.isCancelled {
            switch action {
            case .idle:
                return
            case .wait(let until):
                // At most a second at a time: a change can make a solve due earlier than the wait
                // (one that arrives during the retry delay after a failed solve), and is seen then.
                let step = min(until, ContinuousClock.now + Self.recheck)
                do { try await Task.sleep(until: step, clock: .continuous) } catch { return }
                action = trigger.next()
            case .solve:
                let succeeded = await solveOnce()
                // Changes that came during the solve and are due already start the next one here.
                action = trigger.solveFinished(succeeded: succeeded)
            }
        }
    }

    /// Runs the next job, if any; false when it gave no plan.
    private func solveOnce() async -> Bool {
        guard isLeader(), let job = await state.nextJob() else { return true }
        await state.setSolving(true)
        let roster = job.roster
        let moment = now()
        let limit = settings.solveTimeLimit
        let maker = maker
        // The solve's own time, without the wait for a tradeoff sweep's point to end.
        let (outcome, elapsed) = await runner.run(for: .replan, thread: "re-plan") { _, cancellation in
            try maker.make(roster, job.baseline, moment, PlanningOptions(timeLimit: limit, cancellation: cancellation))
        }
        await state.setSolving(false)
        if Task.isCancelled {
            logger.info("re-planning stopped for shutdown; pending changes are planned at the next start")
            return false
        }
        let kind = job.baseline == nil ? "first plan" : "re-plan"
        switch outcome {
        case .success(let plan) where plan.status == .optimal || plan.status == .feasible:
            metrics.recordSolve(elapsed, succeeded: true)
            do {
                guard let published = try await state.finish(job, plan: plan, at: now()) else { return true }
                logger.info("plan published", metadata: [
                    "version": "\(published.version)", "kind": "\(kind)", "status": "\(plan.status.rawValue)",
                    "seconds": "\(String(format: "%.2f", elapsed.seconds))", "events": "\(job.newEvents.count)",
                    "changes": "\(plan.changes.count)",
                ])
                auditor.record(
                    token: "replan-service", action: kind,
                    outcome: "version \(published.version), \(plan.status.rawValue), \(job.newEvents.count) event(s), \(plan.changes.count) change(s)")
                onPublished(published.version)
                return true
            } catch let error as StoreError where error.code == .notLeader {
                logger.notice("the plan was not stored: another daemon leads now", metadata: ["kind": "\(kind)"])
                return true
            } catch {
                let why = AppDatabase.isStorageFull(error) ? "the disk under the state directory is full" : "\(type(of: error))"
                return await failed(job, kind: kind, reason: "the new plan could not be stored (\(why))", status: nil, conflicting: [], elapsed: nil)
            }
        case .success(let plan):
            let conflicting = plan.unscheduled.filter { $0.reason.code == .fixedConflict }.map(\.hearing)
            let reason = switch plan.status {
            case .infeasible: "fixed hearings cannot all be held as fixed (\(conflicting.count) in conflict)"
            case .timeLimit: "no plan was found within the time limit of \(Self.text(limit)) s"
            default: "the solver reported an error"
            }
            return await failed(job, kind: kind, reason: reason, status: plan.status, conflicting: conflicting, elapsed: elapsed)
        case .failure(let error):
            // The error's text may name model columns, and so hearings: only its type is logged.
            return await failed(
                job, kind: kind, reason: "the planner failed (\(type(of: error)))", status: .error, conflicting: [], elapsed: elapsed)
        }
    }

    private func failed(
        _ job: PlanningState.Job, kind: String, reason: String, status: Plan.Status?, conflicting: [String], elapsed: Duration?
    ) async -> Bool {
        if let elapsed { metrics.recordSolve(elapsed, succeeded: false) }
        await state.fail(job, reason: reason, status: status, conflicting: conflicting)
        logger.warning("no new plan; the last good plan stays current", metadata: ["kind": "\(kind)", "reason": "\(reason)"])
        auditor.record(token: "replan-service", action: kind, outcome: "no plan: \(reason)")
        return false
    }

    static func text(_ duration: Duration) -> String {
        String(format: "%g", duration.seconds)
    }
}


