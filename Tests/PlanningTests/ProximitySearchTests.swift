import Foundation
import GLPKSolver
import LinearProgramming
import Logging
@testable import MIPSearch
@testable import Planning
import PlannerModel
import SyntheticRosters
import Testing
import TestSupport

/// Proximity search against branch and cut's proven optimum on generated weeks: from the greedy
/// plan it reaches the optimum when it wants it, never reports a plan breaking a row, and a bound
/// it proves by finding nothing never falls below the optimum.
@Suite("Proximity search")
struct ProximitySearchTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    static let solver = GLPKSolver(logger: logger)

    /// The program of a generated week, its greedy plan's point and its proven optimum.
    static func week(seed: UInt64, hearings: Int) throws -> (program: LinearProgram, greedy: [Double], optimum: Double) {
        let roster = RosterGenerator(hearings: hearings, weeks: 1, seed: seed).generate()
        let (index, model) = PoolTests.model(roster, ModelForm())
        let program = model.program
        let greedy = model.values(for: GreedyStart(index: index).choices(), index: index)
        let exact = try solver.solve(program, options: SolveOptions(presolve: true, objectiveStep: 1))
        #expect(exact.status == .optimal)
        return (program, greedy, try #require(exact.objectiveValue))
    }

    static func search(_ program: LinearProgram, target: Double, basis: Basis? = nil) -> ProximitySearch {
        ProximitySearch(
            solver: solver, logger: logger, program: program, base: program, basis: basis, step: 1,
            deadline: .now + .seconds(60), target: target)
    }

    @Test(arguments: [(UInt64(11), 40), (12, 60), (13, 80)])
    func wantingTheOptimumReachesIt(seed: UInt64, hearings: Int) throws {
        let (program, greedy, optimum) = try Self.week(seed: seed, hearings: hearings)
        #expect(Search.isFeasible(greedy, in: program))
        let start = (greedy, program.objectiveValue(at: greedy))
        #expect(start.1 < optimum, "the greedy plan leaves something to find")
        let result = try Self.search(program, target: optimum).improve(start)
        #expect(Search.isFeasible(result.best.values, in: program))
        #expect(result.best.objective == optimum, "seed \(seed)")
        #expect(result.bound == nil)
    }

    /// Wanting more than the optimum: the first search finds nothing and proves the bound one
    /// step below what it wanted; the search goes on down to the optimum, which it reaches.
    @Test(arguments: [(UInt64(14), 40), (15, 60)])
    func wantingTooMuchProvesABound(seed: UInt64, hearings: Int) throws {
        let (program, greedy, optimum) = try Self.week(seed: seed, hearings: hearings)
        let start = (greedy, program.objectiveValue(at: greedy))
        let result = try Self.search(program, target: optimum + 3).improve(start)
        #expect(result.best.objective == optimum, "seed \(seed)")
        let bound = try #require(result.bound)
        #expect(bound >= optimum - 1e-9)
        #expect(bound <= optimum + 1e-9)
        #expect(Search.isFeasible(result.best.values, in: program))
    }

    /// A basis from the relaxation starts the first search's LP; the answer is the same.
    @Test func startsFromAGivenBasis() throws {
        let (program, greedy, optimum) = try Self.week(seed: 16, hearings: 60)
        var relaxed = program
        for column in 0 ..< program.columnCount { relaxed.setKind(.continuous, ofColumn: column) }
        let lp = try Self.solver.solve(relaxed, options: SolveOptions())
        let basis = try #require(lp.basis)
        let start = (greedy, program.objectiveValue(at: greedy))
        let result = try Self.search(program, target: optimum, basis: basis).improve(start)
        #expect(result.best.objective == optimum)
    }

    /// The planner with the proximity search on small weeks too (it runs only above 60,000
    /// nonzeros as shipped) against the planner as shipped: the same optimum, every hard rule,
    /// each plan within the other's bound; and the search did run.
    @Test(arguments: [(UInt64(21), 120), (22, 150), (23, 180)])
    func thePlannerWithProximityAgrees(seed: UInt64, hearings: Int) throws {
        let roster = RosterGenerator(hearings: hearings, weeks: 1, seed: seed).generate()
        let messages = MessageRecorder()
        var planner = Planner(solver: Self.solver, logger: Logger(label: "test") { _ in messages })
        planner.search.proximityAbove = 0
        let options = PlanningOptions(timeLimit: .seconds(120))
        let with = try planner.plan(roster, options: options)
        let shipped = try Planner(solver: Self.solver, logger: Self.logger).plan(roster, options: options)
        #expect(messages.count(of: "proximity search") > 0, "seed \(seed): the proximity search did not run")
        #expect(HardRuleChecker().violations(of: with, for: roster).isEmpty)
        #expect(with.status == .optimal && shipped.status == .optimal)
        #expect(with.objective == shipped.objective, "seed \(seed)")
        if let bound = with.bound { #expect(shipped.objective <= bound + 1e-6) }
    }

    /// Progress is reported between the phases too (dive, cuts, proximity search), not only by
    /// branch and cut: times never go back, no bound reported is below the optimum, no plan
    /// reported scores above it, and the last report has the final plan.
    @Test func progressIsReportedBetweenPhases() throws {
        let roster = RosterGenerator(hearings: 150, weeks: 1, seed: 22).generate()
        var planner = Planner(solver: Self.solver, logger: Self.logger)
        planner.search.proximityAbove = 0
        let reports = ReportRecorder()
        var options = PlanningOptions(timeLimit: .seconds(120))
        options.progress = { reports.append($0) }
        let plan = try planner.plan(roster, options: options)
        let seen = reports.all
        #expect(seen.count >= 3)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.elapsedSeconds <= $1.elapsedSeconds + 1e-9 })
        #expect(seen.allSatisfy { ($0.bestBound ?? .infinity) >= plan.objective - 1e-6 })
        #expect(seen.allSatisfy { ($0.incumbent ?? -.infinity) <= plan.objective + 1e-6 })
        #expect(seen.last?.incumbent == plan.objective)
    }
}

final class ReportRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [SolveProgress] = []
    func append(_ report: SolveProgress) { lock.withLock { reports.append(report) } }
    var all: [SolveProgress] { lock.withLock { reports } }
}

/// Counts the messages logged at info level and above, by text.
final class MessageRecorder: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.withLock { messages.append(event.message.description) }
    }

    func count(of message: String) -> Int {
        lock.withLock { messages.filter { $0 == message }.count }
    }
}
