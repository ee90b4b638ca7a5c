import Foundation
import HTTPTypes
import HummingbirdTesting
import PlannerModel
import Testing

@testable import PlannerConsole

@Suite("Uploading a roster: JSON or a CSV folder as .zip; every problem at its place; nothing replaced until confirmed")
struct RosterUploadTests {
    @Test("A CSV folder as .zip shows the pre-planning summary; confirming submits it")
    func csvZip() async throws {
        let console = try ConsoleApp()
        let zip = try Browser.zip(try Fixture.csvFiles())
        try await console.run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let token = try await browser.formToken()
            let check = try await browser.upload("/roster", fields: [("formToken", token)], file: ("roster", "week.zip", zip))
            #expect(check.status == .ok)
            #expect(check.text.contains("Controleer het nieuwe rooster"))
            #expect(check.text.contains("Vraag en aanbod per taal"))
            let pending = try #require(check.text.value(of: "pending"))
            #expect(console.backend.submitted.isEmpty)
            let confirmed = try await browser.post("/roster/confirm", [("formToken", token), ("pending", pending)])
            #expect(confirmed.headers[.location] == "/")
            #expect(try await browser.get("/").text.contains("Het nieuwe rooster is gepland als planversie 2."))
            // The same upload cannot be confirmed twice.
            #expect(try await browser.post("/roster/confirm", [("formToken", token), ("pending", pending)]).headers[.location] == "/roster")
        }
        #expect(console.backend.submitted == [Fixture.roster])
    }

    @Test("A broken CSV folder shows each problem with its file, line and column, and nothing is submitted")
    func brokenZip() async throws {
        var files = try Fixture.csvFiles()
        let hearings = String(decoding: try #require(files["hearings.csv"]), as: UTF8.self)
        var lines = hearings.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let latest = try #require(header.firstIndex(of: "latest"))
        var cells = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[latest] = "2026-13-45"
        lines[2] = cells.joined(separator: ",")
        files["hearings.csv"] = Array(lines.joined(separator: "\n").utf8)
        files["officers.csv"] = nil
        let zip = try Browser.zip(files)
        let console = try ConsoleApp()
        try await console.run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let token = try await browser.formToken()
            let response = try await browser.upload("/roster", fields: [("formToken", token)], file: ("roster", "week.zip", zip))
            #expect(response.status == .unprocessableContent)
            let page = response.text
            #expect(page.contains("error-summary"))
            #expect(page.contains("<a href=\"#problems\">"))
            #expect(page.contains("<code>hearings.csv:3:\(latest + 1)</code>"))
            #expect(page.contains("<code>officers.csv</code>"))
        }
        #expect(console.backend.submitted.isEmpty)
    }

    @Test("A JSON roster with errors lists them at their JSON paths")
    func brokenJSON() async throws {
        let text = String(decoding: try Data(contentsOf: Fixture.folder.appendingPathComponent("roster.json")), as: UTF8.self)
            .replacingOccurrences(of: "\"rooms\" :", with: "\"roomz\" :")
        try await ConsoleApp().run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let token = try await browser.formToken()
            let response = try await browser.upload("/roster", fields: [("formToken", token)], file: ("roster", "week.json", Array(text.utf8)))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("<code>locations[0].roomz"))
        }
    }

    static let workbooks = Fixture.folder.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/WorkbooksTests/Fixtures")

    @Test("A workbook (.xlsx) is read as the spreadsheet issue reads it: its summary, or each problem at its cell")
    func workbook() async throws {
        let valid = Array(try Data(contentsOf: Self.workbooks.appendingPathComponent("valid.xlsx")))
        let wrong = Array(try Data(contentsOf: Self.workbooks.appendingPathComponent("wrong-cell-type.xlsx")))
        let console = try ConsoleApp()
        try await console.run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let token = try await browser.formToken()
            let check = try await browser.upload("/roster", fields: [("formToken", token)], file: ("roster", "week.xlsx", valid))
            #expect(check.status == .ok)
            #expect(check.text.contains("Controleer het nieuwe rooster"))
            // Named otherwise, a workbook is still told from a zipped CSV folder by its parts.
            let renamed = try await browser.upload("/roster", fields: [("formToken", token)], file: ("roster", "week.zip", valid))
            #expect(renamed.status == .ok)
            let broken = try await browser.upload("/roster", fields: [("formToken", token)], file: ("roster", "week.xlsx", wrong))
            #expect(broken.status == .unprocessableContent)
            #expect(broken.text.contains("<code>hearings!"))
        }
        #expect(console.backend.submitted.isEmpty)
    }

    @Test("No file, a single CSV file, a damaged workbook and a broken zip each say what to do")
    func unreadable() async throws {
        try await ConsoleApp().run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let token = try await browser.formToken()
            let none = try await browser.upload("/roster", fields: [("formToken", token)], file: ("roster", "", []))
            #expect(none.text.contains("Kies een rosterbestand"))
            #expect(none.text.contains("<a href=\"#roster-file\">"))
            let single = try await browser.upload("/roster", fields: [("formToken", token)], file: ("roster", "hearings.csv", Array("id\n".utf8)))
            #expect(single.text.contains("Eén CSV-bestand is geen rooster"))
            let workbook = try await browser.upload("/roster", fields: [("formToken", token)], file: ("roster", "week.xlsx", [1, 2, 3]))
            #expect(workbook.status == .unprocessableContent)
            #expect(workbook.text.contains("<code>week.xlsx"))
            let broken = try await browser.upload("/roster", fields: [("formToken", token)], file: ("roster", "week.zip", [0x50, 0x4B, 0x03, 0x04, 0, 0]))
            #expect(broken.text.contains("kan niet gelezen worden"))
        }
    }

    @Test("A zip that unpacks beyond the limit is refused")
    func zipBomb() throws {
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 200_000)
        let zip = try Browser.zip(["hearings.csv": big])
        guard case .failure(let problem) = RosterUpload.unzip(zip, maxUnpackedBytes: 100_000) else {
            Issue.record("accepted")
            return
        }
        #expect(problem.key == "roster.error.zipTooLarge")
    }
}
