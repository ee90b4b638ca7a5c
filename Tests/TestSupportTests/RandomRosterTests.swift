import PlannerModel
import Testing
import TestSupport

/// The reference tools against each other on seeded random tiny rosters.
@Suite struct RandomRosterTests {
    static let generator = TinyRosterGenerator()

    @Test func generatorIsRepeatable() {
        #expect(Self.generator.roster(seed: 42) == Self.generator.roster(seed: 42))
        #expect(Self.generator.roster(seed: 42) != Self.generator.roster(seed: 43))
    }

    /// Unique ids, known references, availability in working-day slots, sane windows, fixed hearings
    /// on a working day of the horizon naming people who exist, each of which could be held alone.
    @Test func generatedRostersAreStructurallyValid() throws {
        for seed in UInt64(0)..<500 {
            let roster = Self.generator.roster(seed: seed)
            let calendar = ReferenceCalendar(roster.horizon)
            let slotsOfHorizon = Set(calendar.workingDays.flatMap { day in
                roster.horizon.slots.map { SlotName(date: day, part: $0) }
            })
            let locations = Set(roster.locations.map(\.id))
            let interpreters = Set(roster.interpreters.map(\.id))
            let officers = Set(roster.officers.map(\.id))
            #expect(locations.count == roster.locations.count, "seed \(seed)")
            #expect(interpreters.count == roster.interpreters.count, "seed \(seed)")
            #expect(officers.count == roster.officers.count, "seed \(seed)")
            #expect(interpreters.isDisjoint(with: officers), "seed \(seed)")
            #expect(Set(roster.hearings.map(\.id)).count == roster.hearings.count, "seed \(seed)")
            #expect((1...6).contains(roster.hearings.count) && (1...4).contains(roster.interpreters.count)
                    && (1...3).contains(roster.officers.count), "seed \(seed)")
            #expect((2...3).contains(calendar.workingDays.count), "seed \(seed)")
            for hearing in roster.hearings {
                #expect(locations.contains(hearing.location), "seed \(seed)")
                #expect(hearing.earliest <= hearing.latest, "seed \(seed)")
                #expect((1...roster.horizon.slots.count).contains(hearing.durationSlots), "seed \(seed)")
                #expect(!hearing.fallbackLanguages.contains(hearing.language), "seed \(seed)")
                #expect(Set(hearing.excludedInterpreters).isSubset(of: interpreters), "seed \(seed)")
                #expect(Set(hearing.excludedOfficers).isSubset(of: officers), "seed \(seed)")
                if let fixed = hearing.fixed {
                    #expect(calendar.isWorkingDayOfHorizon(fixed.date), "seed \(seed)")
                    let run = calendar.slots(on: fixed.date, from: fixed.slot, count: hearing.durationSlots)
                    #expect(run != nil, "seed \(seed)")
                    #expect(fixed.interpreter.map(interpreters.contains) ?? true, "seed \(seed)")
                    #expect(fixed.officer.map(officers.contains) ?? true, "seed \(seed)")
                    // Alone, it could be held as fixed: a roster validator has nothing to reject.
                    var alone = roster
                    alone.hearings = [hearing]
                    #expect(bruteForceOptimum(alone) != nil, "seed \(seed)")
                }
            }
            for interpreter in roster.interpreters {
                #expect(Set(interpreter.available).isSubset(of: slotsOfHorizon), "seed \(seed)")
                #expect(Set(interpreter.onsiteLocations).isSubset(of: locations), "seed \(seed)")
                #expect(!interpreter.languages.isEmpty, "seed \(seed)")
            }
            for officer in roster.officers {
                #expect(Set(officer.available).isSubset(of: slotsOfHorizon), "seed \(seed)")
                #expect(locations.contains(officer.location), "seed \(seed)")
            }
        }
    }

    /// What the optimal plans of many rosters contain, so a test can insist the rosters exercise it.
    struct Coverage {
        var infeasible = 0
        var fixedHeld = 0
        var fallbackUsed = 0
        var unregisteredUsed = 0
        var remote = 0
        var onsite = 0
        var twoSlot = 0
        var unmetPreference = 0
        var metPreference = 0
        var overdueHeld = 0
        var deadlineHeld = 0
        var unheld = 0
        var twoWeeks = 0
        var twoLocations = 0
        var customPolicy = 0
    }

    /// The brute force's witness is a valid plan scoring the optimum; an infeasible roster has fixed
    /// hearings, and a plan reporting it as infeasible with them unheld passes.
    @Test func bruteForceWitnessesPassTheChecker() throws {
        let checker = HardRuleChecker()
        var coverage = Coverage()
        var slowest = Duration.zero
        var mostNodes = 0
        let clock = ContinuousClock()
        for seed in UInt64(1000)..<1400 {
            let roster = Self.generator.roster(seed: seed)
            var result: BruteForceResult?
            slowest = max(slowest, clock.measure { result = bruteForce(roster) })
            if Set(ReferenceCalendar(roster.horizon).workingDays.map(\.isoWeek)).count > 1 { coverage.twoWeeks += 1 }
            if roster.locations.count > 1 { coverage.twoLocations += 1 }
            if roster.policy != Policy() { coverage.customPolicy += 1 }
            guard let result else {
                coverage.infeasible += 1
                #expect(roster.hearings.contains { $0.fixed != nil }, "seed \(seed)")
                let plan = witnessPlan(
                    for: roster,
                    choices: roster.hearings.map { HearingChoice(hearing: $0.id, placement: nil) },
                    status: .infeasible)
                #expect(checker.violations(of: plan, for: roster) == [], "seed \(seed)")
                continue
            }
            mostNodes = max(mostNodes, result.nodesSearched)
            let plan = witnessPlan(for: roster, choices: result.choices)
            #expect(checker.violations(of: plan, for: roster) == [], "seed \(seed): \(result.choices)")
            #expect(abs(plan.objective - result.optimum) < 1e-6, "seed \(seed)")
            for a in plan.assignments {
                let hearing = try #require(roster.hearings.first { $0.id == a.hearing })
                let interpreter = try #require(roster.interpreters.first { $0.id == a.interpreter })
                if hearing.fixed != nil { coverage.fixedHeld += 1 }
                if a.language != hearing.language { coverage.fallbackUsed += 1 }
                if interpreter.skill(for: a.language)?.registered == false { coverage.unregisteredUsed += 1 }
                if a.interpreterMode == .remote { coverage.remote += 1 } else { coverage.onsite += 1 }
                if a.slots.count == 2 { coverage.twoSlot += 1 }
                for state in [a.interpreterPreference, a.officerPreference] {
                    if state == .unmet { coverage.unmetPreference += 1 }
                    if state == .met { coverage.metPreference += 1 }
                }
                if hearing.latest < roster.horizon.start { coverage.overdueHeld += 1 }
                if hearing.latest <= roster.horizon.end { coverage.deadlineHeld += 1 }
            }
            coverage.unheld += plan.unscheduled.count
        }
        let counts = [
            coverage.infeasible, coverage.fixedHeld, coverage.fallbackUsed, coverage.unregisteredUsed,
            coverage.remote, coverage.onsite, coverage.twoSlot, coverage.unmetPreference,
            coverage.metPreference, coverage.overdueHeld, coverage.deadlineHeld, coverage.unheld,
            coverage.twoWeeks, coverage.twoLocations, coverage.customPolicy,
        ]
        #expect(counts.allSatisfy { $0 >= 3 }, "\(coverage)")
        // Typically well under 0.02 s each in a debug build; the limit leaves room for a loaded machine.
        #expect(slowest < .seconds(1), "slowest brute force took \(slowest)")
        #expect(mostNodes < 5000, "the largest search visited \(mostNodes) nodes")
    }

    /// Relaxing a roster (no caps, no room limits, everyone on site everywhere and remote) never lowers
    /// the optimum, and caps and rooms do bind in some random rosters.
    @Test func relaxingNeverHurtsAndCapacityBinds() {
        var capsBind = 0
        var roomsBind = 0
        for seed in UInt64(2000)..<2250 {
            let roster = Self.generator.roster(seed: seed)
            guard let optimum = bruteForceOptimum(roster) else { continue }
            var noCaps = roster
            for i in noCaps.interpreters.indices { noCaps.interpreters[i].maxHearingsPerWeek = nil }
            for i in noCaps.officers.indices { noCaps.officers[i].maxHearingsPerWeek = nil }
            var noRooms = roster
            for i in noRooms.locations.indices { noRooms.locations[i].rooms = nil }
            var everywhere = roster
            for i in everywhere.interpreters.indices {
                everywhere.interpreters[i].onsiteLocations = roster.locations.map(\.id)
                everywhere.interpreters[i].remote = true
            }
            for i in everywhere.hearings.indices { everywhere.hearings[i].remoteInterpreterAllowed = true }
            let relaxedCaps = bruteForceOptimum(noCaps)
            let relaxedRooms = bruteForceOptimum(noRooms)
            let relaxedPlaces = bruteForceOptimum(everywhere)
            for relaxed in [relaxedCaps, relaxedRooms, relaxedPlaces] {
                #expect((relaxed ?? -Double.infinity) >= optimum - 1e-9, "seed \(seed)")
            }
            if let relaxedCaps, relaxedCaps > optimum + 1e-9 { capsBind += 1 }
            if let relaxedRooms, relaxedRooms > optimum + 1e-9 { roomsBind += 1 }
        }
        #expect(capsBind >= 3, "caps bound in \(capsBind) rosters")
        #expect(roomsBind >= 3, "rooms bound in \(roomsBind) rosters")
    }

    /// The bound only saves time: without it (every feasible branch searched) the optimum is the same.
    @Test func pruningNeverCutsOffTheOptimum() {
        let generator = TinyRosterGenerator(maxHearings: 5)
        for seed in UInt64(4000)..<4300 {
            let roster = generator.roster(seed: seed)
            let pruned = bruteForce(roster)
            let exhaustive = bruteForce(roster, pruning: false)
            #expect(pruned?.optimum == exhaustive?.optimum, "seed \(seed)")
        }
    }

    /// On rosters small enough to list every plan, the best plan the checker accepts scores exactly
    /// the brute-force optimum (and there is none exactly when the brute force says nil). The two share
    /// only the score: the rules are implemented twice.
    @Test func naiveEnumerationAgreesWithTheBruteForce() throws {
        let small = TinyRosterGenerator(maxHearings: 3, maxInterpreters: 2, maxOfficers: 2, fixedProbability: 0.3)
        var compared = 0
        var infeasible = 0
        for seed in UInt64(3000)..<3300 where compared < 120 {
            let roster = small.roster(seed: seed)
            guard let naive = Self.naiveOptimum(roster, limit: 1500) else { continue }
            compared += 1
            if naive.optimum == nil { infeasible += 1 }
            let brute = bruteForceOptimum(roster)
            #expect(brute.map { ($0 * 1e6).rounded() } == naive.optimum.map { ($0 * 1e6).rounded() }, "seed \(seed)")
        }
        #expect(compared >= 100)
        #expect(infeasible >= 1)
    }

    /// Every combination of per-hearing placements that the checker accepts on its own (or not held),
    /// checked as a whole; `nil` when there are more than `limit` combinations.
    static func naiveOptimum(_ roster: Roster, limit: Int) -> (optimum: Double?, plans: Int)? {
        let checker = HardRuleChecker()
        let calendar = ReferenceCalendar(roster.horizon)
        var options: [[HearingChoice.Placement?]] = []
        for hearing in roster.hearings {
            var alone = roster
            var free = hearing
            free.fixed = nil
            alone.hearings = [free]
            var list: [HearingChoice.Placement?] = [nil]
            for date in calendar.workingDays {
                for part in roster.horizon.slots {
                    for interpreter in roster.interpreters {
                        for language in [hearing.language] + hearing.fallbackLanguages {
                            for mode in InterpreterMode.allCases {
                                for officer in roster.officers {
                                    let placement = HearingChoice.Placement(
                                        date: date, slot: part, interpreter: interpreter.id, mode: mode,
                                        language: language, officer: officer.id)
                                    let plan = witnessPlan(
                                        for: alone, choices: [HearingChoice(hearing: hearing.id, placement: placement)])
                                    if checker.violations(of: plan, for: alone).isEmpty { list.append(placement) }
                                }
                            }
                        }
                    }
                }
            }
            options.append(list)
        }
        let total = options.reduce(1) { $0 * $1.count }
        guard total <= limit else { return nil }
        var best: Double?
        var index = Array(repeating: 0, count: options.count)
        for _ in 0..<total {
            let choices = roster.hearings.indices.map {
                HearingChoice(hearing: roster.hearings[$0].id, placement: options[$0][index[$0]])
            }
            let plan = witnessPlan(for: roster, choices: choices)
            if checker.violations(of: plan, for: roster).isEmpty {
                best = max(best ?? -Double.infinity, plan.objective)
            }
            // Next combination, odometer style.
            var digit = 0
            while digit < index.count {
                index[digit] += 1
                if index[digit] < options[digit].count { break }
                index[digit] = 0
                digit += 1
            }
        }
        return (best, total)
    }
}
