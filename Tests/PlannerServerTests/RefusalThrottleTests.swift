import Foundation
import HTTPTypes
import HummingbirdTesting
import Locking
import PlannerStore
import Synchronization
import Testing

@testable import PlannerServer

@Suite("401s in the audit trail: at most ten a minute one by one, the rest counted")
struct RefusalThrottleTests {
    static let start = Date(timeIntervalSince1970: 1_796_400_000)

    @Test("The first `limit` refusals of a window are recorded; the rest are counted and due once the window is over")
    func throttle() {
        var throttle = RefusalThrottle(window: 60, limit: 3)
        let decisions = (0..<5).map { throttle.refusal(at: Self.start.addingTimeInterval(Double($0))) }
        #expect(decisions.map(\.isRecorded) == [true, true, true, false, false])
        #expect(decisions.allSatisfy { $0.overdue == nil })
        #expect(throttle.overdue(at: Self.start.addingTimeInterval(59)) == nil)
        let due = throttle.overdue(at: Self.start.addingTimeInterval(60))
        #expect(due == RefusalThrottle.Summary(
            count: 2, first: Self.start.addingTimeInterval(3), last: Self.start.addingTimeInterval(4)))
        #expect(throttle.overdue(at: Self.start.addingTimeInterval(61)) == nil)  // once
    }

    @Test("A refusal in a new window brings the count of the last one and is recorded itself")
    func newWindow() {
        var throttle = RefusalThrottle(window: 60, limit: 1)
        #expect(throttle.refusal(at: Self.start).isRecorded)
        #expect(!throttle.refusal(at: Self.start.addingTimeInterval(10)).isRecorded)
        let later = throttle.refusal(at: Self.start.addingTimeInterval(100))
        #expect(later.isRecorded)
        #expect(later.overdue?.count == 1)
        #expect(!throttle.refusal(at: Self.start.addingTimeInterval(101)).isRecorded)
    }

    @Test("A flood of bad tokens adds ten rows a minute, then one row with the count before the next row")
    func flood() async throws {
        let clock = Clock()
        var parts = try TestServer.parts()
        parts.now = { clock.time.withLock { $0 } }
        let database = parts.database
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            for _ in 0..<25 {
                let answer = try await client.send(.get, "/v1/plans/current", token: "guess")
                #expect(answer.status == .unauthorized)
            }
            #expect(try database.auditTrail().count == 10)
            clock.time.withLock { $0 += 61 }
            // A planner's write: the count of the last minute comes first.
            let submitted = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            #expect(submitted.status == .created)
        }
        let trail = Array(try database.auditTrail().reversed())  // oldest first
        #expect(trail.prefix(10).allSatisfy { $0.outcome == "401 unknown token" && $0.tokenName == "(none)" })
        let summary = try #require(trail.dropFirst(10).first)
        #expect(summary.outcome.hasPrefix("401 15 more, from "))
        #expect(summary.tokenName == "(none)")
        #expect(trail.dropFirst(11).contains { $0.tokenName == "alice" && $0.action == "POST /v1/rosters" })
    }
}

/// A clock the test moves by hand.
private final class Clock: Sendable {
    let time = Locked(TestServer.now)
}
