import LinearProgramming
import PlannerModel

/// Whether every frozen hearing can keep its baseline placement together with the fixed hearings,
/// and if not, how many can (scheduling-model.md, "Re-planning": a frozen hearing keeps its
/// assignment unless a hard rule now forbids it).
///
/// A fixed hearing is a hard rule (9). When a planner fixes a replacement where a frozen hearing
/// is, say the same interpreter on Monday morning, keeping both breaks rule 5: the frozen hearing
/// must give way, a forced change. Which frozen hearings give way is decided by the smallest
/// program that can tell: only the fixed hearings (required, as fixed) and the frozen ones (each
/// pinned to its baseline placement, wanted but not required), maximising how many frozen
/// hearings are kept. Every other hearing may stay unheld, so it never makes this harder.
struct FreezeCheck {
    let index: ProblemIndex
    let keeps: [Int: ModelBuilder.Keep]
    let solver: any MIPSolver
    var poolsOfficers = true
    var poolsInterpreters = true

    /// What the program found.
    struct Outcome: Sendable {
        /// The frozen hearings (of the whole roster).
        let frozen: Set<Int>
        /// The most of them that can be kept together with the fixed hearings.
        let keepable: Int
        /// Frozen hearings that give way in one plan that keeps `keepable` of them.
        let yielding: Set<Int>
    }

    /// Nil when nothing needs deciding: no frozen hearing, no fixed hearing that is not itself
    /// frozen in place, or every frozen hearing can be kept. Also nil when the fixed hearings
    /// clash among themselves: then the re-plan is infeasible whatever gives way, and the whole
    /// program says so and names them.
    func run() throws -> Outcome? {
        let roster = index.roster
        let frozen = Set(keeps.filter { $0.value.isFrozen }.map(\.key))
        let fixed = roster.hearings.indices.filter { roster.hearings[$0].fixed != nil }
        guard !frozen.isEmpty, fixed.contains(where: { !frozen.contains($0) }) else { return nil }

        // The small roster: the fixed hearings as they are, each frozen one fixed where it is.
        let members = Set(fixed).union(frozen).sorted()
        var small = roster
        small.hearings = members.map { h in
            var hearing = roster.hearings[h]
            if let keep = keeps[h], keep.isFrozen {
                let start = index.starts[h][keep.startIndex]
                let name = index.calendar.slotName(at: start.slot)
                hearing.fixed = FixedAssignment(
                    date: name.date, slot: name.part, interpreter: roster.interpreters[start.interpreters[keep.interpreterOption].person].id,
                    officer: roster.officers[start.officers[keep.officerOption].person].id)
            }
            return hearing
        }
        let smallIndex = ProblemIndex(roster: small, policy: roster.policy)
        let frozenInSmall = Set(members.indices.filter { frozen.contains(members[$0]) })
        var builder = ModelBuilder(index: smallIndex)
        builder.poolsOfficers = poolsOfficers
        builder.poolsInterpreters = poolsInterpreters
        builder.optionalFixed = frozenInSmall
        var model = builder.build()
        guard !model.isContradictory else { return nil }
        model.objective = Array(repeating: 0, count: model.columns.count)
        for k in frozenInSmall {
            for range in model.heldColumns[k] { for column in range { model.objective[column] = 1 } }
        }
        let solution = try solver.solve(model.program, options: SolveOptions(timeLimit: .seconds(60), objectiveStep: 1))
        guard solution.status.hasSolution else { return nil }
        let kept = frozenInSmall.filter { k in model.heldColumns[k].contains { $0.contains { solution.values[$0] > 0.5 } } }
        guard kept.count < frozenInSmall.count else { return nil }
        let yielding = Set(frozenInSmall.subtracting(kept).map { members[$0] })
        return Outcome(frozen: frozen, keepable: kept.count, yielding: yielding)
    }

    /// Which hard rule keeping `baseline` (a frozen hearing that gave way) would break with the
    /// fixed hearings as `plan` holds them: the first that does, in words, naming the fixed hearing.
    static func rule(keeping baseline: Assignment, with plan: Plan, roster: Roster) -> String {
        let fixedIDs = Set(roster.hearings.filter { $0.fixed != nil }.map(\.id))
        let fixed = plan.assignments.filter { fixedIDs.contains($0.hearing) && $0.hearing != baseline.hearing }
        let slots = Set(baseline.slots)
        for other in fixed where !slots.isDisjoint(with: other.slots) {
            let shared = other.slots.first { slots.contains($0) }!
            if other.interpreter == baseline.interpreter {
                return "rule 5: \(baseline.interpreter) is in the fixed hearing \(other.hearing) in \(shared)"
            }
            if other.officer == baseline.officer {
                return "rule 5: \(baseline.officer) is in the fixed hearing \(other.hearing) in \(shared)"
            }
        }
        let rooms = roster.locations.first { $0.id == baseline.location }?.rooms
        for slot in baseline.slots {
            let there = fixed.filter { $0.location == baseline.location && $0.slots.contains(slot) }
            if let rooms, !there.isEmpty, there.count >= rooms {
                return "rule 8: the rooms of \(baseline.location) in \(slot) are taken by fixed hearings (\(there.map(\.hearing).sorted().joined(separator: ", ")))"
            }
        }
        for other in fixed where other.interpreter == baseline.interpreter && other.date == baseline.date
            && other.interpreterMode == .onsite && other.location != baseline.location
        {
            return "rule 6: \(baseline.interpreter) works on site at \(other.location) on \(other.date) for the fixed hearing \(other.hearing)"
        }
        for person in [baseline.interpreter, baseline.officer] {
            let cap = roster.interpreters.first { $0.id == person }?.maxHearingsPerWeek ?? roster.officers.first { $0.id == person }?.maxHearingsPerWeek
            let week = fixed.filter { ($0.interpreter == person || $0.officer == person) && $0.date.isoWeek == baseline.date.isoWeek }
            if let cap, !week.isEmpty, week.count >= cap {
                return "rule 7: \(person)'s weekly maximum of \(cap) is taken by fixed hearings (\(week.map(\.hearing).sorted().joined(separator: ", ")))"
            }
        }
        let names = fixed.map(\.hearing).sorted().joined(separator: ", ")
        return "rules 5-8: it cannot be kept together with the fixed hearings (\(names))"
    }
}
