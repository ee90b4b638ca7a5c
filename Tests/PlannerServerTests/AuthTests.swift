import Foundation
import HTTPTypes
import HummingbirdTesting
import PlannerStore
import Testing

@testable import PlannerServer

@Suite("Bearer tokens and roles")
struct AuthTests {
    @Test("Without a token every route but /healthz answers 401, and the refusal is audited")
    func noToken() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            let health = try await client.send(.get, "/healthz", token: nil)
            #expect(health.status == .ok)
            for (method, path) in [(HTTPRequest.Method.get, "/v1/plans/current"), (.get, "/readyz"), (.get, "/metrics"), (.post, "/v1/events")] {
                let response = try await client.send(method, path, token: nil, body: method == .post ? "{}" : nil)
                #expect(response.status == .unauthorized, "\(path)")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(response.errorCode == "unauthorized")
            }
        }
        let trail = try parts.database.auditTrail()
        #expect(trail.count == 4)
        #expect(trail.allSatisfy { $0.tokenName == "(none)" && $0.outcome == "401 no token" })
    }

    @Test("A wrong token, or another scheme, answers 401")
    func wrongToken() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            #expect(try await client.send(.get, "/v1/plans/current", token: "guess").status == .unauthorized)
            let basic = try await client.execute(
                uri: "/v1/plans/current", method: .get, headers: [.authorization: "Basic \(TestServer.plannerToken)"])
            #expect(basic.status == .unauthorized)
        }
        #expect(try parts.database.auditTrail().map(\.outcome) == ["401 unknown token", "401 unknown token"])
    }

    @Test("A viewer may read but not write: 403, audited with the token's name")
    func viewerWriting() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            let read = try await client.send(.get, "/v1/plans/current", token: TestServer.viewerToken)
            #expect(read.status == .notFound)  // authorised, but there is no plan yet
            #expect(read.errorCode == "no-plan")
            for path in ["/v1/rosters", "/v1/events"] {
                let write = try await client.send(.post, path, token: TestServer.viewerToken, body: Documents.roster)
                #expect(write.status == .forbidden, "\(path)")
                #expect(write.errorCode == "forbidden")
            }
        }
        let trail = try parts.database.auditTrail()
        #expect(trail.map(\.tokenName) == ["victor", "victor"])
        #expect(trail.allSatisfy { $0.outcome.hasPrefix("403") })
    }

    @Test("A planner may write")
    func plannerWriting() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            let events = try await client.send(.post, "/v1/events", body: Documents.unavailable("e-1", person: "I-1", slots: ["2026-12-07/AM"]))
            #expect(events.status == .conflict)  // authorised; there is no roster to change yet
            #expect(events.errorCode == "no-roster")
            let roster = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            #expect(roster.status == .created)
        }
        let trail = try parts.database.auditTrail()
        #expect(trail.contains { $0.tokenName == "alice" && $0.action == "POST /v1/rosters" && $0.outcome.hasPrefix("201") })
    }
}
