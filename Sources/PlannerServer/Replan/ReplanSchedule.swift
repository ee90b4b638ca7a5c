/// When to re-plan: the decisions of the re-plan service, without its I/O.
///
/// Changes arriving close together are coalesced: a solve starts `debounce` after the last
/// change, but never later than `maxDelay` after the first one waiting, so a steady trickle of
/// changes cannot postpone re-planning for ever. An urgent change (a new roster) starts a solve
/// at once. One solve runs at a time; changes arriving during it wait for the next. After a solve
/// that gave no plan, the next try is `retryDelay` later unless a change comes first.
///
/// The time is passed in, so tests drive it without a clock.
public struct ReplanSchedule: Sendable, Equatable {
    /// What the service should do now.
    public enum Action: Sendable, Equatable {
        /// Start a solve now.
        case solve
        /// Nothing before this instant (unless a change arrives).
        case wait(until: ContinuousClock.Instant)
        /// Nothing until a change arrives.
        case idle
    }

    public let debounce: Duration
    public let maxDelay: Duration
    public let retryDelay: Duration

    public private(set) var isSolving = false
    private var firstWaiting: ContinuousClock.Instant?
    private var lastArrival: ContinuousClock.Instant?
    private var isUrgent = false
    private var retryAt: ContinuousClock.Instant?

    public init(debounce: Duration, maxDelay: Duration? = nil, retryDelay: Duration = .seconds(300)) {
        self.debounce = debounce
        self.maxDelay = max(maxDelay ?? debounce * 5, debounce)
        self.retryDelay = retryDelay
    }

    /// Whether changes wait for a solve.
    public var hasWaitingChanges: Bool { firstWaiting != nil || retryAt != nil }

    /// A change was committed at `now`; `urgent` skips the debounce. Ask `next(at:)` what to do.
    public mutating func changeArrived(at now: ContinuousClock.Instant, urgent: Bool = false) {
        if firstWaiting == nil { firstWaiting = now }
        lastArrival = max(lastArrival ?? now, now)
        isUrgent = isUrgent || urgent
    }

    /// What to do at `now`. Answering `.solve` records that the solve started.
    public mutating func next(at now: ContinuousClock.Instant) -> Action {
        guard !isSolving else { return .idle }
        var due = retryAt
        if let first = firstWaiting, let last = lastArrival {
            let changeDue = isUrgent ? first : min(last + debounce, first + maxDelay)
            due = min(due ?? changeDue, changeDue)
        }
        guard let due else { return .idle }
        guard now >= due else { return .wait(until: due) }
        isSolving = true
        firstWaiting = nil
        lastArrival = nil
        isUrgent = false
        retryAt = nil
        return .solve
    }

    /// The solve started by the last `.solve` ended at `now`, with a plan or without.
    public mutating func solveFinished(at now: ContinuousClock.Instant, succeeded: Bool) -> Action {
        isSolving = false
        if !succeeded && firstWaiting == nil {
            // Try again later; a change arriving before then is due on its own terms.
            retryAt = now + retryDelay
        }
        return next(at: now)
    }
}
