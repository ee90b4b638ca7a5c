import CompressNIO
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerStore
import Testing

@testable import PlannerServer

@Suite("The served plan: compact JSON, gzip once per version")
struct CompressionTests {
    /// GET `uri` as the viewer with these extra headers.
    static func get(
        _ client: some TestClientProtocol, _ uri: String, _ extra: [HTTPField.Name: String] = [:]
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(TestServer.viewerToken)"
        for (name, value) in extra { headers[name] = value }
        return try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
    }

    static func gunzip(_ body: ByteBuffer) throws -> ByteBuffer {
        var body = body
        return try body.decompress(with: .gzip())
    }

    @Test("The gzip answer decompresses to exactly the identity body, on both routes to the current plan")
    func gzipIsTheIdentity() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            #expect(try await client.send(.post, "/v1/rosters", body: Documents.roster).status == .created)
            let identity = try await Self.get(client, "/v1/plans/current")
            #expect(identity.status == .ok)
            #expect(identity.headers[.contentEncoding] == nil)
            #expect(identity.headers[.contentType] == "application/json; charset=utf-8")
            for uri in ["/v1/plans/current", "/v1/plans/1"] {
                let gzip = try await Self.get(client, uri, [.acceptEncoding: "gzip, deflate, br"])
                #expect(gzip.status == .ok, "\(uri)")
                #expect(gzip.headers[.contentEncoding] == "gzip", "\(uri)")
                #expect(gzip.headers[.eTag] == "\"plan-1\"", "\(uri)")
                #expect(gzip.body != identity.body, "\(uri)")
                #expect(try Self.gunzip(gzip.body) == identity.body, "\(uri)")
            }
            let plan = try #require(try identity.jsonObject())
            #expect(plan["version"] as? Int == 1)
        }
    }

    @Test(
        "Without gzip in Accept-Encoding the answer is the identity",
        arguments: [nil, "identity", "gzip;q=0", "deflate, br", "*;q=0", "*, gzip;q=0", "gzip;q=nonsense"])
    func identityWhenNotAccepted(_ acceptEncoding: String?) async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            let answer = try await Self.get(client, "/v1/plans/current", acceptEncoding.map { [.acceptEncoding: $0] } ?? [:])
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentEncoding] == nil)
            #expect(answer.headers[.vary] == "Accept-Encoding")
            #expect(try answer.jsonObject()?["format"] as? String == "hearing-planner/plan@1")
        }
    }

    @Test("ETag and 304 work as before with gzip, and every plan answer says Vary: Accept-Encoding")
    func conditionalWithGzip() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            let first = try await Self.get(client, "/v1/plans/current", [.acceptEncoding: "gzip"])
            #expect(first.headers[.vary] == "Accept-Encoding")
            let tag = try #require(first.headers[.eTag])
            let unchanged = try await Self.get(client, "/v1/plans/current", [.acceptEncoding: "gzip", .ifNoneMatch: tag])
            #expect(unchanged.status == .notModified)
            #expect(unchanged.body.readableBytes == 0)
            #expect(unchanged.headers[.eTag] == tag)
            #expect(unchanged.headers[.vary] == "Accept-Encoding")
            #expect(unchanged.headers[.contentEncoding] == nil)
            let other = try await Self.get(client, "/v1/plans/current", [.acceptEncoding: "gzip", .ifNoneMatch: "\"plan-9\""])
            #expect(other.status == .ok)
            #expect(other.headers[.contentEncoding] == "gzip")
        }
    }

    @Test("An older version is served compact, not compressed, with the bytes it had while current")
    func olderVersion() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            let whileCurrent = try await Self.get(client, "/v1/plans/1")
            let plan = try #require(try whileCurrent.jsonObject())
            let event = Documents.unavailable("e-1", person: "O-1", slots: try ReplanFlowTests.slots(of: "H-1", in: plan))
            #expect(try await client.send(.post, "/v1/events", body: event).status == .accepted)
            _ = try await client.waitForVersion(2)
            let older = try await Self.get(client, "/v1/plans/1", [.acceptEncoding: "gzip"])
            #expect(older.status == .ok)
            #expect(older.headers[.contentEncoding] == nil)
            #expect(older.headers[.eTag] == "\"plan-1\"")
            #expect(older.body == whileCurrent.body)
        }
    }

    @Test("The served JSON is the stored document without whitespace between tokens")
    func servedIsCompactStored() async throws {
        let parts = try TestServer.parts()
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            _ = try await client.send(.post, "/v1/rosters", body: Documents.roster)
            let served = try await Self.get(client, "/v1/plans/current")
            let stored = try #require(try parts.database.plan(version: 1)).document
            #expect(served.body.readableBytes < stored.utf8.count)
            #expect(!String(buffer: served.body).contains("\n"))
            let original = try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? NSDictionary
            let compact = try JSONSerialization.jsonObject(with: Data(buffer: served.body)) as? NSDictionary
            #expect(original != nil && original == compact)
        }
    }

    @Test(
        "Compacting keeps strings byte for byte",
        arguments: [
            ("{\n  \"a\" : \"x y\",\n  \"b\" : [\n    1,\n    2\n  ]\n}\n", "{\"a\":\"x y\",\"b\":[1,2]}"),
            (#"{ "say" : "\"hi\" , she said\\" , "t" : "\t" }"#, #"{"say":"\"hi\" , she said\\","t":"\t"}"#),
            ("[ \"é ü\" , true , null ]", "[\"é ü\",true,null]"),
        ])
    func compacting(_ pretty: String, _ compact: String) {
        #expect(PlanBody.compact(pretty) == Array(compact.utf8))
    }

    @Test(
        "Accept-Encoding allows gzip when gzip, x-gzip or * has a q-value above 0, and gzip is not refused",
        arguments: [
            ("gzip", true), ("GZIP", true), ("x-gzip", true), ("deflate, gzip", true), ("gzip;q=0.5", true),
            ("gzip; q=1.0", true), ("*", true), ("br, *;q=0.1", true), ("gzip;q=0", false), ("gzip;q=0.000", false),
            ("*, gzip;q=0", false), ("identity", false), ("", false), ("deflate, br", false), ("gzip;q=2", false),
            ("gzip;q=x", false),
        ])
    func acceptEncoding(_ header: String, _ allowsGzip: Bool) {
        #expect(ContentCoding.acceptsGzip(header) == allowsGzip)
    }
}
