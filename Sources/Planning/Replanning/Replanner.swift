import Foundation
import LinearProgramming
import MIPSearch
import PlannerModel

extension Planner {
    /// Plans `roster` (already changed by the events) again for the same horizon, keeping the
    /// `baseline` wherever that pays: hearings starting within `freezeHours` of `now` keep their
    /// placement unless a hard rule now forbids it (a forced change, named in `changes`), every
    /// other change of a baseline hearing (moved, other people, dropped) costs `changePenalty`, and
    /// `maxChanges` caps the unforced ones. The plan's objective is the spec's score with those
    /// penalties; its `changes` list what changed (see docs/replanning.md).
    public func replan(_ roster: Roster, baseline: Plan, now: Date, options: PlanningOptions = PlanningOptions()) throws -> Plan {
        let started = clock.now
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let policy = roster.policy
        let base = Baseline(plan: baseline, roster: roster, calendar: index.calendar, now: now, freezeHours: policy.freezeHours)
        var keeps: [Int: ModelBuilder.Keep] = [:]
        var forced: [String: String] = [:]
        for entry in base.entries {
            if let keep = Self.keep(entry, index: index) {
                keeps[entry.hearing] = keep
            } else {
                forced[entry.assignment.hearing] = entry.brokenRule ?? "the placement is no longer possible"
            }
        }
        // Frozen hearings that fixed ones need: as few as possible give way (forced changes).
        var freezeCheck = FreezeCheck(index: index, keeps: keeps, solver: solver)
        freezeCheck.poolsOfficers = form.poolsOfficers
        freezeCheck.poolsInterpreters = form.poolsInterpreters
        let yielding = try freezeCheck.run()
        var builder = ModelBuilder(index: index)
        builder.poolsOfficers = form.poolsOfficers
        builder.poolsInterpreters = form.poolsInterpreters
        builder.keeps = keeps
        builder.maxChanges = policy.maxChanges
        let search = Search(solver: solver, logger: logger, settings: self.search, clock: clock)
        // A week this large is re-planned near the baseline without building the whole program,
        // which alone would take longer than the re-plan (docs/performance.md).
        var whole: (model: ModelBuilder.Model, program: LinearProgram)?
        let candidates = Self.candidateCount(index)
        if let yielding {
            logger.info("frozen hearings give way to fixed ones", metadata: [
                "frozen": "\(yielding.frozen.count)", "yielding": "\(yielding.frozen.count - yielding.keepable)",
            ])
            builder.yieldingFrozen = yielding.frozen.count - yielding.keepable
            // The whole program chooses which give way (exact); see below for the search near the baseline.
            builder.frozenAtLeast = yielding.keepable
        }
        if candidates <= replanning.wholeProgramCandidates {
            let model = builder.build()
            let program = model.program
            logger.info("re-planning model built", metadata: [
                "baseline": "\(base.entries.count)", "forced": "\(forced.count)", "columns": "\(program.columnCount)",
                "nonzeros": "\(program.nonzeroCount)", "candidates": "\(candidates)",
                "seconds": "\((clock.now - started).seconds)",
            ])
            whole = (model, program)
        }
        let model: ModelBuilder.Model
        let solution: Solution
        if let whole, whole.program.nonzeroCount <= replanning.neighbourhoodAbove {
            let start = Self.startingPoint(model: whole.model, keeps: keeps, index: index)
            model = whole.model
            solution = try search.solve(
                whole.program, decisions: whole.model.decisionColumns, greedy: start,
                // The baseline is the plan any relaxation point rounds to here: it keeps everything it can.
                rounding: FixedRounding(start), options: options, started: started)
        } else {
            if let yielding {
                // Near the baseline, the frozen hearings the small program let give way are free
                // hearings like any other forced change; the others stay where they are.
                for h in yielding.yielding { keeps[h] = nil }
                builder.keeps = keeps
                builder.frozenAtLeast = nil
            }
            logger.info("re-planning near the baseline", metadata: [
                "baseline": "\(base.entries.count)", "forced": "\(forced.count)", "candidates": "\(candidates)",
                "seconds": "\((clock.now - started).seconds)",
            ])
            let outcome = try ReplanNeighbourhood(
                search: search, logger: logger, index: index, keeps: keeps, builder: builder, clock: clock
            ).solve(options: options, started: started)
            model = outcome.model
            solution = outcome.solution
        }
        let words = solution.solverName.split(separator: " ", maxSplits: 1).map(String.init)
        let info = SolverInfo(
            name: words.first?.lowercased() ?? solution.solverName, version: words.count > 1 ? words[1] : "",
            seconds: (clock.now - started).seconds)
        var assembler = PlanAssembler(index: index, model: model, keeps: keeps)
        assembler.published = Set(base.entries.map(\.hearing))
        assembler.changePenalty = policy.changePenalty
        assembler.maxChanges = policy.maxChanges
        for entry in base.entries where entry.assignment.interpreterMode == .onsite {
            guard let slot = entry.slot, let person = index.interpreterIndex[entry.assignment.interpreter] else { continue }
            assembler.baselineSites[PersonDay(person: person, day: slot / index.calendar.partsPerDay)] = entry.assignment.location
        }
        guard solution.status.hasSolution else {
            return try assembler.planWithoutSolution(solution, solver: info, conflicting: fixedConflicts(index, solution))
        }
        var plan = try assembler.plan(from: solution, solver: info)
        // Keep columns carried +changePenalty; in the spec's terms every baseline hearing that is
        // not kept costs changePenalty instead (the same up to a constant).
        let penalty = policy.changePenalty
        let before = Dictionary(baseline.assignments.map { ($0.hearing, PlanChange.Placement($0)) }, uniquingKeysWith: { a, _ in a })
        let inRoster = Set(base.entries.map(\.assignment.hearing))
        var changedCount = 0
        for k in plan.assignments.indices {
            let assignment = plan.assignments[k]
            guard let was = before[assignment.hearing], inRoster.contains(assignment.hearing) else { continue }
            if was != PlanChange.Placement(assignment) {
                plan.assignments[k].changed = true
                plan.assignments[k].score -= penalty
                changedCount += 1
            }
        }
        let held = Set(plan.assignments.map(\.hearing))
        let dropped = inRoster.filter { !held.contains($0) }.count
        plan.objective = plan.assignments.reduce(0) { $0 + $1.score } - penalty * Double(dropped)
        if let bound = solution.bestBound ?? plan.bound {
            plan.bound = max(plan.objective, bound - penalty * Double(inRoster.count))
            plan.gap = Solution.relativeGap(objective: plan.objective, bound: plan.bound)
        }
        // Cancelled hearings are dropped too, so that their people are told; the event forced it.
        for hearing in base.cancelled { forced[hearing] = "the hearing was cancelled" }
        // Frozen hearings that gave way to fixed ones: the rule keeping them would break.
        if let yielding {
            let now = Dictionary(plan.assignments.map { ($0.hearing, PlanChange.Placement($0)) }, uniquingKeysWith: { a, _ in a })
            for entry in base.entries where yielding.frozen.contains(entry.hearing) && forced[entry.assignment.hearing] == nil {
                guard now[entry.assignment.hearing] != PlanChange.Placement(entry.assignment) else { continue }
                forced[entry.assignment.hearing] = FreezeCheck.rule(keeping: entry.assignment, with: plan, roster: roster)
            }
        }
        plan.changes = PlanDiff(from: baseline, to: plan).changes.map { change in
            var change = change
            if let rule = forced[change.hearing] {
                change.forced = true
                change.rule = rule
            }
            return change
        }
        plan.changesByPerson = PlanDiff(from: baseline, to: plan).people
        plan.replannedAt = ISO8601DateFormatter().string(from: now)
        logger.info("re-planned", metadata: ["changed": "\(changedCount)", "dropped": "\(dropped)", "status": "\(plan.status)"])
        return plan
    }

    /// How many (hearing, start, person) candidates the roster has: what the whole program's size
    /// grows with, known before it is built.
    static func candidateCount(_ index: ProblemIndex) -> Int {
        index.starts.reduce(0) { total, starts in
            starts.reduce(total) { $0 + $1.interpreters.count + $1.officers.count }
        }
    }

    /// The keep of a baseline entry, or nil when the changed roster forbids the placement.
    static func keep(_ entry: Baseline.Entry, index: ProblemIndex) -> ModelBuilder.Keep? {
        guard entry.brokenRule == nil, let slot = entry.slot,
              let startIndex = index.starts[entry.hearing].firstIndex(where: { $0.slot == slot })
        else { return nil }
        let start = index.starts[entry.hearing][startIndex]
        guard let interpreter = index.interpreterIndex[entry.assignment.interpreter],
              let officer = index.officerIndex[entry.assignment.officer],
              let i = start.interpreters.firstIndex(where: { $0.person == interpreter }),
              let o = start.officers.firstIndex(where: { $0.person == officer })
        else { return nil }
        // The mode is not part of the placement either: remote where possible, as for every other
        // column (free of rule 6); the plan goes back to the baseline's on-site work where it can.
        return ModelBuilder.Keep(
            startIndex: startIndex, interpreterOption: i, mode: start.interpreters[i].mode, officerOption: o,
            isFrozen: entry.isFrozen)
    }

    /// The baseline as a point of the program: every keep column at 1, with the site columns
    /// that its on-site work needs. Infeasible (and then ignored by the search) only when the
    /// changed roster asks for more, such as a new fixed hearing.
    static func startingPoint(model: ModelBuilder.Model, keeps: [Int: ModelBuilder.Keep], index: ProblemIndex) -> [Double] {
        var values = Array(repeating: 0.0, count: model.columns.count)
        var sites = Set<String>()
        for (h, column) in model.keepColumns {
            values[column] = 1
            guard let keep = keeps[h], keep.mode == .onsite else { continue }
            let start = index.starts[h][keep.startIndex]
            let person = start.interpreters[keep.interpreterOption].person
            sites.insert("\(person)/\(start.slot / index.calendar.partsPerDay)/\(index.roster.hearings[h].location)")
        }
        for (column, meaning) in model.columns.enumerated() {
            if case .site(let person, let day, let location) = meaning, sites.contains("\(person)/\(day)/\(location)") {
                values[column] = 1
            }
        }
        return values
    }
}
