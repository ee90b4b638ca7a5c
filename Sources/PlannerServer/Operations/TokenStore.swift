import Foundation
import Locking
import Synchronization

/// The daemon's tokens: the token file as last read, read again on demand (SIGHUP), and a note
/// of when each token was last used.
///
/// Every request, of the API and of the console's sessions alike, asks ``authenticate(bearer:)``,
/// so a token revoked in the file and reloaded stops working at once everywhere: a console
/// session signed in with it ends at its next page. A file that cannot be read or has a broken
/// line is refused as a whole and the tokens read before stay in force.
public final class TokenStore: Sendable {
    public let path: String
    private let file: Locked<TokenFile>
    /// When each name's use was last handed to `recordUse`.
    private let recorded = Locked<[String: Date]>([:])
    private let now: @Sendable () -> Date
    private let recordUse: @Sendable (_ name: String, _ time: Date) -> Void
    /// A use is recorded at most this often per token, so that busy clients do not write at
    /// every request.
    let recordInterval: TimeInterval

    /// Reads the file at `path`; throws ``TokenFileError`` when it cannot.
    public init(
        path: String, now: @escaping @Sendable () -> Date = { Date() }, recordInterval: TimeInterval = 60,
        recordUse: @escaping @Sendable (_ name: String, _ time: Date) -> Void = { _, _ in }
    ) throws {
        self.path = path
        file = Locked(try TokenFile.load(path: path))
        self.now = now
        self.recordInterval = recordInterval
        self.recordUse = recordUse
    }

    /// The holder of a token that the file (as last read) holds and that has not expired.
    public func authenticate(bearer: String) -> TokenRecord? {
        let time = now()
        guard let record = file.withLock({ $0.authenticate(bearer: bearer, at: time) }) else { return nil }
        let isDue = recorded.withLock { recorded in
            if let last = recorded[record.name], time.timeIntervalSince(last) < recordInterval { return false }
            recorded[record.name] = time
            return true
        }
        if isDue { recordUse(record.name, time) }
        return record
    }

    /// Reads the file again. On success its tokens replace the ones before and the count is
    /// returned; on failure the error is thrown and the tokens before stay.
    @discardableResult
    public func reload() throws -> Int {
        let fresh = try TokenFile.load(path: path)
        file.withLock { $0 = fresh }
        return fresh.records.count
    }

    public var records: [TokenRecord] { file.withLock { $0.records } }
}
