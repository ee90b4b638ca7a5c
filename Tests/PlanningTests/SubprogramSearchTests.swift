import GLPKSolver
import LinearProgramming
import Logging
@testable import MIPSearch
@testable import Planning
import PlannerModel
import SyntheticRosters
import Testing
import TestSupport

/// The search of small programs that follows the local search on large one-week rosters: from
/// the greedy plan of generated weeks it raises the score by exactly what it says, keeps every
/// hard rule (as a published plan and as a point of the whole program), keeps fixed hearings
/// where they are, and never passes the proven optimum.
@Suite("Subprogram search")
struct SubprogramSearchTests {
    /// The plan as the local search's tests check it, with what the subprogram search said.
    struct Improved {
        let found: LocalSearchTests.Improved
        let outcome: SubprogramSearch.Outcome
        var roster: Roster { found.roster }
        var greedy: Double { found.greedy }
        var improved: Double { found.improved }
        var values: [Double] { found.values }
        var program: LinearProgram { found.program }
    }

    static func improve(
        seed: UInt64, hearings: Int, weeks: Int = 1, fixedShare: Double = 0, threads: Int, maximumFree: Int = 15,
        from start: [PlanAssembler.Choice]? = nil
    ) -> Improved {
        let roster = RosterGenerator(hearings: hearings, weeks: weeks, seed: seed, fixedShare: fixedShare).generate()
        let (index, model) = PoolTests.model(roster, ModelForm())
        let choices = start ?? GreedyStart(index: index).choices()
        var search = SubprogramSearch(
            solver: GLPKSolver(logger: LocalSearchTests.logger), logger: LocalSearchTests.logger, index: index,
            builder: ModelBuilder(index: index))
        search.maximumFree = maximumFree
        let outcome = search.improve(choices, threads: threads)
        let found = LocalSearchTests.Improved(
            roster: roster, greedy: choices.reduce(0) { $0 + $1.placement.score },
            improved: outcome.choices.reduce(0) { $0 + $1.placement.score }, outcome: LocalSearch.Outcome(choices: outcome.choices),
            values: model.values(for: outcome.choices, index: index), program: model.program)
        return Improved(found: found, outcome: outcome)
    }

    @Test(arguments: [(UInt64(31), 60, 1), (32, 80, 1), (33, 100, 2), (34, 120, 2)])
    func itRaisesTheScoreExactlyAndKeepsEveryRule(seed: UInt64, hearings: Int, threads: Int) throws {
        let found = Self.improve(seed: seed, hearings: hearings, threads: threads)
        #expect(found.improved > found.greedy + 0.5, "the greedy plan of these weeks is below their optimum")
        #expect(abs(found.improved - found.greedy - found.outcome.gain) < 1e-6)
        #expect(found.outcome.improved > 0 && found.outcome.searches >= found.outcome.improved)
        let keepsEveryRow = Search.isFeasible(found.values, in: found.program)
        #expect(keepsEveryRow)
        #expect(abs(found.program.objectiveValue(at: found.values) - found.improved) < 1e-6)
        let plan = try LocalSearchTests.plan(found.found)
        #expect(HardRuleChecker().violations(of: plan, for: found.roster) == [])
    }

    /// Small free sets searched two at a time from the same plan often want the same person or
    /// room: the second one's placements are taken only where they still fit.
    @Test(arguments: [UInt64(41), 42, 43, 44])
    func twoSearchesAtOnceNeverClash(seed: UInt64) throws {
        let found = Self.improve(seed: seed, hearings: 150, threads: 2, maximumFree: 4)
        #expect(abs(found.improved - found.greedy - found.outcome.gain) < 1e-6)
        let keepsEveryRow = Search.isFeasible(found.values, in: found.program)
        #expect(keepsEveryRow)
        let plan = try LocalSearchTests.plan(found.found)
        #expect(HardRuleChecker().violations(of: plan, for: found.roster) == [])
    }

    /// The hand-made clash: one interpreter speaks both languages and is free in one slot only.
    /// The Tigrinya and the Amharic hearing are in different free sets, searched at once from a
    /// plan that holds neither; each would take that slot, so only the first is taken.
    @Test func theSecondOfTwoSearchesIsTakenOnlyWhereItStillFits() throws {
        var hearings = [EvidenceTests.hearing("H-1"), EvidenceTests.hearing("H-2")]
        hearings[1].language = "amh"
        let interpreter = Interpreter(
            id: "I-1", gender: .female, languages: [LanguageSkill(code: "tir"), LanguageSkill(code: "amh")],
            onsiteLocations: ["TA"], available: EvidenceTests.slots("2026-12-07/AM"))
        let roster = EvidenceTests.roster(hearings: hearings, interpreters: [interpreter])
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let search = SubprogramSearch(
            solver: GLPKSolver(logger: LocalSearchTests.logger), logger: LocalSearchTests.logger, index: index,
            builder: ModelBuilder(index: index))
        let outcome = search.improve([], threads: 2)
        #expect(outcome.choices.count == 1)
        #expect(outcome.improved == 1)
        let (_, model) = PoolTests.model(roster, ModelForm())
        let keepsEveryRow = Search.isFeasible(model.values(for: outcome.choices, index: index), in: model.program)
        #expect(keepsEveryRow)
    }

    /// One room, and two interpreters of two languages free in the same slot only: the plan holds
    /// the Tigrinya hearing there, and the Amharic one, whose acceptable wait ends this week, waits.
    /// Neither language's set can hold it (the room is taken by the other language); the
    /// location's sets free both and swap them.
    @Test func aLocationsSetTradesARoomBetweenLanguages() throws {
        var hearings = [EvidenceTests.hearing("H-1"), EvidenceTests.hearing("H-2", latest: "2026-12-08")]
        hearings[1].language = "amh"
        let only = EvidenceTests.slots("2026-12-07/AM")
        let roster = EvidenceTests.roster(
            hearings: hearings,
            interpreters: [EvidenceTests.interpreter("I-1", .female, only), EvidenceTests.interpreter("I-2", .female, language: "amh", only)],
            rooms: 1)
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let s = try #require(index.starts[0].firstIndex { !$0.interpreters.isEmpty && !$0.officers.isEmpty })
        let start = index.starts[0][s]
        let held = PlanAssembler.Choice(
            hearing: 0, startIndex: s, start: start, interpreter: start.interpreters[0], mode: start.interpreters[0].mode,
            officer: start.officers[0])
        let search = SubprogramSearch(
            solver: GLPKSolver(logger: LocalSearchTests.logger), logger: LocalSearchTests.logger, index: index,
            builder: ModelBuilder(index: index))
        let outcome = search.improve([held], threads: 1)
        #expect(outcome.choices.map(\.hearing) == [1])
        #expect(outcome.gain > 900)
        let (_, model) = PoolTests.model(roster, ModelForm())
        let keepsEveryRow = Search.isFeasible(model.values(for: outcome.choices, index: index), in: model.program)
        #expect(keepsEveryRow)
    }

    /// A deadline hearing of Monday (V) is unheld: interpreter I-1, the only one it may have, holds
    /// A on Monday and B on Tuesday; C has I-2 on Monday; every hearing may have any of the three
    /// officers. Its set frees the hearings of its people nearest its day first, an interpreter's
    /// before an officer's: A, then C (Monday, an officer's), then B (a day away). L, unheld and
    /// worth no more than the held ones, gets no such set. The set is made again from the plan
    /// as it stands each time it is searched.
    @Test func aValuableUnheldHearingGetsTheHearingsOfItsPeople() throws {
        var (placed, search) = try Self.valuableHearingsWeek()
        #expect(search.neighbourhoods(placed).contains { $0.free == [0, 1, 3] })
        search.maximumFree = 4
        #expect(search.neighbourhoods(placed).contains { $0.free == [0, 1, 2, 3] })
        // Only hearings that could gain more than twice a held hearing's average score.
        let sets = search.peopleSets(placed, potential: [1_000, 0, 0, 0, 60], score: { _ in 30 })
        #expect(sets.map(\.free) == [[0, 1, 2, 3]])
        let both = search.peopleSets(placed, potential: [1_000, 0, 0, 0, 61], score: { _ in 30 })
        #expect(both.map(\.free) == [[0, 1, 2, 3], [4, 1, 2, 3]])
        // Made again from the plan as it stands when searched: without A, C and then B.
        search.maximumFree = 3
        let set = try #require(search.neighbourhoods(placed).first { $0.around == 0 })
        placed[1] = nil
        #expect(search.resolved(set, placed: placed).free == [0, 2, 3])
    }

    /// The week of `aValuableUnheldHearingGetsTheHearingsOfItsPeople`: V (unheld, its deadline on
    /// Monday, I-1 its only interpreter), A, B and C held, L unheld; a search of at most 3 free.
    static func valuableHearingsWeek() throws -> ([PlanAssembler.Choice?], SubprogramSearch) {
        var v = EvidenceTests.hearing("V", latest: "2026-12-07")
        v.excludedInterpreters = ["I-2"]
        let hearings = [v, EvidenceTests.hearing("A"), EvidenceTests.hearing("B"), EvidenceTests.hearing("C"), EvidenceTests.hearing("L")]
        let roster = EvidenceTests.roster(
            hearings: hearings,
            interpreters: [EvidenceTests.interpreter("I-1", .female, EvidenceTests.everySlot), EvidenceTests.interpreter("I-2", .female, EvidenceTests.everySlot)])
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        func choice(_ h: Int, _ slot: String, _ interpreter: String, _ officer: String) throws -> PlanAssembler.Choice {
            let t = try #require(index.calendar.slotIndex(of: SlotName(slot)!))
            let s = try #require(index.starts[h].firstIndex { $0.slot == t })
            let start = index.starts[h][s]
            let i = try #require(start.interpreters.first { $0.person == index.interpreterIndex[interpreter] })
            let o = try #require(start.officers.first { $0.person == index.officerIndex[officer] })
            return PlanAssembler.Choice(hearing: h, startIndex: s, start: start, interpreter: i, mode: i.mode, officer: o)
        }
        var placed: [PlanAssembler.Choice?] = Array(repeating: nil, count: hearings.count)
        placed[1] = try choice(1, "2026-12-07/AM", "I-1", "O-1")
        placed[2] = try choice(2, "2026-12-08/PM", "I-1", "O-2")
        placed[3] = try choice(3, "2026-12-07/PM", "I-2", "O-3")
        var search = SubprogramSearch(
            solver: GLPKSolver(logger: LocalSearchTests.logger), logger: LocalSearchTests.logger, index: index,
            builder: ModelBuilder(index: index))
        search.maximumFree = 3
        return (placed, search)
    }

    /// Over several weeks each small program frees its hearings within one week only and leaves
    /// the other weeks' hearings out: the plan still keeps every rule of the whole program, fixed
    /// hearings (kept in every small program) included.
    @Test(arguments: [(UInt64(45), 2), (46, 3)])
    func severalWeeksKeepEveryRule(seed: UInt64, weeks: Int) throws {
        let found = Self.improve(seed: seed, hearings: 120 * weeks, weeks: weeks, fixedShare: 0.15, threads: 2)
        #expect(found.improved > found.greedy + 0.5)
        #expect(abs(found.improved - found.greedy - found.outcome.gain) < 1e-6)
        let keepsEveryRow = Search.isFeasible(found.values, in: found.program)
        #expect(keepsEveryRow)
        #expect(abs(found.program.objectiveValue(at: found.values) - found.improved) < 1e-6)
        let plan = try LocalSearchTests.plan(found.found)
        #expect(HardRuleChecker().violations(of: plan, for: found.roster) == [])
        let fixed = found.roster.hearings.indices.filter { found.roster.hearings[$0].fixed != nil }
        #expect(Set(found.outcome.choices.map(\.hearing)).isSuperset(of: fixed))
    }

    /// An unheld hearing that could be held in either of two weeks is in both weeks' free sets,
    /// which may be searched at once: it is held once, and its score is counted once.
    @Test func aHearingInTwoWeeksSetsIsTakenOnce() throws {
        let friday = Day("2026-12-11")!, monday = Day("2026-12-14")!
        let slots = [SlotName("2026-12-11/AM")!, SlotName("2026-12-14/AM")!]
        let roster = Roster(
            horizon: Horizon(start: friday, end: monday), locations: [Location(id: "TA")],
            hearings: [EvidenceTests.hearing("H-1")],
            interpreters: [EvidenceTests.interpreter("I-1", .female, slots)],
            officers: [Officer(id: "O-1", gender: .female, location: "TA", available: slots)])
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        #expect(Set(index.starts[0].map(\.day.isoWeek)).count == 2)
        let search = SubprogramSearch(
            solver: GLPKSolver(logger: LocalSearchTests.logger), logger: LocalSearchTests.logger, index: index,
            builder: ModelBuilder(index: index))
        let outcome = search.improve([], threads: 2)
        #expect(outcome.choices.map(\.hearing) == [0])
        #expect(abs(outcome.gain - outcome.choices.reduce(0) { $0 + $1.placement.score }) < 1e-6)
    }

    /// Fixed hearings are never freed, so they stay exactly where they are fixed.
    @Test(arguments: [UInt64(35), 36])
    func fixedHearingsStay(seed: UInt64) throws {
        let found = Self.improve(seed: seed, hearings: 80, fixedShare: 0.2, threads: 2)
        let keepsEveryRow = Search.isFeasible(found.values, in: found.program)
        #expect(keepsEveryRow)
        let index = ProblemIndex(roster: found.roster, policy: found.roster.policy)
        let greedy = GreedyStart(index: index).choices()
        let before = Dictionary(uniqueKeysWithValues: greedy.map { ($0.hearing, $0.placement) })
        for choice in found.outcome.choices where found.roster.hearings[choice.hearing].fixed != nil {
            #expect(before[choice.hearing].map { choice.placement.isUnchanged(from: $0) } == true)
        }
    }

    /// Below the optimum the planner proves, and a second pass from its own result finds nothing
    /// more (it stops once every free set has been searched without a gain). The free sets are
    /// whole languages and locations here, so that both passes search the same ones: runs of days
    /// follow the plan, and a second pass over other runs may find more.
    @Test(arguments: [(UInt64(37), 60), (38, 80)])
    func itStaysBelowTheOptimumAndStopsWhenNothingImproves(seed: UInt64, hearings: Int) throws {
        let found = Self.improve(seed: seed, hearings: hearings, threads: 2, maximumFree: hearings)
        let planner = Planner(solver: GLPKSolver(logger: LocalSearchTests.logger), logger: LocalSearchTests.logger)
        let optimal = try planner.plan(found.roster)
        #expect(optimal.status == .optimal)
        #expect(found.improved <= optimal.objective + 1e-6)
        let again = Self.improve(seed: seed, hearings: hearings, threads: 2, maximumFree: hearings, from: found.outcome.choices)
        #expect(again.outcome.improved == 0)
        #expect(abs(again.improved - found.improved) < 1e-6)
    }

    /// It ends (before its deadline) only when every free set, searched from the plan it returns
    /// (a set around a valuable hearing made again from that plan), finds nothing; also a set whose
    /// gain was passed over because another one of its batch was taken first (here the language
    /// and location sets share hearings, and two are searched at once), and, when it has the
    /// relaxation's multipliers, the sets around the hearings the returned plan loses most on.
    @Test(arguments: [(UInt64(37), false), (38, false), (37, true), (38, true), (39, true)])
    func itEndsOnlyWhenNoSetGainsFromItsPlan(seed: UInt64, withShares: Bool) throws {
        var search = Self.searchOfSixty(seed: seed)
        let index = search.index
        if withShares {
            search.gapShares = try Self.gapShares(index)
            search.shareThreshold = 0.5
        }
        let greedy = GreedyStart(index: index).choices()
        let outcome = search.improve(greedy, threads: 2)
        #expect(outcome.improved > 0)
        let base = search.neighbourhoods(Self.placed(greedy, index))
        var sets = base
        if let gapShares = search.gapShares {
            let shares = gapShares.account(of: outcome.choices, index: index).hearings
            let around = search.shareSets(Self.placed(outcome.choices, index), shares: shares, besides: base)
            #expect(!around.isEmpty, "no hearing holds a share of 0.5 of the gap")
            sets += around
        }
        try Self.expectNoGain(search, in: sets, from: outcome.choices)
    }

    /// The search of a generated week of 60 hearings, with free sets of 15.
    static func searchOfSixty(seed: UInt64) -> SubprogramSearch {
        let roster = RosterGenerator(hearings: 60, seed: seed).generate()
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        var search = SubprogramSearch(
            solver: GLPKSolver(logger: LocalSearchTests.logger), logger: LocalSearchTests.logger, index: index,
            builder: ModelBuilder(index: index))
        search.maximumFree = 15
        return search
    }

    /// The plan `choices` by hearing.
    static func placed(_ choices: [PlanAssembler.Choice], _ index: ProblemIndex) -> [PlanAssembler.Choice?] {
        var placed = [PlanAssembler.Choice?](repeating: nil, count: index.roster.hearings.count)
        for choice in choices { placed[choice.hearing] = choice }
        return placed
    }

    /// No set of `sets`, made again from the plan `choices` where it is made around a hearing and
    /// searched from that plan, gains.
    static func expectNoGain(_ search: SubprogramSearch, in sets: [SubprogramSearch.FreeSet], from choices: [PlanAssembler.Choice]) throws {
        let final = placed(choices, search.index)
        var occupancy = Occupancy(index: search.index)
        for choice in choices { occupancy.add(choice.placement) }
        let builder = ModelBuilder(index: search.index).prepared()
        for set in sets.map({ search.resolved($0, placed: final) }) {
            let found = try search.search(set.free, in: set.week, placed: final, occupancy: occupancy, builder: builder)
            #expect(found?.gain == nil, "a free set of \(set.free.count) hearings still gains")
        }
    }

    /// When a whole pass gains nothing and time is left, the free sets double in size
    /// (`widenings`): from a plan that no set of 15 improves, sets of 30 still find more, by
    /// exactly what they say, keeping every row; and the search ends only when no set of 30,
    /// searched from the plan it returns, gains.
    @Test(arguments: [UInt64(37), 39, 40])
    func itWidensItsSetsWhenAPassGainsNothing(seed: UInt64) throws {
        var search = Self.searchOfSixty(seed: seed)
        let index = search.index
        // Sets of 15 follow the plan they start from: searched again until they find nothing.
        var narrow = search.improve(GreedyStart(index: index).choices(), threads: 2)
        for _ in 0..<10 where narrow.improved > 0 {
            narrow = search.improve(narrow.choices, threads: 2)
        }
        #expect(narrow.improved == 0)
        search.widenings = 1
        let wide = search.improve(narrow.choices, threads: 2)
        #expect(wide.improved > 0, "sets of 30 find nothing that sets of 15 did not")
        let score = { (choices: [PlanAssembler.Choice]) in choices.reduce(0) { $0 + $1.placement.score } }
        #expect(abs(score(wide.choices) - score(narrow.choices) - wide.gain) < 1e-6)
        let model = ModelBuilder(index: index).build()
        #expect(Search.isFeasible(model.values(for: wide.choices, index: index), in: model.program))
        var wider = search
        wider.maximumFree = 30
        try Self.expectNoGain(wider, in: wider.neighbourhoods(Self.placed(narrow.choices, index)), from: wide.choices)
    }

    /// The first-order relaxation's account of a plan's gap, as the planner makes it.
    static func gapShares(_ index: ProblemIndex) throws -> GapShares {
        let model = ModelBuilder(index: index).build()
        var relaxed = model.program
        for column in 0..<relaxed.columnCount { relaxed.setKind(.continuous, ofColumn: column) }
        var method = try #require(FirstOrderRelaxation(program: relaxed))
        let result = method.solve(deadline: nil, maximumIterations: 5_000)
        return GapShares(model: model, program: model.program, rowDuals: result.rowDuals)
    }

    /// After a pass, each hearing whose share of the plan's gap is at least `shareThreshold` gets
    /// the set of its people's hearings (`peopleSet`), in its own week: largest shares first; none
    /// below the threshold, none that is already a valuable hearing's set.
    @Test func theHearingsThePlanLosesMostOnGetSetsOfTheirOwn() throws {
        let (placed, found) = try Self.valuableHearingsWeek()
        var search = found
        let known = search.neighbourhoods(placed)
        #expect(known.contains { $0.around == 0 })
        // V (unheld, already a valuable hearing's set), A, B (below 3), C (held) and L (unheld).
        let sets = search.shareSets(placed, shares: [10, 4, 2.9, 7, 5], besides: known)
        #expect(sets.map(\.around) == [3, 4, 1])
        let week = try #require(placed[1]).start.day.isoWeek
        #expect(sets.allSatisfy { $0.week == week })
        #expect(sets.map(\.free) == [3, 4, 1].map { search.peopleSet(around: $0, in: week, placed: placed) })
        #expect(sets[0].free.contains(3) && sets[2].free.contains(1), "a held hearing is free in its own set")
        // Nothing known: V's comes first.
        #expect(search.shareSets(placed, shares: [10, 4, 2.9, 7, 5], besides: []).map(\.around) == [0, 3, 4, 1])
        search.shareThreshold = 6
        #expect(search.shareSets(placed, shares: [10, 4, 2.9, 7, 5], besides: known).map(\.around) == [3])
    }

    /// A prepared builder visits only a small program's free hearings (every other one starts
    /// without columns); the program is the one a visit of every hearing builds, to the last name
    /// and coefficient, fixed hearings outside the set included.
    @Test(arguments: [UInt64(40), 41])
    func aPreparedBuildIsTheBuildOfEveryHearing(seed: UInt64) throws {
        let roster = RosterGenerator(hearings: 150, weeks: 2, seed: seed, fixedShare: 0.1).generate()
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let choices = GreedyStart(index: index).choices()
        var placed = [PlanAssembler.Choice?](repeating: nil, count: roster.hearings.count)
        for choice in choices { placed[choice.hearing] = choice }
        let search = SubprogramSearch(
            solver: GLPKSolver(logger: LocalSearchTests.logger), logger: LocalSearchTests.logger, index: index,
            builder: ModelBuilder(index: index))
        let sets = search.neighbourhoods(placed)
        #expect(sets.count > 4)
        for set in sets.prefix(8) {
            var taken = Occupancy(index: index)
            for choice in choices where !set.free.contains(choice.hearing) { taken.add(choice.placement) }
            var plain = ModelBuilder(index: index)
            plain.free = set.free
            plain.freeWeek = set.week
            plain.taken = taken
            var prepared = plain.prepared()
            prepared.taken = taken
            let (a, b) = (plain.build(), prepared.build())
            #expect(a.isContradictory == b.isContradictory)
            #expect(a.heldColumns == b.heldColumns && a.officerColumns == b.officerColumns)
            let (p, q) = (a.program, b.program)
            #expect(p.columnNames == q.columnNames && p.objectiveCoefficients == q.objectiveCoefficients)
            #expect(p.columnUpperBounds == q.columnUpperBounds && p.columnKinds == q.columnKinds)
            #expect(p.rowNames == q.rowNames && p.rowLowerBounds == q.rowLowerBounds && p.rowUpperBounds == q.rowUpperBounds)
            #expect(p.rowStarts == q.rowStarts && p.entryColumns == q.entryColumns && p.entryCoefficients == q.entryCoefficients)
            #expect(p.columnCount > 0)
        }
        // A fixed hearing outside the set that the plan does not hold: no plan keeps it.
        let fixed = try #require(roster.hearings.indices.first { roster.hearings[$0].fixed != nil })
        let free = Set(roster.hearings.indices.filter { $0 != fixed && roster.hearings[$0].fixed == nil }.prefix(5))
        var builder = ModelBuilder(index: index).prepared()
        builder.free = free
        builder.taken = Occupancy(index: index)
        #expect(builder.build().isContradictory)
    }

    /// A deadline already passed, or a cancelled token, stops it before any small program.
    @Test(arguments: [false, true])
    func aPassedDeadlineOrACancellationChangesNothing(cancelled: Bool) {
        let roster = RosterGenerator(hearings: 60, seed: 39).generate()
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let choices = GreedyStart(index: index).choices()
        var search = SubprogramSearch(
            solver: GLPKSolver(logger: LocalSearchTests.logger), logger: LocalSearchTests.logger, index: index,
            builder: ModelBuilder(index: index))
        if cancelled {
            search.cancellation = CancellationToken()
            search.cancellation?.cancel()
        } else {
            search.deadline = .now - .seconds(1)
        }
        let outcome = search.improve(choices, threads: 2)
        #expect(outcome.searches == 0)
        let unchanged = outcome.choices.map(\.placement).sorted { $0.hearing < $1.hearing }
            == choices.map(\.placement).sorted { $0.hearing < $1.hearing }
        #expect(unchanged)
    }
}
