import Hummingbird
import Logging
import PlannerStore

/// Turns every error into a JSON answer. An `APIError` says its own status; Hummingbird's errors
/// keep theirs (404 for an unknown route); anything else is a 500 whose details go to the log
/// as a type name only, since an error's text may quote a request.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = PlannerRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as any HTTPResponseError {
            let status = error.status
            let code = status == .notFound ? "not-found" : status == .contentTooLarge ? "too-large" : "http-\(status.code)"
            return APIError(status, code: code, status.reasonPhrase).response()
        } catch where AppDatabase.isStorageFull(error) || AppDatabase.isStorageFailure(error) {
            // The transaction was rolled back: nothing of this request is stored, and it may be sent again.
            let isFull = AppDatabase.isStorageFull(error)
            context.logger.error("the state could not be written", metadata: ["full": "\(isFull)"])
            return APIError(
                isFull ? HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage") : .serviceUnavailable, code: isFull ? "storage-full" : "storage-failure",
                isFull
                    ? "The disk under the state directory is full: nothing of this request was stored. Send it again once there is space."
                    : "The state database could not be written: nothing of this request was stored. Send it again later."
            ).response()
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(type(of: error))"])
            return APIError(.internalServerError, code: "internal", "The service failed on this request; the log has the details.").response()
        }
    }
}
