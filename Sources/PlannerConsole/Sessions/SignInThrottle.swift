import Foundation

/// Slows down guessing at the sign-in form: after `limit` failed sign-ins from one address within
/// `window`, sign-ins from that address are refused until the oldest failure is older than the
/// window. Pure: the time is passed in. Tokens are 256-bit random values, so guessing cannot
/// succeed anyway; this keeps a guesser from filling the audit trail and the log with noise.
struct SignInThrottle: Sendable {
    let limit: Int
    let window: TimeInterval
    /// Addresses remembered at most; beyond it the one failed longest ago is forgotten.
    let capacity: Int
    private var failures: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval, capacity: Int = 10_000) {
        self.limit = max(1, limit)
        self.window = window
        self.capacity = capacity
    }

    /// Whether a sign-in from `address` may be tried at `time`.
    mutating func allows(_ address: String, at time: Date) -> Bool {
        forgetOld(address, at: time)
        return (failures[address]?.count ?? 0) < limit
    }

    mutating func failed(_ address: String, at time: Date) {
        forgetOld(address, at: time)
        failures[address, default: []].append(time)
        if failures.count > capacity,
           let oldest = failures.min(by: { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) })?.key
        {
            failures[oldest] = nil
        }
    }

    /// When `address` may try again, if it is refused now.
    func retryAfter(_ address: String, at time: Date) -> TimeInterval? {
        guard let list = failures[address], list.count >= limit, let first = list.first else { return nil }
        return max(1, first.addingTimeInterval(window).timeIntervalSince(time))
    }

    private mutating func forgetOld(_ address: String, at time: Date) {
        guard let list = failures[address] else { return }
        let kept = list.filter { time.timeIntervalSince($0) < window }
        failures[address] = kept.isEmpty ? nil : kept
    }
}
