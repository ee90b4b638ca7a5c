import PlannerModel
import PlannerStore

/// What the HTTP application and the re-plan service need from the configuration.
public struct ServerSettings: Sendable {
    /// Request bodies above this many bytes are refused with 413.
    public var maxBodyBytes: Int
    /// The time limit of one solve.
    public var solveTimeLimit: Duration
    /// How long the service waits after a change for more before it re-plans.
    public var debounce: Duration
    /// The policy a submitted roster is planned with, from the roster's own: the configuration's
    /// policy file and `freezeHours` override it here.
    public var adjustPolicy: @Sendable (Policy) throws -> Policy
    /// How long personal data is kept; nil: the service does not prune by itself.
    public var retention: RetentionRule?

    public init(
        maxBodyBytes: Int = 16 << 20, solveTimeLimit: Duration = .seconds(30), debounce: Duration = .milliseconds(250),
        adjustPolicy: @escaping @Sendable (Policy) throws -> Policy = { $0 }, retention: RetentionRule? = nil
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.solveTimeLimit = solveTimeLimit
        self.debounce = debounce
        self.adjustPolicy = adjustPolicy
        self.retention = retention
    }

    /// Deadlines for slow and idle connections.
    public var connectionLimits = ConnectionLimits()
}
