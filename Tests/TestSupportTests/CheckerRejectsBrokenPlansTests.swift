import PlannerModel
import Testing
import TestSupport

/// A valid plan, broken one way at a time. Each case names the violations it must cause (fragments of
/// the checker's sentences, with their `rule N:` or `consistency:` tag); the checker may report nothing
/// with any other tag.
///
/// The base roster: Thu 2026-12-10 .. Mon 2026-12-14 (Thu and Fri in 2026-W50, Mon in W51).
/// L1 has 1 room, L2 no limit.
///   I1 female: tir, amh (unregistered); on site L1, L2; not remote; Thu AM PM, Fri AM PM, Mon AM; 2 a week.
///   I2 male: tir; on site L1; remote; Thu AM PM, Fri AM PM.
///   I3 x: tir; remote only; every slot.
///   O1 female at L1, trained `vulnerable`; Thu AM PM, Fri AM PM; 2 a week.
///   O2 male at L2; Thu AM PM, Fri AM PM, Mon AM.
///   O3 male at L1; every slot.
/// The base plan:
///   H1 (L1, two parts, high, asks female interpreter and officer, needs `vulnerable`): Thu AM-PM, I2 on
///      site (unmet), O1 (met).
///   H2 (ara, fallback amh, L2, deadline Thu): Thu AM, I1 on site in amh, O2.
///   H3 (L1): Fri AM, I2 remote, O1.
///   H4 (L2, overdue, fixed Mon AM with I1): Mon AM, I1 on site, O2.
///   H5 (L1): not held.
///   H6 (L2, asks male interpreter and female officer): Fri PM, I1 on site (unmet), O2 (unmet).
@Suite struct CheckerRejectsBrokenPlansTests {
    static let all = slots(
        "2026-12-10/AM", "2026-12-10/PM", "2026-12-11/AM", "2026-12-11/PM", "2026-12-14/AM", "2026-12-14/PM")

    static let roster = Roster(
        horizon: Horizon(start: day("2026-12-10"), end: day("2026-12-14")),
        locations: [Location(id: "L1", rooms: 1), Location(id: "L2")],
        hearings: [
            Hearing(id: "H1", language: "tir", location: "L1", durationSlots: 2, earliest: day("2026-12-01"),
                    latest: day("2026-12-31"), interpreterGender: .female, officerGender: .female,
                    priority: .high, requiredTrainings: ["vulnerable"]),
            Hearing(id: "H2", language: "ara", fallbackLanguages: ["amh"], location: "L2",
                    earliest: day("2026-12-10"), latest: day("2026-12-10")),
            Hearing(id: "H3", language: "tir", location: "L1", earliest: day("2026-12-10"), latest: day("2026-12-31")),
            Hearing(id: "H4", language: "tir", location: "L2", earliest: day("2026-11-16"), latest: day("2026-12-01"),
                    fixed: FixedAssignment(date: day("2026-12-14"), slot: "AM", interpreter: "I1")),
            Hearing(id: "H5", language: "tir", location: "L1", earliest: day("2026-12-10"), latest: day("2026-12-31")),
            Hearing(id: "H6", language: "tir", location: "L2", earliest: day("2026-12-10"), latest: day("2026-12-31"),
                    interpreterGender: .male, officerGender: .female),
        ],
        interpreters: [
            Interpreter(id: "I1", gender: .female,
                        languages: [LanguageSkill(code: "tir"), LanguageSkill(code: "amh", registered: false)],
                        onsiteLocations: ["L1", "L2"], available: Array(all.prefix(5)), maxHearingsPerWeek: 2),
            Interpreter(id: "I2", gender: .male, languages: [LanguageSkill(code: "tir")], onsiteLocations: ["L1"],
                        remote: true, available: Array(all.prefix(4))),
            Interpreter(id: "I3", gender: .x, languages: [LanguageSkill(code: "tir")], remote: true, available: all),
        ],
        officers: [
            Officer(id: "O1", gender: .female, location: "L1", trainings: ["vulnerable"],
                    available: Array(all.prefix(4)), maxHearingsPerWeek: 2),
            Officer(id: "O2", gender: .male, location: "L2", available: Array(all.prefix(5))),
            Officer(id: "O3", gender: .male, location: "L1", available: all),
        ])

    static func at(_ date: String, _ slot: String, _ interpreter: String, _ mode: InterpreterMode,
                   _ language: String = "tir", officer: String) -> HearingChoice.Placement {
        .init(date: day(date), slot: slot, interpreter: interpreter, mode: mode, language: language, officer: officer)
    }

    static let choices: [HearingChoice] = [
        HearingChoice(hearing: "H1", placement: at("2026-12-10", "AM", "I2", .onsite, officer: "O1")),
        HearingChoice(hearing: "H2", placement: at("2026-12-10", "AM", "I1", .onsite, "amh", officer: "O2")),
        HearingChoice(hearing: "H3", placement: at("2026-12-11", "AM", "I2", .remote, officer: "O1")),
        HearingChoice(hearing: "H4", placement: at("2026-12-14", "AM", "I1", .onsite, officer: "O2")),
        HearingChoice(hearing: "H5", placement: nil),
        HearingChoice(hearing: "H6", placement: at("2026-12-11", "PM", "I1", .onsite, officer: "O2")),
    ]

    /// A way to break (or, for `harmless`, to change without breaking) the base plan.
    struct Breakage: Sendable, CustomTestStringConvertible {
        var name: String
        /// Fragments the violations must contain; empty for a harmless change.
        var expected: [String]
        /// Applied before the plan is built, so the plan's derived fields follow the change.
        var setup: @Sendable (inout Roster, inout [HearingChoice], inout Plan.Status) -> Void = { _, _, _ in }
        /// Applied to the built plan and the roster it is checked against.
        var edit: @Sendable (inout Roster, inout Plan) -> Void = { _, _ in }
        var testDescription: String { name }
    }

    static func built(_ breakage: Breakage) -> (Roster, Plan) {
        var roster = roster
        var choices = choices
        var status = Plan.Status.feasible
        breakage.setup(&roster, &choices, &status)
        var plan = witnessPlan(for: roster, choices: choices, status: status)
        breakage.edit(&roster, &plan)
        return (roster, plan)
    }

    @Test func basePlanIsValid() throws {
        let (roster, plan) = Self.built(Breakage(name: "none", expected: []))
        #expect(HardRuleChecker().violations(of: plan, for: roster) == [])
        #expect(plan.unmetPreferences.count == 3)
        // H2: value 10 + deadline 1000 - unregistered 5 - fallback 10.
        let score = try #require(plan.assignment("H2")?.score)
        #expect(score == 995)
    }

    static let broken: [Breakage] = [
        // Rule 1
        Breakage(
            name: "held twice",
            expected: ["rule 1: hearing H3 is held 2 times"],
            edit: { _, plan in
                plan.assignments.append(plan.assignments[2])
                plan.objective += plan.assignments[2].score
                plan.bound = plan.objective
            }),
        Breakage(
            name: "on a Saturday",
            expected: [
                "rule 1: hearing H3 starts on 2026-12-12, which is not a working day",
                "rule 3: hearing H3 has interpreter I2, who is not available",
                "rule 4: hearing H3 has officer O1, who is not available",
            ],
            setup: { _, choices, _ in choices.editPlacement("H3") { $0.date = day("2026-12-12") } }),
        Breakage(
            name: "on a holiday",
            expected: [
                "rule 1: hearing H3 starts on 2026-12-11, which is not a working day",
                "rule 1: hearing H6 starts on 2026-12-11",
            ],
            setup: { roster, _, _ in roster.horizon.holidays = [day("2026-12-11")] }),
        Breakage(
            name: "after the horizon",
            expected: [
                "rule 1: hearing H3 starts on 2026-12-15, which is not a working day of the horizon",
                "rule 3: hearing H3 has interpreter I2, who is not available",
                "rule 4: hearing H3 has officer O1, who is not available",
            ],
            setup: { _, choices, _ in choices.editPlacement("H3") { $0.date = day("2026-12-15") } }),
        Breakage(
            name: "before earliest",
            expected: ["rule 1: hearing H3 starts on 2026-12-11, before its earliest date 2026-12-14"],
            setup: { roster, _, _ in roster.editHearing("H3") { $0.earliest = day("2026-12-14") } }),
        Breakage(
            name: "after latest",
            expected: ["rule 1: hearing H2 starts on 2026-12-11, after its latest date 2026-12-10"],
            setup: { _, choices, _ in choices.editPlacement("H2") { $0.date = day("2026-12-11") } }),
        Breakage(
            name: "too few slots",
            expected: ["rule 1: hearing H1 occupies [2026-12-10/AM], expected [2026-12-10/AM, 2026-12-10/PM]"],
            edit: { _, plan in plan.editAssignment("H1") { $0.slots = slots("2026-12-10/AM") } }),
        Breakage(
            name: "leaves the day",
            expected: ["rule 1: hearing H1 takes 2 day parts and cannot start in PM"],
            edit: { _, plan in plan.editAssignment("H1") { $0.slot = "PM"; $0.slots = slots("2026-12-10/PM") } }),
        Breakage(
            name: "unknown day part",
            expected: [
                "rule 1: hearing H3 starts in day part 'EVE'",
                "rule 3: hearing H3 has interpreter I2, who is not available in 2026-12-11/EVE",
                "rule 4: hearing H3 has officer O1, who is not available in 2026-12-11/EVE",
            ],
            edit: { _, plan in plan.editAssignment("H3") { $0.slot = "EVE"; $0.slots = slots("2026-12-11/EVE") } }),
        Breakage(
            name: "slots not starting at its slot",
            expected: ["rule 1: hearing H3 occupies [2026-12-11/PM], expected [2026-12-11/AM]"],
            edit: { _, plan in plan.editAssignment("H3") { $0.slots = slots("2026-12-11/PM") } }),
        // Rule 2
        Breakage(
            name: "unknown interpreter",
            expected: ["rule 2: hearing H3 has interpreter I9, who is not an interpreter"],
            edit: { _, plan in plan.editAssignment("H3") { $0.interpreter = "I9" } }),
        Breakage(
            name: "officer as interpreter",
            expected: ["rule 2: hearing H3 has interpreter O3, who is not an interpreter"],
            edit: { _, plan in plan.editAssignment("H3") { $0.interpreter = "O3" } }),
        Breakage(
            name: "unknown officer",
            expected: ["rule 2: hearing H3 has officer I3, who is not an officer"],
            edit: { _, plan in plan.editAssignment("H3") { $0.officer = "I3" } }),
        // Rule 3
        Breakage(
            name: "language not of the hearing",
            expected: [
                "rule 3: hearing H3 uses language amh, which is neither its language nor a fallback",
                "rule 3: hearing H3 uses language amh, which interpreter I2 does not speak",
            ],
            setup: { _, choices, _ in choices.editPlacement("H3") { $0.language = "amh" } }),
        Breakage(
            name: "interpreter does not speak it",
            expected: ["rule 3: hearing H2 uses language ara, which interpreter I1 does not speak"],
            setup: { _, choices, _ in choices.editPlacement("H2") { $0.language = "ara" } }),
        Breakage(
            name: "excluded interpreter",
            expected: ["rule 3: hearing H3 has interpreter I2, who is excluded"],
            edit: { roster, _ in roster.editHearing("H3") { $0.excludedInterpreters = ["I2"] } }),
        Breakage(
            name: "interpreter not available",
            expected: ["rule 3: hearing H3 has interpreter I2, who is not available in 2026-12-11/AM"],
            edit: { roster, _ in
                roster.editInterpreter("I2") { $0.available.removeAll(where: named("2026-12-11/AM")) }
            }),
        Breakage(
            name: "interpreter not available in the second part",
            expected: ["rule 3: hearing H1 has interpreter I2, who is not available in 2026-12-10/PM"],
            edit: { roster, _ in
                roster.editInterpreter("I2") { $0.available.removeAll(where: named("2026-12-10/PM")) }
            }),
        Breakage(
            name: "on site elsewhere only",
            expected: [
                "rule 3: hearing H2 has interpreter I1 on site, who does not work on site at L2",
                "rule 3: hearing H6 has interpreter I1 on site",
            ],
            edit: { roster, _ in roster.editInterpreter("I1") { $0.onsiteLocations = ["L1"] } }),
        Breakage(
            name: "remote without working remotely",
            expected: ["rule 3: hearing H2 has interpreter I1 remote, who does not work remotely"],
            setup: { _, choices, _ in choices.editPlacement("H2") { $0.mode = .remote } }),
        Breakage(
            name: "remote not allowed",
            expected: ["rule 3: hearing H3 has a remote interpreter, which it does not allow"],
            edit: { roster, _ in roster.editHearing("H3") { $0.remoteInterpreterAllowed = false } }),
        // Rule 4
        Breakage(
            name: "officer elsewhere",
            expected: ["rule 4: hearing H3 has officer O2, who works at L2, not L1"],
            setup: { _, choices, _ in choices.editPlacement("H3") { $0.officer = "O2" } }),
        Breakage(
            name: "training missing",
            expected: ["rule 4: hearing H1 has officer O1, who lacks training vulnerable"],
            edit: { roster, _ in roster.editOfficer("O1") { $0.trainings = [] } }),
        Breakage(
            name: "excluded officer",
            expected: ["rule 4: hearing H1 has officer O1, who is excluded"],
            edit: { roster, _ in roster.editHearing("H1") { $0.excludedOfficers = ["O1"] } }),
        Breakage(
            name: "officer not available",
            expected: ["rule 4: hearing H1 has officer O1, who is not available in 2026-12-10/PM"],
            edit: { roster, _ in roster.editOfficer("O1") { $0.available.removeAll(where: named("2026-12-10/PM")) } }),
        // Rule 5
        Breakage(
            name: "interpreter twice in a slot",
            expected: [
                "rule 5: I3 is in 2 hearings in 2026-12-11/AM: H3, H5",
                "rule 8: location L1 holds 2 hearings in 2026-12-11/AM",
            ],
            setup: { _, choices, _ in
                choices.hold("H5", at("2026-12-11", "AM", "I3", .remote, officer: "O3"))
                choices.editPlacement("H3") { $0.interpreter = "I3" }
            }),
        Breakage(
            name: "overlapping the second part",
            expected: [
                "rule 5: I2 is in 2 hearings in 2026-12-10/PM: H1, H3",
                "rule 5: O1 is in 2 hearings in 2026-12-10/PM",
                "rule 8: location L1 holds 2 hearings in 2026-12-10/PM",
            ],
            setup: { _, choices, _ in choices.editPlacement("H3") { $0.date = day("2026-12-10"); $0.slot = "PM" } }),
        // Rule 6
        Breakage(
            name: "two locations on one day",
            expected: ["rule 6: interpreter I1 works on site at 2 locations on 2026-12-11: L1, L2"],
            setup: { roster, choices, _ in
                roster.editInterpreter("I1") { $0.maxHearingsPerWeek = nil }
                choices.editPlacement("H3") { $0.interpreter = "I1"; $0.mode = .onsite }
            }),
        // Rule 7
        Breakage(
            name: "interpreter over the weekly cap",
            expected: ["rule 7: I1 has 2 hearings in 2026-W50, more than their maximum of 1"],
            edit: { roster, _ in roster.editInterpreter("I1") { $0.maxHearingsPerWeek = 1 } }),
        Breakage(
            name: "officer over the weekly cap",
            expected: ["rule 7: O2 has 2 hearings in 2026-W50, more than their maximum of 1"],
            edit: { roster, _ in roster.editOfficer("O2") { $0.maxHearingsPerWeek = 1 } }),
        // Rule 8
        Breakage(
            name: "two hearings in one room",
            expected: ["rule 8: location L1 holds 2 hearings in 2026-12-10/AM, more than its 1 rooms"],
            setup: { _, choices, _ in choices.hold("H5", at("2026-12-10", "AM", "I3", .remote, officer: "O3")) }),
        // Rule 9
        Breakage(
            name: "fixed hearing on another day",
            expected: ["rule 9: fixed hearing H4 starts in 2026-12-14/AM, not in 2026-12-10/AM as fixed"],
            edit: { roster, _ in roster.editHearing("H4") { $0.fixed?.date = day("2026-12-10") } }),
        Breakage(
            name: "fixed hearing in another part",
            expected: ["rule 9: fixed hearing H4 starts in 2026-12-14/AM, not in 2026-12-14/PM as fixed"],
            edit: { roster, _ in roster.editHearing("H4") { $0.fixed?.slot = "PM" } }),
        Breakage(
            name: "fixed hearing moved in an infeasible plan",
            expected: ["rule 9: fixed hearing H4 starts in 2026-12-14/AM, not in 2026-12-14/PM"],
            setup: { _, _, status in status = .infeasible },
            edit: { roster, _ in roster.editHearing("H4") { $0.fixed?.slot = "PM" } }),
        Breakage(
            name: "fixed interpreter replaced",
            expected: ["rule 9: fixed hearing H4 has interpreter I1, not I3 as fixed"],
            edit: { roster, _ in roster.editHearing("H4") { $0.fixed?.interpreter = "I3" } }),
        Breakage(
            name: "fixed officer replaced",
            expected: ["rule 9: fixed hearing H4 has officer O2, not O3 as fixed"],
            edit: { roster, _ in roster.editHearing("H4") { $0.fixed?.officer = "O3" } }),
        Breakage(
            name: "fixed hearing dropped",
            expected: ["rule 9: fixed hearing H4 is not held"],
            setup: { _, choices, _ in choices[3].placement = nil }),
        // The plan's own consistency
        Breakage(
            name: "wrong format",
            expected: ["consistency: format is 'hearing-planner/plan@0'"],
            edit: { _, plan in plan.format = "hearing-planner/plan@0" }),
        Breakage(
            name: "unknown hearing held",
            expected: ["consistency: an assignment names hearing H99, which is not in the roster"],
            edit: { _, plan in
                var extra = plan.assignments[2]
                extra.hearing = "H99"
                extra.score = 0
                plan.assignments.append(extra)
            }),
        Breakage(
            name: "unknown hearing unscheduled",
            expected: ["consistency: unscheduled names hearing H99, which is not in the roster"],
            edit: { _, plan in plan.unscheduled.append(unscheduledEntry("H99")) }),
        Breakage(
            name: "hearing missing",
            expected: ["consistency: hearing H5 appears neither in assignments nor in unscheduled"],
            edit: { _, plan in plan.unscheduled = [] }),
        Breakage(
            name: "held and unscheduled",
            expected: ["consistency: hearing H3 is both held and unscheduled"],
            edit: { _, plan in plan.unscheduled.append(unscheduledEntry("H3")) }),
        Breakage(
            name: "unscheduled twice",
            expected: ["consistency: hearing H5 is listed 2 times in unscheduled"],
            edit: { _, plan in plan.unscheduled.append(plan.unscheduled[0]) }),
        Breakage(
            name: "wrong location",
            expected: ["consistency: hearing H3 is at location L2, but its location is L1"],
            edit: { _, plan in plan.editAssignment("H3") { $0.location = "L2" } }),
        Breakage(
            name: "interpreter preference state",
            expected: ["consistency: hearing H1 has interpreterPreference met, expected unmet"],
            edit: { _, plan in plan.editAssignment("H1") { $0.interpreterPreference = .met } }),
        Breakage(
            name: "officer preference state",
            expected: ["consistency: hearing H3 has officerPreference met, expected none"],
            edit: { _, plan in plan.editAssignment("H3") { $0.officerPreference = .met } }),
        Breakage(
            name: "delay days",
            expected: ["consistency: hearing H3 has delayDays 2, expected 1"],
            edit: { _, plan in plan.editAssignment("H3") { $0.delayDays = 2 } }),
        Breakage(
            name: "wait days",
            expected: ["consistency: hearing H1 has waitDays 0, expected 7"],
            edit: { _, plan in plan.editAssignment("H1") { $0.waitDays = 0 } }),
        Breakage(
            name: "score",
            expected: ["consistency: hearing H2 has score 996.0, expected 995.0"],
            edit: { _, plan in
                plan.editAssignment("H2") { $0.score += 1 }
                plan.objective += 1
                plan.bound = plan.objective
            }),
        Breakage(
            name: "score under another policy",
            expected: ["consistency: hearing H2 has score 995.0, expected 994.0"],
            edit: { roster, _ in roster.policy.fallbackLanguagePenalty = 11 }),
        Breakage(
            name: "objective",
            expected: ["consistency: objective is"],
            edit: { _, plan in plan.objective += 0.5; plan.bound = plan.objective }),
        Breakage(
            name: "unmet preference missing",
            expected: ["consistency: the unmet interpreter preference of hearing H1 is missing from unmetPreferences"],
            edit: { _, plan in plan.unmetPreferences.removeAll { $0.hearing == "H1" } }),
        Breakage(
            name: "unmet preference invented",
            expected: [
                "consistency: unmetPreferences lists the officer preference of hearing H1, which is not an unmet",
            ],
            edit: { _, plan in
                plan.unmetPreferences.append(UnmetPreference(
                    hearing: "H1", role: .officer, requested: .female, assigned: .female,
                    reason: Reason(code: .deferred, detail: "")))
            }),
        Breakage(
            name: "unmet preference twice",
            expected: ["consistency: unmetPreferences lists the officer preference of hearing H6 2 times"],
            edit: { _, plan in
                plan.unmetPreferences.append(
                    contentsOf: plan.unmetPreferences.filter { $0.hearing == "H6" && $0.role == .officer })
            }),
        Breakage(
            name: "unmet preference misreported",
            expected: ["consistency: unmetPreferences says hearing H1 requested a female interpreter and got x"],
            edit: { _, plan in plan.unmetPreferences[0].assigned = .x }),
        Breakage(
            name: "bound below objective",
            expected: ["consistency: bound"],
            edit: { _, plan in plan.bound = plan.objective - 1; plan.gap = nil }),
        Breakage(
            name: "gap",
            expected: ["consistency: gap is 0.5"],
            edit: { _, plan in plan.gap = 0.5 }),
        Breakage(
            name: "infeasible with every fixed hearing held",
            expected: ["consistency: status is infeasible, yet every fixed hearing is held"],
            setup: { _, _, status in status = .infeasible }),
    ]

    @Test(arguments: broken)
    func rejects(_ breakage: Breakage) {
        let (roster, plan) = Self.built(breakage)
        let violations = HardRuleChecker().violations(of: plan, for: roster)
        for fragment in breakage.expected {
            #expect(violations.contains { $0.contains(fragment) }, "expected '\(fragment)' in \(violations)")
        }
        let allowedTags = Set(breakage.expected.map(Self.tag))
        for violation in violations {
            #expect(allowedTags.contains(Self.tag(violation)), "unexpected: \(violation)")
        }
        #expect(!violations.isEmpty)
        // `hearing-planner verify` refuses the plan for the same rules.
        let report = PlanVerifier(roster: roster, plan: plan).verify()
        #expect(!report.passed)
        for tag in allowedTags where tag.hasPrefix("rule") {
            #expect(report.findings.contains { $0.check == tag }, "verify does not name \(tag): \(report.text)")
        }
    }

    static let harmless: [Breakage] = [
        Breakage(
            name: "overdue hearing held after its latest date",
            expected: []),
        Breakage(
            name: "remote work does not count for rule 6",
            expected: [],
            setup: { roster, choices, _ in
                roster.editInterpreter("I1") { $0.maxHearingsPerWeek = nil; $0.remote = true }
                choices.editPlacement("H3") { $0.interpreter = "I1"; $0.mode = .remote }
            }),
        Breakage(
            name: "a two-slot hearing counts once against a cap",
            expected: [],
            edit: { roster, _ in roster.editInterpreter("I2") { $0.maxHearingsPerWeek = 2 } }),
        Breakage(
            name: "caps count per ISO week",
            expected: [],
            edit: { roster, _ in roster.editOfficer("O2") { $0.maxHearingsPerWeek = 2 } }),
        Breakage(
            name: "no room limit",
            expected: [],
            setup: { roster, choices, _ in
                roster.editLocation("L1") { $0.rooms = nil }
                choices.hold("H5", at("2026-12-10", "AM", "I3", .remote, officer: "O3"))
            }),
        Breakage(
            name: "an infeasible plan may leave a fixed hearing unheld",
            expected: [],
            setup: { _, choices, status in choices[3].placement = nil; status = .infeasible }),
        Breakage(
            name: "a plan without bound or gap",
            expected: [],
            edit: { _, plan in plan.bound = nil; plan.gap = nil }),
        Breakage(
            name: "bound above objective with its gap",
            expected: [],
            edit: { _, plan in plan.bound = plan.objective + 100; plan.gap = 100 / plan.objective }),
    ]

    @Test(arguments: harmless)
    func accepts(_ change: Breakage) {
        let (roster, plan) = Self.built(change)
        #expect(HardRuleChecker().violations(of: plan, for: roster) == [])
    }

    static func tag(_ text: String) -> String {
        String(text.prefix { $0 != ":" })
    }
}
