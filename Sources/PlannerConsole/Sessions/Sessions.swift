import Foundation
import Locking
import Synchronization

/// The console's sessions, shared by every request: a ``SessionTable`` behind a lock.
final class Sessions: Sendable {
    private let table: Locked<SessionTable>

    init(_ settings: ConsoleSettings) {
        table = Locked(SessionTable(
            idleTimeout: settings.idleTimeout.seconds, maxAge: settings.maxSessionAge.seconds,
            capacity: settings.maxSessions))
    }

    func open(token: String, holder: ConsoleHolder, at time: Date) -> Session {
        let id = Secret.make(), formToken = Secret.make()
        return table.withLock { $0.open(id: id, token: token, holder: holder, formToken: formToken, at: time) }
    }

    func use(_ id: String, at time: Date) -> Session? {
        table.withLock { $0.use(id, at: time) }
    }

    func update(_ id: String, _ change: @Sendable (inout Session) -> Void) {
        table.withLock { $0.update(id, change) }
    }

    /// The session's notice, once: it is removed as it is read.
    func takeNotice(_ id: String) -> Notice? {
        table.withLock { table in
            var notice: Notice?
            table.update(id) { session in
                notice = session.notice
                session.notice = nil
            }
            return notice
        }
    }

    func close(_ id: String) {
        table.withLock { $0.close(id) }
    }

    var count: Int { table.withLock { $0.sessions.count } }
}

/// Random values that must not be guessed: session ids and form tokens.
enum Secret {
    /// 32 bytes from the system's secure generator, in base64url without padding.
    static func make() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            // UInt64.random draws from the system's generator (see TokenFile.makeToken()).
            let word = UInt64.random(in: .min ... .max)
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Compares two secrets in a time that does not depend on where they first differ.
    static func matches(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}


