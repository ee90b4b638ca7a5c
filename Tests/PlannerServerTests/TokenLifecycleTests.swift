import Foundation
import Locking
import Synchronization
import Testing
@testable import PlannerServer

/// Tokens over their life: made with a creation time and an expiry, listed, revoked, and read again
/// by a running daemon.
@Suite("Token lifecycle")
struct TokenLifecycleTests {
    static let abc = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  // SHA-256("abc")
    static let day: TimeInterval = 86_400

    @Test("created= and expires= are read; from its expiry on a token authenticates no more")
    func expiry() throws {
        let file = try TokenFile.parse(
            "office planner \(Self.abc) created=2026-12-01T09:00:00Z expires=2027-01-01T00:00:00Z\n", path: "tokens")
        let listing = try #require(file.listings.first)
        #expect(listing.created == Date(timeIntervalSince1970: 1_796_115_600))
        let expires = try #require(listing.expires)
        #expect(file.authenticate(bearer: "abc", at: expires.addingTimeInterval(-1)) == TokenRecord(name: "office", role: .planner))
        #expect(file.authenticate(bearer: "abc", at: expires) == nil)
        #expect(listing.isExpired(at: expires))
    }

    @Test("Extra fields other than created= and expires=, bad times and repeats are errors with their line")
    func badExtras() throws {
        let text = """
            a planner \(Self.abc) colour=blue
            b viewer \(Self.abc) expires=tomorrow
            c viewer \(Self.abc) created=2026-12-01T09:00:00Z created=2026-12-02T09:00:00Z
            """
        let error = try #require(throws: TokenFileError.self) { try TokenFile.parse(text, path: "t") }
        #expect(error.code == .malformed)
        #expect(error.problems.map { $0.split(separator: ":")[1] } == ["1", "2", "3"])
    }

    @Test("add writes created= and, when asked, expires=; the token works until then")
    func addWithExpiry() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/tokens"
            let made = Date(timeIntervalSince1970: 1_796_169_600)  // 2026-12-02T00:00:00Z
            let token = try TokenFile.add(name: "temp", role: .viewer, path: path, created: made, expires: made.addingTimeInterval(30 * Self.day))
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("temp viewer sha256:"))
            #expect(text.contains(" created=2026-12-02T00:00:00Z expires=2027-01-01T00:00:00Z\n"))
            let file = try TokenFile.load(path: path)
            #expect(file.authenticate(bearer: token, at: made.addingTimeInterval(29 * Self.day)) != nil)
            #expect(file.authenticate(bearer: token, at: made.addingTimeInterval(30 * Self.day)) == nil)
        }
    }

    @Test("revoke deletes exactly that line and keeps comments, other lines, and the file's mode")
    func revoke() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/tokens"
            let text = "# kept comment\nkeep viewer \(Self.abc)\n\ngo planner sha256:\(String(repeating: "1", count: 64)) created=2026-12-01T09:00:00Z\nlast viewer sha256:\(String(repeating: "2", count: 64))\n"
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o640])
            try TokenFile.revoke(name: "go", path: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8)
                == "# kept comment\nkeep viewer \(Self.abc)\n\nlast viewer sha256:\(String(repeating: "2", count: 64))\n")
            #expect(try permissions(of: path) == 0o640)
            let unknown = try #require(throws: TokenFileError.self) { try TokenFile.revoke(name: "go", path: path) }
            #expect(unknown.code == .unknownName)
        }
    }

    @Test("The daemon's store: a revoked token fails at once after reload; a broken file keeps the tokens before")
    func reload() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/tokens"
            try "office planner \(Self.abc)\n".write(toFile: path, atomically: true, encoding: .utf8)
            let store = try TokenStore(path: path)
            #expect(store.authenticate(bearer: "abc")?.name == "office")

            try "office planner \(Self.abc)\nbroken line\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: TokenFileError.self) { try store.reload() }
            #expect(store.authenticate(bearer: "abc")?.name == "office")

            let other = "other viewer sha256:" + String(repeating: "0", count: 64)
            try "office planner \(Self.abc)\n\(other)\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try store.reload() == 2)
            try TokenFile.revoke(name: "office", path: path)
            #expect(store.authenticate(bearer: "abc")?.name == "office")  // until the daemon reloads
            #expect(try store.reload() == 1)
            #expect(store.authenticate(bearer: "abc") == nil)
            #expect(store.records.map(\.name) == ["other"])
        }
    }

    @Test("A token's use is recorded at most once a minute, by name, and expiry follows the store's clock")
    func useRecording() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/tokens"
            try "office planner \(Self.abc) expires=2027-01-01T00:00:00Z\n".write(toFile: path, atomically: true, encoding: .utf8)
            let clock = Locked(Date(timeIntervalSince1970: 1_796_400_000))
            let uses = Locked<[String]>([])
            let store = try TokenStore(path: path, now: { clock.withLock { $0 } }, recordUse: { name, time in
                uses.withLock { $0.append("\(name) \(Int(time.timeIntervalSince1970))") }
            })
            _ = store.authenticate(bearer: "abc")
            clock.withLock { $0 += 59 }
            _ = store.authenticate(bearer: "abc")
            _ = store.authenticate(bearer: "wrong")
            clock.withLock { $0 += 1 }
            _ = store.authenticate(bearer: "abc")
            #expect(uses.withLock { $0 } == ["office 1796400000", "office 1796400060"])  // 2026-12-04T16:00Z
            clock.withLock { $0 = Date(timeIntervalSince1970: 1_798_761_600) }  // 2027-01-01
            #expect(store.authenticate(bearer: "abc") == nil)
        }
    }
}
