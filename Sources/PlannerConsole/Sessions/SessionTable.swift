import Foundation
import PlannerModel

/// One signed-in browser: who, since when, its form token, and what it is in the middle of.
struct Session: Sendable {
    /// The cookie's value: 32 random bytes, base64url.
    let id: String
    /// The token signed in with, kept in memory only, so that each request can ask whether the
    /// token file still holds it. Never logged, never stored, never sent back.
    let token: String
    var holder: ConsoleHolder
    /// The token every form of this session carries (CSRF).
    let formToken: String
    let createdAt: Date
    var lastSeen: Date
    /// A message for the next page shown, once ("the roster was planned as version 4").
    var notice: Notice?
    /// A checked roster waiting for the planner's confirmation.
    var pendingRoster: PendingRoster?
    /// The last tradeoff sweep this session started, to find it again.
    var lastTradeoff: String?
}

/// A message shown once at the top of the next page: a catalogue key and its values.
struct Notice: Sendable, Equatable {
    var key: String
    var values: [String: String] = [:]
    var isError = false
}

/// An uploaded roster that passed every check, waiting to be confirmed.
struct PendingRoster: Sendable {
    let id: String
    let roster: Roster
    /// The roster as JSON: what is stored as submitted.
    let document: [UInt8]
    let fileName: String
}

/// The sessions, by id. Pure: the time and the ids are passed in; ``Sessions`` keeps one behind a lock.
struct SessionTable: Sendable {
    let idleTimeout: TimeInterval
    let maxAge: TimeInterval
    let capacity: Int
    private(set) var sessions: [String: Session] = [:]

    init(idleTimeout: TimeInterval, maxAge: TimeInterval, capacity: Int) {
        self.idleTimeout = idleTimeout
        self.maxAge = maxAge
        self.capacity = max(1, capacity)
    }

    /// Opens a session; beyond `capacity` the least recently used one is closed first.
    mutating func open(id: String, token: String, holder: ConsoleHolder, formToken: String, at time: Date) -> Session {
        removeExpired(at: time)
        while sessions.count >= capacity, let oldest = sessions.values.min(by: { $0.lastSeen < $1.lastSeen }) {
            sessions[oldest.id] = nil
        }
        let session = Session(
            id: id, token: token, holder: holder, formToken: formToken, createdAt: time, lastSeen: time)
        sessions[id] = session
        return session
    }

    /// The session with `id` if it is still alive at `time`, now marked as used; an expired one is closed.
    mutating func use(_ id: String, at time: Date) -> Session? {
        guard var session = sessions[id] else { return nil }
        guard isAlive(session, at: time) else {
            sessions[id] = nil
            return nil
        }
        session.lastSeen = time
        sessions[id] = session
        return session
    }

    mutating func update(_ id: String, _ change: (inout Session) -> Void) {
        guard var session = sessions[id] else { return }
        change(&session)
        sessions[id] = session
    }

    mutating func close(_ id: String) {
        sessions[id] = nil
    }

    func isAlive(_ session: Session, at time: Date) -> Bool {
        time.timeIntervalSince(session.lastSeen) < idleTimeout && time.timeIntervalSince(session.createdAt) < maxAge
    }

    mutating func removeExpired(at time: Date) {
        sessions = sessions.filter { isAlive($0.value, at: time) }
    }
}
