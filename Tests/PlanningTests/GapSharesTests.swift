import GLPKSolver
import LinearProgramming
@testable import MIPSearch
@testable import Planning
import PlannerModel
import SyntheticRosters
import Testing

/// The account of a plan's gap below a relaxation's bound: its terms add up to the bound less the
/// plan's score, none is negative for a plan that keeps every rule, and each is the hearing's whose
/// column or row it comes from.
@Suite("Gap shares")
struct GapSharesTests {
    /// The first-order relaxation's multipliers of a generated week, and the account they give.
    static func shares(_ roster: Roster, iterations: Int) throws -> (ProblemIndex, ModelBuilder.Model, GapShares, bound: Double) {
        let (index, model) = PoolTests.model(roster, PoolTests.pooled)
        var relaxed = model.program
        for column in 0..<relaxed.columnCount { relaxed.setKind(.continuous, ofColumn: column) }
        var method = try #require(FirstOrderRelaxation(program: relaxed))
        let result = method.solve(deadline: nil, maximumIterations: iterations)
        return (index, model, GapShares(model: model, program: model.program, rowDuals: result.rowDuals), result.bound)
    }

    /// Rough multipliers (64 iterations) and close ones, the greedy plan and a better one: the
    /// shares and the terms of nobody's add up to the first-order bound less the score, and no
    /// share is negative.
    @Test(arguments: [64, 5_000])
    func theSharesAddUpToTheBoundLessTheScore(iterations: Int) throws {
        let roster = RosterGenerator(hearings: 80, seed: 9).generate()
        let (index, model, shares, bound) = try Self.shares(roster, iterations: iterations)
        let greedy = GreedyStart(index: index).choices()
        let better = LocalSearch(index: index, deadline: nil).improve(greedy).choices
        for choices in [greedy, better] {
            let score = model.program.objectiveValue(at: model.values(for: choices, index: index))
            let account = shares.account(of: choices, index: index)
            #expect(abs(account.gap - (bound - score)) <= 1e-6 * max(1, abs(bound)), "gap \(account.gap), bound \(bound), score \(score)")
            #expect(abs(account.hearings.reduce(0, +) + account.shared - account.gap) <= 1e-6 * max(1, abs(bound)))
            #expect(account.hearings.allSatisfy { $0 >= -1e-6 }, "a negative share")
            #expect(account.shared >= -1e-6)
        }
    }

    /// With every multiplier 0 the reduced costs are the objective's coefficients: a hearing's share
    /// is what its columns could score at most, each at its better bound, less what they score
    /// in the plan. (The program without pools, whose sites score nothing.)
    @Test func withoutMultipliersAShareIsWhatTheHearingsColumnsCouldScoreLessWhatTheyDo() throws {
        let roster = RosterGenerator(hearings: 40, seed: 3).generate()
        let (index, model) = PoolTests.model(roster, PoolTests.plain)
        let program = model.program
        let shares = GapShares(model: model, program: program, rowDuals: Array(repeating: 0, count: program.rowCount))
        let choices = GreedyStart(index: index).choices()
        let values = model.values(for: choices, index: index)
        let account = shares.account(of: choices, index: index)
        var expected = Array(repeating: 0.0, count: roster.hearings.count)
        for (j, column) in model.columns.enumerated() {
            let c = program.objectiveCoefficients[j]
            let term = max(c, 0) * program.columnUpperBounds[j] + min(c, 0) * program.columnLowerBounds[j] - c * values[j]
            if let h = column.hearing {
                expected[h] += term
            } else {
                #expect(term == 0)
            }
        }
        for h in roster.hearings.indices {
            #expect(abs(account.hearings[h] - expected[h]) < 1e-9, "hearing \(h)")
        }
        #expect(account.shared == 0)
        #expect(account.hearings.contains { $0 > 0 })
    }

    /// A site (an interpreter on site at one location for a day) belongs to no single hearing: its
    /// term is shared by the hearings the plan has there, on site with that interpreter that day.
    /// Here every multiplier is 0 and the site is given a cost of 6, so its term is 6.
    @Test func aSitesTermIsSharedByTheHearingsOnSiteThere() throws {
        let roster = RosterGenerator(hearings: 80, seed: 9).generate()
        let (index, model) = PoolTests.model(roster, PoolTests.plain)
        let choices = GreedyStart(index: index).choices()
        let values = model.values(for: choices, index: index)
        let (site, interpreter, day, location) = try #require(model.columns.enumerated().lazy.compactMap { j, column in
            if case .site(let i, let d, let l) = column, values[j] > 0.5 { (j, i, d, l) } else { nil }
        }.first, "the greedy plan sends an interpreter who could work at two locations that day to one of them")
        let there = choices.filter { choice in
            choice.mode == .onsite && choice.interpreter.person == interpreter
                && choice.start.slot / index.calendar.partsPerDay == day && roster.hearings[choice.hearing].location == location
        }.map(\.hearing)
        #expect(!there.isEmpty)
        let zero = Array(repeating: 0.0, count: model.program.rowCount)
        var costly = model.program
        costly.setObjectiveCoefficient(-6, ofColumn: site)
        let before = GapShares(model: model, program: model.program, rowDuals: zero).account(of: choices, index: index)
        let after = GapShares(model: model, program: costly, rowDuals: zero).account(of: choices, index: index)
        for h in roster.hearings.indices {
            let expected = before.hearings[h] + (there.contains(h) ? 6 / Double(there.count) : 0)
            #expect(abs(after.hearings[h] - expected) < 1e-9, "hearing \(h)")
        }
        #expect(abs(after.shared - before.shared) < 1e-9)
    }
}
