import Foundation
import HummingbirdTesting
import Locking
import PlannerModel
import Testing

@testable import PlannerServer

/// Many changes while re-plans run: every acknowledged event ends up planned.
@Suite("A burst of changes")
struct BurstTests {
    @Test("300 events posted as fast as they are accepted, while re-plans run: all are planned, nothing stays pending")
    func burst() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            _ = try await client.waitForVersion(1)
            for k in 0..<300 {
                let slot = k.isMultiple(of: 2) ? "2026-12-07/AM" : "2026-12-07/PM"
                let accepted = try await client.send(.post, "/v1/events", body: Documents.unavailable("b-\(k)", person: "I-2", slots: [slot]))
                #expect(accepted.status == .accepted)
                if k.isMultiple(of: 10) { try await Task.sleep(for: .milliseconds(5)) }
            }
            var pending: Int?
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                pending = try await client.send(.get, "/readyz", token: TestServer.viewerToken).jsonObject()?["pendingEvents"] as? Int
                if pending == 0 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(pending == 0)
        }
    }
}
