import Foundation
import PlannerModel
import Reports

/// What `POST /v1/tradeoff` asked for, checked.
struct TradeoffRequest: Sendable {
    /// Standard-priority preference penalties (`TradeoffSweep.penalties`).
    var penalties: [Double]
    /// For the whole sweep, shared out over its points.
    var timeLimit: Duration
    var gap: Double
    /// The report's format when `GET /v1/tradeoff/{job}` does not say.
    var format: TradeoffFormat
}

enum TradeoffFormat: String, Sendable, CaseIterable, Encodable {
    case json, csv, html
}

/// A tradeoff sweep asked for through the API, and how it went. Counts and rates only: it holds
/// no hearing id and no person, so finished jobs can be kept in memory for readers.
struct TradeoffJob: Sendable {
    enum Status: String, Sendable, Encodable {
        case queued, running, done, failed
    }

    let id: String
    /// The plan version whose roster is swept.
    let planVersion: Int
    let request: TradeoffRequest
    /// The penalties that are planned, ascending (the roster's own among them).
    let points: [Double]
    var status = Status.queued
    var pointsDone = 0
    let submittedAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    var report: TradeoffReport?
    /// Why a failed sweep failed, in a sentence.
    var reason: String?
}

/// The sweeps asked for: those waiting, the one running, and the last few finished.
///
/// One sweep runs at a time (`TradeoffService`); up to `maxWaiting` more wait their turn in the
/// order they came, and one more is refused until a place is free. Finished jobs are kept, the
/// newest `keepFinished`, and forgotten at a restart.
actor TradeoffJobs {
    /// A sweep ready to run: its job and the roster it sweeps (dropped once it has run).
    struct Work: Sendable {
        let id: String
        let roster: Roster
        let request: TradeoffRequest
        let points: [Double]
    }

    let maxWaiting: Int
    let keepFinished: Int
    private var jobs: [String: TradeoffJob] = [:]
    private var queue: [Work] = []
    /// Finished jobs' ids, oldest first.
    private var finished: [String] = []
    nonisolated let wakeUps: AsyncStream<Void>
    private nonisolated let continuation: AsyncStream<Void>.Continuation

    init(maxWaiting: Int = 4, keepFinished: Int = 8) {
        self.maxWaiting = maxWaiting
        self.keepFinished = keepFinished
        (wakeUps, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues a sweep of `roster`; nil when `maxWaiting` sweeps wait already.
    func submit(_ request: TradeoffRequest, points: [Double], roster: Roster, planVersion: Int, at time: Date) -> TradeoffJob? {
        guard queue.count < maxWaiting else { return nil }
        let id = UUID().uuidString.lowercased()
        let job = TradeoffJob(id: id, planVersion: planVersion, request: request, points: points, submittedAt: time)
        jobs[id] = job
        queue.append(Work(id: id, roster: roster, request: request, points: points))
        continuation.yield()
        return job
    }

    func job(_ id: String) -> TradeoffJob? { jobs[id] }

    /// The next sweep to run, now marked running.
    func start(at time: Date) -> Work? {
        guard !queue.isEmpty else { return nil }
        let work = queue.removeFirst()
        jobs[work.id]?.status = .running
        jobs[work.id]?.startedAt = time
        return work
    }

    func pointDone(_ id: String) {
        jobs[id]?.pointsDone += 1
    }

    func finish(_ id: String, report: TradeoffReport, at time: Date) {
        jobs[id]?.report = report
        end(id, .done, at: time)
    }

    func fail(_ id: String, reason: String, at time: Date) {
        jobs[id]?.reason = reason
        end(id, .failed, at: time)
    }

    /// Fails every sweep still waiting (at shutdown).
    func abandonWaiting(reason: String, at time: Date) {
        for work in queue { fail(work.id, reason: reason, at: time) }
        queue = []
    }

    private func end(_ id: String, _ status: TradeoffJob.Status, at time: Date) {
        jobs[id]?.status = status
        jobs[id]?.finishedAt = time
        finished.append(id)
        while finished.count > keepFinished { jobs[finished.removeFirst()] = nil }
    }
}
