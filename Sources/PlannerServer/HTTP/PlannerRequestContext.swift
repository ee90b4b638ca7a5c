import Hummingbird
import PlannerConsole

/// The context of one request: Hummingbird's own, the token that authenticated it, and the
/// client's address (for the console's sign-in throttle).
public struct PlannerRequestContext: RequestContext, ConsoleRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``BearerAuthMiddleware``; nil only on routes that need no token (`/healthz`, the console's).
    public var token: TokenRecord?
    /// The peer's IP address, when the connection has one.
    public let clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        token = nil
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The name recorded in the audit trail: the token's name, never the token.
    var auditName: String { token?.name ?? "(none)" }
}
