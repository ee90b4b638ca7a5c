/// The time a search runs against, handed in by its caller: the continuous clock in the
/// executable, a clock a test moves by hand in a test. Deadlines are instants of it.
public struct SearchClock: Sendable {
    private let read: @Sendable () -> ContinuousClock.Instant

    public init(now: @escaping @Sendable () -> ContinuousClock.Instant) {
        read = now
    }

    /// The instant now.
    public var now: ContinuousClock.Instant { read() }

    /// The machine's continuous clock.
    public static let continuous = SearchClock { ContinuousClock.now }
}
