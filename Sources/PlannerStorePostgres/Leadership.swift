import Foundation
import Logging
import NIOCore
import PlannerStore
import PostgresNIO
import Synchronization

/// Which daemon re-plans, and what the others hear of the database's changes, over one session
/// of its own per daemon.
///
/// The session LISTENs on the store's channel and, while no other daemon leads, tries
/// `pg_try_advisory_lock` every ``attemptInterval``. The lock belongs to the session: when the
/// leader dies (even by `kill -9`) or its network is cut, PostgreSQL ends its session and releases
/// the lock, and the next attempt of another daemon succeeds. While it leads, the session is
/// probed every ``attemptInterval`` too, so that a leader whose session died learns it at once
/// and stops storing versions (``PostgresStore/savePlan(_:rosterID:rosterDocument:appliedEvents:at:)``
/// checks the lock besides).
public final class Leadership: Sendable {
    /// What a daemon hears.
    public enum Signal: Sendable, Equatable {
        /// This daemon now leads (true) or no longer does (false).
        case leading(Bool)
        /// Another daemon (or this one) changed the state: a roster, events, a plan version, a pruning.
        case changed
        /// The session is (re)connected and listening: anything may have changed meanwhile.
        case connected
        /// The session was lost: the database cannot be reached.
        case disconnected
    }

    public let store: PostgresStore
    /// This daemon's name in `/readyz` and `/metrics`.
    public let instance: String
    public let attemptInterval: Duration
    private let logger: Logger
    private let leading = Atomic<Bool>(false)
    private let reachable = Atomic<Bool>(false)

    public init(store: PostgresStore, instance: String, attemptInterval: Duration = .milliseconds(500), logger: Logger) {
        self.store = store
        self.instance = instance
        self.attemptInterval = attemptInterval
        self.logger = logger
    }

    public var isLeader: Bool { leading.load(ordering: .relaxed) }
    /// Whether the session to the database is up.
    public var isConnected: Bool { reachable.load(ordering: .relaxed) }

    /// Keeps the session until the task is cancelled, reconnecting after a loss, and tells
    /// `signal` what happens, one signal at a time. Throws ``StoreError/Code/maintenance`` when a
    /// state command holds the database or changed it since this daemon read it: the daemon must
    /// then start afresh (PostgresStore+Maintenance.swift).
    public func run(_ signal: @escaping @Sendable (Signal) async -> Void) async throws {
        while !Task.isCancelled {
            do {
                try await session(signal)
            } catch is CancellationError {
                break
            } catch let error as StoreError where error.code == .maintenance {
                await lose(signal)
                throw error
            } catch {
                logger.warning("database session lost", metadata: ["error": "\(Self.describe(error))"])
            }
            await lose(signal)
            do { try await Task.sleep(for: attemptInterval * 2) } catch { break }
        }
        await lose(signal)
    }

    private func lose(_ signal: @Sendable (Signal) async -> Void) async {
        store.leads(as: nil)
        if leading.exchange(false, ordering: .relaxed) {
            logger.notice("no longer leading", metadata: ["instance": "\(instance)"])
            await signal(.leading(false))
        }
        if reachable.exchange(false, ordering: .relaxed) { await signal(.disconnected) }
    }

    private func session(_ signal: @escaping @Sendable (Signal) async -> Void) async throws {
        let connection: PostgresConnection = try await store.link.connect()
        defer { closeSoon(connection) }
        let backend = try await connection.query("SELECT pg_backend_pid()", logger: logger).collect().first?.decode(Int32.self)
        // Present while the session lasts: no state command changes the documents meanwhile.
        let presence = try await connection.query("""
            SELECT pg_try_advisory_lock_shared(\(PostgresStore.presenceLock)), (SELECT "generation" FROM "maintenance"),
            set_config('application_name', \("hearing-planner " + instance), false)
            """, logger: logger).collect().first?.decode((Bool, Int64, String).self)
        guard presence?.0 == true else { throw PostgresStore.maintenanceRunning }
        guard presence?.1 == store.generation else {
            throw StoreError(.maintenance, "A state command changed the database while this daemon's session was cut; it starts afresh.")
        }
        try await connection.listen(on: PostgresStore.channel) { notifications in
            reachable.store(true, ordering: .relaxed)
            await signal(.connected)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await _ in notifications { await signal(.changed) }
                    throw StoreError(.unavailable, "The database session ended.")
                }
                group.addTask { [self] in
                    while true {
                        try await Task.sleep(for: attemptInterval)
                        if isLeader {
                            // The probe: a session that died ends the lead here at the latest.
                            _ = try await withTimeout(store.settings.statementTimeout) {
                                try await connection.query("SELECT 1", logger: self.logger).collect()
                            }
                        } else {
                            let rows = try await withTimeout(store.settings.statementTimeout) {
                                try await connection.query("SELECT pg_try_advisory_lock(\(PostgresStore.leaderLock))", logger: self.logger)
                                    .collect()
                            }
                            if try rows.first?.decode(Bool.self) == true {
                                store.leads(as: backend)
                                leading.store(true, ordering: .relaxed)
                                logger.notice("leading: this daemon re-plans", metadata: ["instance": "\(instance)"])
                                await signal(.leading(true))
                            }
                        }
                    }
                }
                // Either task ending ends the session; closing the connection ends the other.
                defer {
                    group.cancelAll()
                    closeSoon(connection)
                }
                try await group.next()
            }
        }
    }

    /// The type and code of an error, never a text that might quote data.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError { return "PSQLError \(error.code)" }
        if let error = error as? StoreError { return error.description }
        return "\(type(of: error))"
    }
}

/// `body`'s value, or ``StoreError/Code/unavailable`` when it takes longer than `limit`.
func withTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw StoreError(.unavailable, "The database did not answer within \(Int(limit.seconds)) s.")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
