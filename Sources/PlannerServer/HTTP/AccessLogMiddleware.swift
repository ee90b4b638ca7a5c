import Hummingbird
import Logging

/// One log line per request once it is answered: the method, the route's template, the status
/// and the time taken, such as `http GET /v1/plans/{version} 200 3.1ms`.
///
/// The template, never the path: `/v1/people/I-4/calendar.ics` is logged as
/// `/v1/people/{id}/calendar.ics`, a feed's secret as `{secret}`, and no query is logged at all,
/// since paths and queries carry ids. A request that matches no route is `(no route)`. Every
/// line is information, whatever the status: a 503 of `/readyz` is a state, not a fault, and the
/// cause of a 500 is logged as an error where it happens.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = PlannerRequestContext

    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status.code, since: started)
            return response
        } catch let error as any HTTPResponseError {
            log(request, context, status: error.status.code, since: started)
            throw error
        } catch {
            log(request, context, status: 500, since: started)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let line: Logger.Message = "http \(request.method.rawValue) \(Self.route(context.endpointPath)) \(status) \(Self.text(milliseconds))ms"
        logger.info(line)
    }

    /// The route's template as the router matched it; `(no route)` when none matched.
    static func route(_ endpointPath: String?) -> String {
        guard let endpointPath, endpointPath != "NotFound", endpointPath.hasPrefix("/") else { return "(no route)" }
        return endpointPath
    }

    static func text(_ milliseconds: Double) -> String {
        let tenths = (milliseconds * 10).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10)"
    }
}
