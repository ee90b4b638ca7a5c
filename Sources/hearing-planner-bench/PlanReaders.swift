import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Tells the readers to stop.
final class StopFlag: Sendable {
    let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() { value.store(true, ordering: .releasing) }
}

/// The readers of the `serve` section: closed-loop clients of one route, each on its own
/// keep-alive connection, that send the next request as soon as the last byte of an answer came.
///
/// The client is NIO's HTTP/1.1 codec and one small handler, on the event loop: a request's time
/// runs from writing it to the last byte of the answer, read there. Bodies are counted, never
/// decoded or decompressed, so the figure is the service's (and the loopback's), not a client
/// library's. (The same readers through `URLSession`, which decompresses, measured about 0.5 s
/// a request where this client measured 10 ms: docs/performance.md.)
struct PlanReaders {
    var port: Int
    var token: String
    var path = "/v1/plans/current"
    var count: Int
    /// Sends `Accept-Encoding: gzip`.
    var acceptsGzip: Bool
    /// Sends `If-None-Match` with the tag of the last plan received, as a polling client does.
    var isConditional: Bool

    struct Outcome: Sendable {
        /// Seconds of every request.
        var latencies: [Double] = []
        /// Bytes of the last body with a 200, as sent (compressed when gzip).
        var bodyBytes = 0
        /// Answers other than 200 and 304, or a connection that failed.
        var failures = 0
    }

    /// Connects every reader, then reads until `stop` is set; the outcomes of all readers together.
    func read(until stop: StopFlag, firstTag: String?) async throws -> Outcome {
        let group = MultiThreadedEventLoopGroup.singleton
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
        head.headers.add(name: "Host", value: "127.0.0.1:\(port)")
        head.headers.add(name: "Authorization", value: "Bearer \(token)")
        if acceptsGzip { head.headers.add(name: "Accept-Encoding", value: "gzip") }
        let template = head
        let isConditional = isConditional
        var results: [EventLoopFuture<Outcome>] = []
        for _ in 0..<count {
            let promise = group.next().makePromise(of: Outcome.self)
            _ = ClientBootstrap(group: group)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(ReaderHandler(
                            head: template, tag: isConditional ? firstTag : nil, stop: stop, done: promise))
                    }
                }
                .connect(host: "127.0.0.1", port: port)
                .whenFailure { promise.fail($0) }
            results.append(promise.futureResult)
        }
        var all = Outcome()
        for result in results {
            let outcome = try await result.get()
            all.latencies += outcome.latencies
            all.bodyBytes = max(all.bodyBytes, outcome.bodyBytes)
            all.failures += outcome.failures
        }
        return all
    }
}

/// One reader's loop, on its connection's event loop.
private final class ReaderHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    let head: HTTPRequestHead
    /// The entity tag to send in `If-None-Match`, or nil for unconditional reads.
    var tag: String?
    let stop: StopFlag
    let done: EventLoopPromise<PlanReaders.Outcome>
    var outcome = PlanReaders.Outcome()
    var started = NIODeadline.now()
    var status = 0
    var bytes = 0
    var isFinished = false

    init(head: HTTPRequestHead, tag: String?, stop: StopFlag, done: EventLoopPromise<PlanReaders.Outcome>) {
        self.head = head
        self.tag = tag
        self.stop = stop
        self.done = done
    }

    func channelActive(context: ChannelHandlerContext) {
        send(context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let response):
            status = Int(response.status.code)
            bytes = 0
            if status == 200, tag != nil, let newTag = response.headers.first(name: "ETag") { tag = newTag }
        case .body(let part):
            bytes += part.readableBytes
        case .end:
            outcome.latencies.append(Double((NIODeadline.now() - started).nanoseconds) / 1e9)
            if status == 200 { outcome.bodyBytes = bytes }
            if status != 200 && status != 304 { outcome.failures += 1 }
            if stop.isSet || outcome.failures > 0 {
                finish(context)
            } else {
                send(context)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        outcome.failures += 1
        finish(context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !isFinished {
            outcome.failures += 1
            isFinished = true
            done.succeed(outcome)
        }
    }

    private func send(_ context: ChannelHandlerContext) {
        var head = head
        if let tag { head.headers.add(name: "If-None-Match", value: tag) }
        started = .now()
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func finish(_ context: ChannelHandlerContext) {
        guard !isFinished else { return }
        isFinished = true
        done.succeed(outcome)
        context.close(promise: nil)
    }
}
