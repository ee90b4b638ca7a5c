import Foundation
import PlannerModel
import Testing
import TestSupport

@testable import MIPSearch
@testable import Planning

/// The re-planner against an independent oracle (`ReplanOracle`): on seeded tiny rosters, with an
/// optimal or a deliberately poor baseline, random events, a random *now* and random re-planning
/// weights, the re-plan's score is the exhaustive optimum of the re-planning score, the plan keeps
/// every hard rule, frozen hearings stay unless forced, forced changes name the rule that forces
/// them, and the change cap holds.
@Suite("Re-planning against brute force")
struct ReplanExactnessTests {
    static let seeds: [UInt64] = Array(1...240)

    /// One case: the changed roster, the baseline, the moment, and what the re-planner made of it.
    struct Case {
        var roster: Roster
        var baseline: Plan
        var now: Date
        var cancelled: Set<String>
    }

    static func scenario(seed: UInt64) throws -> Case? {
        var random = SeededRandom(seed: seed &* 7919)
        // A little larger than the plain exactness tests' rosters, so that baselines hold more.
        let original = TinyRosterGenerator(maxHearings: 7, fixedProbability: 0.08, availability: 0.8).roster(seed: seed)
        let generator = ReplanScenarioGenerator()
        // Even seeds start from the planner's optimal plan, odd ones from a random valid plan.
        var baseline: Plan?
        if seed.isMultiple(of: 2) {
            let plan = try makePlanner().plan(original)
            baseline = plan.status == .optimal ? plan : nil
        } else {
            baseline = generator.randomBaseline(for: original, using: &random)
        }
        guard let baseline else { return nil }
        let events = generator.events(for: original, baseline: baseline, using: &random)
        var changed = try original.applying(events).get().roster
        changed.policy = generator.policy(changed.policy, using: &random)
        let kept = Set(changed.hearings.map(\.id))
        return Case(
            roster: changed, baseline: baseline, now: generator.now(for: changed.horizon, using: &random),
            cancelled: Set(baseline.assignments.map(\.hearing).filter { !kept.contains($0) }))
    }

    @Test(arguments: seeds)
    func agreesWithBruteForce(seed: UInt64) throws {
        guard let c = try Self.scenario(seed: seed) else { return }
        let oracle = ReplanOracle(roster: c.roster, baseline: c.baseline, now: c.now)
        let expected = oracle.optimum()
        let plan = try makePlanner().replan(c.roster, baseline: c.baseline, now: c.now)
        guard let expected else {
            #expect(plan.status == .infeasible, "seed \(seed): the oracle finds no plan, the re-planner says \(plan.status)")
            return
        }
        #expect(plan.status == .optimal, "seed \(seed)")
        #expect(abs(plan.objective - expected.optimum) < 1e-6, "seed \(seed): re-planner \(plan.objective), brute force \(expected.optimum)")
        #expect(abs(oracle.score(of: plan) - plan.objective) < 1e-6, "seed \(seed): the objective is not the plan's own score")
        let violations = HardRuleChecker().violations(of: plan, for: c.roster).filter { $0.hasPrefix("rule") }
        #expect(violations.isEmpty, "seed \(seed): \(violations)")
        Self.checkChanges(plan, c, oracle: oracle, seed: seed)
        let report = PlanVerifier(roster: c.roster, plan: plan, baseline: c.baseline, now: c.now).verify()
        #expect(report.passed, "seed \(seed): \(report.text))")
    }

    /// The search near the baseline that large programs get, forced onto the tiny ones: its plan
    /// keeps every rule and the freeze, its objective is its own re-planning score, and its bound
    /// and status are honest (never below the optimum; optimal only when it is).
    @Test(arguments: seeds.filter { $0 % 3 == 0 })
    func theNeighbourhoodSearchIsHonest(seed: UInt64) throws {
        guard let c = try Self.scenario(seed: seed) else { return }
        let oracle = ReplanOracle(roster: c.roster, baseline: c.baseline, now: c.now)
        guard let expected = oracle.optimum() else { return }
        var planner = makePlanner()
        planner.replanning.neighbourhoodAbove = 0
        let plan = try planner.replan(c.roster, baseline: c.baseline, now: c.now)
        guard plan.status == .optimal || plan.status == .feasible else {
            Issue.record("seed \(seed): \(plan.status)")
            return
        }
        #expect(abs(oracle.score(of: plan) - plan.objective) < 1e-6, "seed \(seed)")
        #expect(plan.objective <= expected.optimum + 1e-6, "seed \(seed)")
        #expect((plan.bound ?? -.infinity) >= expected.optimum - 1e-6, "seed \(seed): bound \(plan.bound ?? .nan) below the optimum \(expected.optimum)")
        if plan.status == .optimal { #expect(abs(plan.objective - expected.optimum) < 1e-6, "seed \(seed)") }
        #expect(HardRuleChecker().violations(of: plan, for: c.roster).filter { $0.hasPrefix("rule") }.isEmpty, "seed \(seed)")
        Self.checkChanges(plan, c, oracle: oracle, seed: seed)
    }

    /// The changes list against the oracle: frozen hearings in place unless forced, `forced` exactly
    /// where a hard rule forbids the baseline placement (and the rule named), the cap kept.
    static func checkChanges(_ plan: Plan, _ c: Case, oracle: ReplanOracle, seed: UInt64) {
        let choices = hearingChoices(of: plan, for: c.roster)
        let after = Dictionary(uniqueKeysWithValues: choices.map { ($0.hearing, $0.placement) })
        // Frozen hearings stay unless forced, or as few as possible give way to fixed ones.
        var gaveWay = Set<String>()
        for hearing in oracle.frozen where oracle.forcedRule[hearing] == nil {
            let kept = after[hearing].flatMap { $0 }.map { ReplanOracle.isSame($0, oracle.baseline[hearing]!) } ?? false
            if !kept { gaveWay.insert(hearing) }
        }
        #expect(gaveWay.count == (oracle.optimum()?.frozenGivingWay ?? 0), "seed \(seed): frozen \(gaveWay.sorted()) moved")
        var expectedChanged = Set(c.cancelled)
        for choice in choices {
            if let before = oracle.baseline[choice.hearing] {
                if choice.placement.map({ !ReplanOracle.isSame(before, $0) }) ?? true { expectedChanged.insert(choice.hearing) }
            } else if choice.placement != nil, !c.baseline.assignments.contains(where: { $0.hearing == choice.hearing }) {
                expectedChanged.insert(choice.hearing)
            }
        }
        #expect(Set(plan.changes.map(\.hearing)) == expectedChanged, "seed \(seed)")
        for change in plan.changes {
            if c.cancelled.contains(change.hearing) {
                #expect(change.forced && change.after == nil && change.rule != nil, "seed \(seed): \(change)")
            } else if gaveWay.contains(change.hearing) {
                #expect(change.forced && change.rule?.hasPrefix("rule") == true, "seed \(seed): \(change) gave way to a fixed hearing")
            } else if let rule = oracle.forcedRule[change.hearing] {
                #expect(change.forced, "seed \(seed): \(change.hearing) is forced by rule \(rule)")
                #expect(change.rule?.hasPrefix("rule \(rule):") == true, "seed \(seed): \(change.rule ?? "no rule") for rule \(rule)")
            } else {
                #expect(!change.forced, "seed \(seed): \(change.hearing) is marked forced but its placement is still allowed")
            }
        }
        let unforced = oracle.unforcedChanges(in: choices)
        #expect(Set(plan.assignments.filter(\.changed).map(\.hearing)).isSubset(of: Set(oracle.baseline.keys)), "seed \(seed)")
        if let cap = c.roster.policy.maxChanges {
            #expect(unforced.count <= cap, "seed \(seed): \(unforced.count) unforced changes, cap \(cap)")
            if cap == 0 {
                #expect(plan.changes.filter { $0.before != nil && !$0.forced }.isEmpty, "seed \(seed)")
            }
        }
    }

    /// The oracle itself on a hand-checked case: two hearings, one interpreter who loses the slot of
    /// the first; moving it costs the change penalty, and with a cap of 0 it still moves (forced).
    @Test func oracleOnAHandCheckedCase() throws {
        let day = try #require(Day("2026-12-07"))
        let next = try #require(Day("2026-12-08"))
        let slots = [day, next].flatMap { d in ["AM", "PM"].map { SlotName(date: d, part: $0) } }
        var roster = Roster(
            horizon: Horizon(start: day, end: next), policy: Policy(), locations: [Location(id: "L1", rooms: nil)],
            hearings: [
                Hearing(id: "H1", language: "tir", location: "L1", earliest: day, latest: next),
                Hearing(id: "H2", language: "tir", location: "L1", earliest: day, latest: next.adding(days: 30)),
            ],
            interpreters: [Interpreter(
                id: "I1", gender: .female, languages: [LanguageSkill(code: "tir", registered: true)], onsiteLocations: ["L1"],
                remote: false, available: slots)],
            officers: [Officer(id: "O1", gender: .male, location: "L1", available: slots)])
        let baseline = witnessPlan(for: roster, choices: [
            HearingChoice(hearing: "H1", placement: .init(date: day, slot: "AM", interpreter: "I1", mode: .onsite, language: "tir", officer: "O1")),
            HearingChoice(hearing: "H2", placement: .init(date: day, slot: "PM", interpreter: "I1", mode: .onsite, language: "tir", officer: "O1")),
        ])
        roster.interpreters[0].available.removeAll { $0 == SlotName(date: day, part: "AM") }
        roster.policy.maxChanges = 0
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-01T00:00:00Z"))
        let oracle = ReplanOracle(roster: roster, baseline: baseline, now: now)
        #expect(oracle.forcedRule == ["H1": 3])
        #expect(oracle.frozen.isEmpty)
        let best = try #require(oracle.optimum())
        // H1 (deadline in the horizon: 10 + 1000, one day of delay on Tuesday) moves, paying 10;
        // H2 (no deadline) stays on Monday afternoon.
        #expect(best.optimum == (10 + 1000 - 1 - 10) + 10)
        #expect(best.choices.map { $0.placement?.date } == [next, day])
        let plan = try makePlanner().replan(roster, baseline: baseline, now: now)
        #expect(plan.objective == best.optimum)
        // Frozen from Monday 09:00 on: with now on Sunday evening and 48 hours, both Monday hearings are.
        let sunday = try #require(ISO8601DateFormatter().date(from: "2026-12-06T20:00:00+01:00"))
        #expect(ReplanOracle(roster: roster, baseline: baseline, now: sunday).frozen == ["H1", "H2"])
    }
}
