import Foundation
import LinearProgramming
import Logging
import MIPSearch
import PlannerModel

/// How long and how hard to search: the search's own options (`MIPSearch.SearchOptions`).
public typealias PlanningOptions = SearchOptions

/// Turns a valid roster into the plan with the best score of scheduling-model.md.
///
/// `plan(_:options:)` blocks its thread while the solver runs; from async code, call it through
/// `SolverThread.run` so that no thread of the cooperative pool is held.
public struct Planner: Sendable {
    public let solver: any MIPSolver
    public let logger: Logger

    /// How the search works (`MIPSearch.SearchSettings`: GLPK's calibrations).
    public var search: SearchSettings
    /// The time the planner runs against: handed in, never read here.
    public var clock: SearchClock

    public init(solver: any MIPSolver, logger: Logger, search: SearchSettings = SearchSettings(), clock: SearchClock = .continuous) {
        self.solver = solver
        self.logger = logger
        self.search = search
        self.clock = clock
    }

    /// Which program to build, how to round its relaxation, and when re-planning searches near the
    /// baseline; only tests change them.
    var form = ModelForm()
    var rounding = RoundingSettings()
    var replanning = ReplanSettings()

    /// The program the planner solves for `roster`, for export and inspection.
    public func program(for roster: Roster) -> LinearProgram {
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        return builder(index).build().program
    }

    private func builder(_ index: ProblemIndex) -> ModelBuilder {
        var builder = ModelBuilder(index: index)
        builder.poolsOfficers = form.poolsOfficers
        builder.poolsInterpreters = form.poolsInterpreters
        return builder
    }

    /// Plans `roster` (which must have passed validation) with its own policy.
    public func plan(_ roster: Roster, options: PlanningOptions = PlanningOptions()) throws -> Plan {
        try plan(roster, options: options, startingFrom: nil).plan
    }

    /// Plans `roster`, handing the search `start` (a plan of the same roster, made with other
    /// weights, say) as its first incumbent when it scores better than the greedy plan; says
    /// whether it did.
    func plan(_ roster: Roster, options: PlanningOptions, startingFrom start: Plan?) throws -> (plan: Plan, usedStart: Bool) {
        let started = clock.now
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let model = builder(index).build()
        let program = model.program
        logger.info("model built", metadata: [
            "hearings": "\(roster.hearings.count)", "columns": "\(program.columnCount)",
            "rows": "\(program.rowCount)", "nonzeros": "\(program.nonzeroCount)",
            "seconds": "\((clock.now - started).seconds)",
        ])
        var greedy = model.values(for: GreedyStart(index: index).choices(), index: index)
        var usedStart = false
        if let start {
            let warm = model.values(for: Self.choices(of: start, index: index), index: index)
            if Search.isFeasible(warm, in: program),
               !Search.isFeasible(greedy, in: program) || program.objectiveValue(at: warm) > program.objectiveValue(at: greedy)
            {
                greedy = warm
                usedStart = true
            }
        }
        let rounding = HearingRounding(
            index: index, model: model, program: program, builder: builder(index), solver: solver, logger: logger,
            settings: self.rounding, cancellation: options.cancellation, clock: clock)
        let solution = try Search(solver: solver, logger: logger, settings: search, clock: clock)
            .solve(program, decisions: model.decisionColumns, greedy: greedy, rounding: rounding, options: options, started: started)
        var assembler = PlanAssembler(index: index, model: model)
        assembler.clock = clock
        let seconds = (clock.now - started).seconds
        // "GLPK 5.0" -> name "glpk", version "5.0".
        let words = solution.solverName.split(separator: " ", maxSplits: 1).map(String.init)
        let solver = SolverInfo(
            name: words.first?.lowercased() ?? solution.solverName, version: words.count > 1 ? words[1] : "",
            seconds: seconds)
        guard solution.status.hasSolution else {
            let plan = try assembler.planWithoutSolution(solution, solver: solver, conflicting: fixedConflicts(index, solution))
            return (plan, usedStart)
        }
        let assembled = clock.now
        let plan = try assembler.plan(from: solution, solver: solver)
        var metadata: Logger.Metadata = [
            "held": "\(plan.assignments.count)", "unmetPreferences": "\(plan.unmetPreferences.count)",
            "seconds": "\((clock.now - assembled).seconds)",
        ]
        for (step, value) in assembler.timings { metadata[step] = "\(value)" }
        logger.debug("plan assembled", metadata: metadata)
        // Pools can only do better than their columns say (an "any" outcome may get the preferred
        // sex); a plan below the solver's objective is a bug.
        if let solverObjective = solution.objectiveValue,
           abs(solverObjective - plan.objective) > 1e-6 * max(1, abs(plan.objective))
        {
            let level: Logger.Level = plan.objective < solverObjective ? .error : .debug
            logger.log(level: level, "the plan's score differs from the solver's objective", metadata: [
                "plan": "\(plan.objective)", "solver": "\(solverObjective)",
            ])
        }
        return (plan, usedStart)
    }

    /// When fixed hearings cannot all be held as fixed: which of them, found by solving again
    /// with every fixed hearing merely rewarded instead of required.
    func fixedConflicts(_ index: ProblemIndex, _ solution: Solution) throws -> [Int] {
        guard solution.status == .infeasible else { return [] }
        let fixed = index.roster.hearings.indices.filter { index.roster.hearings[$0].fixed != nil }
        guard !fixed.isEmpty else { return [] }
        var builder = builder(index)
        builder.fixedAreRequired = false
        let model = builder.build()
        let relaxed = try solver.solve(model.program, options: SolveOptions(timeLimit: .seconds(60)))
        guard relaxed.status.hasSolution else { return fixed }
        let dropped = fixed.filter { h in
            !model.heldColumns[h].contains { range in range.contains { relaxed.values[$0] > 0.5 } }
        }
        // The relaxed plan leaves out one side of each conflict; name the fixed hearings it clashes
        // with too: those that share a named person or the location in an overlapping slot.
        let calendar = index.calendar
        func slots(_ h: Int) -> Set<Int> {
            let hearing = index.roster.hearings[h]
            guard let fixed = hearing.fixed, let slot = calendar.slotIndex(of: SlotName(date: fixed.date, part: fixed.slot)) else {
                return []
            }
            return Set(slot..<(slot + hearing.durationSlots))
        }
        func people(_ h: Int) -> Set<String> {
            let fixed = index.roster.hearings[h].fixed
            return Set([fixed?.interpreter, fixed?.officer].compactMap { $0 })
        }
        let partners = fixed.filter { h in
            !dropped.contains(h) && dropped.contains { d in
                !slots(h).isDisjoint(with: slots(d))
                    && (!people(h).isDisjoint(with: people(d)) || index.roster.hearings[h].location == index.roster.hearings[d].location)
            }
        }
        return (dropped + partners).sorted()
    }
}

/// A failure of the planner itself (a bug, never a property of the roster).
public struct PlanningError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable {
        let name: String
        public static let noOfficerMatched = Code(name: "noOfficerMatched")
        public static let noInterpreterMatched = Code(name: "noInterpreterMatched")
    }

    public let code: Code
    public let description: String

    static let noOfficerMatched = PlanningError(
        code: .noOfficerMatched,
        description: "Internal error: a held hearing could not be given an officer from the solver's values. Please report it.")
    static let noInterpreterMatched = PlanningError(
        code: .noInterpreterMatched,
        description: "Internal error: a held hearing could not be given an interpreter from the solver's values. Please report it.")
}
