import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerStore
import Testing

@testable import PlannerServer

/// The console inside the real service: the same state and audit trail as the API, sessions from
/// the same tokens, and the API's paths untouched.
@Suite("The console in the service")
struct ConsoleWiringTests {
    /// Signs in through the form and returns the session cookie.
    static func signIn(_ client: some TestClientProtocol, token: String) async throws -> String {
        let response = try await attempt(client, token: token)
        #expect(response.status == .seeOther)
        let session = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("hp_session=") })
        return String(session.split(separator: ";")[0])
    }

    /// Sends the sign-in form with `token`.
    static func attempt(_ client: some TestClientProtocol, token: String) async throws -> TestResponse {
        let page = try await client.execute(uri: "/sign-in", method: .get)
        let check = try #require(Self.hidden("check", in: page.text))
        let signInCookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("hp_signin=") }?.split(separator: ";").first)
        let body = "check=\(check)&token=\(token)&next=%2F"
        return try await client.execute(
            uri: "/sign-in", method: .post,
            headers: [.cookie: String(signInCookie), .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    static func hidden(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = page[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    @Test("The API keeps its bearer tokens; the console's pages send a browser to sign in; unknown API paths stay JSON")
    func pathsStaySeparate() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            #expect(try await client.send(.get, "/v1/plans/current", token: nil).status == .unauthorized)
            let root = try await client.send(.get, "/", token: nil)
            #expect(root.status == .seeOther)
            #expect(root.headers[.location] == "/sign-in")
            // A bearer token does not open the console, nor a session the API.
            #expect(try await client.send(.get, "/schedule").headers[.location] == "/sign-in?next=%2Fschedule")
            let unknown = try await client.send(.get, "/v1/no-such-route")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not-found")
            let page = try await client.send(.get, "/no-such-page", token: nil)
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        }
    }

    @Test("A token revoked in the token file and reloaded (SIGHUP) ends its console session and is refused by the API at once")
    func revokedTokenEndsSession() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hp-console-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/tokens"
        let token = try TokenFile.add(name: "office", role: .planner, path: path)
        let kept = try TokenFile.add(name: "dashboard", role: .viewer, path: path)
        // The daemon's own store, as serve builds it.
        let store = try TokenStore(path: path)
        var parts = try TestServer.parts()
        parts.authenticate = { store.authenticate(bearer: $0) }
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            #expect(try await client.send(.post, "/v1/rosters", token: token, body: Documents.roster).status == .created)
            let cookie = try await Self.signIn(client, token: token)
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).status == .ok)

            try TokenFile.revoke(name: "office", path: path)
            // The file alone changes nothing until the daemon reads it again.
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).status == .ok)
            #expect(try await client.send(.get, "/v1/plans/current", token: token).status == .ok)

            #expect(try store.reload() == 1)
            let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/sign-in")
            #expect(try await client.send(.get, "/v1/plans/current", token: token).status == .unauthorized)
            #expect(try await Self.attempt(client, token: token).status != .seeOther)
            #expect(try await client.send(.get, "/v1/plans/current", token: kept).status == .ok)
        }
        let trail = try parts.database.auditTrail()
        #expect(trail.contains { $0.tokenName == "office" && $0.outcome == "ended: the token is no longer in the token file" })
    }

    @Test("A planner's sick call in the console is an event of the same log, and re-plans the same state")
    func sickCall() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            #expect(try await client.send(.post, "/v1/rosters", body: Documents.roster).status == .created)
            let cookie = try await Self.signIn(client, token: TestServer.plannerToken)
            let overview = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
            #expect(overview.text.contains("Planversie 1"))
            let token = try #require(Self.hidden("formToken", in: overview.text))
            let body = "formToken=\(token)&person=I-1&availability=unavailable&from=2026-12-07&to=2026-12-07&parts=AM&parts=PM"
            let posted = try await client.execute(
                uri: "/changes/availability", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
            #expect(posted.status == .seeOther)
            let follow = try #require(posted.headers[.location])
            _ = try await client.waitForVersion(2)
            let answer = try await client.execute(uri: follow, method: .get, headers: [.cookie: cookie])
            #expect(answer.headers[.location] == "/versions/2/changes")
            let changes = try await client.execute(uri: "/versions/2/changes", method: .get, headers: [.cookie: cookie])
            #expect(changes.status == .ok)
            #expect(changes.text.contains("Wie moet wat horen"))
        }
        let trail = try parts.database.auditTrail()
        #expect(trail.contains { $0.tokenName == "alice" && $0.action == "console POST /changes" && $0.outcome.hasPrefix("202 accepted 1 (availability)") })
        #expect(trail.contains { $0.tokenName == "alice" && $0.outcome == "signed in (planner)" })
    }

    @Test("A viewer's forged post is refused with 403 and recorded in the audit trail by name")
    func viewerForgedPost() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            #expect(try await client.send(.post, "/v1/rosters", body: Documents.roster).status == .created)
            let cookie = try await Self.signIn(client, token: TestServer.viewerToken)
            let overview = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
            let token = try #require(Self.hidden("formToken", in: overview.text))
            let refused = try await client.execute(
                uri: "/changes/cancel", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "formToken=\(token)&hearing=H-1"))
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.contentSecurityPolicy] != nil)
        }
        let trail = try parts.database.auditTrail()
        #expect(trail.contains { $0.tokenName == "victor" && $0.action == "console POST /changes/cancel" && $0.outcome == "403 viewer may not change" })
        #expect(try parts.database.events(rosterID: 1).isEmpty)
    }

    @Test("Failed sign-ins go through the same refusal throttle as the API's 401s")
    func failedSignInsAreThrottledInTheTrail() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            var statuses: [Int] = []
            for attempt in 0..<12 {
                statuses.append(try await Self.attempt(client, token: "wrong-\(attempt)").status.code)
            }
            #expect(statuses == Array(repeating: 401, count: 5) + Array(repeating: 429, count: 7))
        }
        let trail = try parts.database.auditTrail()
        let recorded = trail.filter { $0.action == "console POST /sign-in" }
        #expect(recorded.count == 10)
        #expect(recorded.allSatisfy { $0.tokenName == "(none)" && ($0.outcome == "401 unknown token" || $0.outcome == "429 too many failed sign-ins") })
    }
}
