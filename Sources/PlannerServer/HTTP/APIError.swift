import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PlannerModel

/// An error answered as JSON: `{"error": {"code", "message", ...}}` with an HTTP status.
///
/// The message is a sentence a client's user can act on; `diagnostics` carries every problem of
/// a document with its place, `event` the event of a batch that does not fit.
struct APIError: Error, Sendable {
    struct Body: Encodable, Sendable {
        var code: String
        var message: String
        var diagnostics: [Diagnostic]?
        /// How many diagnostics were left out of a long list (``APIError/maxDiagnostics``).
        var omittedDiagnostics: Int?
        var event: EventProblem?
        var hearings: [String]?
    }

    struct EventProblem: Encodable, Sendable {
        var index: Int
        var id: String
        var reasons: [String]
    }

    var status: HTTPResponse.Status
    var body: Body
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, code: String, _ message: String) {
        self.status = status
        self.body = Body(code: code, message: message)
    }

    static func unauthorized(_ message: String) -> APIError {
        var error = APIError(.unauthorized, code: "unauthorized", message)
        error.headers[.wwwAuthenticate] = "Bearer realm=\"hearing-planner\""
        return error
    }

    /// At most this many diagnostics in one answer: a hostile document can have a million problems,
    /// and the answer must stay small. The message says how many there are; `validate` prints all.
    static let maxDiagnostics = 1_000

    /// Sets the diagnostics, the first ``maxDiagnostics`` of them, and how many were left out.
    mutating func setDiagnostics(_ diagnostics: [Diagnostic]) {
        body.diagnostics = Array(diagnostics.prefix(Self.maxDiagnostics))
        if diagnostics.count > Self.maxDiagnostics { body.omittedDiagnostics = diagnostics.count - Self.maxDiagnostics }
    }

    static func notFound(_ message: String) -> APIError { APIError(.notFound, code: "not-found", message) }

    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "too-large", "The request body is larger than the limit of \(limit) bytes.")
    }

    func response() -> Response {
        struct Envelope: Encodable { var error: Body }
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let bytes = (try? JSONOutput.encode(Envelope(error: body))) ?? Array(#"{"error":{"code":"internal"}}"#.utf8)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// JSON and other answers.
enum Answer {
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        bytes(try JSONOutput.encode(value), contentType: "application/json; charset=utf-8", status: status, headers: headers)
    }

    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        buffer(ByteBuffer(bytes: bytes), contentType: contentType, status: status, headers: headers)
    }

    static func buffer(_ buffer: ByteBuffer, contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }
}
