import Foundation
import HTTPTypes
import Hummingbird

/// A page the console cannot show, with the catalogue key of the sentence that says why.
struct ConsoleError: Error, Sendable {
    var status: HTTPResponse.Status
    var key: String
    var values: [String: String] = [:]

    static let notFound = ConsoleError(status: .notFound, key: "error.notFound")
    static let noPlan = ConsoleError(status: .notFound, key: "error.noPlan")
    static let tooLarge = ConsoleError(status: .contentTooLarge, key: "error.tooLarge")
    static let badForm = ConsoleError(status: .badRequest, key: "error.badForm")
}

/// Around every console page: the security headers, and errors as pages in the reader's language.
/// An unexpected error is logged by its type only (its text may quote a request) and shown as a
/// plain "something went wrong" page. `Server-Timing` says how long the page took to make
/// (`make bench` reads it).
struct ConsolePageMiddleware<Context: ConsoleRequestContext>: RouterMiddleware {
    let core: ConsoleCore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as ConsoleError {
            response = core.errorPage(request, error)
        } catch let error as any HTTPResponseError {
            let key = error.status == .notFound ? "error.notFound" : error.status == .contentTooLarge ? "error.tooLarge" : "error.badForm"
            response = core.errorPage(request, ConsoleError(status: error.status, key: key))
        } catch {
            context.logger.error("console request failed", metadata: ["error": "\(type(of: error))"])
            response = core.errorPage(request, ConsoleError(status: .internalServerError, key: "error.internal"))
        }
        ConsoleAnswer.secure(&response.headers)
        let elapsed = (ContinuousClock.now - started).seconds * 1000
        response.headers.append(HTTPField(name: ConsoleAnswer.serverTiming, value: "page;dur=" + String(format: "%.2f", elapsed)))
        return response
    }
}

/// On the whole router: a path that no route serves and that is not the API's gets the console's
/// "not found" page rather than the API's JSON.
public struct ConsoleFallbackMiddleware<Context: ConsoleRequestContext>: RouterMiddleware {
    let core: ConsoleCore

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Console<Context>.isAPIPath(request.uri.path) else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            var response = core.errorPage(request, .notFound)
            ConsoleAnswer.secure(&response.headers)
            return response
        }
    }
}
