import Hummingbird
import NIOCore

/// Reads a request body up to the configured limit: a larger one is refused with 413 before it
/// is read when its Content-Length says so, and as soon as it passes the limit otherwise.
struct BodyReader: Sendable {
    let limit: Int

    func bytes(of request: Request) async throws -> [UInt8] {
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
