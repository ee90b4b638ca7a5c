import Foundation
import Locking
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PlannerStore
import PostgresNIO
import Synchronization

/// A small pool of PostgreSQL connections used synchronously, as the SQLite store is: a call
/// blocks its thread for one short transaction while SwiftNIO's threads do the I/O. Every wait
/// is bounded (``PostgresSettings/connectTimeout``, ``PostgresSettings/statementTimeout``), so a
/// stopped server or a cut network gives ``StoreError/Code/unavailable`` in seconds, never a hang.
///
/// Errors never carry PostgreSQL's own text, which may quote a statement's values: only the
/// SQLSTATE code.
final class PostgresLink: Sendable {
    let settings: PostgresSettings
    let logger: Logger
    private let group: any EventLoopGroup
    private let tls: PostgresConnection.Configuration.TLS
    private let idle = Locked<[PostgresConnection]>([])
    private let slots: DispatchSemaphore
    private let nextID = Atomic<Int>(1)

    init(settings: PostgresSettings, logger: Logger) throws {
        self.settings = settings
        // PostgresNIO's own debug lines (server notices, channel errors) are not for this log,
        // which never carries data: its level is notice at the least.
        var logger = logger
        logger.logLevel = max(logger.logLevel, .notice)
        self.logger = logger
        self.group = MultiThreadedEventLoopGroup.singleton
        self.slots = DispatchSemaphore(value: settings.poolSize)
        self.tls = try Self.tls(settings)
    }

    static func tls(_ settings: PostgresSettings) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch settings.tls {
        case .disable:
            return .disable
        case .prefer, .require:
            configuration.certificateVerification = .none
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            if let file = settings.rootCertificateFile {
                do {
                    configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
                } catch {
                    throw StoreError(.unopenable, "Cannot read the database's root certificate \(file) (sslrootcert).")
                }
            }
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw StoreError(.unopenable, "Cannot set up TLS for the database connection.")
        }
        return settings.tls == .prefer ? .prefer(context) : .require(context)
    }

    deinit { close() }

    // MARK: Connections

    /// A new connection, not from the pool: the leader's session and the listener use their own.
    func connect() throws -> PostgresConnection {
        let future = PostgresConnection.connect(
            on: group.next(), configuration: connectionConfiguration, id: nextID.wrappingAdd(1, ordering: .relaxed).oldValue, logger: logger)
        return try Self.wait(for: future, timeout: settings.connectTimeout + .seconds(1), onTimeout: {
            future.whenSuccess { closeSoon($0) }
        })
    }

    /// The same, for an asynchronous caller.
    func connect() async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(
                on: group.next(), configuration: connectionConfiguration, id: nextID.wrappingAdd(1, ordering: .relaxed).oldValue,
                logger: logger)
        } catch {
            throw Self.translate(error)
        }
    }

    var connectionConfiguration: PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.username, password: settings.password,
            database: settings.database, tls: tls)
        configuration.options.connectTimeout = .nanoseconds(Int64(settings.connectTimeout.seconds * 1e9))
        // With verify-full, the certificate must name the host: PostgresNIO gives a host name as the
        // TLS server name (checked against the certificate's names) and leaves it out for an IP
        // address (checked against its IP addresses); naming an IP address here would fail.
        return configuration
    }

    /// Runs `body` on a connection of the pool; a connection that failed is closed, not returned.
    func withConnection<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        guard slots.wait(timeout: .now() + settings.statementTimeout.seconds) == .success else {
            throw StoreError(.unavailable, "Every connection to the database is busy; the pool is too small or the database too slow.")
        }
        defer { slots.signal() }
        while true {
            var pooled: PostgresConnection?
            while pooled == nil, let candidate = idle.withLock({ $0.popLast() }) {
                if !candidate.isClosed { pooled = candidate }
            }
            let session = PostgresSession(connection: try pooled ?? connect(), link: self)
            do {
                let result = try body(session)
                if !session.connection.isClosed { idle.withLock { $0.append(session.connection) } }
                return result
            } catch {
                // A failed statement leaves the connection usable only after its transaction
                // ended; closing it is simpler and always right.
                closeSoon(session.connection)
                // A pooled connection the server closed meanwhile (a restart, a cut) fails at its
                // first statement, before anything was done: the call is tried on another one.
                if pooled != nil, session.completed == 0, (error as? StoreError)?.code == .unavailable { continue }
                throw error
            }
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try withConnection { session in
            try session.execute("BEGIN")
            let result = try body(session)
            try session.execute("COMMIT")
            return result
        }
    }

    /// Closes every idle connection (at shutdown).
    func close() {
        for connection in idle.withLock({ idle in defer { idle = [] }; return idle }) { closeSoon(connection) }
    }

    // MARK: Waiting

    /// The future's value, waited for at most `timeout`; errors become ``StoreError`` values.
    static func wait<T: Sendable>(
        for future: EventLoopFuture<T>, timeout: Duration, onTimeout: () -> Void
    ) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = Locked<Result<T, any Error>?>(nil)
        future.whenComplete { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        guard done.wait(timeout: .now() + timeout.seconds) == .success else {
            onTimeout()
            throw StoreError(.unavailable, "The database did not answer within \(Int(timeout.seconds)) s.")
        }
        switch outcome.withLock({ $0 })! {
        case .success(let value): return value
        case .failure(let error): throw translate(error)
        }
    }

    /// A PostgreSQL client error as a ``StoreError``, or as ``PostgresRefusal`` for a statement
    /// the server refused for another reason than its own state.
    static func translate(_ error: any Error) -> any Error {
        if error is StoreError { return error }
        guard let error = error as? PSQLError else {
            return StoreError(.unavailable, "The database cannot be reached (\(type(of: error))).")
        }
        if error.code == .server {
            let state = error.serverInfo?[.sqlState] ?? "?"
            // Class 08: connection exceptions; 57P0x: the server shuts down or starts; 53: out of
            // resources (too many connections, disk full).
            if state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("53") {
                return StoreError(.unavailable, "The database refused to work now (SQLSTATE \(state)).")
            }
            if state == "28P01" || state == "28000" {
                return StoreError(.unopenable, "The database refused the role and password of database.url (SQLSTATE \(state)).")
            }
            if state == "3D000" {
                return StoreError(.unopenable, "The database named in database.url does not exist (SQLSTATE \(state)).")
            }
            return PostgresRefusal(sqlState: state)
        }
        if error.underlying is NIOSSLError || error.underlying is BoringSSLError {
            return StoreError(
                .unopenable,
                "The database's TLS certificate was not accepted: with sslmode=verify-full it must be signed by an authority of "
                    + "sslrootcert (the system's when none is given) and name the host of database.url.")
        }
        return StoreError(.unavailable, "The database cannot be reached (\(error.code)).")
    }
}

/// A statement PostgreSQL refused: its SQLSTATE, never its text.
public struct PostgresRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let sqlState: String
    public var description: String { "PostgreSQL refused a statement (SQLSTATE \(sqlState))." }
    /// 23505: a unique key was violated.
    public var isUniqueViolation: Bool { sqlState == "23505" }
}

/// One connection lent by the pool for the time of a call.
final class PostgresSession {
    let connection: PostgresConnection
    let link: PostgresLink
    /// Statements that completed on this session.
    private(set) var completed = 0

    init(connection: PostgresConnection, link: PostgresLink) {
        self.connection = connection
        self.link = link
    }

    /// Runs a statement and returns its rows, waiting at most the statement timeout.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        let connection = connection
        let future = connection.query(query, logger: link.logger)
        let rows = try PostgresLink.wait(for: future, timeout: link.settings.statementTimeout, onTimeout: { closeSoon(connection) }).rows
        completed += 1
        return rows
    }

    func execute(_ sql: String) throws {
        try query(PostgresQuery(unsafeSQL: sql))
    }

    /// The first column of the first row, if any.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? where T._DecodableType == T {
        guard let row = try self.query(query).first else { return nil }
        do {
            return try row.decode(T?.self)
        } catch {
            throw StoreError(.corrupt, "A value in the database has an unexpected type.")
        }
    }

    /// Each row through `read` (PostgresRow's `decode`); a column of an unexpected type is
    /// reported as a corrupt database.
    func decode<T>(_ rows: [PostgresRow], _ read: (Columns) throws -> T) throws -> [T] {
        do {
            return try rows.map { try read(Columns(row: $0.makeRandomAccess())) }
        } catch {
            throw StoreError(.corrupt, "A row in the database has columns of unexpected types.")
        }
    }
}

/// Closes a connection without waiting.
func closeSoon(_ connection: PostgresConnection) {
    let closing: EventLoopFuture<Void> = connection.close()
    // The connection must live until it is closed.
    closing.whenComplete { _ in withExtendedLifetime(connection) {} }
}

/// The columns of a row by name, each decoded as the type its use asks for.
struct Columns {
    let row: PostgresRandomAccessRow

    func callAsFunction<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try row[name].decode(T.self, context: .default)
    }
}
