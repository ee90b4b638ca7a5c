import GLPKSolver
import LinearProgramming
import Logging
@testable import MIPSearch
@testable import Planning
import PlannerModel
import SyntheticRosters
import Testing
import TestSupport

/// The pooled program against the plain one on generated rosters: the same LP relaxation, plans
/// that agree within each other's bounds (and exactly when both are proven), every plan keeping
/// the hard rules, and any plan expressible in either program at its own score.
@Suite("Pools against the plain model")
struct PoolTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    static let pooled = ModelForm()
    static let plain = ModelForm(poolsOfficers: false, poolsInterpreters: false)

    static func planner(_ form: ModelForm) -> Planner {
        var planner = Planner(solver: GLPKSolver(logger: logger), logger: logger)
        planner.form = form
        return planner
    }

    static func model(_ roster: Roster, _ form: ModelForm) -> (ProblemIndex, ModelBuilder.Model) {
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        var builder = ModelBuilder(index: index)
        builder.poolsOfficers = form.poolsOfficers
        builder.poolsInterpreters = form.poolsInterpreters
        return (index, builder.build())
    }

    static func relaxationBound(_ program: LinearProgram) throws -> Double? {
        var relaxed = program
        for column in 0..<program.columnCount { relaxed.setKind(.continuous, ofColumn: column) }
        return try GLPKSolver(logger: logger).solve(relaxed, options: SolveOptions()).objectiveValue
    }

    @Test(arguments: [UInt64(1), 2])
    func pooledAndPlainAgree(seed: UInt64) throws {
        let roster = RosterGenerator(hearings: 150, seed: seed).generate()
        // The relaxations are equal: each program's fractional points map to the other's.
        let pooledBound = try #require(try Self.relaxationBound(Self.model(roster, Self.pooled).1.program))
        let plainBound = try #require(try Self.relaxationBound(Self.model(roster, Self.plain).1.program))
        #expect(abs(pooledBound - plainBound) < 1e-6, "seed \(seed): LP bounds \(pooledBound) and \(plainBound)")

        let options = PlanningOptions(timeLimit: .seconds(4))
        let a = try Self.planner(Self.pooled).plan(roster, options: options)
        let b = try Self.planner(Self.plain).plan(roster, options: options)
        for plan in [a, b] {
            #expect(plan.status == .optimal || plan.status == .feasible, "seed \(seed): \(plan.status)")
            let violations = HardRuleChecker().violations(of: plan, for: roster)
            #expect(violations.isEmpty, "seed \(seed): \(violations.prefix(5))")
        }
        if a.status == .optimal && b.status == .optimal {
            #expect(abs(a.objective - b.objective) < 1e-6, "seed \(seed): pooled \(a.objective), plain \(b.objective)")
        }
        // Neither plan beats the other program's bound.
        #expect(a.objective <= (b.bound ?? plainBound) + 1e-6, "seed \(seed)")
        #expect(b.objective <= (a.bound ?? pooledBound) + 1e-6, "seed \(seed)")
    }

    /// A plan as choices (the greedy one) is a point of either program, scoring what the plan scores.
    @Test(arguments: [UInt64(3), 4])
    func plansAreExpressibleInEitherProgram(seed: UInt64) throws {
        let roster = RosterGenerator(hearings: 150, seed: seed, fixedShare: 0.05).generate()
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let choices = GreedyStart(index: index).choices()
        let score = choices.reduce(0.0) { $0 + $1.start.dayTerm + $1.interpreter.term + $1.officer.term }
        for form in [Self.pooled, Self.plain, ModelForm(poolsOfficers: true, poolsInterpreters: false)] {
            let (_, model) = Self.model(roster, form)
            let program = model.program
            let values = model.values(for: choices, index: index)
            #expect(Search.isFeasible(values, in: program), "seed \(seed), \(form)")
            #expect(abs(program.objectiveValue(at: values) - score) < 1e-6, "seed \(seed), \(form)")
            // And back: the matchings give every held hearing its people.
            let decoded = try PlanAssembler(index: index, model: model).choices(from: values)
            #expect(Set(decoded.map(\.hearing)) == Set(choices.map(\.hearing)), "seed \(seed), \(form)")
        }
    }

    /// With negative penalties (bonuses), an outcome that charged them whoever came would overstate
    /// the score: pools then ask for exactly what they charge, and stay exact.
    @Test(arguments: Array(UInt64(1)...150))
    func negativePenaltiesAgreeWithBruteForce(seed: UInt64) throws {
        var roster = TinyRosterGenerator().roster(seed: seed)
        roster.policy.unregisteredPenalty = -3
        roster.policy.preferencePenalty.standard = -2
        let plan = try makePlanner().plan(roster)
        guard let expected = bruteForceOptimum(roster) else {
            #expect(plan.status == .infeasible, "seed \(seed)")
            return
        }
        #expect(plan.status == .optimal, "seed \(seed)")
        #expect(abs(plan.objective - expected) < 1e-6, "seed \(seed): planner \(plan.objective), brute force \(expected)")
        #expect(HardRuleChecker().violations(of: plan, for: roster).isEmpty, "seed \(seed)")
    }
}

@Suite("Hall's condition and matchings")
struct HallConditionTests {
    @Test func unionsOfDisjointPartsAreImplied() throws {
        // {a} and {b} share nothing: the row of {a, b} is the sum of theirs.
        #expect(HallCondition.necessaryUnions(of: [0b01, 0b10]) == [0b01, 0b10])
        // Overlapping masks need their union too.
        #expect(HallCondition.necessaryUnions(of: [0b011, 0b110]) == [0b011, 0b110, 0b111])
        // A chain through a shared kind stays connected.
        #expect(HallCondition.necessaryUnions(of: [0b0011, 0b0110, 0b1000]) == [0b0011, 0b0110, 0b0111, 0b1000])
        #expect(HallCondition.unions(of: [1, 2, 4, 8], limit: 10) == nil)
    }

    @Test func matchingFindsAPerfectOneWhenHallHolds() {
        // Left 0 accepts only right 1; left 1 accepts 0 and 1; left 2 accepts 1 and 2.
        let accepts: [[Int]] = [[1], [0, 1], [1, 2]]
        let partners = BipartiteMatching.match(left: 3, right: 3) { accepts[$0].contains($1) }
        #expect(partners == [1, 0, 2])
    }
}

@Suite("Interpreter outcomes")
struct InterpreterOutcomeTests {
    /// One hearing asking for a female interpreter, in its own language or a fallback.
    static func roster(remoteAllowed: Bool = true, unregisteredPenalty: Double = 5) -> Roster {
        let day = Day(year: 2026, month: 12, day: 7)!
        let slot = SlotName(date: day, part: "AM")
        var policy = Policy()
        policy.unregisteredPenalty = unregisteredPenalty
        return Roster(
            horizon: Horizon(start: day, end: day), policy: policy, locations: [Location(id: "L")],
            hearings: [Hearing(
                id: "H", language: "tir", fallbackLanguages: ["amh"], location: "L", earliest: day, latest: day,
                interpreterGender: .female, remoteInterpreterAllowed: remoteAllowed)],
            interpreters: [
                Interpreter(id: "F", gender: .female, languages: [LanguageSkill(code: "tir", registered: false)],
                            onsiteLocations: ["L"], available: [slot]),
                Interpreter(id: "M", gender: .male, languages: [LanguageSkill(code: "tir")], remote: true, available: [slot]),
                Interpreter(id: "A", gender: .male, languages: [LanguageSkill(code: "amh")], remote: true, available: [slot]),
            ],
            officers: [Officer(id: "O", gender: .female, location: "L", available: [slot])])
    }

    static func outcomes(_ roster: Roster) -> [InterpreterOutcome] {
        InterpreterPools(index: ProblemIndex(roster: roster, policy: roster.policy), isEnabled: true).outcomes(hearing: 0, start: 0)
    }

    @Test func onlyOutcomesThatCanDifferGetAColumn() {
        let outcomes = Self.outcomes(Self.roster())
        // tir: met (F, unregistered: charged on the interpreter sent) or any; amh: nobody female, so any only.
        #expect(outcomes.map(\.language) == ["tir", "tir", "amh"])
        #expect(outcomes.map(\.requirement.sex) == [.met(.female), .any, .any])
        #expect(outcomes.map(\.term) == [0, -20, -30])
        #expect(outcomes.allSatisfy { $0.requirement.registration == .any && !$0.requirement.onsite })
    }

    @Test func negativePenaltiesAskForExactlyWhatTheyCharge() {
        var roster = Self.roster(unregisteredPenalty: -5)
        roster.policy.preferencePenalty.standard = -1
        let tir = Self.outcomes(roster).filter { $0.language == "tir" }
        // F is unregistered, M registered: met-unregistered and unmet-registered, each exact.
        #expect(tir.count == 2)
        #expect(tir.contains { $0.requirement == .init(sex: .met(.female), registration: .unregistered, onsite: false) && $0.term == 5 })
        #expect(tir.contains { $0.requirement == .init(sex: .unmet(.female), registration: .registered, onsite: false) && $0.term == 1 })
    }

    @Test func aHearingWithoutRemoteNeedsAnInterpreterOnSite() {
        let outcomes = Self.outcomes(Self.roster(remoteAllowed: false))
        // Only F works on site: the "any" outcome would accept no one more, so it is left out.
        #expect(outcomes.count == 1)
        #expect(outcomes.first?.requirement == .init(sex: .met(.female), registration: .any, onsite: true))
    }
}

@Suite("First-order relaxation")
struct FirstOrderRelaxationTests {
    /// The bound holds however early the method stops, and comes close to the simplex method's
    /// optimum when it runs to its tolerance; the objective's constant (what re-planning's fixed
    /// placements score) is part of it.
    @Test(arguments: [0.0, 250_000.0])
    func boundIsRigorousAndClose(constant: Double) throws {
        let roster = RosterGenerator(hearings: 120, seed: 5).generate()
        var relaxed = PoolTests.model(roster, PoolTests.pooled).1.program
        relaxed.objectiveConstant = constant
        for column in 0..<relaxed.columnCount { relaxed.setKind(.continuous, ofColumn: column) }
        let exact = try #require(try GLPKSolver(logger: PoolTests.logger).solve(relaxed, options: SolveOptions()).objectiveValue)
        for iterations in [64, 640] {
            var early = try #require(FirstOrderRelaxation(program: relaxed))
            let result = early.solve(deadline: nil, maximumIterations: iterations)
            #expect(result.bound >= exact - 1e-6, "after \(result.iterations) iterations: \(result.bound) < \(exact)")
        }
        // A cancelled token stops it after the first iterations, the bound still rigorous.
        let token = CancellationToken()
        token.cancel()
        var cancelled = try #require(FirstOrderRelaxation(program: relaxed))
        let stopped = cancelled.solve(deadline: nil, cancellation: token)
        #expect(stopped.iterations == 64 && stopped.bound >= exact - 1e-6)
        var method = try #require(FirstOrderRelaxation(program: relaxed))
        let result = method.solve(deadline: nil, tolerance: 1e-7)
        #expect(result.bound >= exact - 1e-6)
        #expect(result.bound - exact <= 1e-5 * abs(exact), "bound \(result.bound), optimum \(exact)")
        // Its point keeps the column bounds and nearly every row.
        #expect(zip(result.values, relaxed.columnUpperBounds).allSatisfy { $0 <= $1 })
        #expect(abs(relaxed.objectiveValue(at: result.values) - exact) <= 1e-3 * abs(exact))
    }

    /// What fixing by reduced cost relies on: every point of the program, the optimum included,
    /// scores at most the bound less `|reduced cost| * distance from the better bound`, summed over
    /// the columns; so a column whose own term exceeds the gap keeps its better bound in every plan
    /// that beats the best one. Checked after few iterations too, when the duals are rough.
    @Test(arguments: [64, 5000])
    func reducedCostsBoundEveryPlan(iterations: Int) throws {
        let roster = RosterGenerator(hearings: 80, seed: 9).generate()
        let program = PoolTests.model(roster, PoolTests.pooled).1.program
        var relaxed = program
        for column in 0..<relaxed.columnCount { relaxed.setKind(.continuous, ofColumn: column) }
        var method = try #require(FirstOrderRelaxation(program: relaxed))
        let result = method.solve(deadline: nil, maximumIterations: iterations)
        let optimum = try GLPKSolver(logger: PoolTests.logger).solve(program, options: SolveOptions())
        #expect(optimum.status == .optimal)
        let value = try #require(optimum.objectiveValue)
        var loss = 0.0
        var losses = 0
        for column in 0..<program.columnCount {
            let cost = result.reducedCosts[column]
            let better = cost > 0 ? program.columnUpperBounds[column] : program.columnLowerBounds[column]
            let term = abs(cost) * abs(optimum.values[column] - better)
            loss += term
            if term > 1e-9 { losses += 1 }
        }
        #expect(value <= result.bound - loss + 1e-6 * abs(result.bound), "\(value) > \(result.bound) - \(loss)")
        #expect(losses > 0, "the optimum sits at every column's better bound: the check would prove nothing")
    }
}
