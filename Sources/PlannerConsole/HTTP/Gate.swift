import Foundation
import Hummingbird
import NIOCore

extension ConsoleCore {
    /// A page for anyone signed in; others are sent to the sign-in page, which brings them back.
    func reading(_ request: Request, _ build: (Visit) async throws -> Response) async throws -> Response {
        let visit = visit(request)
        guard visit.session != nil else { return signInRedirect(visit) }
        return try await build(visit)
    }

    /// A form that changes something: it needs a session, the session's form token, and a holder
    /// who may change things. A refusal is a 403 page and a line in the audit trail, as the API's
    /// refusals are.
    func changing(
        _ request: Request, action: String, _ build: (Visit, FormFields) async throws -> Response
    ) async throws -> Response {
        let visit = visit(request)
        let audited = "console " + action
        guard let session = visit.session else {
            backend.auditRefusal(action: audited, outcome: "401 no session")
            return signInRedirect(visit)
        }
        let form = try await fields(of: request)
        guard let sent = form["formToken"], Secret.matches(sent, session.formToken) else {
            backend.audit(holder: session.holder.name, action: audited, outcome: "403 form token missing or wrong")
            throw ConsoleError(status: .forbidden, key: "error.formToken")
        }
        guard session.holder.mayChange else {
            backend.audit(holder: session.holder.name, action: audited, outcome: "403 \(session.holder.role) may not change")
            throw ConsoleError(status: .forbidden, key: "error.viewer")
        }
        return try await build(visit, form)
    }

    func signInRedirect(_ visit: Visit) -> Response {
        let next = visit.target == "/" ? "" : "?next=" + (visit.target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        return ConsoleAnswer.redirect("/sign-in" + next)
    }

    /// The fields of a posted form, urlencoded or multipart, within the upload limit.
    func fields(of request: Request) async throws -> FormFields {
        let limit = settings.maxUploadBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw ConsoleError.tooLarge }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw ConsoleError.tooLarge
        }
        let type = request.headers[.contentType] ?? ""
        if let boundary = FormFields.boundary(of: type) {
            do {
                return try FormFields.multipart(buffer, boundary: boundary)
            } catch {
                throw ConsoleError.badForm
            }
        }
        return FormFields.urlEncoded(String(buffer: buffer))
    }
}
