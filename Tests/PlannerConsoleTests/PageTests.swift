import Foundation
import HTTPTypes
import HummingbirdTesting
import PlannerModel
import Testing

@testable import PlannerConsole

@Suite("The pages: what they show, in Dutch and English")
struct PageTests {
    static let pages = [
        "/", "/schedule", "/schedule?location=TA&unmet=1", "/schedule/day?location=TA&date=2026-12-07", "/people", "/people/I-1",
        "/hearings/H-000594", "/not-held", "/not-held?sort=reason&dir=desc", "/not-met", "/roster", "/changes/new",
        "/changes/new?hearing=H-000594", "/reports", "/reports/tradeoff", "/versions/1/changes",
    ]

    @Test("Every page answers 200 with one h1, a main landmark and the language of its words", arguments: [("nl", "Overzicht"), ("en", "Overview")])
    func everyPage(language: String, overview: String) async throws {
        try await ConsoleApp().run { browser in
            browser.acceptLanguage = language == "en" ? "en-GB,en;q=0.9" : "nl-NL"
            try await browser.signIn(FakeBackend.plannerToken)
            for path in Self.pages {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.text.contains("<html lang=\"\(language)\">"), "\(path)")
                #expect(page.text.count(of: "<h1") == 1, "\(path)")
                #expect(page.text.contains("<main id=\"main\""), "\(path)")
                #expect(!page.text.contains("{{"), "\(path)")
            }
            #expect(try await browser.get("/").text.contains(overview))
        }
    }

    @Test("No key of the catalogue shows as itself on any page")
    func noMissingWords() async throws {
        try await ConsoleApp().run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            for path in Self.pages {
                let text = try await browser.get(path).text
                for prefix in ["overview.", "schedule.", "hearing.", "options.", "change.", "roster.", "summary.", "list.", "report.", "app.", "common."] {
                    #expect(!text.contains(">\(prefix)"), "\(path): \(prefix)")
                }
            }
        }
    }

    @Test("The language switch is remembered, and wins over Accept-Language")
    func languageSwitch() async throws {
        try await ConsoleApp().run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            #expect(try await browser.get("/not-held").text.contains("<html lang=\"nl\">"))
            let switched = try await browser.get("/language/en?back=%2Fnot-held")
            #expect(switched.headers[.location] == "/not-held")
            #expect(switched.setCookies.contains { $0.hasPrefix("hp_lang=en") && $0.contains("Max-Age=31536000") })
            browser.acceptLanguage = "nl"
            let page = try await browser.get("/not-held")
            #expect(page.text.contains("<html lang=\"en\">"))
            #expect(page.text.contains("Hearings not held"))
            #expect(try await browser.get("/language/nl?back=https%3A%2F%2Fevil.example").headers[.location] == "/")
        }
    }

    @Test("The hearing page shows an unmet preference's reason with its evidence, and the options with a choice")
    func hearingWithUnmetPreference() async throws {
        let unmet = try #require(Fixture.plan.plan.unmetPreferences.first)
        try await ConsoleApp().run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let page = try await browser.get("/hearings/\(unmet.hearing)").text
            #expect(page.contains("preference-unmet"))
            #expect(page.contains("Niemand geschikt"))
            #expect(page.contains("Kandidaten bekeken"))
            #expect(page.contains("Mogelijkheden, de beste eerst"))
            #expect(page.contains("action=\"/hearings/\(unmet.hearing)/choose\""))
        }
    }

    @Test("The schedule's grid has a row per working day and a column per day part, and filters")
    func schedule() async throws {
        let location = try #require(Fixture.plan.plan.assignments.first?.location)
        let held = Fixture.plan.plan.assignments.filter { $0.location == location }
        try await ConsoleApp().run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let page = try await browser.get("/schedule?location=\(location)").text
            #expect(page.count(of: "<th scope=\"row\">") == WorkCalendar(Fixture.roster.horizon).workingDays.count)
            for assignment in held { #expect(page.contains(">\(assignment.hearing)</a>"), "\(assignment.hearing)") }
            let unmet = try await browser.get("/schedule?location=\(location)&unmet=1").text
            let unmetHeld = held.filter { $0.interpreterPreference == .unmet || $0.officerPreference == .unmet }
            #expect(unmet.count(of: "class=\"hearing-item") == unmetHeld.reduce(0) { $0 + $1.slots.count })
        }
    }

    @Test("The not-held list sorts by a column's link and downloads as CSV with a row per hearing")
    func notHeld() async throws {
        let unheld = Fixture.plan.plan.unscheduled
        try await ConsoleApp().run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let page = try await browser.get("/not-held?sort=hearing&dir=desc").text
            let order = unheld.map(\.hearing).sorted(by: >)
            let positions = order.compactMap { page.range(of: ">\($0)</a>")?.lowerBound }
            #expect(positions == positions.sorted())
            #expect(page.contains("aria-sort=\"descending\""))
            let csv = try await browser.get("/not-held.csv")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"not-held-v1.csv\"")
            #expect(csv.text.split(separator: "\r\n").count == unheld.count + 1)
        }
    }

    @Test("A person's calendar file is in the reader's language")
    func calendar() async throws {
        let person = try #require(Fixture.plan.plan.assignments.first?.interpreter)
        try await ConsoleApp().run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let nl = try await browser.get("/people/\(person)/calendar.ics")
            #expect(nl.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(nl.text.contains("SUMMARY:Gehoor "))
            try await browser.get("/language/en")
            #expect(try await browser.get("/people/\(person)/calendar.ics").text.contains("SUMMARY:Hearing "))
        }
    }
}
