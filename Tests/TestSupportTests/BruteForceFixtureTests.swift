import PlannerModel
import Testing
import TestSupport

/// Small rosters whose optimum is worked out by hand in the comments; the brute force must agree, and
/// its witness plan must pass the checker. Default weights unless a case says otherwise: value 10,
/// age 1, delay 1, deadline 1000, preference 20 / 60 (high), unregistered 5, fallback 10.
/// Mon = 2026-12-07, Tue = 2026-12-08 unless a case says otherwise.
@Suite struct BruteForceFixtureTests {
    /// The optimum, and that the witness plan is valid and scores the optimum.
    func solve(_ roster: Roster) throws -> (optimum: Double, choices: [HearingChoice])? {
        guard let result = bruteForce(roster) else {
            #expect(bruteForceOptimum(roster) == nil)
            return nil
        }
        #expect(bruteForceOptimum(roster) == result.optimum)
        let plan = witnessPlan(for: roster, choices: result.choices)
        #expect(HardRuleChecker().violations(of: plan, for: roster) == [])
        #expect(abs(plan.objective - result.optimum) < 1e-9)
        return (result.optimum, result.choices)
    }

    // MARK: 1. A preference worth waiting for, against a deadline

    /// I1 (male) is free all week, I2 (female) only Tue AM; both hearings ask for a female interpreter.
    /// H1 (no deadline): with I1 10 - 20 - delay < 0, never worth it; with I2 on Tue 10 - 1 = 9.
    /// H2 (deadline Tue): with I1 on Mon 1010 - 20 = 990; with I2 on Tue 1010 - 1 = 1009.
    /// Best: H2 waits a day for I2 (1009) and H1 waits for a later horizon; the alternative
    /// H1 with I2 (9) + H2 with I1 on Mon (990) = 999 is worse.
    /// With a standard preference worth only 5: H1 with I1 on Mon 10 - 5 = 5 and H2 with I2 1009 give
    /// 1014 (as do H1 with I2, 9, and H2 with I1 on Mon, 1005).
    @Test(arguments: [(20.0, 1009.0), (5.0, 1014.0)])
    func preferenceWorthWaitingForAgainstADeadline(penalty: Double, expected: Double) throws {
        var policy = Policy()
        policy.preferencePenalty.standard = penalty
        let roster = Roster(
            horizon: monTue, policy: policy, locations: [Location(id: "L1")],
            hearings: [
                Hearing(id: "H1", language: "tir", location: "L1", earliest: day("2026-12-07"),
                        latest: day("2026-12-31"), interpreterGender: .female),
                Hearing(id: "H2", language: "tir", location: "L1", earliest: day("2026-12-07"),
                        latest: day("2026-12-08"), interpreterGender: .female),
            ],
            interpreters: [
                Interpreter(id: "I1", gender: .male, languages: [LanguageSkill(code: "tir")],
                            onsiteLocations: ["L1"], available: allMonTue),
                Interpreter(id: "I2", gender: .female, languages: [LanguageSkill(code: "tir")],
                            onsiteLocations: ["L1"], available: slots("2026-12-08/AM")),
            ],
            officers: [Officer(id: "O1", gender: .female, location: "L1", available: allMonTue)])
        let solved = try #require(try solve(roster))
        #expect(solved.optimum == expected)
        if penalty == 20 {
            #expect(solved.choices.placement("H1") == nil)
            #expect(solved.choices.placement("H2")?.interpreter == "I2")
        }
    }

    // MARK: 2. Fallback language against an unregistered interpreter

    /// One hearing in tir (fallback amh) with its deadline in the horizon, so 1010 before penalties.
    /// I1 tir unregistered Mon: 1010 - 5 = 1005.      I2 amh registered Mon: 1010 - 10 = 1000.
    /// I3 tir registered Tue:  1010 - 1 = 1009.       I4 amh unregistered Mon: 1010 - 15 = 995.
    /// delay 10:                I3 1000, so I1 (1005) wins.
    /// delay 10, unregistered 30: I1 980, I2 1000, I3 1000, I4 970: 1000 (a tie).
    /// delay 10, fallback 0:    I2 1010 wins.
    @Test(arguments: [
        (1.0, 5.0, 10.0, 1009.0, "I3", "tir"),
        (10.0, 5.0, 10.0, 1005.0, "I1", "tir"),
        (10.0, 30.0, 10.0, 1000.0, "", ""),
        (10.0, 5.0, 0.0, 1010.0, "I2", "amh"),
    ])
    func fallbackAgainstUnregistered(
        delay: Double, unregistered: Double, fallback: Double, expected: Double, interpreter: String,
        language: String
    ) throws {
        var policy = Policy()
        policy.delayWeight = delay
        policy.unregisteredPenalty = unregistered
        policy.fallbackLanguagePenalty = fallback
        func interpreterOn(_ id: String, _ code: String, registered: Bool, _ slot: String) -> Interpreter {
            Interpreter(id: id, gender: .male, languages: [LanguageSkill(code: code, registered: registered)],
                        onsiteLocations: ["L1"], available: slots(slot))
        }
        let roster = Roster(
            horizon: monTue, policy: policy, locations: [Location(id: "L1")],
            hearings: [Hearing(id: "H1", language: "tir", fallbackLanguages: ["amh"], location: "L1",
                               earliest: day("2026-12-07"), latest: day("2026-12-08"))],
            interpreters: [
                interpreterOn("I1", "tir", registered: false, "2026-12-07/AM"),
                interpreterOn("I2", "amh", registered: true, "2026-12-07/AM"),
                interpreterOn("I3", "tir", registered: true, "2026-12-08/AM"),
                interpreterOn("I4", "amh", registered: false, "2026-12-07/AM"),
            ],
            officers: [Officer(id: "O1", gender: .male, location: "L1",
                               available: slots("2026-12-07/AM", "2026-12-08/AM"))])
        let solved = try #require(try solve(roster))
        #expect(solved.optimum == expected)
        if !interpreter.isEmpty {
            let placement = try #require(solved.choices.placement("H1"))
            #expect(placement.interpreter == interpreter)
            #expect(placement.language == language)
        }
    }

    // MARK: 3. Rule 6: one on-site location per interpreter per day

    /// I1 is the only tir interpreter, on site at L1 and L2, free Mon AM and PM only. H1 at L1 scores
    /// 1010; H2 at L2 (high, asks a female officer, gets a male one) 1010 - 60 = 950. On site, I1 can do
    /// only one of them on Monday: 1010. Remote work does not count for rule 6, so with a remote I1
    /// both are held (1960) as soon as either hearing allows a remote interpreter: that one is
    /// interpreted remotely, the other on site. If neither allows it: 1010 again.
    @Test(arguments: [
        (false, true, true, 1010.0), (true, true, true, 1960.0), (true, true, false, 1960.0),
        (true, false, true, 1960.0), (true, false, false, 1010.0),
    ])
    func secondLocationTheSameDay(remote: Bool, h1AllowsRemote: Bool, h2AllowsRemote: Bool, expected: Double) throws {
        let monday = slots("2026-12-07/AM", "2026-12-07/PM")
        let roster = Roster(
            horizon: monTue, locations: [Location(id: "L1"), Location(id: "L2")],
            hearings: [
                Hearing(id: "H1", language: "tir", location: "L1", earliest: day("2026-12-07"),
                        latest: day("2026-12-08"), remoteInterpreterAllowed: h1AllowsRemote),
                Hearing(id: "H2", language: "tir", location: "L2", earliest: day("2026-12-07"),
                        latest: day("2026-12-08"), officerGender: .female, priority: .high,
                        remoteInterpreterAllowed: h2AllowsRemote),
            ],
            interpreters: [Interpreter(id: "I1", gender: .female, languages: [LanguageSkill(code: "tir")],
                                       onsiteLocations: ["L1", "L2"], remote: remote, available: monday)],
            officers: [
                Officer(id: "O1", gender: .male, location: "L1", available: monday),
                Officer(id: "O2", gender: .male, location: "L2", available: monday),
            ])
        let solved = try #require(try solve(roster))
        #expect(solved.optimum == expected)
        #expect(solved.choices.placement("H1") != nil)
    }

    // MARK: 4. Weekly caps per ISO week

    /// Thu 2026-12-10 .. Mon 2026-12-14: Thu and Fri are in 2026-W50, Mon in W51. Three equal hearings
    /// (earliest Thu, no deadline) score Thu 10, Fri 9, Mon 10 - wd(Thu, Mon) = 8.
    /// No caps: 27. Interpreter or officer capped at 1 a week: Thu + Mon = 18. Capped at 2: all, 27.
    @Test(arguments: [
        (nil, nil, 27.0), (1, nil, 18.0), (2, nil, 27.0), (nil, 1, 18.0), (1, 1, 18.0),
    ] as [(Int?, Int?, Double)])
    func weeklyCap(interpreterCap: Int?, officerCap: Int?, expected: Double) throws {
        let days = slots("2026-12-10/AM", "2026-12-11/AM", "2026-12-14/AM")
        let roster = Roster(
            horizon: Horizon(start: day("2026-12-10"), end: day("2026-12-14")), locations: [Location(id: "L1")],
            hearings: (1...3).map {
                Hearing(id: "H\($0)", language: "tir", location: "L1", earliest: day("2026-12-10"),
                        latest: day("2026-12-31"))
            },
            interpreters: [Interpreter(id: "I1", gender: .male, languages: [LanguageSkill(code: "tir")],
                                       onsiteLocations: ["L1"], available: days,
                                       maxHearingsPerWeek: interpreterCap)],
            officers: [Officer(id: "O1", gender: .male, location: "L1", available: days,
                               maxHearingsPerWeek: officerCap)])
        #expect(try solve(roster)?.optimum == expected)
    }

    /// A cap counts hearings, not slots: a two-slot hearing fits a cap of 1 (10, held Mon AM-PM).
    @Test func twoSlotHearingCountsOnceAgainstACap() throws {
        let monday = slots("2026-12-07/AM", "2026-12-07/PM")
        let roster = Roster(
            horizon: monTue, locations: [Location(id: "L1")],
            hearings: [Hearing(id: "H1", language: "tir", location: "L1", durationSlots: 2,
                               earliest: day("2026-12-07"), latest: day("2026-12-31"))],
            interpreters: [Interpreter(id: "I1", gender: .male, languages: [LanguageSkill(code: "tir")],
                                       onsiteLocations: ["L1"], available: monday, maxHearingsPerWeek: 1)],
            officers: [Officer(id: "O1", gender: .male, location: "L1", available: monday, maxHearingsPerWeek: 1)])
        #expect(try solve(roster)?.optimum == 10)
    }

    // MARK: 5. Rooms

    /// Two hearings (1010 each) and two remote interpreters and officers, all only on Mon AM. Remote
    /// hearings still take a room: 1 room holds one (1010), 2 rooms or no limit both (2020), 0 none.
    @Test(arguments: [(1, 1010.0), (2, 2020.0), (nil, 2020.0), (0, 0.0)] as [(Int?, Double)])
    func rooms(rooms: Int?, expected: Double) throws {
        let slot = slots("2026-12-07/AM")
        let roster = Roster(
            horizon: monTue, locations: [Location(id: "L1", rooms: rooms)],
            hearings: (1...2).map {
                Hearing(id: "H\($0)", language: "tir", location: "L1", earliest: day("2026-12-07"),
                        latest: day("2026-12-08"))
            },
            interpreters: (1...2).map {
                Interpreter(id: "I\($0)", gender: .female, languages: [LanguageSkill(code: "tir")],
                            remote: true, available: slot)
            },
            officers: (1...2).map { Officer(id: "O\($0)", gender: .male, location: "L1", available: slot) })
        #expect(try solve(roster)?.optimum == expected)
    }

    // MARK: 6. Exclusions and trainings

    /// H1 (deadline, high, asks female interpreter and officer, needs training) on Mon AM.
    /// I1 female, I2 male; O1 female trained, O2 male trained, O3 female untrained.
    /// Excluding I1 and O1 with the training required leaves I2 + O2: 1010 - 2 * 60 = 890.
    /// Without exclusions: I1 + O1, 1010. Exclusions but no training needed: I2 + O3, 950.
    @Test(arguments: [(true, true, 890.0), (false, true, 1010.0), (true, false, 950.0)])
    func exclusionsAndTrainings(excluding: Bool, training: Bool, expected: Double) throws {
        let slot = slots("2026-12-07/AM")
        let roster = Roster(
            horizon: monTue, locations: [Location(id: "L1")],
            hearings: [Hearing(
                id: "H1", language: "tir", location: "L1", earliest: day("2026-12-07"), latest: day("2026-12-08"),
                interpreterGender: .female, officerGender: .female, priority: .high,
                requiredTrainings: training ? ["vulnerable"] : [],
                excludedInterpreters: excluding ? ["I1"] : [], excludedOfficers: excluding ? ["O1"] : [])],
            interpreters: [
                Interpreter(id: "I1", gender: .female, languages: [LanguageSkill(code: "tir")],
                            onsiteLocations: ["L1"], available: slot),
                Interpreter(id: "I2", gender: .male, languages: [LanguageSkill(code: "tir")],
                            onsiteLocations: ["L1"], available: slot),
            ],
            officers: [
                Officer(id: "O1", gender: .female, location: "L1", trainings: ["vulnerable"], available: slot),
                Officer(id: "O2", gender: .male, location: "L1", trainings: ["vulnerable"], available: slot),
                Officer(id: "O3", gender: .female, location: "L1", available: slot),
            ])
        #expect(try solve(roster)?.optimum == expected)
    }

    // MARK: 7. Fixed hearings

    enum FixedCase: String, CaseIterable, Sendable {
        /// Two hearings fixed to Mon AM with the same interpreter: rule 5, no plan.
        case sameInterpreterSameSlot
        /// Two hearings fixed to Mon AM at a location with one room: rule 8, no plan.
        case oneRoomTwoFixed
        /// Two hearings fixed to Mon and Tue with an interpreter capped at 1 a week: rule 7, no plan.
        case capBreaksFixedPair
        /// A fixed hearing is held even when its score is negative: 10 - 60 = -50.
        case fixedWithNegativeScore
        /// A fixed hearing (10) takes the only interpreter from a deadline hearing (1010): 10.
        case fixedBeatsValue
    }

    @Test(arguments: FixedCase.allCases)
    func fixed(_ fixedCase: FixedCase) throws {
        let monAM = slots("2026-12-07/AM")
        let both = slots("2026-12-07/AM", "2026-12-08/AM")
        func hearing(_ id: String, on date: String, interpreter: String? = nil, latest: String = "2026-12-31",
                     wants: GenderPreference? = nil) -> Hearing {
            Hearing(id: id, language: "tir", location: "L1", earliest: day("2026-12-07"), latest: day(latest),
                    interpreterGender: wants, priority: wants == nil ? .standard : .high,
                    fixed: date.isEmpty ? nil : FixedAssignment(date: day(date), slot: "AM", interpreter: interpreter))
        }
        func interpreter(_ id: String, _ available: [SlotName], cap: Int? = nil) -> Interpreter {
            Interpreter(id: id, gender: .male, languages: [LanguageSkill(code: "tir")], onsiteLocations: ["L1"],
                        available: available, maxHearingsPerWeek: cap)
        }
        let officers = (1...2).map { Officer(id: "O\($0)", gender: .male, location: "L1", available: both) }
        let roster: Roster
        let expected: Double?
        switch fixedCase {
        case .sameInterpreterSameSlot:
            roster = Roster(horizon: monTue, locations: [Location(id: "L1")],
                            hearings: [hearing("H1", on: "2026-12-07", interpreter: "I1"),
                                       hearing("H2", on: "2026-12-07", interpreter: "I1")],
                            interpreters: [interpreter("I1", monAM), interpreter("I2", monAM)], officers: officers)
            expected = nil
        case .oneRoomTwoFixed:
            roster = Roster(horizon: monTue, locations: [Location(id: "L1", rooms: 1)],
                            hearings: [hearing("H1", on: "2026-12-07"), hearing("H2", on: "2026-12-07")],
                            interpreters: [interpreter("I1", monAM), interpreter("I2", monAM)], officers: officers)
            expected = nil
        case .capBreaksFixedPair:
            roster = Roster(horizon: monTue, locations: [Location(id: "L1")],
                            hearings: [hearing("H1", on: "2026-12-07", interpreter: "I1"),
                                       hearing("H2", on: "2026-12-08", interpreter: "I1")],
                            interpreters: [interpreter("I1", both, cap: 1), interpreter("I2", both)],
                            officers: officers)
            expected = nil
        case .fixedWithNegativeScore:
            roster = Roster(horizon: monTue, locations: [Location(id: "L1")],
                            hearings: [hearing("H1", on: "2026-12-07", wants: .female)],
                            interpreters: [interpreter("I1", monAM)], officers: officers)
            expected = -50
        case .fixedBeatsValue:
            roster = Roster(horizon: monTue, locations: [Location(id: "L1")],
                            hearings: [hearing("H1", on: "2026-12-07"), hearing("H2", on: "", latest: "2026-12-08")],
                            interpreters: [interpreter("I1", monAM)], officers: officers)
            expected = 10
        }
        #expect(try solve(roster)?.optimum == expected)
    }

    // MARK: 8. Overdue hearings and holidays in the waiting time

    /// H1 is overdue (earliest Mon 2026-11-23, latest Tue 2026-12-01) and may be held any day of the
    /// horizon; H2 (latest Mon 2026-12-07) is not, and the only interpreter works Tue AM only.
    /// H1 on Tue: 10 + age wd(11-23, 12-07) = 10, - delay wd(12-07, 12-08) = 1, + 1000 = 1019; H2 unheld.
    /// A Thursday holiday on 11-26 takes a day of age: 1018. A Saturday holiday changes nothing.
    /// A holiday on Mon 12-07 removes the only day of delay: 1020.
    @Test(arguments: [
        ([], 1019.0), (["2026-11-26"], 1018.0), (["2026-11-28"], 1019.0), (["2026-12-07"], 1020.0),
    ])
    func overdueHearing(holidays: [String], expected: Double) throws {
        let roster = Roster(
            horizon: Horizon(start: day("2026-12-07"), end: day("2026-12-08"), holidays: holidays.map(day)),
            locations: [Location(id: "L1")],
            hearings: [
                Hearing(id: "H1", language: "tir", location: "L1", earliest: day("2026-11-23"),
                        latest: day("2026-12-01")),
                Hearing(id: "H2", language: "tir", location: "L1", earliest: day("2026-12-01"),
                        latest: day("2026-12-07")),
            ],
            interpreters: [Interpreter(id: "I1", gender: .male, languages: [LanguageSkill(code: "tir")],
                                       onsiteLocations: ["L1"], available: slots("2026-12-08/AM"))],
            officers: [Officer(id: "O1", gender: .male, location: "L1", available: allMonTue)])
        let solved = try #require(try solve(roster))
        #expect(solved.optimum == expected)
        #expect(solved.choices.placement("H1")?.date == day("2026-12-08"))
        #expect(solved.choices.placement("H2") == nil)
    }

    // MARK: 9. Two-slot hearings

    /// I1 is free Mon PM, Tue AM and Tue PM. H1 takes two day parts: Mon AM-PM lacks I1 on Mon AM and a
    /// start on PM would leave the day, so only Tue AM-PM (10 - 1 = 9). H2 (one part) then takes Mon PM
    /// (10). Optimum 19.
    @Test func twoSlotHearing() throws {
        let roster = Roster(
            horizon: monTue, locations: [Location(id: "L1")],
            hearings: [
                Hearing(id: "H1", language: "tir", location: "L1", durationSlots: 2, earliest: day("2026-12-07"),
                        latest: day("2026-12-31")),
                Hearing(id: "H2", language: "tir", location: "L1", earliest: day("2026-12-07"),
                        latest: day("2026-12-31")),
            ],
            interpreters: [Interpreter(id: "I1", gender: .male, languages: [LanguageSkill(code: "tir")],
                                       onsiteLocations: ["L1"],
                                       available: slots("2026-12-07/PM", "2026-12-08/AM", "2026-12-08/PM"))],
            officers: [Officer(id: "O1", gender: .male, location: "L1", available: allMonTue)])
        let solved = try #require(try solve(roster))
        #expect(solved.optimum == 19)
        let h1 = try #require(solved.choices.placement("H1"))
        #expect(h1.date == day("2026-12-08") && h1.slot == "AM")
    }

    // MARK: 10. A high-priority preference against waiting inside the horizon

    /// Mon 12-07 .. Wed 12-09. H1 is high priority and asks a female interpreter; I1 (male) is free
    /// Mon AM, I2 (female) Wed AM. No deadline: I1 10 - 60 < 0, I2 10 - 2 = 8. Deadline Wed: I1 950,
    /// I2 1008. Deadline and delay weight 40: I2 1010 - 80 = 930 < I1 950, so the preference goes unmet.
    @Test(arguments: [
        ("2026-12-31", 1.0, 8.0, "I2"), ("2026-12-09", 1.0, 1008.0, "I2"), ("2026-12-09", 40.0, 950.0, "I1"),
    ])
    func highPriorityPreferenceAgainstWaiting(
        latest: String, delay: Double, expected: Double, interpreter: String
    ) throws {
        var policy = Policy()
        policy.delayWeight = delay
        let roster = Roster(
            horizon: Horizon(start: day("2026-12-07"), end: day("2026-12-09")), policy: policy,
            locations: [Location(id: "L1")],
            hearings: [Hearing(id: "H1", language: "tir", location: "L1", earliest: day("2026-12-07"),
                               latest: day(latest), interpreterGender: .female, priority: .high)],
            interpreters: [
                Interpreter(id: "I1", gender: .male, languages: [LanguageSkill(code: "tir")],
                            onsiteLocations: ["L1"], available: slots("2026-12-07/AM")),
                Interpreter(id: "I2", gender: .female, languages: [LanguageSkill(code: "tir")],
                            onsiteLocations: ["L1"], available: slots("2026-12-09/AM")),
            ],
            officers: [Officer(id: "O1", gender: .male, location: "L1",
                               available: slots("2026-12-07/AM", "2026-12-09/AM"))])
        let solved = try #require(try solve(roster))
        #expect(solved.optimum == expected)
        #expect(solved.choices.placement("H1")?.interpreter == interpreter)
    }
}
