import Hummingbird

/// What the console needs of the server's request context beyond Hummingbird's own.
public protocol ConsoleRequestContext: RequestContext {
    /// The client's address, to slow down failed sign-ins from it; nil when it is not known.
    var clientAddress: String? { get }
}
