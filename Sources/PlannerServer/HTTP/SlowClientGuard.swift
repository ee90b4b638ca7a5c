import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

#if canImport(Glibc)
import Glibc
#endif

/// The limits of the HTTP server besides the body limit (`maxBodyBytes`), as docs/api.md lists
/// them, so that slow, idle or oversized requests cannot hold the service's connections or memory
/// while others wait (docs/reliability.md, "Hostile input").
public struct ConnectionLimits: Sendable {
    /// A request's head (its line and headers) must arrive whole within this time of the
    /// connection opening or of the previous answer: headers trickled a byte at a time are cut off.
    public var headTimeout: Duration
    /// A connection on which nothing arrives for this long is closed (between requests or while
    /// one is being sent, a body too), unless an answer is being prepared.
    public var idleTimeout: Duration
    /// One header field, name and value: enough for a bearer token or the console's cookies (the
    /// HTTP parser would otherwise take up to 80 KiB).
    public static let maxHeaderFieldSize = 16 * 1024
    /// All header fields of a request together.
    public static let maxHeaderListSize = 64 * 1024
    public static let maxHeaderFieldCount = 100

    public init(headTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(60)) {
        self.headTimeout = headTimeout
        self.idleTimeout = idleTimeout
    }

    /// Hummingbird's HTTP/1.1 server with these bounds.
    var server: HTTPServerBuilder {
        .http1(configuration: HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestHeadDeadline(timeout: Self.timeAmount(headTimeout))],
            idleTimeout: Self.timeAmount(idleTimeout),
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: Self.maxHeaderFieldSize, maxHeaderListSize: Self.maxHeaderListSize,
                maxHeaderFieldCount: Self.maxHeaderFieldCount)))
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// Raises the process's soft limit of open files to its hard limit: every connection is a file,
    /// and systemd's default soft limit (1,024) would let a thousand idle clients lock the rest out.
    public static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}

/// Closes a connection whose next request head does not arrive in time. The clock starts when the
/// connection is added and again after each answer has been written; a head that arrives stops it.
final class RequestHeadDeadline: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func handlerAdded(context: ChannelHandlerContext) { arm(context) }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { disarm() }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(context) }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    private func arm(_ context: ChannelHandlerContext) {
        disarm()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            loopBound.value.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
