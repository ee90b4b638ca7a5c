import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import PlannerConsole

@Suite("Signing in and out, sessions, cookies and the security headers")
struct SignInTests {
    @Test("A page asked for without a session goes to sign-in, which brings the reader back")
    func signInFirst() async throws {
        try await ConsoleApp().run { browser in
            let overview = try await browser.get("/")
            #expect(overview.status == .seeOther)
            #expect(overview.headers[.location] == "/sign-in")
            let schedule = try await browser.get("/schedule?location=TA")
            #expect(schedule.headers[.location] == "/sign-in?next=%2Fschedule%3Flocation%3DTA")
            let signedIn = try await browser.signIn(FakeBackend.plannerToken, next: "/schedule?location=TA")
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/schedule?location=TA")
            #expect(try await browser.get("/schedule?location=TA").status == .ok)
        }
    }

    @Test("The session cookie is HttpOnly and SameSite=Strict; Secure when the console is behind TLS")
    func cookieAttributes() async throws {
        for secure in [false, true] {
            try await ConsoleApp(settings: ConsoleSettings(secureCookies: secure)).run { browser in
                let response = try await browser.signIn(FakeBackend.plannerToken)
                let session = try #require(response.setCookies.first { $0.hasPrefix("hp_session=") })
                #expect(session.contains("HttpOnly"))
                #expect(session.contains("SameSite=Strict"))
                #expect(session.contains("Path=/"))
                #expect(session.contains("Secure") == secure)
            }
        }
    }

    @Test("Every console answer carries the CSP without inline script or style, and personal pages are not stored")
    func securityHeaders() async throws {
        try await ConsoleApp().run { browser in
            for path in ["/sign-in", "/no-such-page"] {
                let response = try await browser.get(path)
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'self'"))
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(!policy.contains("unsafe-inline"))
                #expect(response.headers[.cacheControl] == "no-store")
            }
            try await browser.signIn(FakeBackend.plannerToken)
            for path in ["/", "/schedule", "/hearings/H-000594", "/not-held.csv"] {
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.cacheControl] == "no-store", "\(path)")
                #expect(response.headers[.contentSecurityPolicy] != nil, "\(path)")
                #expect(!response.text.contains("style=\""), "\(path)")
                #expect(!response.text.contains("<script>"), "\(path)")
            }
        }
    }

    @Test("A wrong token shows the form again with its error, is audited, and five in a minute stop the address")
    func failedSignIns() async throws {
        let console = try ConsoleApp()
        try await console.run { browser in
            for attempt in 1...5 {
                let response = try await browser.signIn("hpt_guess-\(attempt)")
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("error-summary"))
                #expect(response.text.contains("href=\"#token\""))
            }
            let stopped = try await browser.signIn(FakeBackend.plannerToken)
            #expect(stopped.status == .tooManyRequests)
            #expect(stopped.headers[.retryAfter] != nil)
            console.clock.advance(61)
            #expect(try await browser.signIn(FakeBackend.plannerToken).status == .seeOther)
        }
        let refusals = console.backend.refusals.map(\.outcome)
        #expect(refusals == Array(repeating: "401 unknown token", count: 5) + ["429 too many failed sign-ins"])
        #expect(console.backend.audits.contains { $0.holder == "alice" && $0.outcome == "signed in (planner)" })
        #expect(!refusals.joined().contains("hpt_"))
    }

    @Test("A sign-in posted without the form's own check (from another site) is refused")
    func signInFormCheck() async throws {
        let console = try ConsoleApp()
        try await console.run { browser in
            let forged = try await browser.post("/sign-in", [("token", FakeBackend.plannerToken)])
            #expect(forged.status == .forbidden)
            #expect(browser.cookies["hp_session"] == nil)
        }
        #expect(console.backend.refusals.map(\.outcome) == ["403 sign-in form check missing or wrong"])
    }

    @Test("Signing out ends the session; the old cookie opens nothing")
    func signOut() async throws {
        try await ConsoleApp().run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let cookie = try #require(browser.cookies["hp_session"])
            let token = try await browser.formToken()
            let out = try await browser.post("/sign-out", [("formToken", token)])
            #expect(out.headers[.location] == "/sign-in?signedOut=1")
            #expect(try await browser.get("/sign-in?signedOut=1").text.contains("U bent uitgelogd."))
            browser.cookies["hp_session"] = cookie
            #expect(try await browser.get("/").headers[.location] == "/sign-in")
        }
    }

    @Test("A session ends when its token leaves the token file")
    func revokedToken() async throws {
        let console = try ConsoleApp()
        try await console.run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            #expect(try await browser.get("/").status == .ok)
            console.backend.revoke(FakeBackend.plannerToken)
            #expect(try await browser.get("/").headers[.location] == "/sign-in")
        }
        #expect(console.backend.audits.contains { $0.outcome == "ended: the token is no longer in the token file" })
    }

    @Test("A session unused for longer than the idle time ends")
    func idleExpiry() async throws {
        let console = try ConsoleApp(settings: ConsoleSettings(idleTimeout: .seconds(600)))
        try await console.run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            console.clock.advance(590)
            #expect(try await browser.get("/").status == .ok)
            console.clock.advance(590)
            #expect(try await browser.get("/").status == .ok)
            console.clock.advance(601)
            #expect(try await browser.get("/").headers[.location] == "/sign-in")
        }
    }

    @Test("An unknown path is the console's own 404 page, in the reader's language")
    func notFound() async throws {
        try await ConsoleApp().run { browser in
            let page = try await browser.get("/nothing/here")
            #expect(page.status == .notFound)
            #expect(page.text.contains("<html lang=\"nl\">"))
            #expect(page.text.contains("Pagina niet gevonden"))
        }
    }
}
