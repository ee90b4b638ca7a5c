import Locking
import Synchronization

/// The meeting point of the request handlers, which report changes, and the re-plan service,
/// which acts on them: the schedule behind a lock, and a stream that wakes the service.
final class ReplanTrigger: Sendable {
    private let schedule: Locked<ReplanSchedule>
    let wakeUps: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init(_ schedule: ReplanSchedule) {
        self.schedule = Locked(schedule)
        (wakeUps, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// A change was committed; `urgent` for a new roster, which needs a plan at once.
    func changeArrived(urgent: Bool = false) {
        schedule.withLock { $0.changeArrived(at: .now, urgent: urgent) }
        continuation.yield()
    }

    func next() -> ReplanSchedule.Action {
        schedule.withLock { $0.next(at: .now) }
    }

    /// The solve ended; returns what to do next. A `.solve` answer has already started the next
    /// solve in the schedule, so the caller must run it: dropping it left the schedule solving
    /// with nobody solving, and every later change waiting for good.
    func solveFinished(succeeded: Bool) -> ReplanSchedule.Action {
        schedule.withLock { $0.solveFinished(at: .now, succeeded: succeeded) }
    }

    func finish() { continuation.finish() }
}
