import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PlannerModel
import Testing
import Workbooks

@testable import PlannerServer

@Suite("Rosters as workbooks, plans exported as workbooks")
struct WorkbookRouteTests {
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// A roster@1 document as the workbook `hearing-planner convert` writes.
    static func workbook(_ json: String) throws -> [UInt8] {
        let roster = try #require(RosterJSON.read(Array(json.utf8)).roster)
        return try XLSXWriter.bytes(of: try RosterDocument.workbook(roster))
    }

    static func post(_ bytes: [UInt8], to client: some TestClientProtocol, contentType: String? = xlsx) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(TestServer.plannerToken)"
        if let contentType { headers[.contentType] = contentType }
        return try await client.execute(uri: "/v1/rosters", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    static func get(_ uri: String, from client: some TestClientProtocol, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        headers[.authorization] = "Bearer \(TestServer.viewerToken)"
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    @Test("A workbook is planned as its JSON would be; its plan comes back as a workbook, to viewers too, never cached")
    func uploadAndExport() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            // Sent as JSON's content type: the bytes tell it is a workbook.
            let created = try await Self.post(try Self.workbook(Documents.roster), to: client, contentType: "application/json")
            #expect(created.status == .created, "\(created.text)")
            let plan = try await client.waitForVersion(1)
            #expect((plan["assignments"] as? [Any])?.count == 2)

            let dutch = try await Self.get("/v1/plans/1/export?format=xlsx", from: client)
            #expect(dutch.status == .ok)
            #expect(dutch.headers[.contentType] == Self.xlsx)
            #expect(dutch.headers[.cacheControl] == "no-store")
            #expect(dutch.headers[.contentDisposition] == "attachment; filename=\"plan-1.xlsx\"")
            var file = try SpreadsheetFile(Array(buffer: dutch.body))
            #expect(file.sheets.map(\.name).prefix(3) == ["overzicht", "locatie TA", "gehoren"])
            #expect(try file.table(named: "gehoren").records.count == 2 + 2)

            var english = HTTPFields()
            english[.acceptLanguage] = "en-GB,en;q=0.9"
            let byHeader = try await Self.get("/v1/plans/1/export", from: client, headers: english)
            #expect(try SpreadsheetFile(Array(buffer: byHeader.body)).sheets.first?.name == "overview")
            let byQuery = try await Self.get("/v1/plans/1/export?format=xlsx&lang=nl", from: client, headers: english)
            #expect(try SpreadsheetFile(Array(buffer: byQuery.body)).sheets.first?.name == "overzicht")
        }
    }

    @Test("Another format, another language or an unknown version is refused")
    func refusals() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            #expect(try await Self.post(try Self.workbook(Documents.roster), to: client).status == .created)
            _ = try await client.waitForVersion(1)
            let pdf = try await Self.get("/v1/plans/1/export?format=pdf", from: client)
            #expect(pdf.status == .badRequest && pdf.errorCode == "bad-format")
            let french = try await Self.get("/v1/plans/1/export?lang=fr", from: client)
            #expect(french.status == .badRequest && french.errorCode == "bad-language")
            #expect(try await Self.get("/v1/plans/9/export", from: client).status == .notFound)
            #expect(try await client.send(.get, "/v1/plans/1/export", token: nil).status == .unauthorized)
        }
    }

    @Test("A workbook with errors answers 422 with each error at its cell; nothing is stored")
    func invalidWorkbook() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            let response = try await Self.post(try Self.workbook(Documents.threeErrors), to: client)
            #expect(response.status == .unprocessableContent)
            let error = try #require(try response.jsonObject()?["error"] as? [String: Any])
            let places = (error["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["place"] as? String }
            #expect(places.sorted() == ["availability!C4", "hearings!E3", "hearings!H2"])
            #expect(try await client.send(.get, "/v1/plans/current").status == .notFound)
        }
    }

    @Test("A zip bomb is refused before it is unpacked, as a roster with one error")
    func zipBomb() async throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WorkbooksTests/Fixtures/bomb.xlsx")
        let bomb = Array(try #require(FileManager.default.contents(atPath: url.path)))
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            let response = try await Self.post(bomb, to: client)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("as a zip bomb does"))
            #expect(try await client.send(.get, "/v1/plans/current").status == .notFound)
        }
    }
}
