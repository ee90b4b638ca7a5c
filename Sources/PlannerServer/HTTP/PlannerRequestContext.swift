import Hummingbird

/// The context of one request: Hummingbird's own, plus the token that authenticated it.
public struct PlannerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``BearerAuthMiddleware``; nil only on routes that need no token (`/healthz`).
    public var token: TokenRecord?

    public init(source: Source) {
        coreContext = .init(source: source)
        token = nil
    }

    /// The name recorded in the audit trail: the token's name, never the token.
    var auditName: String { token?.name ?? "(none)" }
}
