import Foundation
import HTTPTypes
import HummingbirdTesting
import PlannerModel
import Testing

@testable import PlannerConsole

@Suite("Reporting a change: the forms, their errors, the events they make")
struct ChangeTests {
    @Test("A sick call becomes one availability event for every chosen day part in the days given")
    func sickCall() async throws {
        let console = try ConsoleApp()
        try await console.run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let token = try await browser.formToken()
            let response = try await browser.post("/changes/availability", [
                ("formToken", token), ("person", "I-1"), ("availability", "unavailable"),
                ("from", "2026-12-08"), ("to", "2026-12-09"), ("parts", "AM"), ("parts", "PM"),
            ])
            #expect(response.status == .seeOther)
        }
        let slots = ["2026-12-08/AM", "2026-12-08/PM", "2026-12-09/AM", "2026-12-09/PM"].compactMap(SlotName.init)
        #expect(console.backend.events.map(\.change) == [.availability(person: "I-1", slots: slots, available: false)])
        #expect(console.backend.events.allSatisfy { $0.id.hasPrefix("console-") })
    }

    @Test("A form with errors comes back with every error, an error summary linking to each field, and nothing reported")
    func formErrors() async throws {
        let console = try ConsoleApp()
        try await console.run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let token = try await browser.formToken()
            let response = try await browser.post("/changes/availability", [
                ("formToken", token), ("person", "I-999"), ("from", "2026-12-10"), ("to", "2026-12-08"),
            ])
            #expect(response.status == .unprocessableContent)
            let page = response.text
            #expect(page.contains("<title>Fout: "))
            for field in ["person", "availability-unavailable", "to", "part-AM"] {
                #expect(page.contains("<a href=\"#\(field)\">"), "\(field)")
            }
            #expect(page.contains("id=\"person\""))
            #expect(page.contains("value=\"I-999\""))
            #expect(page.contains("Er is geen tolk of hoormedewerker met de code I-999."))
        }
        #expect(console.backend.events.isEmpty)
    }

    @Test("A change that does not fit the roster shows the roster's reasons and changes nothing")
    func rejected() async throws {
        let console = try ConsoleApp()
        // A fixed hearing whose window no longer holds its fixed date.
        let hearing = try #require(Fixture.roster.hearings.first { $0.fixed != nil })
        let fixed = try #require(hearing.fixed)
        try await console.run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let token = try await browser.formToken()
            var fields = ConsoleCore.fields(of: hearing).filter { $0.0 != "earliest" && $0.0 != "latest" }
            fields += [("formToken", token), ("earliest", fixed.date.adding(days: 1).description), ("latest", fixed.date.adding(days: 30).description)]
            let response = try await browser.post("/changes/hearing", fields)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("De wijziging past niet in het rooster"))
            #expect(response.text.contains("fixed"))
        }
        #expect(console.backend.events.isEmpty)
    }

    @Test("Adding a hearing with a new id makes hearingAdded; an existing id makes hearingChanged keeping its exclusions")
    func addOrChange() throws {
        var form = FormFields()
        for (name, value) in [
            ("id", "H-NEW-1"), ("language", "TIR"), ("location", "TA"), ("earliest", "2026-12-07"), ("latest", "2026-12-11"),
            ("durationSlots", "2"), ("interpreterGender", "female"), ("officerGender", "none"), ("priority", "high"),
            ("fallbackLanguages", "amh; ara"), ("remote", "yes"),
        ] { form.add(name, value) }
        guard case .change(.hearingAdded(let added)) = ChangeForms.hearing(form, roster: Fixture.roster) else {
            Issue.record("no hearingAdded")
            return
        }
        #expect(added.language == "tir")
        #expect(added.fallbackLanguages == ["amh", "ara"])
        #expect(added.durationSlots == 2)
        #expect(added.interpreterGender == .female)
        #expect(added.priority == .high)
        #expect(added.remoteInterpreterAllowed)

        let existing = try #require(Fixture.roster.hearings.first)
        var change = FormFields()
        for (name, value) in ConsoleCore.fields(of: existing) { change.add(name, value) }
        guard case .change(.hearingChanged(let changed)) = ChangeForms.hearing(change, roster: Fixture.roster) else {
            Issue.record("no hearingChanged")
            return
        }
        #expect(changed == existing)
    }

    @Test("Choosing an option fixes the hearing there")
    func choosing() throws {
        let hearing = try #require(Fixture.roster.hearings.first)
        let day = try #require(Day("2026-12-09"))
        let event = ChangeForms.choosing(HearingOptionsSpot(date: day, slot: "PM", interpreter: "I-1", officer: "O-2"), for: hearing)
        guard case .hearingChanged(let fixed) = event else {
            Issue.record("not a hearingChanged")
            return
        }
        #expect(fixed.fixed == FixedAssignment(date: day, slot: "PM", interpreter: "I-1", officer: "O-2"))
        var unfixed = fixed
        unfixed.fixed = nil
        var original = hearing
        original.fixed = nil
        #expect(unfixed == original)
    }

    @Test("A choice from a page of an older plan version is not applied")
    func staleChoice() async throws {
        let console = try ConsoleApp()
        let unmet = try #require(Fixture.plan.plan.unmetPreferences.first)
        try await console.run { browser in
            try await browser.signIn(FakeBackend.plannerToken)
            let token = try await browser.formToken()
            let response = try await browser.post("/hearings/\(unmet.hearing)/choose", [("formToken", token), ("version", "0"), ("option", "0")])
            #expect(response.headers[.location] == "/hearings/\(unmet.hearing)")
            #expect(try await browser.get("/hearings/\(unmet.hearing)").text.contains("Het plan is intussen veranderd"))
        }
        #expect(console.backend.events.isEmpty)
    }
}
