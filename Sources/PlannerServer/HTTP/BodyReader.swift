import Hummingbird
import NIOCore

/// Reads a request body up to the configured limit: a larger one is refused with 413 before it
/// is read when its Content-Length says so, and as soon as it passes the limit otherwise.
public struct BodyReader: Sendable {
    let limit: Int

    public init(limit: Int) { self.limit = limit }

    /// Whether `error` is the refusal of a body above the limit (413 `too-large`).
    public static func isTooLarge(_ error: any Error) -> Bool {
        (error as? APIError)?.body.code == "too-large"
    }

    public func bytes(of request: Request) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw APIError.tooLarge(limit: limit)
        }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit)
        }
    }
}
