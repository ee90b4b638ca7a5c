import Hummingbird
import HummingbirdCore
import NIOCore

/// The limits of the HTTP server besides the body limit (`maxBodyBytes`), as docs/api.md lists
/// them: a connection that sends nothing for a minute while no answer is being prepared is
/// closed, and the request line and headers are bounded, so that slow or oversized requests
/// cannot hold the service's connections or memory.
enum HTTPLimits {
    /// A connection idle this long, between requests or while sending one, is closed.
    static let idleTimeout: TimeAmount = .seconds(60)
    /// One header field, name and value: enough for a bearer token or the console's cookies.
    static let maxHeaderFieldSize = 16 * 1024
    /// All header fields of a request together.
    static let maxHeaderListSize = 64 * 1024
    static let maxHeaderFieldCount = 100

    static var configuration: HTTP1Channel.Configuration {
        HTTP1Channel.Configuration(
            idleTimeout: idleTimeout,
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: maxHeaderFieldSize, maxHeaderListSize: maxHeaderListSize, maxHeaderFieldCount: maxHeaderFieldCount))
    }
}
