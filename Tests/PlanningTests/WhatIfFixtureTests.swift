import Planning
import PlannerModel
import Testing
import TestSupport

/// `WhatIf.options` on hand-checked rosters: the exact ways, values, moves and sentences.
@Suite("What-if options, by hand")
struct WhatIfFixtureTests {
    static let monday = Day("2026-12-07")!
    static let all = ["2026-12-07/AM", "2026-12-07/PM", "2026-12-08/AM", "2026-12-08/PM"].map { SlotName($0)! }

    /// H-1 asks for a female interpreter; the only woman, I-F, is free on Monday morning only.
    /// H-2 asks for nothing. Two officers, free throughout. Monday and Tuesday.
    static func roster(female: [SlotName] = [SlotName("2026-12-07/AM")!]) -> Roster {
        func hearing(_ id: String, _ gender: GenderPreference?) -> Hearing {
            Hearing(
                id: id, language: "tir", location: "TA", earliest: Day("2026-11-02")!, latest: Day("2027-01-29")!,
                interpreterGender: gender, remoteInterpreterAllowed: false)
        }
        return Roster(
            horizon: Horizon(start: monday, end: monday.adding(days: 1)), locations: [Location(id: "TA")],
            hearings: [hearing("H-1", .female), hearing("H-2", nil)],
            interpreters: [
                Interpreter(id: "I-F", gender: .female, languages: [LanguageSkill(code: "tir")], onsiteLocations: ["TA"], available: female),
                Interpreter(id: "I-M", gender: .male, languages: [LanguageSkill(code: "tir")], onsiteLocations: ["TA"], available: all),
            ],
            officers: ["O-1", "O-2"].map { Officer(id: $0, gender: .male, location: "TA", available: all) })
    }

    /// H-1 with I-F and H-2 with I-M, both on Monday morning: an optimal plan.
    static func plan(_ roster: Roster) throws -> Plan {
        func choice(_ h: String, _ i: String, _ o: String) -> HearingChoice {
            HearingChoice(hearing: h, placement: .init(date: monday, slot: "AM", interpreter: i, mode: .onsite, language: "tir", officer: o))
        }
        var plan = witnessPlan(for: roster, choices: [choice("H-1", "I-F", "O-1"), choice("H-2", "I-M", "O-2")])
        plan.rosterDigest = try makePlanner().plan(roster).rosterDigest
        return plan
    }

    @Test func waysValuesAndMoves() throws {
        let roster = Self.roster()
        let plan = try Self.plan(roster)
        #expect(HardRuleChecker().violations(of: plan, for: roster).isEmpty)
        let answer = try WhatIf.options(for: "H-1", roster: roster, plan: plan, settings: .exhaustive(listsAll: true))
        // Waited 25 working days already: 10 + 25 = 35 on Monday, 34 on Tuesday, 20 less unmet.
        let summary = answer.options.map { "\($0.spot.date)/\($0.spot.slot) \($0.interpreterPreference.rawValue) \($0.value.decimalText) \($0.moves.count)" }
        #expect(summary == [
            "2026-12-07/AM met 35 0", "2026-12-07/PM unmet 15 0", "2026-12-07/AM unmet 15 1",
            "2026-12-08/AM unmet 14 0", "2026-12-08/PM unmet 14 0",
        ])
        #expect(answer.options[0].isCurrent && answer.recommended == 0)
        // Taking I-M on Monday morning moves H-2, who has I-M, at no loss (to I-F, free now).
        let move = try #require(answer.options[2].moves.first)
        let to = try #require(move.to)
        #expect(move.hearing == "H-2" && move.from.interpreter == "I-M")
        #expect(to.interpreter != "I-M" || to.slot != "AM")
        #expect(move.scoreChange == 0 && answer.options[2].loss == 0)
        #expect(answer.recommendation == "Keep it on 2026-12-07 AM with a female interpreter: 0 more working days of waiting, interpreter preference met")
        #expect(answer.preferences.first?.earliest == SlotName("2026-12-07/AM"))
        let short = try WhatIf.options(for: "H-1", roster: roster, plan: plan)
        #expect(short.options.count == 1 && short.waysFound == 5)
    }

    @Test func aPreferenceThatCannotBeMet() throws {
        let roster = Self.roster(female: [])
        let plan = try makePlanner().plan(roster)
        let answer = try WhatIf.options(for: "H-1", roster: roster, plan: plan)
        let outlook = try #require(answer.preferences.first)
        #expect(outlook.earliest == nil && outlook.reason?.code == .notAvailableInWindow)
        // 15 on Monday without the preference: held, with the preference unmet.
        #expect(answer.recommendation.hasPrefix("Keep it on 2026-12-07 "))
        #expect(answer.recommendation.hasSuffix("interpreter preference not met (it cannot be met in this horizon)"))
    }

    @Test func errorsSayWhatIsWrong() throws {
        let roster = Self.roster()
        let plan = try Self.plan(roster)
        #expect(throws: WhatIfError.self) { try WhatIf.options(for: "H-9", roster: roster, plan: plan) }
        var other = roster
        other.hearings.removeLast()
        do {
            _ = try WhatIf.options(for: "H-1", roster: other, plan: plan)
            Issue.record("a plan of another roster was accepted")
        } catch {
            #expect(error.code == .planFromOtherRoster)
        }
    }
}
