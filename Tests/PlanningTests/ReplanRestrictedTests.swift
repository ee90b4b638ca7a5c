import Foundation
import GLPKSolver
import LinearProgramming
import Logging
import PlannerModel
import SyntheticRosters
import Testing
import TestSupport

@testable import MIPSearch
@testable import Planning

/// The program that re-planning near the baseline builds for its free hearings only
/// (`ModelBuilder.free`) against the reference: the whole program with every other hearing's keep
/// column fixed at 1 and its other columns at 0 (`RestrictedProgram`). On generated weeks of a few
/// hundred hearings, after one interpreter loses two days, with random free sets: both have the
/// same optimum, and each one's optimal plan is a point of the other with the same score.
@Suite("Re-planning near the baseline: the program of the free hearings")
struct ReplanRestrictedTests {
    struct Setup {
        let index: ProblemIndex
        let keeps: [Int: ModelBuilder.Keep]
        let builder: ModelBuilder
    }

    /// A generated week, a greedy baseline, one interpreter's two busiest days lost.
    static func setup(seed: UInt64, hearings: Int, maxChanges: Int?) throws -> Setup {
        let original = RosterGenerator(hearings: hearings, seed: seed).generate()
        let baseline = try greedyPlan(original)
        let byInterpreter = Dictionary(grouping: baseline.assignments, by: \.interpreter)
        let person = try #require(byInterpreter.keys.sorted().max { byInterpreter[$0]!.count < byInterpreter[$1]!.count })
        let days = Set(byInterpreter[person]!.map(\.date)).sorted().prefix(2)
        let slots = days.flatMap { day in original.horizon.slots.map { SlotName(date: day, part: $0) } }
        let event = EventRecord(id: "e-1", change: .availability(person: person, slots: slots, available: false))
        guard case .success(let applied) = original.applying([event]) else {
            Issue.record("the event does not fit")
            throw CancellationError()
        }
        var roster = applied.roster
        roster.policy.maxChanges = maxChanges
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let now = try #require(ISO8601DateFormatter().date(from: "\(roster.horizon.start.adding(days: -3))T12:00:00Z"))
        let base = Baseline(plan: baseline, roster: roster, calendar: index.calendar, now: now, freezeHours: roster.policy.freezeHours)
        var keeps: [Int: ModelBuilder.Keep] = [:]
        for entry in base.entries { if let keep = Planner.keep(entry, index: index) { keeps[entry.hearing] = keep } }
        var builder = ModelBuilder(index: index)
        builder.keeps = keeps
        builder.maxChanges = maxChanges
        return Setup(index: index, keeps: keeps, builder: builder)
    }

    /// The greedy plan of `roster`, as a published plan.
    static func greedyPlan(_ roster: Roster) throws -> Plan {
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let model = ModelBuilder(index: index).build()
        let values = model.values(for: GreedyStart(index: index).choices(), index: index)
        var assembler = PlanAssembler(index: index, model: model)
        return try assembler.plan(
            from: Solution(status: .timeLimit(hasSolution: true), detail: "greedy", values: values, seconds: 0, solverName: "greedy"),
            solver: SolverInfo(name: "greedy", version: "", seconds: 0))
    }

    /// The reference fixing: outside `free`, keep columns at 1 and every other column of the
    /// hearing at 0; people sent to pools without a free hearing at 0.
    static func fixing(_ model: ModelBuilder.Model, outside free: Set<Int>, hearings: Int) -> [Int: Double] {
        var fixed: [Int: Double] = [:]
        for h in 0..<hearings where !free.contains(h) {
            for range in model.heldColumns[h] + model.officerColumns[h] {
                for column in range { fixed[column] = 0 }
            }
            if let column = model.keepColumns[h] { fixed[column] = 1 }
        }
        for group in model.interpreterGroups where !group.members.contains(where: { free.contains($0.hearing) }) {
            for sent in group.sent { fixed[sent.column] = 0 }
        }
        for group in model.officerGroups where !group.members.contains(where: { free.contains($0.hearing) }) {
            for sent in group.sent { fixed[sent.column] = 0 }
        }
        return fixed
    }

    static func solve(_ program: LinearProgram) throws -> Solution {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        return try GLPKSolver(logger: logger).solve(program, options: SolveOptions(objectiveStep: 1))
    }

    static func kept(_ model: ModelBuilder.Model, _ values: [Double]) -> Set<Int> {
        model.fixedKeeps.union(model.keepColumns.filter { values[$0.value] > 0.5 }.keys)
    }

    @Test(arguments: [(1, nil), (2, nil), (3, 2), (4, 0)] as [(UInt64, Int?)])
    func sameOptimumAndPlansAsFixingTheWholeProgram(seed: UInt64, maxChanges: Int?) throws {
        let setup = try Self.setup(seed: seed, hearings: 160, maxChanges: maxChanges)
        let hearings = setup.index.roster.hearings.count
        let whole = setup.builder.build()
        let wholeProgram = whole.program
        var random = SeededRandom(seed: seed)
        // Every hearing without a keep, and a random share of the others (frozen ones too: none is).
        let free = Set((0..<hearings).filter { setup.keeps[$0] == nil || Double.random(in: 0..<1, using: &random) < 0.3 })
        #expect(free.count < hearings && setup.keeps.count > hearings / 2, "seed \(seed): the case must fix most hearings")

        let fixing = Self.fixing(whole, outside: free, hearings: hearings)
        let reference = try #require(RestrictedProgram(wholeProgram, fixing: fixing))
        var builder = setup.builder
        builder.free = free
        let direct = builder.build()
        #expect(!direct.isContradictory)
        let directProgram = direct.program
        #expect(directProgram.columnCount <= reference.program.columnCount)

        let expected = try Self.solve(reference.program)
        let found = try Self.solve(directProgram)
        #expect(expected.status == .optimal && found.status == .optimal, "seed \(seed)")
        let optimum = try #require(expected.objectiveValue)
        let value = try #require(found.objectiveValue)
        #expect(abs(optimum - value) < 1e-6, "seed \(seed): fixed whole program \(optimum), built for the free hearings \(value)")

        // The direct plan, in the whole program: every fixing kept, every row, the same score.
        let directChoices = try PlanAssembler(index: setup.index, model: direct, keeps: setup.keeps).choices(from: found.values)
        let inWhole = whole.values(for: directChoices, index: setup.index, kept: Self.kept(direct, found.values))
        #expect(directChoices.count == Set(directChoices.map(\.hearing)).count)
        let isFeasibleInWhole = Search.isFeasible(inWhole, in: wholeProgram)
        let keepsFixing = fixing.allSatisfy { inWhole[$0.key] == $0.value }
        #expect(isFeasibleInWhole && keepsFixing, "seed \(seed)")
        #expect(abs(wholeProgram.objectiveValue(at: inWhole) - value) < 1e-6, "seed \(seed)")

        // The reference plan, in the direct program.
        let expanded = reference.expand(expected.values)
        let referenceChoices = try PlanAssembler(index: setup.index, model: whole, keeps: setup.keeps).choices(from: expanded)
        let inDirect = direct.values(for: referenceChoices, index: setup.index, kept: Self.kept(whole, expanded))
        let isFeasibleInDirect = Search.isFeasible(inDirect, in: directProgram)
        #expect(isFeasibleInDirect, "seed \(seed)")
        #expect(abs(directProgram.objectiveValue(at: inDirect) - optimum) < 1e-6, "seed \(seed)")
    }

    /// A fixed placement takes its people, room and site: with every hearing fixed but none, the
    /// program is nearly empty, and the baseline (every keep) is its point with the whole score.
    @Test func everythingFixedLeavesTheBaselineScore() throws {
        let setup = try Self.setup(seed: 7, hearings: 120, maxChanges: nil)
        let hearings = setup.index.roster.hearings.count
        let free = Set((0..<hearings).filter { setup.keeps[$0] == nil })
        var builder = setup.builder
        builder.free = free
        let direct = builder.build()
        let whole = setup.builder.build()
        let reference = try #require(RestrictedProgram(whole.program, fixing: Self.fixing(whole, outside: free, hearings: hearings)))
        #expect(direct.fixedKeeps == Set(setup.keeps.keys))
        #expect(abs(direct.program.objectiveConstant - reference.program.objectiveConstant) < 1e-6)
        let expected = try #require(try Self.solve(reference.program).objectiveValue)
        let found = try #require(try Self.solve(direct.program).objectiveValue)
        #expect(abs(expected - found) < 1e-6)
    }
}
