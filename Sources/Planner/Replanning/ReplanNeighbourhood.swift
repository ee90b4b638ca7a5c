import Foundation
import LinearProgramming
import Logging

/// Re-planning a large program near its baseline: only some hearings are free, every other
/// baseline hearing keeps its placement (its keep column fixed at 1) and every other hearing stays
/// unheld; the small program that is left is solved, and the free set widens around what moved.
///
/// Free from the start: every hearing that has no keep column (forced changes, hearings added or
/// not held in the baseline) and the baseline hearings that share an interpreter or officer on a
/// day with a forced change. After each round, the baseline hearings that share a person and day
/// with a hearing that moved, was dropped or was newly held become free too, until nothing more
/// moves, the rounds run out or the time does. The plan is valid for the whole program; it is
/// proven optimal only when every hearing ended up free, and otherwise carries a bound that holds
/// for the whole program (each hearing's best score on its own), so its gap is honest.
struct ReplanNeighbourhood {
    let search: Search
    let logger: Logger
    let index: ProblemIndex
    let model: ModelBuilder.Model
    let program: LinearProgram
    let keeps: [Int: ModelBuilder.Keep]
    var maximumRounds = 4
    /// The longest one round may search its small program.
    var roundLimit: Duration = .seconds(5)

    func solve(start: [Double], options: PlanningOptions, started: ContinuousClock.Instant) throws -> Solution {
        let clock = ContinuousClock()
        let deadline = options.timeLimit.map { started + $0 }
        let hearingCount = index.roster.hearings.count
        var free = initialFree()
        var best: (values: [Double], objective: Double)?
        if Search.isFeasible(start, in: program) { best = (start, program.objectiveValue(at: start)) }
        var isProven = false
        var solverName = "GLPK"
        for round in 1...maximumRounds {
            guard let restricted = RestrictedProgram(program, fixing: fixing(outside: free)) else { break }
            var limit = roundLimit
            if let deadline { limit = min(limit, max(.zero, deadline - clock.now)) }
            let greedy = best.map { restricted.restrict($0.values) } ?? Array(repeating: 0, count: restricted.program.columnCount)
            let solution = try search.solve(
                restricted.program, decisions: restricted.restrict(model.decisionColumns), greedy: greedy,
                rounding: { _ in greedy },
                options: PlanningOptions(timeLimit: limit, cancellation: options.cancellation), started: clock.now)
            solverName = solution.solverName
            logger.info("re-planning neighbourhood", metadata: [
                "round": "\(round)", "free": "\(free.count)", "columns": "\(restricted.program.columnCount)",
                "status": "\(solution.status)", "seconds": "\(solution.seconds)",
            ])
            if solution.status.hasSolution, let objective = solution.objectiveValue {
                let values = restricted.expand(solution.values)
                if objective > (best?.objective ?? -.infinity) + 1e-9, Search.isFeasible(values, in: program) {
                    best = (values, objective)
                }
                isProven = free.count == hearingCount && solution.status == .optimal
            }
            if isProven || options.cancellation?.isCancelled == true { break }
            if let deadline, clock.now >= deadline { break }
            let wider = best.map { widened(free, around: $0.values) } ?? Set(0..<hearingCount)
            if wider == free { break }
            free = wider
        }
        let seconds = (clock.now - started).seconds
        guard let best else {
            return Solution(
                status: .timeLimit(hasSolution: false), detail: "No plan was found near the baseline.", seconds: seconds,
                solverName: solverName)
        }
        let bound = isProven ? best.objective : max(best.objective, separateBound())
        return Solution(
            status: isProven ? .optimal : .timeLimit(hasSolution: true),
            detail: isProven
                ? "Every hearing was free in the last round, whose plan is proven optimal."
                : "Re-planned near the baseline; the bound is every hearing's best score on its own.",
            values: best.values, objectiveValue: best.objective, bestBound: bound, seconds: seconds, solverName: solverName)
    }

    /// Hearings without a keep column, and the baseline hearings that share a person and a day with
    /// the placement of a forced change.
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
    /// placement in `values` differs from the baseline.
    private func widened(_ free: Set<Int>, around values: [Double]) -> Set<Int> {
        guard let choices = try? PlanAssembler(index: index, model: model, keeps: keeps).choices(from: values) else { return free }
        let interpreters = index.roster.interpreters.count
        var touched = Set<PersonDay>()
        var held = Set<Int>()
        for choice in choices {
            held.insert(choice.hearing)
            if let column = model.keepColumns[choice.hearing], values[column] > 0.5 { continue }
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

    /// Fixed columns of the hearings that are not free: keep columns at 1, all else of theirs at 0.
    private func fixing(outside free: Set<Int>) -> [Int: Double] {
        var fixed: [Int: Double] = [:]
        for h in index.roster.hearings.indices where !free.contains(h) {
            for range in model.heldColumns[h] + model.officerColumns[h] {
                for column in range { fixed[column] = 0 }
            }
            if let column = model.keepColumns[h] { fixed[column] = 1 }
        }
        // People sent to a pool whose hearings are all fixed would serve nobody: not sent.
        for group in model.interpreterGroups where !group.members.contains(where: { free.contains($0.hearing) }) {
            for sent in group.sent { fixed[sent.column] = 0 }
        }
        for group in model.officerGroups where !group.members.contains(where: { free.contains($0.hearing) }) {
            for sent in group.sent { fixed[sent.column] = 0 }
        }
        return fixed
    }

    private func personDays(of keep: ModelBuilder.Keep, hearing h: Int) -> Set<PersonDay> {
        let start = index.starts[h][keep.startIndex]
        let day = start.slot / index.calendar.partsPerDay
        return [
            PersonDay(person: start.interpreters[keep.interpreterOption].person, day: day),
            PersonDay(person: index.roster.interpreters.count + start.officers[keep.officerOption].person, day: day),
        ]
    }

    /// The person-days of a hearing's baseline placement (none when it has no keep column, whose
    /// placement the changed roster may no longer know).
    private func baselinePersonDays(_ h: Int) -> Set<PersonDay> {
        keeps[h].map { personDays(of: $0, hearing: h) } ?? []
    }

    /// An upper bound on every plan of the whole program: each hearing's best column on its own
    /// (its keep column only, when frozen; not holding it, 0, unless it is fixed).
    private func separateBound() -> Double {
        var total = 0.0
        for (h, hearing) in index.roster.hearings.enumerated() {
            let keepValue = model.keepColumns[h].map { program.objectiveCoefficients[$0] }
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
