import Foundation
import Hummingbird
import LinearProgramming
import Locking
import PlannerModel
import PlannerStore
import PlanVerification
import Synchronization

/// `GET /v1/plans/{version}/verification`: `hearing-planner verify` run by the service on one of
/// its plan versions, with the roster it was made from and, for a re-plan, the version before it
/// and the moment it records. A version never changes, so its report is kept once made.
struct VerificationRoutes: Sendable {
    let database: any PlanningStore
    let desk: VerificationDesk

    func add(to router: Router<PlannerRequestContext>) {
        router.get("/v1/plans/{version}/verification") { _, context in
            let version = try PlanRoutes.version(context)
            guard let stored = try database.plan(version: version) else { throw PlanRoutes.unknown(version) }
            let report = try await desk.report(for: stored, before: { try database.planBefore(version: version) })
            return try Answer.json(report)
        }
    }
}

/// Runs verifications on a thread of their own, one at a time, and keeps the last few reports.
final class VerificationDesk: Sendable {
    private let reports = Locked<[Int: VerificationReport]>([:])
    private let turn = Locked<Void>(())

    func report(for stored: StoredPlan, before: @Sendable () throws -> StoredPlan?) async throws -> VerificationReport {
        if let kept = reports.withLock({ $0[stored.version] }) { return kept }
        let plan = try PlanningState.plan(of: stored)
        let roster = try PlanningState.roster(from: Array(stored.rosterDocument.utf8))
        var baseline: Plan?
        var now: Date?
        if let moment = plan.replannedAt {
            // A re-plan: from the version before it, at the moment it records.
            guard let previous = try before() else {
                throw APIError(.conflict, code: "no-baseline", "Version \(stored.version) is a re-plan, but the version it was made from is gone.")
            }
            baseline = try PlanningState.plan(of: previous)
            now = ISO8601DateFormatter().date(from: moment)
        }
        let made = try await SolverThread.run(name: "verify", options: SolveOptions()) { [self, baseline, now] _ in
            turn.withLock { _ in PlanVerifier(roster: roster, plan: plan, baseline: baseline, now: now).verify() }
        }
        reports.withLock { kept in
            if kept.count >= 8, let oldest = kept.keys.min() { kept[oldest] = nil }
            kept[stored.version] = made
        }
        return made
    }
}
