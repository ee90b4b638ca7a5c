import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import PlannerConsole

@Suite("Who may change what: form tokens on every form, viewers see but cannot change")
struct RoleTests {
    /// Every form that changes something, with fields that would be accepted from a planner.
    static let forms: [(path: String, fields: [(String, String)])] = [
        ("/changes/availability", [("person", "I-1"), ("availability", "unavailable"), ("from", "2026-12-07"), ("to", "2026-12-07"), ("parts", "AM")]),
        ("/changes/cancel", [("hearing", "H-000594")]),
        ("/hearings/H-000594/choose", [("version", "1"), ("option", "0")]),
        ("/roster/confirm", [("pending", "x")]),
        ("/reports/tradeoff", []),
    ]

    @Test("A viewer's pages have no forms that change anything")
    func viewerSeesNoForms() async throws {
        try await ConsoleApp().run { browser in
            try await browser.signIn(FakeBackend.viewerToken)
            for path in ["/", "/schedule", "/people", "/people/I-1", "/hearings/H-000594", "/not-held", "/not-met", "/roster", "/reports/tradeoff"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                // The only form a viewer gets is the sign-out, and the schedule's filter (a GET).
                #expect(page.text.count(of: "method=\"post\"") == 1, "\(path)")
                #expect(!page.text.contains("Wijziging melden"), "\(path)")
            }
            #expect(try await browser.get("/changes/new").status == .forbidden)
        }
    }

    @Test("A viewer's posts are refused with 403 even with the session's form token, and audited by name")
    func viewerPostsAreRefused() async throws {
        let console = try ConsoleApp()
        try await console.run { browser in
            try await browser.signIn(FakeBackend.viewerToken)
            let token = try await browser.formToken()
            for form in Self.forms {
                let response = try await browser.post(form.path, form.fields + [("formToken", token)])
                #expect(response.status == .forbidden, "\(form.path)")
                #expect(response.text.contains("meelezer"), "\(form.path)")
            }
        }
        #expect(console.backend.events.isEmpty)
        let refused = console.backend.audits.filter { $0.outcome.hasPrefix("403") }
        #expect(refused.count == Self.forms.count)
        #expect(refused.allSatisfy { $0.holder == "victor" && $0.outcome == "403 viewer may not change" })
    }

    @Test("A forged post (no form token, or another session's) is refused with 403 and audited, for a planner too")
    func forgedPosts() async throws {
        let console = try ConsoleApp()
        try await console.run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            for form in Self.forms {
                #expect(try await browser.post(form.path, form.fields).status == .forbidden, "\(form.path)")
                #expect(try await browser.post(form.path, form.fields + [("formToken", Secret.make())]).status == .forbidden, "\(form.path)")
            }
        }
        #expect(console.backend.events.isEmpty)
        #expect(console.backend.audits.filter { $0.outcome == "403 form token missing or wrong" }.count == Self.forms.count * 2)
    }

    @Test("A post without a session goes to sign-in and is recorded as a refusal")
    func postWithoutSession() async throws {
        let console = try ConsoleApp()
        try await console.run { browser in
            let response = try await browser.post("/changes/cancel", [("hearing", "H-000594")])
            #expect(response.status == .seeOther)
        }
        #expect(console.backend.refusals.map(\.outcome) == ["401 no session"])
        #expect(console.backend.events.isEmpty)
    }

    @Test("A planner's form with its token is accepted")
    func plannerChanges() async throws {
        let console = try ConsoleApp()
        try await console.run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let token = try await browser.formToken()
            let response = try await browser.post("/changes/cancel", [("hearing", "H-000594"), ("formToken", token)])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location]?.hasPrefix("/changes/follow?after=1&event=console-") == true)
        }
        #expect(console.backend.events.map(\.change) == [.hearingCancelled(hearing: "H-000594")])
    }
}
