import Foundation
import Logging
import NIOCore
import PlannerModel
import PlannerStore

/// The roster being planned, the events accepted for it, and the published plan; every change
/// is written to the database before it is believed.
///
/// Writes here are short and synchronous on purpose: an event batch is checked against the
/// roster with every event accepted before it and committed with no other write in between, so
/// the log never holds a batch that does not apply.
actor PlanningState {
    /// One solve to run: plan `roster` (the submitted roster with every accepted event applied),
    /// from `baseline` when the roster has a plan already.
    struct Job: Sendable {
        let rosterID: Int64
        let roster: Roster
        let baseline: Plan?
        /// Events this plan includes for the first time.
        let newEvents: [String]
        /// Every event the plan includes, in order.
        let appliedEvents: [String]
    }

    /// How the first plan of a submitted roster ended.
    enum FirstPlan: Sendable {
        case planned(version: Int, status: Plan.Status)
        /// No plan: the reason, the planner's status, and the fixed hearings in conflict.
        case failed(reason: String, status: Plan.Status?, conflicting: [String])
        /// Another roster was submitted before this one had a plan.
        case superseded
    }

    private let database: any PlanningStore
    private let board: PlanBoard
    private let metrics: ServerMetrics
    private let logger: Logger
    private let adjustPolicy: @Sendable (Policy) throws -> Policy

    private var rosterID: Int64?
    /// The submitted roster with every accepted event applied.
    private var latest: Roster?
    /// Every accepted event of the roster, in order.
    private var accepted: [String] = []
    private var acceptedSet: Set<String> = []
    /// Accepted events that no plan includes yet, in order.
    private var pending: [String] = []
    private var waiters: [Int64: [CheckedContinuation<FirstPlan, Never>]] = [:]
    /// Why the last solve (or loading the state) gave no plan; nil once a plan is made.
    private var lastFailure: String?
    /// Several daemons share the database (PostgreSQL): before each write this one catches up
    /// with what the others stored (``catchUp()``).
    private let isShared: Bool
    /// The sequence of the newest event of the roster this daemon has read back.
    private var lastSequence: Int64 = 0
    /// With several daemons: how long a submission waits for its first plan.
    private let firstPlanWait: Duration

    init(
        database: any PlanningStore, board: PlanBoard, metrics: ServerMetrics, logger: Logger,
        adjustPolicy: @escaping @Sendable (Policy) throws -> Policy = { $0 }, isShared: Bool = false,
        firstPlanWait: Duration = .seconds(600)
    ) {
        self.isShared = isShared
        self.firstPlanWait = firstPlanWait
        self.adjustPolicy = adjustPolicy
        self.database = database
        self.board = board
        self.metrics = metrics
        self.logger = logger
    }

    // MARK: Starting

    /// Reads the state back after a start or a crash: the current plan, the latest roster and its
    /// events, of which those no plan includes are pending.
    func load() throws {
        if let stored = try database.latestPlan() {
            board.publish(try Self.published(stored))
        }
        guard let roster = try database.latestRoster(), let id = roster.id else { return }
        let events = try database.events(rosterID: id)
        lastSequence = events.last?.sequence ?? 0
        let published = board.plan
        var base: Roster
        var toApply: [StoredEvent]
        if let published, published.rosterID == id {
            base = published.roster
            toApply = events.filter(\.isPending)
            accepted = events.filter { !$0.isPending }.map(\.eventID)
        } else {
            base = try Self.roster(from: Array(roster.document.utf8))
            base.policy = try adjustPolicy(base.policy)
            toApply = events
        }
        if !toApply.isEmpty {
            switch base.applying(try Self.records(toApply.map(\.document)), alreadyApplied: Set(accepted)) {
            case .success(let result):
                base = result.roster
            case .failure(let rejection):
                // Cannot happen for events checked on arrival; kept visible rather than guessed around.
                logger.error("stored events do not apply to their roster", metadata: ["index": "\(rejection.index)"])
                lastFailure = "stored event \(rejection.index) of the pending ones no longer applies: \(rejection.reasons.joined(separator: "; "))"
            }
        }
        rosterID = id
        latest = base
        accepted += toApply.map(\.eventID)
        acceptedSet = Set(accepted)
        pending = published?.rosterID == id ? toApply.map(\.eventID) : accepted
        refreshHealth()
        logger.info("state loaded", metadata: [
            "version": "\(published?.version ?? 0)", "pendingEvents": "\(pending.count)",
        ])
    }

    // MARK: Retention

    /// Deletes the horizons that `rule` says are due at `time` (and old audit rows), then reads
    /// the state back, so that nothing deleted is served from memory. Between this and any
    /// request's write nothing interleaves: both run on this actor.
    func prune(_ rule: RetentionRule, at time: Date) throws -> PruneOutcome {
        let outcome = try database.prune(
            horizonsEndedBefore: rule.cutoff(today: RetentionRule.day(of: time)), auditBefore: rule.auditCutoff(now: time),
            at: time, actor: "retention")
        guard outcome.rosters > 0 else { return outcome }
        for id in waiters.keys { resumeWaiters(id, with: .failed(reason: "the roster's horizon was pruned", status: nil, conflicting: [])) }
        try forgetAndLoad()
        refreshHealth()
        return outcome
    }

    // MARK: Writes from requests

    /// Stores a valid roster as the one to plan, as submitted; it is planned with the configured
    /// policy over its own. Its first plan is made by the re-plan service.
    func submit(roster: Roster, document: [UInt8], token: String, at time: Date) throws -> Int64 {
        let digest = RosterDigest.of(roster)
        var roster = roster
        roster.policy = try adjustPolicy(roster.policy)
        let stored = try database.saveRoster(StoredRoster(
            document: String(decoding: document, as: UTF8.self), digest: digest, receivedAt: time,
            tokenName: token))
        guard let id = stored.id else { throw StoreError(.corrupt, "The roster was stored without an id.") }
        if let previous = rosterID { resumeWaiters(previous, with: .superseded) }
        rosterID = id
        latest = roster
        accepted = []
        acceptedSet = []
        pending = []
        lastSequence = 0
        lastFailure = nil
        refreshHealth()
        return id
    }

    /// Checks a batch against the roster with every event accepted so far and commits those
    /// not seen before. Returns nil when there is no roster to change.
    func accept(_ events: [EventRecord], token: String, at time: Date) throws
        -> Result<AppendOutcome, EventRejection>?
    {
        for attempt in 1... {
            if isShared { try catchUp() }
            guard let rosterID, let latest else { return nil }
            switch latest.applying(events, alreadyApplied: acceptedSet) {
            case .failure(let rejection):
                return .failure(rejection)
            case .success(let result):
                let applied = Set(result.applied)
                var seen = Set<String>()
                let new = try events.filter { applied.contains($0.id) && seen.insert($0.id).inserted }
                    .map { NewEvent(eventID: $0.id, document: try EventsJSON.document(of: $0)) }
                do {
                    let outcome = try database.appendEvents(
                        new, rosterID: rosterID, tokenName: token, at: time, checkedAfter: isShared ? lastSequence : nil)
                    return .success(acceptCommitted(outcome, roster: result.roster, skipped: result.skipped))
                } catch let error as StoreError where error.code == .logMoved && attempt < 10 {
                    // Another daemon wrote meanwhile: catch up and check the batch again.
                    continue
                }
            }
        }
        return nil
    }

    /// Believes a batch the store committed.
    private func acceptCommitted(_ outcome: AppendOutcome, roster: Roster, skipped: [String]) -> AppendOutcome {
        // Committed: now, and only now, the events count as accepted.
        self.latest = roster
        accepted += outcome.accepted
        acceptedSet.formUnion(outcome.accepted)
        pending += outcome.accepted
        refreshHealth()
        return AppendOutcome(accepted: outcome.accepted, skipped: skipped + outcome.skipped)
    }

    // MARK: Several daemons

    /// Reads what other daemons stored since this one last looked: a newer roster (the state is
    /// then read again whole), events accepted elsewhere (applied to the roster here), a newer
    /// plan version (published here, answering whoever waits for a roster's first plan). Returns
    /// whether anything changed.
    @discardableResult
    func catchUp() throws -> Bool {
        let newest = try database.latestRosterID()
        guard newest == rosterID else {
            try reloadAll()
            return true
        }
        var changed = false
        if let rosterID, let current = latest {
            let fresh = try database.events(rosterID: rosterID, after: lastSequence)
            if let last = fresh.last?.sequence { lastSequence = last }
            let foreign = fresh.filter { !acceptedSet.contains($0.eventID) }
            if !foreign.isEmpty {
                switch current.applying(try Self.records(foreign.map(\.document)), alreadyApplied: acceptedSet) {
                case .success(let result):
                    latest = result.roster
                    let ids = foreign.map(\.eventID)
                    accepted += ids
                    acceptedSet.formUnion(ids)
                    pending += ids
                    changed = true
                case .failure:
                    // Cannot happen for events checked on arrival; read everything again.
                    try reloadAll()
                    return true
                }
            }
        }
        if let version = try database.latestPlanVersion(), version > (board.plan?.version ?? 0),
           let stored = try database.plan(version: version)
        {
            let published = try Self.published(stored)
            board.publish(published)
            if published.rosterID == rosterID {
                let included = Set(published.plan.appliedEvents ?? [])
                pending = accepted.filter { !included.contains($0) }
                lastFailure = nil
                resumeWaiters(published.rosterID, with: .planned(version: version, status: published.plan.status))
            }
            metrics.recordPublished(published.plan, version: version)
            changed = true
        }
        if changed { refreshHealth() }
        return changed
    }

    /// Forgets the roster, what was accepted for it and the last failure, withdraws a plan the
    /// store no longer has, and reads the state back whole.
    private func forgetAndLoad() throws {
        rosterID = nil
        latest = nil
        accepted = []
        acceptedSet = []
        pending = []
        lastSequence = 0
        lastFailure = nil
        if let current = board.plan, try database.plan(version: current.version) == nil { board.withdraw() }
        try load()
    }

    /// Forgets the roster and reads the state back whole.
    private func reloadAll() throws {
        if let previous = rosterID { resumeWaiters(previous, with: .superseded) }
        try forgetAndLoad()
    }

    // MARK: The re-plan service's side

    /// The solve to run now, or nil when the published plan includes everything accepted.
    func nextJob() -> Job? {
        guard let rosterID, let latest else { return nil }
        let published = board.plan
        let baseline = published?.rosterID == rosterID ? published?.plan : nil
        guard baseline == nil || !pending.isEmpty else { return nil }
        return Job(rosterID: rosterID, roster: latest, baseline: baseline, newEvents: pending, appliedEvents: accepted)
    }

    /// Stores the plan a job made as the next version and publishes it. Returns nil when another
    /// roster was submitted meanwhile (the plan is then of no use).
    func finish(_ job: Job, plan: Plan, at time: Date) throws -> PublishedPlan? {
        guard job.rosterID == rosterID else {
            logger.info("a plan for a replaced roster was dropped")
            return nil
        }
        var plan = plan
        plan.appliedEvents = job.appliedEvents
        let rosterDocument = String(decoding: try RosterJSON.write(job.roster), as: UTF8.self)
        let stored = try database.savePlan(
            plan, rosterID: job.rosterID, rosterDocument: rosterDocument, appliedEvents: job.newEvents, at: time)
        plan.version = stored.version
        let published = PublishedPlan(
            version: stored.version, rosterID: job.rosterID, plan: plan, roster: job.roster,
            body: PlanBody(document: stored.document), createdAt: time)
        board.publish(published)
        let included = Set(job.newEvents)
        pending.removeAll { included.contains($0) }
        lastFailure = nil
        refreshHealth()
        metrics.recordPublished(plan, version: stored.version)
        if job.baseline == nil { resumeWaiters(job.rosterID, with: .planned(version: stored.version, status: plan.status)) }
        return published
    }

    /// Records a solve that gave no plan: the published plan stays, and readiness says why.
    func fail(_ job: Job, reason: String, status: Plan.Status?, conflicting: [String]) {
        lastFailure = reason
        refreshHealth()
        if job.baseline == nil, job.rosterID == rosterID {
            resumeWaiters(job.rosterID, with: .failed(reason: reason, status: status, conflicting: conflicting))
        }
    }

    func setSolving(_ isSolving: Bool) {
        board.updateHealth { $0.isSolving = isSolving }
    }

    /// Waits until roster `id` has its first plan, or it failed, or another roster replaced it.
    func firstPlan(of id: Int64) async -> FirstPlan {
        if let published = board.plan, published.rosterID == id {
            return .planned(version: published.version, status: published.plan.status)
        }
        guard id == rosterID else { return .superseded }
        if isShared {
            // Another daemon may make the plan, and a solve that fails there is not stored: the
            // wait is bounded, and the leader's /readyz has the reason.
            let limit = firstPlanWait
            Task { [weak self] in
                try? await Task.sleep(for: limit)
                await self?.expireWaiters(id, after: limit)
            }
        }
        return await withCheckedContinuation { continuation in
            waiters[id, default: []].append(continuation)
        }
    }

    private func expireWaiters(_ id: Int64, after limit: Duration) {
        resumeWaiters(id, with: .failed(
            reason: "no plan was published within \(Int(limit.components.seconds)) s (the leading daemon's /readyz says why)",
            status: nil, conflicting: []))
    }

    /// Answers every waiter, at shutdown.
    func abandonWaiters(reason: String) {
        for id in waiters.keys { resumeWaiters(id, with: .failed(reason: reason, status: nil, conflicting: [])) }
    }

    // MARK: Helpers

    private func resumeWaiters(_ id: Int64, with outcome: FirstPlan) {
        for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: outcome) }
    }

    private func refreshHealth() {
        let count = pending.count
        let version = board.plan?.version
        let status: Readiness.Status
        let reason: String?
        switch (version, lastFailure) {
        case (nil, let failure):
            status = .starting
            reason = failure ?? (rosterID == nil ? Self.noRoster : "the first plan is being made")
        case (_, let failure?):
            status = .degraded
            reason = failure
        case (_, nil):
            status = .ready
            reason = nil
        }
        board.updateHealth {
            $0.pendingEvents = count
            $0.version = version
            $0.status = status
            $0.reason = reason
        }
        metrics.eventsPending.record(count)
    }

    static let noRoster = "no roster has been submitted yet"

    static func published(_ stored: StoredPlan) throws -> PublishedPlan {
        PublishedPlan(
            version: stored.version, rosterID: stored.rosterId, plan: try plan(of: stored),
            roster: try roster(from: Array(stored.rosterDocument.utf8)), body: PlanBody(document: stored.document),
            createdAt: stored.createdAt)
    }

    /// A stored plan version, decoded.
    static func plan(of stored: StoredPlan) throws -> Plan {
        do {
            return try JSONDecoder().decode(Plan.self, from: Data(stored.document.utf8))
        } catch {
            throw StoreError(.corrupt, "Plan version \(stored.version) in the state database cannot be read back.")
        }
    }

    static func roster(from bytes: [UInt8]) throws -> Roster {
        guard let roster = RosterJSON.read(bytes).checked().roster else {
            throw StoreError(.corrupt, "A roster in the state database is no longer valid.")
        }
        return roster
    }

    /// Stored event objects, read back through the events@1 reader.
    static func records(_ documents: [String]) throws -> [EventRecord] {
        guard let events = EventsJSON.records(of: documents) else {
            throw StoreError(.corrupt, "Events in the state database cannot be read back.")
        }
        return events
    }

}
