import Foundation
import HTTPTypes
import HummingbirdTesting
import Locking
import PlannerModel
import PlannerStore
import Synchronization
import Testing

@testable import PlannerServer

@Suite("Calendar feed links and retention in the service")
struct FeedAndRetentionTests {
    @Test("A planner makes a feed link; anyone with it reads the calendar without a token until it is revoked")
    func feeds() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            #expect(try await client.send(.post, "/v1/people/I-1/feeds").errorCode == "no-plan")
            #expect(try await client.send(.post, "/v1/rosters", body: Documents.roster).status == .created)

            #expect(try await client.send(.post, "/v1/people/I-1/feeds", token: TestServer.viewerToken).status == .forbidden)
            #expect(try await client.send(.post, "/v1/people/NOBODY/feeds").status == .notFound)
            let made = try await client.send(.post, "/v1/people/I-1/feeds")
            #expect(made.status == .created)
            let feed = try #require(try made.jsonObject())
            let url = try #require(feed["url"] as? String)
            #expect(url.hasPrefix("/v1/calendars/hpf_") && url.hasSuffix(".ics"))
            #expect(feed["person"] as? String == "I-1")
            #expect(feed["createdBy"] as? String == "alice")

            let calendar = try await client.send(.get, url, token: nil)
            #expect(calendar.status == .ok)
            #expect(calendar.headers[.contentType]?.hasPrefix("text/calendar") == true)
            #expect(calendar.headers[.cacheControl] == "no-store")
            #expect(calendar.text.hasPrefix("BEGIN:VCALENDAR"))

            #expect(try await client.send(.get, "/v1/feeds", token: TestServer.viewerToken).status == .forbidden)
            let list = try await client.send(.get, "/v1/feeds")
            #expect(!list.text.contains(url.dropFirst("/v1/calendars/".count).dropLast(4)))
            let listed = try #require(try list.jsonObject()?["feeds"] as? [[String: Any]])
            #expect(listed.count == 1)
            #expect(listed.first?["lastUsedAt"] is String)
            let number = try #require(listed.first?["feed"] as? Int)

            #expect(try await client.send(.delete, "/v1/feeds/\(number)").status == .noContent)
            #expect(try await client.send(.get, url, token: nil).status == .notFound)
            #expect(try await client.send(.delete, "/v1/feeds/\(number)").status == .notFound)
            let guess = "/v1/calendars/hpf_" + String(repeating: "A", count: 43) + ".ics"
            #expect(try await client.send(.get, guess, token: nil).status == .notFound)
        }
        let trail = try parts.database.auditTrail().map { "\($0.tokenName) \($0.action) \($0.outcome)" }
        #expect(trail.contains("alice POST /v1/people/{id}/feeds 201 feed 1"))
        #expect(trail.contains("alice DELETE /v1/feeds/{feed} 204 feed 1 revoked"))
        #expect(!trail.joined().contains("hpf_"))
    }

    @Test("The daily pruning, by a test clock: nothing before the horizon's end plus retention.days, then the plan is gone from the service")
    func retention() async throws {
        let clock = Locked(TestServer.now)
        var parts = try TestServer.parts()
        parts.now = { clock.withLock { $0 } }
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            let submitted = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            #expect(submitted.status == .created)
        }
        // The fixture's horizon ends on 2026-12-11; kept for 30 days after, through 2027-01-10.
        let rebuilt = try await ServerAssembly(parts)
        let service = RetentionService(
            state: rebuilt.state, rule: RetentionRule(days: 30), metrics: parts.metrics, logger: TestServer.quiet,
            now: { clock.withLock { $0 } }, sleep: { _ in })
        clock.withLock { $0 = Date(timeIntervalSince1970: 1_799_539_200) }  // 2027-01-10T00:00:00Z
        #expect(await service.runOnce() == PruneOutcome())
        #expect(rebuilt.board.plan?.version == 1)

        clock.withLock { $0 = Date(timeIntervalSince1970: 1_799_625_600) }  // 2027-01-11T00:00:00Z
        let outcome = await service.runOnce()
        #expect(outcome?.rosters == 1 && outcome?.planVersions == 1)
        #expect(rebuilt.board.plan == nil)
        #expect(rebuilt.board.health.status == .starting)
        #expect(try parts.database.latestRoster() == nil)
        let retention = try #require(try parts.database.auditTrail().first)
        #expect(retention.tokenName == "retention" && retention.action == "retention")
        #expect(parts.metrics.text().contains("hearing_planner_retention_last_run_timestamp_seconds 1.7996256e+09")
            || parts.metrics.text().contains("hearing_planner_retention_last_run_timestamp_seconds 1799625600"))
    }

    @Test("The service prunes when it starts and then once a day: four days of a test clock, the horizon due on the third")
    func daily() async throws {
        let clock = Locked(TestServer.now)
        var parts = try TestServer.parts()
        parts.now = { clock.withLock { $0 } }
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            let submitted = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            #expect(submitted.status == .created)
        }
        // The horizon ends on 2026-12-11; kept for 30 days after, so due on 2027-01-11.
        let start = Date(timeIntervalSince1970: 1_799_496_000)  // 2027-01-09T12:00:00Z
        clock.withLock { $0 = start }
        let rebuilt = try await ServerAssembly(parts)
        let waits = Locked<[Duration]>([])
        let service = RetentionService(
            state: rebuilt.state, rule: RetentionRule(days: 30), metrics: parts.metrics, logger: TestServer.quiet,
            now: { clock.withLock { $0 } },
            sleep: { duration in
                let count = waits.withLock { $0.append(duration); return $0.count }
                // The wait passes on the test clock at once; the fourth is cut short by a shutdown.
                if count == 4 { throw CancellationError() }
                clock.withLock { $0 += TimeInterval(duration.components.seconds) }
            })
        try await service.run()

        #expect(waits.withLock { $0 } == Array(repeating: .seconds(86_400), count: 4))
        let prunings = try parts.database.auditTrail().filter { $0.action == "retention" }
        #expect(prunings.map(\.time) == [start.addingTimeInterval(2 * 86_400)])
        #expect(prunings.first?.outcome.hasPrefix("pruned horizons ended before 2026-12-12: 1 roster(s), 1 plan version(s)") == true)
        #expect(try parts.database.latestRoster() == nil)
        #expect(rebuilt.board.plan == nil)
        // The metric says when pruning last ran: the fourth day's run, which found nothing.
        let line = parts.metrics.text().split(separator: "\n").first { $0.hasPrefix("hearing_planner_retention_last_run_timestamp_seconds ") }
        let value = try #require(line?.split(separator: " ").last.flatMap { Double($0) })
        // Within the exporter's precision (a few minutes at this size), which tells the days apart.
        #expect(abs(value - start.addingTimeInterval(3 * 86_400).timeIntervalSince1970) < 600)
    }

    @Test("With retention configured, the running service prunes what is due as soon as it starts")
    func pruneAtStart() async throws {
        let clock = Locked(TestServer.now)
        var parts = try TestServer.parts()
        parts.now = { clock.withLock { $0 } }
        let first = try await buildApplication(parts)
        try await first.test(.router) { client in
            let submitted = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            #expect(submitted.status == .created)
        }
        clock.withLock { $0 = Date(timeIntervalSince1970: 1_801_440_000) }  // 2027-02-01T00:00:00Z
        parts.settings.retention = RetentionRule(days: 30)
        let app = try await buildApplication(parts)
        let database = parts.database
        try await app.test(.router) { client in
            let deadline = ContinuousClock.now + .seconds(120)
            // The rows go in the store's transaction, the served plan just after: wait for both.
            while ContinuousClock.now < deadline {
                let served = try await client.send(.get, "/v1/plans/current").errorCode
                if try database.latestRoster() == nil, served == "no-plan" { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try database.latestRoster() == nil)
            #expect(try await client.send(.get, "/v1/plans/current").errorCode == "no-plan")
        }
        #expect(try parts.database.auditTrail().contains { $0.action == "retention" && $0.tokenName == "retention" })
    }
}
