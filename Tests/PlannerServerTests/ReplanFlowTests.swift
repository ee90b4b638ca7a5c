import Locking
import Synchronization
import Foundation
import HTTPTypes
import HummingbirdTesting
import PlannerModel
import PlannerStore
import Testing

@testable import PlannerServer

@Suite("Rosters, events and plan versions")
struct ReplanFlowTests {
    /// The slots of `hearing` in a served plan.
    static func slots(of hearing: String, in plan: [String: Any]) throws -> [String] {
        let assignments = try #require(plan["assignments"] as? [[String: Any]])
        let assignment = try #require(assignments.first { $0["hearing"] as? String == hearing }, "\(hearing) is not held")
        return try #require(assignment["slots"] as? [String])
    }

    @Test("A roster gets version 1; an availability change gives version 2 whose changes name the hearing")
    func rosterThenChange() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            let submitted = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            #expect(submitted.status == .created)
            #expect(submitted.headers[.location] == "/v1/plans/1")
            #expect(try submitted.jsonObject()?["version"] as? Int == 1)

            let first = try #require(try await client.send(.get, "/v1/plans/current").jsonObject())
            #expect(first["format"] as? String == "hearing-planner/plan@1")
            #expect(first["version"] as? Int == 1)
            #expect(try await client.send(.get, "/readyz").status == .ok)

            // The only officer cannot do H-1's slot any more: H-1 must move.
            let event = Documents.unavailable("e-1", person: "O-1", slots: try Self.slots(of: "H-1", in: first))
            let accepted = try await client.send(.post, "/v1/events", body: event)
            #expect(accepted.status == .accepted)
            #expect(try accepted.jsonObject()?["accepted"] as? [String] == ["e-1"])

            let second = try await client.waitForVersion(2)
            #expect(second["appliedEvents"] as? [String] == ["e-1"])
            #expect(try Self.slots(of: "H-1", in: second) != Self.slots(of: "H-1", in: first))

            let changes = try #require(try await client.send(.get, "/v1/plans/2/changes").jsonObject())
            #expect(changes["baselineVersion"] as? Int == 1)
            let hearings = try #require(changes["changes"] as? [[String: Any]]).compactMap { $0["hearing"] as? String }
            #expect(hearings.contains("H-1"))
            let people = try #require(changes["people"] as? [[String: Any]]).compactMap { $0["person"] as? String }
            #expect(people.contains("O-1"))

            // Version 1 is still there, and its changes are those of a first plan: none.
            let old = try #require(try await client.send(.get, "/v1/plans/1").jsonObject())
            #expect(old["version"] as? Int == 1)
            let none = try #require(try await client.send(.get, "/v1/plans/1/changes").jsonObject())
            #expect(none["baselineVersion"] is NSNull, "a first plan's baselineVersion is null, as docs/openapi.yaml has it")
            #expect((none["changes"] as? [Any])?.isEmpty == true)
            #expect(try await client.send(.get, "/v1/plans/9").status == .notFound)
            #expect(try await client.send(.get, "/v1/plans/x").status == .badRequest)
        }
        let roster = try #require(try parts.database.latestRoster()?.id)
        #expect(try parts.database.events(rosterID: roster).map(\.appliedInVersion) == [2])
    }

    @Test("A client that sends the entity tag of the plan it has gets 304 until a new version exists")
    func conditionalReads() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            let first = try await client.send(.get, "/v1/plans/current")
            let tag = try #require(first.headers[.eTag])
            #expect(tag == "\"plan-1\"")
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(TestServer.viewerToken)"
            headers[.ifNoneMatch] = tag
            let unchanged = try await client.execute(uri: "/v1/plans/current", method: .get, headers: headers, body: nil)
            #expect(unchanged.status == .notModified)
            #expect(unchanged.body.readableBytes == 0)
            #expect(try await client.execute(uri: "/v1/plans/1", method: .get, headers: headers, body: nil).status == .notModified)
            // Another tag: the whole plan.
            headers[.ifNoneMatch] = "\"plan-7\""
            #expect(try await client.execute(uri: "/v1/plans/current", method: .get, headers: headers, body: nil).status == .ok)
            // Without a token the tag tells nothing.
            headers[.authorization] = nil
            headers[.ifNoneMatch] = tag
            #expect(try await client.execute(uri: "/v1/plans/current", method: .get, headers: headers, body: nil).status == .unauthorized)

            let plan = try #require(try first.jsonObject())
            let event = Documents.unavailable("e-1", person: "O-1", slots: try Self.slots(of: "H-1", in: plan))
            _ = try await client.send(.post, "/v1/events", body: event)
            _ = try await client.waitForVersion(2)
            headers[.authorization] = "Bearer \(TestServer.viewerToken)"
            let changed = try await client.execute(uri: "/v1/plans/current", method: .get, headers: headers, body: nil)
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] == "\"plan-2\"")
        }
    }

    @Test("Posting the same events twice accepts them once")
    func idempotentEvents() async throws {
        let parts = try TestServer.parts(settings: ServerSettings(debounce: .seconds(30)))
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            let event = Documents.unavailable("e-7", person: "I-2", slots: ["2026-12-07/AM"])
            let once = try #require(try await client.send(.post, "/v1/events", body: event).jsonObject())
            #expect(once["accepted"] as? [String] == ["e-7"])
            #expect(once["pendingEvents"] as? Int == 1)
            let twice = try await client.send(.post, "/v1/events", body: event)
            #expect(twice.status == .accepted)
            let answer = try #require(try twice.jsonObject())
            #expect(answer["accepted"] as? [String] == [])
            #expect(answer["skipped"] as? [String] == ["e-7"])
            #expect(answer["pendingEvents"] as? Int == 1)
        }
        let roster = try #require(try parts.database.latestRoster()?.id)
        #expect(try parts.database.events(rosterID: roster).map(\.eventID) == ["e-7"])
    }

    @Test(
        "When a re-plan runs out of time or fails, the last good plan stays current and /readyz says degraded and why",
        arguments: [(TestServer.failingReplans, "time limit"), (TestServer.throwingReplans, "the planner failed (SolverBroke)")])
    func degraded(_ maker: PlanMaker, reason: String) async throws {
        let parts = try TestServer.parts(planMaker: maker)
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            _ = try await client.send(.post, "/v1/events", body: Documents.unavailable("e-1", person: "I-2", slots: ["2026-12-07/AM"]))
            var readiness: [String: Any] = [:]
            for _ in 0..<3_000 {  // up to 30 s on a loaded machine; it breaks as soon as it is degraded
                let response = try await client.send(.get, "/readyz", token: TestServer.viewerToken)
                readiness = try response.jsonObject() ?? [:]
                if readiness["status"] as? String == "degraded" {
                    #expect(response.status == .serviceUnavailable)
                    break
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(readiness["status"] as? String == "degraded")
            #expect((readiness["reason"] as? String)?.contains(reason) == true, "\(readiness)")
            #expect(readiness["pendingEvents"] as? Int == 1)
            let current = try #require(try await client.send(.get, "/v1/plans/current").jsonObject())
            #expect(current["version"] as? Int == 1)
            #expect(try await client.send(.get, "/metrics").text.contains(#"hearing_planner_replans_total{outcome="no-plan"} 1"#))
        }
    }

    @Test("A change after a failed re-plan is planned after the debounce, not after the retry delay of the failure")
    func changeAfterFailure() async throws {
        // The first re-plan gives no plan; later ones plan. The retry delay (300 s) is far past the test.
        let replans = Locked(0)
        let maker = PlanMaker { roster, baseline, now, options in
            if let baseline, replans.withLock({ $0 += 1; return $0 }) == 1 {
                var plan = baseline
                plan.status = .timeLimit
                plan.assignments = []
                return plan
            }
            return try PlanMaker.standard(TestServer.engine).make(roster, baseline, now, options)
        }
        let app = try await buildApplication(try TestServer.parts(planMaker: maker))
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            _ = try await client.waitForVersion(1)
            _ = try await client.send(.post, "/v1/events", body: Documents.unavailable("e-1", person: "I-2", slots: ["2026-12-07/AM"]))
            // The failed re-plan has ended (the service waits out its retry delay) before the next change.
            var status: String?
            for _ in 0..<3_000 where status != "degraded" {
                status = try await client.send(.get, "/readyz", token: TestServer.viewerToken).jsonObject()?["status"] as? String
                if status != "degraded" { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(status == "degraded")
            #expect(replans.withLock { $0 } == 1)
            _ = try await client.send(.post, "/v1/events", body: Documents.unavailable("e-2", person: "I-2", slots: ["2026-12-07/PM"]))
            let plan = try await client.waitForVersion(2)
            #expect(plan["appliedEvents"] as? [String] == ["e-1", "e-2"])
        }
    }

    @Test("Events accepted but not yet planned are planned after a restart")
    func restartPlansPending() async throws {
        let database = try AppDatabase.inMemory()
        // A debounce longer than the test: the service stops before it re-plans.
        let first = try await buildApplication(try TestServer.parts(database: database, settings: ServerSettings(debounce: .seconds(600))))
        try await first.test(.router) { client in
            let roster = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            #expect(roster.status == .created)
            let event = Documents.unavailable("e-1", person: "I-1", slots: ["2026-12-07/AM"])
            let accepted = try await client.send(.post, "/v1/events", body: event)
            #expect(accepted.status == .accepted)
        }
        #expect(try database.latestPlan()?.version == 1)

        let second = try await buildApplication(try TestServer.parts(database: database))
        try await second.test(.router) { client in
            let plan = try await client.waitForVersion(2)
            #expect(plan["appliedEvents"] as? [String] == ["e-1"])
            #expect(try await client.send(.get, "/readyz").status == .ok)
        }
    }

    @Test("Reports, calendars and metrics are served from the current plan")
    func reads() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            #expect(try await client.send(.get, "/v1/reports/fulfilment").status == .notFound)
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            let viewer = TestServer.viewerToken
            let json = try await client.send(.get, "/v1/reports/fulfilment", token: viewer)
            #expect(json.status == .ok)
            #expect(try json.jsonObject()?["format"] as? String == "hearing-planner/report@1")
            let csv = try await client.send(.get, "/v1/reports/fulfilment?format=csv&groupBy=language", token: viewer)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let html = try await client.send(.get, "/v1/reports/fulfilment?format=html", token: viewer)
            #expect(html.text.contains("<html"))
            #expect(try await client.send(.get, "/v1/reports/fulfilment?groupBy=shoe", token: viewer).status == .badRequest)
            #expect(try await client.send(.get, "/v1/reports/fulfilment?format=pdf", token: viewer).status == .badRequest)

            let calendar = try await client.send(.get, "/v1/people/O-1/calendar.ics", token: viewer)
            #expect(calendar.status == .ok)
            #expect(calendar.text.hasPrefix("BEGIN:VCALENDAR"))
            #expect(try await client.send(.get, "/v1/people/X-9/calendar.ics", token: viewer).status == .notFound)

            let metrics = try await client.send(.get, "/metrics", token: viewer).text
            #expect(metrics.contains("hearing_planner_plan_version 1"))
            #expect(metrics.contains("hearing_planner_solve_seconds"))
            #expect(metrics.contains("hearing_planner_events_pending 0"))
            #expect(try await client.send(.get, "/v1/openapi.yaml", token: viewer).text.hasPrefix("openapi: 3.1"))
        }
    }
}
