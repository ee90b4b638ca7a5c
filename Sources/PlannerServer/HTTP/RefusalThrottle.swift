import Foundation

/// Keeps a flood of requests without a valid token from growing the audit trail without bound.
///
/// In each window (a minute from the first refusal) the first `limit` refusals are recorded one
/// by one; the others are only counted, and the count is recorded as one row once the window is
/// over, before the next row of the trail. Pure: the time is passed in.
struct RefusalThrottle: Sendable, Equatable {
    /// Refusals that were counted but not recorded one by one, from `first` to `last`.
    struct Summary: Sendable, Equatable {
        var count: Int
        var first: Date
        var last: Date
    }

    var window: TimeInterval = 60
    var limit = 10
    private var windowStart: Date?
    private var recorded = 0
    private var unrecorded: Summary?

    init(window: TimeInterval = 60, limit: Int = 10) {
        self.window = window
        self.limit = limit
    }

    /// What to write for a refusal at `time`: the count of an earlier window first, if one is
    /// due, then the refusal itself when it is among the first `limit` of its window.
    mutating func refusal(at time: Date) -> (overdue: Summary?, isRecorded: Bool) {
        let due = overdue(at: time)
        if let windowStart, time < windowStart.addingTimeInterval(window) {
            if recorded < limit {
                recorded += 1
                return (due, true)
            }
            if var summary = unrecorded {
                summary.count += 1
                summary.last = time
                unrecorded = summary
            } else {
                unrecorded = Summary(count: 1, first: time, last: time)
            }
            return (due, false)
        }
        windowStart = time
        recorded = 1
        return (due, true)
    }

    /// The refusals not recorded in a window that is over at `time`, once; nil when there are
    /// none or the window is still open.
    mutating func overdue(at time: Date) -> Summary? {
        guard let summary = unrecorded, let windowStart, time >= windowStart.addingTimeInterval(window) else { return nil }
        unrecorded = nil
        return summary
    }
}
