import Foundation
import Hummingbird
import Logging
import NIOCore
import Planning
import PlannerConsole
import PlannerStore
import PlannerStorePostgres
import ServiceLifecycle

/// Everything the service is built from that does not come from a request.
public struct ServerParts: Sendable {
    public var database: any PlanningStore
    public var settings: ServerSettings
    /// The planners' console: its sessions and uploads.
    public var console: ConsoleSettings
    /// Finds the record of a bearer token, or nil for an unknown one (``TokenFile/authenticate(bearer:)``).
    public var authenticate: @Sendable (String) -> TokenRecord?
    /// The planner and solver the service plans with, chosen by the executable.
    public var engine: PlanningEngine
    /// How a roster's plans are made: the engine's planner, unless a test says otherwise.
    public var planMaker: PlanMaker
    public var metrics: ServerMetrics
    public var logger: Logger
    public var now: @Sendable () -> Date
    /// Called once the server listens (after the state was loaded), with its port and the
    /// current plan version.
    public var onListening: @Sendable (_ port: Int, _ version: Int?) async -> Void
    /// Called with each new plan version once it is stored and current.
    public var onPublished: @Sendable (Int) -> Void
    /// Several daemons on one PostgreSQL database: this daemon's session, which decides whether it
    /// re-plans (docs/operations.md); nil for a daemon on its own.
    public var cluster: Leadership?

    public init(
        database: any PlanningStore, settings: ServerSettings = ServerSettings(), console: ConsoleSettings = ConsoleSettings(),
        authenticate: @escaping @Sendable (String) -> TokenRecord?, engine: PlanningEngine, planMaker: PlanMaker? = nil, metrics: ServerMetrics = ServerMetrics(),
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        onListening: @escaping @Sendable (_ port: Int, _ version: Int?) async -> Void = { _, _ in }, onPublished: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.database = database
        self.settings = settings
        self.console = console
        self.authenticate = authenticate
        self.engine = engine
        self.planMaker = planMaker ?? .standard(engine)
        self.metrics = metrics
        self.logger = logger
        self.now = now
        self.onListening = onListening
        self.onPublished = onPublished
        self.cluster = nil
    }
}

/// The service as one Hummingbird application: the JSON API of docs/api.md and the planners'
/// console (docs/console.md) with the re-plan service beside them. The executable runs it; tests drive the very same application in memory.
///
/// Reads the state back from the database first, so that the service starts with the plan and
/// the pending events it had when it stopped.
public func buildApplication(
    _ parts: ServerParts, host: String = "127.0.0.1", port: Int = 8470
) async throws -> some ApplicationProtocol {
    let built = try await ServerAssembly(parts)
    let board = built.board
    ConnectionLimits.raiseOpenFileLimit()
    return Application(
        router: built.router,
        server: parts.settings.connectionLimits.server,
        configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "hearing-planner"),
        services: [built.replanService, built.tradeoffService] + built.retentionServices + built.clusterServices,
        onServerRunning: { channel in
            await parts.onListening(channel.localAddress?.port ?? port, board.plan?.version)
        },
        logger: parts.logger)
}

/// The router, the re-plan service and the tradeoff sweeps, wired to one state.
struct ServerAssembly {
    let router: Router<PlannerRequestContext>
    let replanService: ReplanService
    let tradeoffService: TradeoffService
    /// Daily pruning, when the settings name a retention.
    let retentionServices: [RetentionService]
    /// The session to the shared database, with several daemons.
    let clusterServices: [ClusterService]
    let state: PlanningState
    let board: PlanBoard

    init(_ parts: ServerParts) async throws {
        let board = PlanBoard()
        let state = PlanningState(
            database: parts.database, board: board, metrics: parts.metrics, logger: parts.logger,
            adjustPolicy: parts.settings.adjustPolicy, isShared: parts.cluster != nil,
            firstPlanWait: parts.settings.solveTimeLimit * 3 + .seconds(60))
        do {
            try await state.load()
        } catch where AppDatabase.isDamage(error) {
            // A document or page that does not read back: refuse to start, naming the file and the restore.
            guard let file = (parts.database as? AppDatabase)?.path, !file.isEmpty else { throw error }
            throw AppDatabase.damaged(path: file, "\(error)")
        }
        if let current = board.plan { parts.metrics.recordPublished(current.plan, version: current.version) }
        let trigger = ReplanTrigger(ReplanSchedule(debounce: parts.settings.debounce))
        let auditor = Auditor(database: parts.database, logger: parts.logger, now: parts.now)

        let router = Router(context: PlannerRequestContext.self, options: .autoGenerateHeadEndpoints)
        let jobs = TradeoffJobs()
        let desk = OptionsDesk()
        let console = try Console<PlannerRequestContext>(
            backend: ServerConsoleBackend(
                database: parts.database, state: state, board: board, trigger: trigger, desk: desk, jobs: jobs, auditor: auditor,
                authenticate: parts.authenticate, solveTimeLimit: parts.settings.solveTimeLimit, now: parts.now),
            settings: parts.console, logger: parts.logger, now: parts.now)
        // Outermost: the access log sees every answer; the HTTP rules (no-store, 405) apply to all.
        let routeMethods = RouteMethods()
        router.add(middleware: AccessLogMiddleware(logger: parts.logger))
        router.add(middleware: HTTPRulesMiddleware(methods: routeMethods))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: DatabaseOutageMiddleware())
        router.add(middleware: console.fallback)
        // Before the bearer-token middleware, which therefore does not apply: a calendar feed's
        // secret is its credential.
        let feeds = FeedRoutes(database: parts.database, board: board, auditor: auditor, now: parts.now)
        feeds.addOpenRoute(to: router)
        router.add(middleware: BearerAuthMiddleware(authenticate: parts.authenticate, auditor: auditor))
        console.add(to: router)
        feeds.add(to: router)
        ServiceRoutes(board: board, metrics: parts.metrics).add(to: router)
        WriteRoutes(
            state: state, board: board, trigger: trigger, body: BodyReader(limit: parts.settings.maxBodyBytes),
            auditor: auditor, now: parts.now
        ).add(to: router)
        PlanRoutes(database: parts.database, board: board).add(to: router)
        ExportRoutes(database: parts.database).add(to: router)
        VerificationRoutes(database: parts.database, desk: VerificationDesk()).add(to: router)
        ReportRoutes(board: board).add(to: router)
        WhatIfRoutes(
            board: board, desk: desk, jobs: jobs, body: BodyReader(limit: parts.settings.maxBodyBytes),
            auditor: auditor, solveTimeLimit: parts.settings.solveTimeLimit, now: parts.now
        ).add(to: router)

        routeMethods.learn(router.routes.map { (path: $0.path.description, method: $0.method.rawValue) })
        self.router = router
        self.state = state
        self.board = board
        let runner = SolverRunner(slot: SolverSlot(), engine: parts.engine)
        replanService = ReplanService(
            state: state, trigger: trigger, maker: parts.planMaker, runner: runner, settings: parts.settings, metrics: parts.metrics,
            auditor: auditor, logger: parts.logger, now: parts.now, onPublished: parts.onPublished,
            isLeader: { [cluster = parts.cluster] in cluster?.isLeader ?? true })
        clusterServices = parts.cluster.map { cluster in
            [ClusterService(
                leadership: cluster, state: state, trigger: trigger, board: board,
                gauges: ClusterGauges(registry: parts.metrics.registry, instance: cluster.instance), logger: parts.logger)]
        } ?? []
        retentionServices = parts.settings.retention.map { rule in
            [RetentionService(
                state: state, rule: rule, metrics: parts.metrics, logger: parts.logger, now: parts.now,
                sleep: { try await Task.sleep(for: $0) })]
        } ?? []
        tradeoffService = TradeoffService(
            jobs: jobs, runner: runner, logger: parts.logger, now: parts.now)
    }
}
