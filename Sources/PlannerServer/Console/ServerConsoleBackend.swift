import Foundation
import Planning
import PlannerConsole
import PlannerModel
import PlannerStore
import Reports

/// The console's view of the service: the same state, re-plan trigger, options desk, sweeps and
/// audit trail as the API, so a change made in a browser is a change made through the API.
struct ServerConsoleBackend: ConsoleBackend {
    let database: AppDatabase
    let state: PlanningState
    let board: PlanBoard
    let trigger: ReplanTrigger
    let desk: OptionsDesk
    let jobs: TradeoffJobs
    let auditor: Auditor
    let authenticate: @Sendable (String) -> TokenRecord?
    let solveTimeLimit: Duration
    let now: @Sendable () -> Date

    func holder(ofToken token: String) -> ConsoleHolder? {
        authenticate(token).map { ConsoleHolder(name: $0.name, role: $0.role.rawValue, mayChange: $0.role.mayWrite) }
    }

    func currentPlan() -> ConsolePlan? {
        board.plan.map(Self.console)
    }

    func readiness() -> ConsoleReadiness {
        let health = board.health
        let status: ConsoleReadiness.Status = switch health.status {
        case .ready: .ready
        case .starting: .starting
        case .degraded: .degraded
        }
        return ConsoleReadiness(
            status: status, version: health.version, reason: health.reason, pendingEvents: health.pendingEvents,
            isSolving: health.isSolving)
    }

    func plan(version: Int) async throws -> ConsolePlanVersion? {
        guard let stored = try database.plan(version: version) else { return nil }
        let plan = try PlanningState.plan(of: stored)
        let roster: Roster
        if let current = board.plan, current.version == version {
            roster = current.roster
        } else {
            roster = try PlanningState.roster(from: Array(stored.rosterDocument.utf8))
        }
        let previous = try database.planBefore(version: version).map { ($0.version, try PlanningState.plan(of: $0)) }
        return ConsolePlanVersion(version: version, plan: plan, roster: roster, createdAt: stored.createdAt, previous: previous)
    }

    func submit(roster: Roster, document: [UInt8], by holder: String) async throws -> RosterSubmission {
        let action = "console POST /roster/confirm"
        let id = try await state.submit(roster: roster, document: document, token: holder, at: now())
        trigger.changeArrived(urgent: true)
        switch await state.firstPlan(of: id) {
        case .planned(let version, _):
            auditor.record(token: holder, action: action, outcome: "201 roster \(id), plan version \(version)")
            return .planned(version: version)
        case .failed(let reason, let status, let conflicting):
            auditor.record(token: holder, action: action, outcome: "\(status == .infeasible ? 409 : 503) roster \(id) stored, no plan")
            return .failed(reason: reason, conflicting: conflicting)
        case .superseded:
            auditor.record(token: holder, action: action, outcome: "409 roster \(id) replaced before its plan")
            return .superseded
        }
    }

    func report(_ events: [EventRecord], by holder: String) async throws -> EventsOutcome {
        let action = "console POST /changes"
        guard let outcome = try await state.accept(events, token: holder, at: now()) else {
            auditor.record(token: holder, action: action, outcome: "409 no roster")
            return .noRoster
        }
        switch outcome {
        case .failure(let rejection):
            auditor.record(token: holder, action: action, outcome: "422 event \(rejection.index) does not fit")
            return .rejected(index: rejection.index, reasons: rejection.reasons)
        case .success(let appended):
            if !appended.accepted.isEmpty { trigger.changeArrived() }
            let kinds = events.map(\.change.type).joined(separator: ", ")
            auditor.record(
                token: holder, action: action,
                outcome: "202 accepted \(appended.accepted.count) (\(kinds)), skipped \(appended.skipped.count)")
            return .accepted(ids: appended.accepted, skipped: appended.skipped)
        }
    }

    func options(for hearing: String, in plan: ConsolePlan) async throws -> HearingOptions {
        guard let published = board.plan, published.version == plan.version else {
            // The page asked about a version that is no longer current: answer from the one it showed.
            return try WhatIf.options(for: hearing, roster: plan.roster, plan: plan.plan)
        }
        return try await desk.options(for: hearing, in: published, settings: OptionsSettings())
    }

    func startTradeoff(by holder: String) async throws -> ConsoleTradeoff? {
        guard let current = board.plan else { return nil }
        let request = TradeoffRequest(penalties: TradeoffSweep.defaultPenalties, timeLimit: solveTimeLimit, gap: 0, format: .json)
        let points = try TradeoffSweep(penalties: request.penalties).points(for: current.roster.policy)
        guard let job = await jobs.submit(request, points: points, roster: current.roster, planVersion: current.version, at: now()) else {
            auditor.record(token: holder, action: "console POST /reports/tradeoff", outcome: "409 tradeoff-busy")
            return nil
        }
        auditor.record(token: holder, action: "console POST /reports/tradeoff", outcome: "202 sweep \(job.id), \(points.count) points")
        return Self.console(job)
    }

    func tradeoff(id: String) async -> ConsoleTradeoff? {
        await jobs.job(id).map(Self.console)
    }

    func audit(holder: String, action: String, outcome: String) {
        auditor.record(token: holder, action: action, outcome: outcome)
    }

    func auditRefusal(action: String, outcome: String) {
        auditor.recordRefusal(action: action, outcome: outcome)
    }

    static func console(_ published: PublishedPlan) -> ConsolePlan {
        ConsolePlan(
            version: published.version, rosterID: published.rosterID, plan: published.plan, roster: published.roster,
            createdAt: published.createdAt)
    }

    static func console(_ job: TradeoffJob) -> ConsoleTradeoff {
        let status: ConsoleTradeoff.Status = switch job.status {
        case .queued: .queued
        case .running: .running
        case .done: .done
        case .failed: .failed
        }
        return ConsoleTradeoff(
            id: job.id, status: status, planVersion: job.planVersion, points: job.points.count, pointsDone: job.pointsDone,
            reason: job.reason, report: job.report)
    }
}
