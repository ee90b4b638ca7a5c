import HTTPTypes
import Hummingbird
import Locking
import Synchronization

/// The routes of the service and their methods, learnt from the router once every route is
/// added, so that a request for a path the service has, with a method it does not have there,
/// gets 405 and `Allow` rather than 404.
final class RouteMethods: Sendable {
    private let templates = Locked<[(components: [Substring], methods: Set<String>)]>([])

    /// Takes the router's routes: each template with the methods it answers.
    func learn(_ routes: [(path: String, method: String)]) {
        var methods: [String: Set<String>] = [:]
        for route in routes {
            methods[route.path, default: []].insert(route.method)
            // The router answers HEAD wherever it answers GET (autoGenerateHeadEndpoints).
            if route.method == "GET" { methods[route.path, default: []].insert("HEAD") }
        }
        templates.withLock { list in
            list = methods.map { (Self.components($0.key), $0.value) }
        }
    }

    /// The methods allowed on `path`, sorted; empty when no route has that path.
    func allowed(on path: String) -> [String] {
        let parts = Self.components(path)
        let found = templates.withLock { list in
            list.filter { Self.matches(template: $0.components, path: parts) }.map(\.methods)
        }
        return Array(found.reduce(into: Set<String>()) { $0.formUnion($1) }).sorted()
    }

    private static func components(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// `{name}` matches any one component (`{name}.ics` one that ends in `.ics`), `*` too, and
    /// `**` the rest of the path.
    static func matches(template: [Substring], path: [Substring]) -> Bool {
        var index = 0
        for part in template {
            if part == "**" { return true }
            guard index < path.count else { return false }
            guard matches(part, path[index]) else { return false }
            index += 1
        }
        return index == path.count
    }

    private static func matches(_ part: Substring, _ component: Substring) -> Bool {
        if part == "*" { return true }
        guard let open = part.firstIndex(of: "{"), let close = part.firstIndex(of: "}"), open < close else { return part == component }
        let prefix = part[..<open], suffix = part[part.index(after: close)...]
        return component.count > prefix.count + suffix.count && component.hasPrefix(prefix) && component.hasSuffix(suffix)
    }
}

/// Rules every answer keeps, whatever route made it:
///
/// - `Cache-Control: no-store` unless the route chose its own: plans, rosters, calendars, reports
///   and their errors are about people, and no browser or proxy may keep a copy;
/// - 405 with `Allow` for a method a path does not have (RFC 9110, 15.5.6), instead of the
///   router's 404.
struct HTTPRulesMiddleware: RouterMiddleware {
    typealias Context = PlannerRequestContext

    let methods: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // The router's own 404 (no route matched), as ErrorMiddleware answered it.
        if response.status == .notFound, context.endpointPath == "NotFound" {
            let allowed = methods.allowed(on: request.uri.path)
            if !allowed.isEmpty {
                if response.headers[.contentType]?.hasPrefix("application/json") == true {
                    response = APIError(
                        .methodNotAllowed, code: "method-not-allowed",
                        "\(request.method.rawValue) is not allowed here; this path allows \(allowed.joined(separator: ", ")).").response()
                } else {
                    // A page of its own (the console's): its body stays, with the right status.
                    response.status = .methodNotAllowed
                }
                response.headers[.allow] = allowed.joined(separator: ", ")
            }
        }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
