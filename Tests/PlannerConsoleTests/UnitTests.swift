import Foundation
import Localization
import NIOCore
import Testing

@testable import PlannerConsole

@Suite("The console's small parts")
struct UnitTests {
    @Test("Sessions end when idle or too old, and the least recently used goes first when full")
    func sessionTable() {
        let start = Date(timeIntervalSince1970: 0)
        let holder = ConsoleHolder(name: "a", role: "planner", mayChange: true)
        var table = SessionTable(idleTimeout: 100, maxAge: 1000, capacity: 2)
        _ = table.open(id: "1", token: "t", holder: holder, formToken: "f", at: start)
        _ = table.open(id: "2", token: "t", holder: holder, formToken: "f", at: start.addingTimeInterval(10))
        #expect(table.use("1", at: start.addingTimeInterval(50)) != nil)
        _ = table.open(id: "3", token: "t", holder: holder, formToken: "f", at: start.addingTimeInterval(60))
        #expect(table.sessions.keys.sorted() == ["1", "3"])
        #expect(table.use("1", at: start.addingTimeInterval(149)) != nil)
        #expect(table.use("3", at: start.addingTimeInterval(161)) == nil)
        var old = SessionTable(idleTimeout: 100, maxAge: 250, capacity: 2)
        _ = old.open(id: "x", token: "t", holder: holder, formToken: "f", at: start)
        for step in 1...2 { #expect(old.use("x", at: start.addingTimeInterval(Double(step) * 90)) != nil) }
        #expect(old.use("x", at: start.addingTimeInterval(260)) == nil)
    }

    @Test("Failed sign-ins are counted per address within the window")
    func throttle() {
        let start = Date(timeIntervalSince1970: 0)
        var throttle = SignInThrottle(limit: 3, window: 60)
        for second in 0..<3 { throttle.failed("a", at: start.addingTimeInterval(Double(second))) }
        let refused = throttle.allows("a", at: start.addingTimeInterval(10))
        let other = throttle.allows("b", at: start.addingTimeInterval(10))
        #expect(!refused)
        #expect(other)
        #expect(throttle.retryAfter("a", at: start.addingTimeInterval(10)) == 50)
        let later = throttle.allows("a", at: start.addingTimeInterval(61))
        #expect(later)
    }

    @Test("Form fields: urlencoded with repeats, and multipart with a file")
    func formFields() throws {
        let form = FormFields.urlEncoded("a=1&b=x+y&b=%C3%A9&c")
        #expect(form["a"] == "1")
        #expect(form.all("b") == ["x y", "é"])
        #expect(form["c"] == "")
        #expect(form.text("c") == nil)
        let body = "--XX\r\nContent-Disposition: form-data; name=\"formToken\"\r\n\r\nabc\r\n"
            + "--XX\r\nContent-Disposition: form-data; name=\"roster\"; filename=\"w.json\"\r\n\r\n{}\r\n--XX--\r\n"
        let parts = try FormFields.multipart(ByteBuffer(string: body), boundary: "XX")
        #expect(parts["formToken"] == "abc")
        #expect(parts.file("roster")?.name == "w.json")
        #expect(parts.file("roster")?.bytes == Array("{}".utf8))
        #expect(FormFields.boundary(of: "multipart/form-data; boundary=\"a b\"") == "a b")
        #expect(FormFields.boundary(of: "application/x-www-form-urlencoded") == nil)
    }

    @Test("Only this site's paths are followed back to", arguments: [
        ("/schedule?location=TA", "/schedule?location=TA"), ("//evil.example/", "/"), ("https://evil.example", "/"),
        ("/\\evil.example", "/"), ("schedule", "/"),
    ])
    func localPaths(asked: String, kept: String) {
        #expect(ConsoleAnswer.localPath(asked) == kept)
    }

    @Test("CSV cells are quoted when needed, and never start a formula")
    func csvCells() {
        #expect(CSVText.cell("plain") == "plain")
        #expect(CSVText.cell("a,b") == "\"a,b\"")
        #expect(CSVText.cell("say \"x\"") == "\"say \"\"x\"\"\"")
        #expect(CSVText.cell("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVText.lines([["a", "b"], ["c", "d"]]) == "a,b\r\nc,d\r\n")
    }

    @Test("Secrets are long, differ, and compare only equal")
    func secrets() {
        let a = Secret.make(), b = Secret.make()
        #expect(a.count == 43)
        #expect(a != b)
        #expect(Secret.matches(a, a))
        #expect(!Secret.matches(a, b))
        #expect(!Secret.matches("", ""))
    }

    @Test("Every word a template asks for is in both catalogues")
    func templateWords() throws {
        let pattern = try Regex(#"\{\{[#^/]?t\.([A-Za-z0-9_.]+)\}\}"#)
        var keys = Set<String>()
        for (path, text) in EmbeddedFiles.files where path.hasSuffix(".mustache") {
            for match in text.matches(of: pattern) {
                if let key = match.output[1].substring { keys.insert(String(key)) }
            }
        }
        #expect(keys.count > 100)
        for language in Language.allCases {
            let catalogue = Catalogue.of(language)
            #expect(keys.filter { !catalogue.has($0) }.sorted() == [], "\(language)")
        }
    }

    @Test("Every template parses")
    func templatesParse() throws {
        let renderer = try Renderer()
        for (path, _) in EmbeddedFiles.files where path.hasSuffix(".mustache") {
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            #expect(renderer.library.getTemplate(named: name) != nil, "\(name)")
        }
    }
}
