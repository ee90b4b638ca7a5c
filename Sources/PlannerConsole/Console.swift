import Foundation
import Hummingbird
import Locking
import Logging
import Synchronization

/// The planners' console: the whole job in a browser, served by the daemon beside its API.
///
/// Pages are rendered on the server from the templates built into the binary, in Dutch or
/// English, and work without JavaScript. A person signs in with a token of the token file and
/// gets a session cookie; every form carries the session's form token; a viewer's session shows
/// no forms and has its posts refused. Everything a planner changes goes through the same state,
/// and the same audit trail, as the API.
public struct Console<Context: ConsoleRequestContext>: Sendable {
    let core: ConsoleCore

    public init(
        backend: any ConsoleBackend, settings: ConsoleSettings = ConsoleSettings(), logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        core = try ConsoleCore(backend: backend, settings: settings, logger: logger, now: now)
    }

    /// Adds the console's routes: every path outside the API's (`/v1/...`, `/healthz`, `/readyz`, `/metrics`).
    public func add(to router: Router<Context>) {
        let core = core
        router.get("/assets/{name}") { request, context in core.asset(request, name: context.parameters.get("name") ?? "") }
        let pages = router.group().add(middleware: ConsolePageMiddleware<Context>(core: core))
        pages.get("/sign-in") { request, _ in core.signInPage(request) }
        pages.post("/sign-in") { request, context in try await core.signIn(request, address: context.clientAddress) }
        pages.post("/sign-out") { request, _ in try await core.signOut(request) }
        pages.get("/language/{language}") { request, context in core.switchLanguage(request, to: context.parameters.get("language")) }

        pages.get("/") { request, _ in try await core.reading(request) { try core.overview($0) } }
        pages.get("/status.json") { request, _ in try await core.reading(request) { core.statusJSON($0) } }
        pages.get("/schedule") { request, _ in try await core.reading(request) { try core.schedule(request, $0) } }
        pages.get("/schedule/day") { request, _ in try await core.reading(request) { try core.daySheet(request, $0) } }
        pages.get("/people") { request, _ in try await core.reading(request) { try core.people($0) } }
        pages.get("/people/{id}") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await core.reading(request) { try core.person(id, $0) }
        }
        pages.get("/people/{id}/calendar.ics") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await core.reading(request) { try core.calendar(id, $0) }
        }
        pages.get("/hearings/{id}") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await core.reading(request) { try await core.hearing(id, $0) }
        }
        pages.post("/hearings/{id}/choose") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await core.changing(request, action: "POST /hearings/{id}/choose") { try await core.choose(id, $0, $1) }
        }
        pages.get("/not-held") { request, _ in try await core.reading(request) { try core.notHeld(request, $0) } }
        pages.get("/not-held.csv") { request, _ in try await core.reading(request) { try core.notHeldCSV($0) } }
        pages.get("/not-met") { request, _ in try await core.reading(request) { try core.notMet(request, $0) } }
        pages.get("/not-met.csv") { request, _ in try await core.reading(request) { try core.notMetCSV($0) } }
        pages.get("/roster") { request, _ in try await core.reading(request) { core.rosterPage($0) } }
        pages.post("/roster") { request, _ in
            try await core.changing(request, action: "POST /roster") { try core.uploadRoster($0, $1) }
        }
        pages.post("/roster/confirm") { request, _ in
            try await core.changing(request, action: "POST /roster/confirm") { try await core.confirmRoster($0, $1) }
        }
        pages.get("/changes/new") { request, _ in try await core.reading(request) { try core.changeForms(request, $0) } }
        pages.post("/changes/availability") { request, _ in
            try await core.changing(request, action: "POST /changes/availability") { try await core.reportAvailability($0, $1) }
        }
        pages.post("/changes/cancel") { request, _ in
            try await core.changing(request, action: "POST /changes/cancel") { try await core.reportCancel($0, $1) }
        }
        pages.post("/changes/hearing") { request, _ in
            try await core.changing(request, action: "POST /changes/hearing") { try await core.reportHearing($0, $1) }
        }
        pages.get("/changes/follow") { request, _ in try await core.reading(request) { try await core.follow(request, $0) } }
        pages.get("/versions/{version}/changes") { request, context in
            let version = context.parameters.get("version") ?? ""
            return try await core.reading(request) { try await core.versionChanges(version, $0) }
        }
        pages.get("/versions/{version}/changes.csv") { request, context in
            let version = context.parameters.get("version") ?? ""
            return try await core.reading(request) { try await core.versionChangesCSV(version, $0) }
        }
        pages.get("/reports") { request, _ in try await core.reading(request) { try core.fulfilment($0) } }
        pages.get("/reports/tradeoff") { request, _ in try await core.reading(request) { core.tradeoffPage($0) } }
        pages.post("/reports/tradeoff") { request, _ in
            try await core.changing(request, action: "POST /reports/tradeoff") { try await core.startTradeoff($0, $1) }
        }
        pages.get("/reports/tradeoff/{job}") { request, context in
            let job = context.parameters.get("job") ?? ""
            return try await core.reading(request) { await core.tradeoffJob(job, $0) }
        }
    }

    /// Router middleware that answers paths nobody routes with the console's own "not found"
    /// page, in the reader's language; the API's paths keep their JSON errors.
    public var fallback: ConsoleFallbackMiddleware<Context> { ConsoleFallbackMiddleware(core: core) }

    /// Whether `path` belongs to the API rather than the console.
    public static func isAPIPath(_ path: String) -> Bool {
        path == "/v1" || path.hasPrefix("/v1/") || path == "/healthz" || path == "/readyz" || path == "/metrics"
    }
}

/// Everything behind the console's routes, in one place; the pages are its extensions.
final class ConsoleCore: Sendable {
    let backend: any ConsoleBackend
    let settings: ConsoleSettings
    let sessions: Sessions
    let throttle: Locked<SignInThrottle>
    let renderer: Renderer
    let assets: Assets
    let logger: Logger
    let now: @Sendable () -> Date

    init(backend: any ConsoleBackend, settings: ConsoleSettings, logger: Logger, now: @escaping @Sendable () -> Date) throws {
        self.backend = backend
        self.settings = settings
        self.logger = logger
        self.now = now
        sessions = Sessions(settings)
        throttle = Locked(SignInThrottle(limit: settings.signInFailures, window: settings.signInWindow.seconds))
        renderer = try Renderer()
        assets = Assets()
    }
}
