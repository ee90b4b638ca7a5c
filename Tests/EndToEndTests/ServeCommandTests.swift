import Foundation
import Testing

/// The service as it runs: the real binary on a free port with a temporary state directory.
@Suite("hearing-planner serve")
struct ServeCommandTests {
    static let sampleRoster = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/sample/roster.json")

    /// A planner's token in `folder/tokens`, made by `token add`.
    static func plannerToken(_ binary: HearingPlannerBinary, in folder: URL) async throws -> String {
        let run = try await binary.run(["token", "add", "e2e", "--role", "planner", "--tokens", "tokens"], in: folder)
        try #require(run.status == 0, "\(run.standardError)")
        return run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An event that takes the officer of the plan's first assignment away from its slots, and
    /// the hearing that must therefore move.
    static func officerLeaves(_ plan: [String: Any], id: String, available: Bool = false) throws -> (event: Data, hearing: String) {
        let assignments = try #require(plan["assignments"] as? [[String: Any]])
        let first = try #require(assignments.first)
        let officer = try #require(first["officer"] as? String)
        let slots = try #require(first["slots"] as? [String])
        let document: [String: Any] = [
            "format": "hearing-planner/events@1",
            "events": [["id": id, "type": "availability", "person": officer, "slots": slots, "available": available]],
        ]
        return (try JSONSerialization.data(withJSONObject: document), try #require(first["hearing"] as? String))
    }

    @Test("Submit the sample roster, report an availability change, and get a new version whose changes name the hearing")
    func rosterThenChange() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let token = try await Self.plannerToken(binary, in: folder)
            let server = try await ServeProcess(binary: binary, folder: folder, token: token)

            let roster = try Data(contentsOf: Self.sampleRoster)
            let (created, answer) = try await server.json("POST", "/v1/rosters", body: roster)
            #expect(created == 201, "\(answer) \(server.output)")
            let first = try await server.plan(atLeast: 1)
            #expect(first["version"] as? Int == 1)

            let (event, hearing) = try Self.officerLeaves(first, id: "e-1")
            let (accepted, acceptance) = try await server.json("POST", "/v1/events", body: event)
            #expect(accepted == 202)
            #expect(acceptance["accepted"] as? [String] == ["e-1"])

            let second = try await server.plan(atLeast: 2)
            #expect(second["version"] as? Int == 2)
            let (status, changes) = try await server.json("GET", "/v1/plans/2/changes")
            #expect(status == 200)
            let changed = try #require(changes["changes"] as? [[String: Any]]).compactMap { $0["hearing"] as? String }
            #expect(changed.contains(hearing))
            #expect(!(try #require(changes["people"] as? [[String: Any]])).isEmpty)

            let (ready, _) = try await server.json("GET", "/readyz")
            #expect(ready == 200)
            #expect(server.stop() == 0, "\(server.output)")
            // The log has counts and timings, never the hearing or the person.
            #expect(!server.output.contains(hearing))
        }
    }

    @Test("kill -9 after an event is acknowledged but before it is planned: the restart plans it")
    func crashBeforeReplanning() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let token = try await Self.plannerToken(binary, in: folder)
            // A debounce far longer than the test: the event is acknowledged and not yet planned.
            try folder.appendingPathComponent("slow.json").write(#"{"debounce": 60}"#)
            let first = try await ServeProcess(binary: binary, folder: folder, token: token, extraArguments: ["--config", "slow.json"])
            let (created, _) = try await first.json("POST", "/v1/rosters", body: try Data(contentsOf: Self.sampleRoster))
            try #require(created == 201, "\(first.output)")
            let plan = try await first.plan(atLeast: 1)
            let (event, hearing) = try Self.officerLeaves(plan, id: "e-crash")
            let (accepted, _) = try await first.json("POST", "/v1/events", body: event)
            try #require(accepted == 202)
            let (_, readiness) = try await first.json("GET", "/readyz")
            #expect(readiness["pendingEvents"] as? Int == 1)
            first.kill9()

            let second = try await ServeProcess(binary: binary, folder: folder, token: token)
            let current = try await second.plan(atLeast: 2)
            #expect(current["appliedEvents"] as? [String] == ["e-crash"])
            let (_, changes) = try await second.json("GET", "/v1/plans/2/changes")
            let changed = (changes["changes"] as? [[String: Any]] ?? []).compactMap { $0["hearing"] as? String }
            #expect(changed.contains(hearing))
            let (ready, after) = try await second.json("GET", "/readyz")
            #expect(ready == 200)
            #expect(after["pendingEvents"] as? Int == 0)
            // Posting the event again changes nothing: it is in the log already.
            let (again, repeated) = try await second.json("POST", "/v1/events", body: event)
            #expect(again == 202)
            #expect(repeated["skipped"] as? [String] == ["e-crash"])
            #expect(second.stop() == 0)
        }
    }
}
