import Foundation
import HTTPTypes
import Hummingbird
import PlannerConsole

/// Checks the bearer token of every API request but `GET /healthz`: 401 when it is missing or
/// unknown, 403 when a viewer's token asks to change something. Refusals go to the audit trail.
/// The console's paths (everything outside the API's) have their own sessions instead: a browser
/// cannot send a bearer token.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = PlannerRequestContext

    /// Finds the token's record; constant-time and hashed in ``TokenFile``.
    let authenticate: @Sendable (String) -> TokenRecord?
    let auditor: Auditor

    /// Paths open to everyone: a liveness probe must work without a secret.
    static let openPaths: Set<String> = ["/healthz"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.openPaths.contains(request.uri.path) || !Console<Context>.isAPIPath(request.uri.path) {
            return try await next(request, context)
        }
        let action = Auditor.action(request)
        guard let header = request.headers[.authorization] else {
            auditor.recordRefusal(action: action, outcome: "401 no token")
            throw APIError.unauthorized("This route needs a bearer token: send the header Authorization: Bearer TOKEN.")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              let token = authenticate(String(parts[1]).trimmingCharacters(in: .whitespaces))
        else {
            auditor.recordRefusal(action: action, outcome: "401 unknown token")
            throw APIError.unauthorized("The bearer token is not known to this service.")
        }
        if !Self.isReading(request.method) && !token.role.mayWrite {
            auditor.record(token: token.name, action: action, outcome: "403 \(token.role.rawValue) may not write")
            throw APIError(.forbidden, code: "forbidden", "The token \"\(token.name)\" has the role \(token.role.rawValue), which may only read.")
        }
        var context = context
        context.token = token
        return try await next(request, context)
    }

    static func isReading(_ method: HTTPRequest.Method) -> Bool {
        method == .get || method == .head || method == .options
    }
}
