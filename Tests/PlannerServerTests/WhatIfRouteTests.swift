import Foundation
import GLPKSolver
import HTTPTypes
import HummingbirdTesting
import Planning
import PlannerModel
import PlannerStore
import Reports
import Testing

@testable import PlannerServer

@Suite("What-if routes: options for a hearing, tradeoff sweeps")
struct WhatIfRouteTests {
    static let sample = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/sample/roster.json")

    static func sampleDocument() throws -> String {
        try String(contentsOf: sample, encoding: .utf8)
    }

    /// The published plan of the server's database, with the roster it was made from.
    static func published(_ database: any PlanningStore) throws -> PublishedPlan {
        try PlanningState.published(try #require(try database.latestPlan()))
    }

    @Test("The options of sample hearings are WhatIf.options of the current plan and roster, for a viewer too")
    func optionsMatchLibrary() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            #expect(try await client.send(.post, "/v1/rosters", body: try Self.sampleDocument()).status == .created)
            let current = try Self.published(parts.database)
            // Held with a preference met, held without a preference, and not held (the first of each
            // kind in the sample's plan but H-000489, whose exhaustive search takes seconds even
            // in a release build).
            let preferring = "H-000495", plain = "H-000487", unheld = "H-000486"
            #expect(current.plan.assignments.contains { $0.hearing == preferring && $0.interpreterPreference == .met })
            #expect(current.plan.assignments.contains { $0.hearing == plain && $0.interpreterPreference == .none && $0.officerPreference == .none })
            #expect(current.plan.unscheduled.contains { $0.hearing == unheld })
            for (hearing, all) in [(preferring, false), (preferring, true), (plain, false), (unheld, false)] {
                let response = try await client.send(
                    .get, "/v1/hearings/\(hearing)/options" + (all ? "?all=true" : ""), token: TestServer.viewerToken)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let expected = try WhatIf.options(
                    for: hearing, roster: current.roster, plan: current.plan, settings: OptionsSettings(listsAll: all))
                #expect(response.text == String(decoding: try JSONOutput.encode(expected), as: UTF8.self), "\(hearing), all: \(all)")
            }
        }
    }

    @Test("Options: 404 before any plan and for an unknown hearing, 400 for a bad flag")
    func optionsErrors() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            let early = try await client.send(.get, "/v1/hearings/H-1/options")
            #expect(early.status == .notFound)
            #expect(early.errorCode == "no-plan")
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            let unknown = try await client.send(.get, "/v1/hearings/H-404/options")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "unknown-hearing")
            #expect(!unknown.text.contains("H-404"))
            let flag = try await client.send(.get, "/v1/hearings/H-1/options?all=yes")
            #expect(flag.status == .badRequest)
            #expect(flag.errorCode == "bad-parameter")
            #expect(try await client.send(.get, "/v1/hearings/H-1/options").status == .ok)
        }
    }

    @Test("A sweep of the sample runs to done, and its report is TradeoffSweep's on the same roster")
    func tradeoffMatchesLibrary() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            #expect(try await client.send(.post, "/v1/rosters", body: try Self.sampleDocument()).status == .created)
            let submitted = try await client.send(.post, "/v1/tradeoff", body: #"{"penalties": [0, 60], "format": "csv"}"#)
            #expect(submitted.status == .accepted)
            let location = try #require(submitted.headers[.location])
            let job = try #require(try submitted.jsonObject()?["job"] as? String)
            #expect(location == "/v1/tradeoff/\(job)")

            var status: [String: Any] = [:]
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline {
                status = try #require(try await client.send(.get, location + "?format=json", token: TestServer.viewerToken).jsonObject())
                if status["status"] as? String == "done" || status["status"] as? String == "failed" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            try #require(status["status"] as? String == "done", "\(status)")
            #expect(status["points"] as? Int == 3)  // 0, 60 and the roster's own 20
            #expect(status["pointsDone"] as? Int == 3)

            let current = try Self.published(parts.database)
            let planner = Planner(solver: GLPKSolver(logger: TestServer.quiet), logger: TestServer.quiet)
            let points = try TradeoffSweep(penalties: [0, 60]).run(
                current.roster, planner: planner, timeLimit: TestServer.parts().settings.solveTimeLimit)
            let expected = TradeoffReport(
                roster: current.roster,
                points: points.map {
                    .init(standardPenalty: $0.standardPenalty, highPenalty: $0.highPenalty, isCurrentPolicy: $0.isCurrentPolicy,
                          isWarmStarted: $0.isWarmStarted, plan: $0.plan)
                },
                ratio: TradeoffSweep.highPenalty(for: 1, policy: current.roster.policy))
            let served = try #require(status["report"] as? [String: Any])
            let wanted = try #require(try JSONSerialization.jsonObject(with: Data(try expected.json())) as? [String: Any])
            #expect(Self.withoutSeconds(served) == Self.withoutSeconds(wanted))

            // The request's format is the default; csv and html on request.
            let csv = try await client.send(.get, location)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(Self.csvWithoutSeconds(csv.text) == Self.csvWithoutSeconds(expected.csv()))
            let html = try await client.send(.get, location + "?format=html")
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(try await client.send(.get, location + "?format=pdf").status == .badRequest)
        }
        let trail = try parts.database.auditTrail()
        #expect(trail.contains { $0.action == "POST /v1/tradeoff" && $0.outcome.hasPrefix("202") })
    }

    @Test("A change is re-planned while a sweep runs, and the sweep still finishes")
    func replanDuringSweep() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            #expect(try await client.send(.post, "/v1/rosters", body: try Self.sampleDocument()).status == .created)
            let submitted = try await client.send(.post, "/v1/tradeoff", body: #"{"penalties": [0, 10, 40, 60, 120]}"#)
            let location = try #require(submitted.headers[.location])
            let first = try #require(try await client.send(.get, "/v1/plans/current").jsonObject())
            let assignment = try #require((first["assignments"] as? [[String: Any]])?.first)
            let officer = try #require(assignment["officer"] as? String)
            let slots = try #require(assignment["slots"] as? [String])
            #expect(try await client.send(.post, "/v1/events", body: Documents.unavailable("e-1", person: officer, slots: slots)).status == .accepted)
            let second = try await client.waitForVersion(2, timeout: .seconds(60))
            #expect(second["version"] as? Int == 2)
            // Six points take seconds; the re-plan took the solver between two of them.
            let meanwhile = try #require(try await client.send(.get, location).jsonObject())
            #expect(meanwhile["status"] as? String == "running", "\(meanwhile)")

            var status = ""
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline, status != "done", status != "failed" {
                status = try #require(try await client.send(.get, location).jsonObject())["status"] as? String ?? ""
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(status == "done")
        }
    }

    @Test("Tradeoff: a viewer gets 403, an unknown job 404, no plan 409, a bad body 400 naming the field")
    func tradeoffErrors() async throws {
        let parts = try TestServer.parts(settings: ServerSettings(solveTimeLimit: .seconds(10), debounce: .milliseconds(20)))
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            let viewer = try await client.send(.post, "/v1/tradeoff", token: TestServer.viewerToken, body: "{}")
            #expect(viewer.status == .forbidden)
            let unknown = try await client.send(.get, "/v1/tradeoff/no-such-job")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "unknown-job")
            let early = try await client.send(.post, "/v1/tradeoff", body: "")
            #expect(early.status == .conflict)
            #expect(early.errorCode == "no-plan")
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            for (body, place) in [
                (#"{"penalties": [0, -1]}"#, "penalties[1]"), (#"{"penalties": [0, "x"]}"#, "penalties[1]"),
                (#"{"penalties": []}"#, "penalties"), (#"{"timeLimit": 86401}"#, "timeLimit"), (#"{"timeLimit": 0}"#, "timeLimit"),
                (#"{"penalties": [2000000]}"#, "penalties[0]"), ("{\"penalties\": [\((0..<25).map(String.init).joined(separator: ","))]}", "penalties"),
                (#"{"gap": 1e7}"#, "gap"), (#"{"timeLimit": true}"#, "timeLimit"),
                (#"{"gap": -0.1}"#, "gap"), (#"{"format": "pdf"}"#, "format"), (#"{"penalty": [1]}"#, "penalty"),
                ("[1, 2]", "JSON object"),
            ] {
                let response = try await client.send(.post, "/v1/tradeoff", body: body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.errorCode == "bad-tradeoff", "\(body)")
                let message = ((try response.jsonObject())?["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.hasPrefix(place) || message.contains(place), "\(body): \(message)")
            }
        }
    }

    @Test("The request's fields, with the defaults for those left out")
    func requestDefaults() throws {
        let empty = try WhatIfRoutes.request(from: [], solveTimeLimit: .seconds(30))
        #expect(empty.penalties == TradeoffSweep.defaultPenalties)
        #expect(empty.timeLimit == .seconds(30))
        #expect(empty.format == .json)
        let full = try WhatIfRoutes.request(
            from: Array(#"{"penalties": [5], "timeLimit": 2.5, "gap": 0.01, "format": "html"}"#.utf8), solveTimeLimit: .seconds(30))
        #expect(full.penalties == [5])
        #expect(full.timeLimit == .milliseconds(2500))
        #expect(full.gap == 0.01)
        #expect(full.format == .html)
        // Longer than the service's solve time limit is shortened to it, not refused (docs/openapi.yaml).
        let long = try WhatIfRoutes.request(from: Array(#"{"timeLimit": 3600}"#.utf8), solveTimeLimit: .seconds(30))
        #expect(long.timeLimit == .seconds(30))
    }

    @Test("Finished sweeps are kept up to the bound, and a full queue refuses more")
    func jobBounds() async throws {
        let jobs = TradeoffJobs(maxWaiting: 2, keepFinished: 2)
        let request = TradeoffRequest(penalties: [0], timeLimit: .seconds(1), gap: 0, format: .json)
        let roster = try #require(RosterJSON.read(Array(Documents.roster.utf8)).checked().roster)
        var ids: [String] = []
        for _ in 0..<3 {
            let first = await jobs.submit(request, points: [0, 20], roster: roster, planVersion: 1, at: TestServer.now)
            let second = await jobs.submit(request, points: [0, 20], roster: roster, planVersion: 1, at: TestServer.now)
            #expect(await jobs.submit(request, points: [0, 20], roster: roster, planVersion: 1, at: TestServer.now) == nil)
            for job in [first, second] {
                let work = try #require(await jobs.start(at: TestServer.now))
                #expect(work.id == job?.id)
                await jobs.fail(work.id, reason: "test", at: TestServer.now)
                ids.append(work.id)
            }
        }
        #expect(await jobs.job(ids[3]) == nil)
        #expect(await jobs.job(ids[4])?.status == .failed)
        #expect(await jobs.job(ids[5])?.reason == "test")
    }

    static func withoutSeconds(_ report: [String: Any]) -> NSDictionary {
        var copy = report
        copy["runs"] = (report["runs"] as? [[String: Any]])?.map { run in
            var run = run
            run["seconds"] = nil
            return run
        }
        return copy as NSDictionary
    }

    /// The CSV without its `seconds` column (the sixth).
    static func csvWithoutSeconds(_ text: String) -> [[Substring]] {
        text.split(separator: "\n").map { line in
            var cells = line.split(separator: ",", omittingEmptySubsequences: false)
            cells.remove(at: 5)
            return cells
        }
    }
}
