import Foundation
import HummingbirdTesting
import PlannerStore
import Testing

@testable import PlannerServer

@Suite("Refused requests: 413 and 422")
struct ValidationTests {
    @Test("A body over the limit is refused with 413, with or without a Content-Length")
    func tooLarge() async throws {
        let parts = try TestServer.parts(settings: ServerSettings(maxBodyBytes: 200))
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            let response = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "too-large")
            let small = try await client.send(.post, "/v1/events", body: "{}")
            #expect(small.status != .contentTooLarge)
        }
        #expect(try parts.database.auditTrail().contains { $0.outcome == "413 too-large" })
        #expect(try parts.database.latestRoster() == nil)
    }

    @Test("An invalid roster answers 422 with every error at its place; nothing is stored")
    func invalidRoster() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            let response = try await client.send(.post, "/v1/rosters", body: Documents.threeErrors)
            #expect(response.status == .unprocessableContent)
            let error = try #require(try response.jsonObject()?["error"] as? [String: Any])
            #expect(error["code"] as? String == "invalid-roster")
            let diagnostics = try #require(error["diagnostics"] as? [[String: Any]]).filter { $0["severity"] as? String == "error" }
            #expect(diagnostics.count == Documents.threeErrorPlaces.count)
            for place in Documents.threeErrorPlaces {
                #expect(diagnostics.contains { ($0["place"] as? String)?.hasPrefix(place + " (line ") == true }, "\(place)")
            }
            #expect(diagnostics.allSatisfy { !(($0["message"] as? String) ?? "").isEmpty })
        }
        #expect(try parts.database.latestRoster() == nil)
    }

    @Test("Malformed events answer 422 with their places")
    func malformedEvents() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            let body = """
                {"format": "hearing-planner/events@1", "events": [
                  {"id": "e-1", "type": "availability", "person": "I-1", "slots": ["2026-12-07/AM"]},
                  {"id": "e-2", "type": "vacation"}
                ]}
                """
            let response = try await client.send(.post, "/v1/events", body: body)
            #expect(response.status == .unprocessableContent)
            let error = try #require(try response.jsonObject()?["error"] as? [String: Any])
            #expect(error["code"] as? String == "invalid-events")
            let places = try #require(error["diagnostics"] as? [[String: Any]]).compactMap { $0["place"] as? String }
            #expect(places.contains { $0.hasPrefix("events[0].available") })
            #expect(places.contains { $0.hasPrefix("events[1].type") })
        }
    }

    @Test("An event that does not fit the roster answers 422 naming it; none of its batch is kept")
    func eventDoesNotFit() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            let body = """
                {"format": "hearing-planner/events@1", "events": [
                  {"id": "e-1", "type": "availability", "person": "I-1", "slots": ["2026-12-07/AM"], "available": false},
                  {"id": "e-2", "type": "personRemoved", "person": "I-99"}
                ]}
                """
            let response = try await client.send(.post, "/v1/events", body: body)
            #expect(response.status == .unprocessableContent)
            let error = try #require(try response.jsonObject()?["error"] as? [String: Any])
            #expect(error["code"] as? String == "event-does-not-fit")
            let event = try #require(error["event"] as? [String: Any])
            #expect(event["index"] as? Int == 1)
            #expect(event["id"] as? String == "e-2")
            #expect((event["reasons"] as? [String])?.first?.contains("I-99") == true)
        }
        let roster = try #require(try parts.database.latestRoster()?.id)
        #expect(try parts.database.events(rosterID: roster).isEmpty)
    }
}
