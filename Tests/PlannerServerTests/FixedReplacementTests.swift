import Foundation
import HummingbirdTesting
import PlannerModel
import PlannerStore
import Testing

@testable import PlannerServer

/// A sick call answered with a fixed replacement, through `POST /v1/events`: the frozen hearing in
/// its way gives way (a forced change) and a new version is published; fixed hearings that clash
/// with each other give no plan, and the last good plan stays current with the reason.
@Suite("Fixed replacements through the API")
struct FixedReplacementTests {
    /// Monday 07:30 in Amsterdam: every hearing of Monday and Tuesday is frozen.
    static let mondayEarly = ISO8601DateFormatter().date(from: "2026-12-07T07:30:00+01:00")!

    static func parts() throws -> ServerParts {
        ServerParts(
            database: try AppDatabase.inMemory(), settings: ServerSettings(debounce: .milliseconds(20)),
            authenticate: TestServer.authenticate, engine: TestServer.engine, metrics: ServerMetrics(),
            logger: TestServer.quiet, now: { mondayEarly })
    }

    static func added(_ events: [(id: String, hearing: String, date: String, slot: String, interpreter: String?)]) -> String {
        let items = events.map { e in
            let person = e.interpreter.map { #", "interpreter": "\#($0)""# } ?? ""
            return """
                {"id": "\(e.id)", "type": "hearingAdded", "hearing": {"id": "\(e.hearing)", "language": "ara", "location": "TA",
                 "earliest": "2026-12-07", "latest": "2026-12-11", "fixed": {"date": "\(e.date)", "slot": "\(e.slot)"\(person)}}}
                """
        }
        return #"{"format": "hearing-planner/events@1", "events": [\#(items.joined(separator: ", "))]}"#
    }

    @Test("The frozen hearing in a fixed replacement's place gives way, and version 2 says it was forced")
    func aFrozenHearingGivesWay() async throws {
        let app = try await buildApplication(try Self.parts())
        try await app.test(.router) { client in
            #expect(try await client.send(.post, "/v1/rosters", body: Documents.roster).status == .created)
            let first = try #require(try await client.send(.get, "/v1/plans/current").jsonObject())
            let assignments = try #require(first["assignments"] as? [[String: Any]])
            let h1 = try #require(assignments.first { $0["hearing"] as? String == "H-1" })
            let date = try #require(h1["date"] as? String), slot = try #require(h1["slot"] as? String)
            let interpreter = try #require(h1["interpreter"] as? String)

            // H-9 is fixed where H-1 is, with its interpreter; O-1 is the only officer.
            let body = Self.added([("e-1", "H-9", date, slot, interpreter)])
            #expect(try await client.send(.post, "/v1/events", body: body).status == .accepted)
            let second = try await client.waitForVersion(2)
            #expect(second["status"] as? String == "optimal")
            let now = try #require(second["assignments"] as? [[String: Any]])
            let h9 = try #require(now.first { $0["hearing"] as? String == "H-9" })
            #expect(h9["date"] as? String == date && h9["slot"] as? String == slot)
            let changes = try #require(second["changes"] as? [[String: Any]])
            let h1Change = try #require(changes.first { $0["hearing"] as? String == "H-1" })
            #expect(h1Change["forced"] as? Bool == true)
            #expect((h1Change["rule"] as? String)?.contains("H-9") == true)
            #expect(try await client.send(.get, "/readyz").status == .ok)

            // Both versions pass the service's own independent check, for a viewer too.
            for version in [1, 2] {
                let report = try #require(try await client.send(.get, "/v1/plans/\(version)/verification", token: TestServer.viewerToken).jsonObject())
                #expect(report["format"] as? String == "hearing-planner/verification@1")
                #expect(report["passed"] as? Bool == true, "\(report)")
            }
            #expect(try await client.send(.get, "/v1/plans/9/verification").status == .notFound)
        }
    }

    @Test("Fixed hearings that clash give no plan: version 1 stays current and /readyz names the reason")
    func clashingFixedHearings() async throws {
        let app = try await buildApplication(try Self.parts())
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            // Both on Tuesday afternoon, when O-1, the only officer, can hold one.
            let body = Self.added([("e-1", "H-8", "2026-12-08", "PM", nil), ("e-2", "H-9", "2026-12-08", "PM", nil)])
            #expect(try await client.send(.post, "/v1/events", body: body).status == .accepted)
            var readiness: [String: Any] = [:]
            for _ in 0..<1000 {
                readiness = try await client.send(.get, "/readyz").jsonObject() ?? [:]
                if readiness["status"] as? String == "degraded" { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(readiness["status"] as? String == "degraded")
            #expect((readiness["reason"] as? String)?.contains("fixed hearings cannot all be held") == true, "\(readiness)")
            let current = try #require(try await client.send(.get, "/v1/plans/current").jsonObject())
            #expect(current["version"] as? Int == 1)
        }
    }
}
