import Foundation
import LinearProgramming
import Logging
import MIPSearch

/// Re-planning a large program near its baseline: only some hearings are free, every other
/// baseline hearing keeps its placement and every other hearing stays unheld; the small program
/// that is left is built (`ModelBuilder.free`) and solved, and the free set widens around what moved.
///
/// Free from the start: every hearing that has no keep (forced changes, hearings added or not held
/// in the baseline) and the baseline hearings that share an interpreter or officer on a day with a
/// forced change. After each round, the baseline hearings that share a person and day with a
/// hearing that moved, was dropped or was newly held become free too, until nothing more moves,
/// the rounds run out or the time does. Each round's program is the whole program with the other
/// hearings' keep columns fixed at 1 and the rest of their columns at 0, built without the fixed
/// part, so the plan is valid for the whole program and scored as there; it is proven optimal only
/// when every hearing ended up free, and otherwise carries a bound that holds for the whole program
/// (each hearing's best score on its own), so its gap is honest.
struct ReplanNeighbourhood {
    let search: Search
    let logger: Logger
    let index: ProblemIndex
    let keeps: [Int: ModelBuilder.Keep]
    /// The builder of the whole program; each round sets its `free` hearings.
    let builder: ModelBuilder
    /// The time the rounds run against.
    let clock: SearchClock
    var maximumRounds = 4
    /// The longest one round may search its small program.
    var roundLimit: Duration = .seconds(5)

    /// The best plan found, with the program of the round that found it (its values are that
    /// program's point).
    struct Outcome {
        let solution: Solution
        let model: ModelBuilder.Model
    }

    /// The best plan of a round: the program's point, and the held hearings read from it.
    private struct Best {
        let model: ModelBuilder.Model
        let values: [Double]
        let objective: Double
        let choices: [PlanAssembler.Choice]
        /// The held hearings that keep their baseline placement.
        let kept: Set<Int>
    }

    func solve(options: PlanningOptions, started: ContinuousClock.Instant) throws -> Outcome {
        let deadline = options.timeLimit.map { started + $0 }
        let hearingCount = index.roster.hearings.count
        var free = initialFree()
        var best: Best?
        var lastModel = ModelBuilder.Model()
        var isProven = false
        var solverName = "GLPK"
        for round in 1...maximumRounds {
            let roundStarted = clock.now
            var builder = builder
            builder.free = free
            let model = builder.build()
            lastModel = model
            if model.isContradictory { break }
            let program = model.program
            // The best plan so far, or the baseline, as a point of this round's program.
            let greedy = best.map { model.values(for: $0.choices, index: index, kept: $0.kept) }
                ?? model.values(for: baselineChoices(), index: index, kept: Set(keeps.keys))
            if best == nil, Search.isFeasible(greedy, in: program) {
                best = try self.best(model: model, values: greedy, objective: program.objectiveValue(at: greedy))
            }
            let built = (clock.now - roundStarted).seconds
            var limit = roundLimit
            if let deadline { limit = min(limit, max(.zero, deadline - clock.now)) }
            let solution = try search.solve(
                program, decisions: model.decisionColumns, greedy: greedy, rounding: FixedRounding(greedy),
                options: PlanningOptions(timeLimit: limit, cancellation: options.cancellation), started: clock.now)
            solverName = solution.solverName
            logger.info("re-planning neighbourhood", metadata: [
                "round": "\(round)", "free": "\(free.count)", "columns": "\(program.columnCount)",
                "nonzeros": "\(program.nonzeroCount)", "built": "\(built)",
                "status": "\(solution.status)", "seconds": "\(solution.seconds)",
            ])
            if solution.status.hasSolution, let objective = solution.objectiveValue {
                if objective > (best?.objective ?? -.infinity) + 1e-9, Search.isFeasible(solution.values, in: program) {
                    best = try self.best(model: model, values: solution.values, objective: objective)
                }
                isProven = free.count == hearingCount && solution.status == .optimal
            }
            if isProven || options.cancellation?.isCancelled == true { break }
            if let deadline, clock.now >= deadline { break }
            let wider = best.map { widened(free, around: $0) } ?? Set(0..<hearingCount)
            if wider == free { break }
            free = wider
        }
        let seconds = (clock.now - started).seconds
        guard let best else {
            return Outcome(
                solution: Solution(
                    status: .timeLimit(hasSolution: false), detail: "No plan was found near the baseline.", seconds: seconds,
                    solverName: solverName),
                model: lastModel)
        }
        let bound = isProven ? best.objective : max(best.objective, separateBound())
        let solution = Solution(
            status: isProven ? .optimal : .timeLimit(hasSolution: true),
            detail: isProven
                ? "Every hearing was free in the last round, whose plan is proven optimal."
                : "Re-planned near the baseline; the bound is every hearing's best score on its own.",
            values: best.values, objectiveValue: best.objective, bestBound: bound, seconds: seconds, solverName: solverName)
        return Outcome(solution: solution, model: best.model)
    }

    private func best(model: ModelBuilder.Model, values: [Double], objective: Double) throws -> Best {
        let choices = try PlanAssembler(index: index, model: model, keeps: keeps).choices(from: values)
        let kept = Set(choices.map(\.hearing).filter { h in
            model.fixedKeeps.contains(h) || model.keepColumns[h].map { values[$0] > 0.5 } == true
        })
        return Best(model: model, values: values, objective: objective, choices: choices, kept: kept)
    }

    /// Every baseline placement that may be kept, as choices.
    private func baselineChoices() -> [PlanAssembler.Choice] {
        keeps.keys.sorted().map { h in
            let keep = keeps[h]!
            let start = index.starts[h][keep.startIndex]
            return PlanAssembler.Choice(
                hearing: h, startIndex: keep.startIndex, start: start, interpreter: start.interpreters[keep.interpreterOption],
                mode: keep.mode, officer: start.officers[keep.officerOption])
        }
    }

    /// Hearings without a keep, and the baseline hearings that share a person and a day with the
    /// placement of a forced change.
    private func initialFree() -> Set<Int> {
        let hearings = index.roster.hearings.indices
        var free = Set(hearings.filter { keeps[$0] == nil })
        let forcedDays = Set(free.flatMap(baselinePersonDays))
        free.formUnion(hearings.filter { h in
            guard let keep = keeps[h], !keep.isFrozen else { return false }
            return !personDays(of: keep, hearing: h).isDisjoint(with: forcedDays)
        })
        return free
    }

    /// `free` and the baseline hearings that share a person and a day with a hearing whose
    /// placement in `best` differs from the baseline.
    private func widened(_ free: Set<Int>, around best: Best) -> Set<Int> {
        let interpreters = index.roster.interpreters.count
        var touched = Set<PersonDay>()
        var held = Set<Int>()
        for choice in best.choices {
            held.insert(choice.hearing)
            if best.kept.contains(choice.hearing) { continue }
            let day = choice.start.slot / index.calendar.partsPerDay
            touched.insert(PersonDay(person: choice.interpreter.person, day: day))
            touched.insert(PersonDay(person: interpreters + choice.officer.person, day: day))
            touched.formUnion(baselinePersonDays(choice.hearing))
        }
        for h in keeps.keys where !held.contains(h) { touched.formUnion(baselinePersonDays(h)) }
        var wider = free
        for (h, keep) in keeps where !keep.isFrozen && !wider.contains(h) {
            if !personDays(of: keep, hearing: h).isDisjoint(with: touched) { wider.insert(h) }
        }
        return wider
    }

    private func personDays(of keep: ModelBuilder.Keep, hearing h: Int) -> Set<PersonDay> {
        let start = index.starts[h][keep.startIndex]
        let day = start.slot / index.calendar.partsPerDay
        return [
            PersonDay(person: start.interpreters[keep.interpreterOption].person, day: day),
            PersonDay(person: index.roster.interpreters.count + start.officers[keep.officerOption].person, day: day),
        ]
    }

    /// The person-days of a hearing's baseline placement (none when it has no keep, whose
    /// placement the changed roster may no longer know).
    private func baselinePersonDays(_ h: Int) -> Set<PersonDay> {
        keeps[h].map { personDays(of: $0, hearing: h) } ?? []
    }

    /// An upper bound on every plan of the whole program: each hearing's best column on its own
    /// (its keep only, when frozen; not holding it, 0, unless it is fixed).
    private func separateBound() -> Double {
        var total = 0.0
        for (h, hearing) in index.roster.hearings.enumerated() {
            let keepValue = keeps[h].map { keep in
                let start = index.starts[h][keep.startIndex]
                return start.dayTerm + start.interpreters[keep.interpreterOption].term
                    + start.officers[keep.officerOption].term + index.scoring.policy.changePenalty
            }
            if keeps[h]?.isFrozen == true, let keepValue {
                total += keepValue
                continue
            }
            var best = hearing.fixed == nil ? 0.0 : -Double.infinity
            if let keepValue { best = max(best, keepValue) }
            for start in index.starts[h] {
                let value = start.dayTerm + (start.interpreters.map(\.term).max() ?? 0) + (start.officers.map(\.term).max() ?? 0)
                best = max(best, value)
            }
            total += best.isFinite ? best : 0
        }
        return total
    }
}
