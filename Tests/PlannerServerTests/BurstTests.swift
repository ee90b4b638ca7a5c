import Foundation
import HummingbirdTesting
import Locking
import PlannerModel
import Testing

@testable import PlannerServer

/// Many changes while re-plans run: every acknowledged event ends up planned. (The release soak's
/// burst once left 919 events pending for good: docs/reliability.md.)
@Suite("A burst of changes")
struct BurstTests {
    @Test("Events posted while re-plans run that outlast the debounce: all are planned, nothing stays pending")
    func burst() async throws {
        // Re-plans of 0.4 s, longer than the debounce (0.25 s): changes posted during one are due
        // before it ends, as in the release soak's burst on the 2,500-hearing week.
        let maker = PlanMaker { roster, baseline, now, options in
            if baseline != nil { Thread.sleep(forTimeInterval: 0.4) }
            return try PlanMaker.standard(TestServer.engine).make(roster, baseline, now, options)
        }
        let app = try await buildApplication(try TestServer.parts(planMaker: maker))
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            _ = try await client.waitForVersion(1)
            for k in 0..<60 {
                let slot = k.isMultiple(of: 2) ? "2026-12-07/AM" : "2026-12-07/PM"
                let accepted = try await client.send(.post, "/v1/events", body: Documents.unavailable("b-\(k)", person: "I-2", slots: [slot]))
                #expect(accepted.status == .accepted)
                try await Task.sleep(for: .milliseconds(20))
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
