import ArgumentParser
import Foundation
import Locking
import Logging
import PlannerConsole
import PlannerModel
import PlannerServer
import PlannerStore
import PlannerStorePostgres
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the planning service: the HTTP API, durable state, and re-planning on every change.",
        discussion: """
            Listens on 127.0.0.1:8470 unless the configuration file or --listen says otherwise; the \
            flags override the file. Every API route but /healthz needs a bearer token from the token \
            file (`hearing-planner token add`); the planners' console at / signs in with the same \
            tokens in a browser (docs/console.md). Stops gracefully on SIGTERM or SIGINT. Under systemd \
            (Type=notify) it sends READY once it listens with its state loaded, STATUS with the \
            current plan version, and WATCHDOG pings. SIGHUP (systemctl reload) reads the token \
            file again. Only one serve may use a state directory at a time. Once a day it deletes \
            the data of horizons that ended more than retention.days ago (docs/privacy.md). See \
            docs/api.md and docs/operations.md.
            """)

    @Option(help: ArgumentHelp("The configuration file (JSON, see docs/operations.md).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Listen on this address (port 0: any free port).", valueName: "host:port"))
    var listen: String?

    @Option(help: ArgumentHelp("Keep the state (state.sqlite) in this directory.", valueName: "dir"))
    var stateDir: String?

    @Option(help: ArgumentHelp("The token file.", valueName: "file"))
    var tokens: String?

    func run() async throws {
        do {
            try await serve()
        } catch let error where !(error is ExitCode) && StandardErrorLogHandler.style() == .journal {
            // Under systemd a failed start is an error in the journal, not a line at priority info
            // as the argument parser would print it.
            throw Self.failure("\(error)")
        }
    }

    private func serve() async throws {
        // Everything the service creates (the database, its -wal and -shm files) is private.
        umask(0o077)
        let configuration = try resolvedConfiguration()
        guard let tokenPath = configuration.tokenFile else {
            throw ValidationError("No token file: give --tokens FILE or tokenFile in the configuration; make one with `hearing-planner token add`.")
        }
        let logger = Self.logger(level: configuration.logLevel)
        let tokens: TokenStore
        let database: any PlanningStore
        let lock: StateLock
        var cluster: Leadership?
        do {
            // The policy file is read now, so that a broken one stops the start, not a submission.
            _ = try configuration.policy(over: Policy())
            // One daemon per state directory: a second one stops here, naming the first.
            lock = try StateLock.acquire(directory: configuration.stateDirectory, purpose: "serve")
            if let shared = configuration.database {
                // Several daemons on one PostgreSQL database (docs/operations.md).
                let store = try Self.openShared(try shared.connectionSettings(), logger: logger)
                database = store
                cluster = Leadership(
                    store: store, instance: shared.instance ?? Self.instanceName(port: configuration.listenPort), logger: logger)
            } else {
                database = try AppDatabase.open(stateDirectory: configuration.stateDirectory)
            }
            tokens = try TokenStore(path: tokenPath, recordUse: { name, time in
                do {
                    try database.recordTokenUse(name: name, at: time)
                } catch {
                    logger.warning("cannot record a token's use", metadata: ["error": "\(type(of: error))"])
                }
            })
        } catch let error as ConfigurationError {
            throw Self.failure(error.description)
        } catch let error as TokenFileError {
            throw Self.failure(error.description)
        } catch let error as StoreError {
            throw Self.failure(error.description)
        }
        defer { lock.release() }

        // GLPK's progress lines are for `plan --verbose`, not for the service's log.
        let solverLogger = Self.logger(level: max(configuration.logLevel, .notice))
        let notifier = SystemdNotifier(logger: logger)
        let host = configuration.listenHost
        let settings = ServerSettings(
            maxBodyBytes: configuration.maxBodyBytes, solveTimeLimit: configuration.solveTimeLimit,
            debounce: configuration.debounce, adjustPolicy: { try configuration.policy(over: $0) },
            retention: RetentionRule(days: configuration.retentionDays, auditDays: configuration.auditRetentionDays))
        let console = ConsoleSettings(
            secureCookies: configuration.secureCookies,
            idleTimeout: .milliseconds(Int64(configuration.sessionIdleMinutes * 60_000)),
            maxUploadBytes: configuration.maxBodyBytes)
        let currentVersion = Locked<Int?>(nil)
        var parts = ServerParts(
            database: database, settings: settings, console: console, authenticate: { tokens.authenticate(bearer: $0) },
            engine: .glpk(logger: solverLogger), logger: logger,
            onListening: { port, version in
                currentVersion.withLock { $0 = version }
                logger.notice("listening", metadata: [
                    "address": "\(ListenAddress(host: host, port: port))", "version": "\(BuildInfo.version)",
                ])
                notifier.ready(status: Self.status(version))
            },
            onPublished: { version in
                currentVersion.withLock { $0 = version }
                notifier.status(Self.status(version))
            })
        let reload = await ReloadOnHangup.trap(tokens: tokens, notifier: notifier, logger: logger) {
            Self.status(currentVersion.withLock { $0 })
        }
        parts.cluster = cluster
        let app = try await Self.refusingDamage { try await buildApplication(parts, host: host, port: configuration.listenPort) }
        // The notifier last: a ServiceGroup stops its services in reverse, so STOPPING=1 goes first.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [app, reload, notifier], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The shared database; while a state command holds it (`state erase` takes seconds), the
    /// daemon waits up to a minute for it to end before it gives up.
    static func openShared(_ settings: PostgresSettings, logger: Logger) throws -> PostgresStore {
        let deadline = ContinuousClock.now + .seconds(60)
        var told = false
        while true {
            do {
                return try PostgresStore(settings: settings, logger: logger)
            } catch let error as StoreError where error.code == .maintenance && ContinuousClock.now < deadline {
                if !told { logger.notice("waiting for a state command to end", metadata: ["error": "\(error.code)"]) }
                told = true
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// The configuration file (or the defaults) with the flags applied.
    func resolvedConfiguration() throws -> ServerConfiguration {
        var configuration: ServerConfiguration
        do {
            configuration = try config.map(ServerConfiguration.load) ?? ServerConfiguration()
            if let listen {
                let address = try ListenAddress(parsing: listen)
                configuration.listenHost = address.host
                configuration.listenPort = address.port
            }
        } catch let error as ConfigurationError {
            throw Self.failure(error.description)
        }
        if let stateDir { configuration.stateDirectory = stateDir }
        if let tokens { configuration.tokenFile = tokens }
        return configuration
    }

    static func logger(level: Logger.Level) -> Logger {
        LogSetup.logger(level: level)
    }

    /// The host's name and the port, to tell daemons apart in `/readyz` and `/metrics`.
    static func instanceName(port: Int) -> String {
        "\(ProcessInfo.processInfo.hostName):\(port)"
    }

    static func status(_ version: Int?) -> String {
        version.map { "serving plan version \($0)" } ?? "no plan yet: waiting for a roster"
    }

    /// Runs `body`; a damaged state database found while loading stops the start with the message
    /// that names the file and the restore command.
    static func refusingDamage<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as StoreError {
            throw failure(error.description)
        }
    }

    /// Prints `error: message` (each line at priority error under the journal) and returns the
    /// exit status of a failure.
    static func failure(_ message: String) -> ExitCode {
        let text = StandardErrorLogHandler.report("error: \(message)", level: .error, style: StandardErrorLogHandler.style())
        FileHandle.standardError.write(Data(text.utf8))
        return ExitCode.failure
    }
}
