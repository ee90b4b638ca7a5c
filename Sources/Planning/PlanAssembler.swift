import LinearProgramming
import MIPSearch
import PlannerModel

/// Turns the solver's values into plan@1: assignments with their own scores, and the evidence
/// behind every unmet preference and every hearing not held.
struct PlanAssembler {
    let index: ProblemIndex
    let model: ModelBuilder.Model
    /// Re-planning: the baseline placements the program could keep.
    var keeps: [Int: ModelBuilder.Keep] = [:]
    /// Re-planning: where each interpreter worked on site in the baseline, by day.
    var baselineSites: [PersonDay: String] = [:]
    /// Re-planning: every published hearing still in the roster (kept, moved or forced).
    var published: Set<Int> = []
    /// Re-planning: the change penalty, and the cap on unforced changes.
    var changePenalty = 0.0
    var maxChanges: Int?

    /// A held hearing as chosen by the solver, before it is written out.
    struct Choice {
        let hearing: Int
        /// The start's position in `index.starts[hearing]`.
        let startIndex: Int
        let start: ProblemIndex.Start
        var interpreter: ProblemIndex.InterpreterOption
        var mode: InterpreterMode
        let officer: ProblemIndex.OfficerOption
    }

    /// Seconds of each step of the last `plan(from:solver:)`, for the planner's log.
    private(set) var timings: [String: Double] = [:]
    /// The time the steps are measured against.
    var clock = SearchClock.continuous

    mutating func plan(from solution: Solution, solver: SolverInfo) throws -> Plan {
        var lap = clock.now
        func time(_ step: String) {
            timings[step] = (clock.now - lap).seconds
            lap = clock.now
        }
        var chosen = try choices(from: solution.values)
        time("choices")
        let added = Polish(index: index, changes: changeTerms(chosen)).holdWhatFits(&chosen)
        timings["polishAdded"] = Double(added)
        time("polish")
        ModePreference(index: index, baselineSites: baselineSites).preferOnsite(&chosen)
        let choices = chosen
        let assignments = choices.map(assignment)
        let objective = assignments.reduce(0) { $0 + $1.score }
        let evidence = Evidence(index: index, choices: choices, changes: changeTerms(choices), findsAlternatives: true)
        time("layout")
        let held = Set(choices.map(\.hearing))
        let unheld = index.roster.hearings.indices.filter { !held.contains($0) }
        let status: Plan.Status
        switch solution.status {
        case .optimal: status = .optimal
        default: status = solution.relativeGap == 0 ? .optimal : .feasible
        }
        // The bound is the solver's, or, when the search ended before it had one, the sum of every
        // hearing's best score on its own; it can never be below a plan that exists.
        let bound = max(solution.bestBound ?? trivialBound, objective)
        let unmet = Parallel.map(choices.count) { evidence.unmetPreferences(of: choices[$0]) }.flatMap { $0 }
        time("unmetPreferences")
        let unscheduled = Parallel.map(unheld.count) { evidence.unscheduled(unheld[$0], isOptimal: status == .optimal) }
        time("unscheduled")
        return Plan(
            rosterDigest: RosterDigest.of(index.roster), status: status, objective: objective, bound: bound,
            gap: Solution.relativeGap(objective: objective, bound: bound) ?? 0,
            solver: solver, assignments: assignments, unmetPreferences: unmet, unscheduled: unscheduled)
    }

    mutating func planWithoutSolution(_ solution: Solution, solver: SolverInfo, conflicting: [Int]) throws -> Plan {
        let roster = index.roster
        let status: Plan.Status
        switch solution.status {
        case .infeasible: status = .infeasible
        case .timeLimit, .cancelled: status = .timeLimit
        default: status = .error
        }
        let conflictSet = Set(conflicting)
        let unscheduled = roster.hearings.indices.map { h in
            let hearing = roster.hearings[h]
            let reason: Reason
            if conflictSet.contains(h) {
                reason = Reason(code: .fixedConflict, detail: "This fixed hearing cannot be held as fixed together with the other fixed hearings named with this reason; nothing was planned.")
            } else if status == .infeasible {
                reason = Reason(code: .notPlanned, detail: "Nothing was planned, because fixed hearings conflict; this hearing is not one of them.")
            } else {
                reason = Reason(code: .notPlanned, detail: "Nothing was planned: \(solution.detail)")
            }
            return Unscheduled(hearing: hearing.id, deadlineInHorizon: hearing.latest <= roster.horizon.end, reason: reason)
        }
        return Plan(
            rosterDigest: RosterDigest.of(roster), status: status, objective: 0, bound: solution.bestBound,
            gap: nil, solver: solver, unscheduled: unscheduled)
    }

    /// Re-planning's terms for the evidence: where each published hearing may stay, and which
    /// frozen hearings stay there in this plan (those that gave way to fixed hearings do not).
    private func changeTerms(_ choices: [Choice]) -> ChangeTerms? {
        guard !published.isEmpty || !keeps.isEmpty else { return nil }
        var spots: [Int: ChangeTerms.Spot] = [:]
        for (h, keep) in keeps {
            let start = index.starts[h][keep.startIndex]
            spots[h] = ChangeTerms.Spot(
                slot: start.slot, interpreter: start.interpreters[keep.interpreterOption].person,
                officer: start.officers[keep.officerOption].person)
        }
        var frozen = Set<Int>()
        for choice in choices where keeps[choice.hearing]?.isFrozen == true {
            let here = ChangeTerms.Spot(slot: choice.start.slot, interpreter: choice.interpreter.person, officer: choice.officer.person)
            if spots[choice.hearing] == here { frozen.insert(choice.hearing) }
        }
        var terms = ChangeTerms(keepSpots: spots, published: published.union(keeps.keys), frozen: frozen, penalty: changePenalty)
        terms.maxChanges = maxChanges
        let placed = Dictionary(choices.map { ($0.hearing, $0.placement) }, uniquingKeysWith: { a, _ in a })
        // Frozen hearings that gave way to fixed ones are forced, not counted.
        terms.unforcedChanges = keeps.keys.filter { keeps[$0]?.isFrozen == false && terms.isUnforcedChange($0, at: placed[$0]) }.count
        return terms
    }

    /// An upper bound on any plan's score that needs no solver: each hearing's best score on its
    /// own (at least 0, since a hearing may stay unheld, unless it is fixed), added up.
    var trivialBound: Double {
        index.roster.hearings.indices.reduce(0.0) { total, h in
            let best = index.starts[h].map { start in
                start.dayTerm + (start.interpreters.map(\.term).max() ?? 0) + (start.officers.map(\.term).max() ?? 0)
            }.max()
            let isFixed = index.roster.hearings[h].fixed != nil
            return total + (isFixed ? (best ?? 0) : max(0, best ?? 0))
        }
    }

    /// The held hearings the solver's values say, with the people the pools' matchings give them.
    func choices(from values: [Double]) throws -> [Choice] {
        try choices(from: values, of: index.roster.hearings.indices)
    }

    /// The same for `hearings` only, in their order (a small program's free hearings).
    func choices(from values: [Double], of hearings: some Sequence<Int>) throws -> [Choice] {
        let roster = index.roster
        let pooledOfficers = OfficerPools.officers(in: model, values: values, roster: roster)
        guard let pooledInterpreters = InterpreterPools.interpreters(in: model, values: values, index: index) else {
            throw PlanningError.noInterpreterMatched
        }
        var choices: [Choice] = []
        for h in hearings {
            let isKept = model.fixedKeeps.contains(h) || model.keepColumns[h].map { values[$0] > 0.5 } == true
            if isKept, let keep = keeps[h] {
                let start = index.starts[h][keep.startIndex]
                choices.append(Choice(
                    hearing: h, startIndex: keep.startIndex, start: start, interpreter: start.interpreters[keep.interpreterOption],
                    mode: keep.mode, officer: start.officers[keep.officerOption]))
                continue
            }
            for (s, start) in index.starts[h].enumerated() {
                let heldRange = model.heldColumns[h][s]
                guard let held = heldRange.first(where: { values[$0] > 0.5 }) else { continue }
                let interpreter: ProblemIndex.InterpreterOption
                if model.isInterpreterPooled[h] {
                    guard let chosen = pooledInterpreters[h] else { throw PlanningError.noInterpreterMatched }
                    interpreter = chosen
                } else {
                    interpreter = start.interpreters[held - heldRange.lowerBound]
                }
                let officer: ProblemIndex.OfficerOption
                if model.isOfficerPooled[h] {
                    guard let person = pooledOfficers[h] else { throw PlanningError.noOfficerMatched }
                    officer = .init(person: person, term: index.scoring.officerTerm(roster.hearings[h], gender: roster.officers[person].gender))
                } else {
                    let officerRange = model.officerColumns[h][s]
                    guard let o = officerRange.first(where: { values[$0] > 0.5 }) else { throw PlanningError.noOfficerMatched }
                    officer = start.officers[o - officerRange.lowerBound]
                }
                choices.append(Choice(
                    hearing: h, startIndex: s, start: start, interpreter: interpreter, mode: interpreter.mode, officer: officer))
            }
        }
        return choices
    }

    private func assignment(_ choice: Choice) -> Assignment {
        let roster = index.roster
        let hearing = roster.hearings[choice.hearing]
        let interpreter = roster.interpreters[choice.interpreter.person]
        let officer = roster.officers[choice.officer.person]
        let scoring = index.scoring
        let day = choice.start.day
        let score = scoring.dayTerm(hearing, startingOn: day)
            + scoring.interpreterTerm(
                hearing, gender: interpreter.gender, language: choice.interpreter.language,
                registered: choice.interpreter.registered)
            + scoring.officerTerm(hearing, gender: officer.gender)
        func state(_ wanted: GenderPreference?, _ gender: Gender) -> PreferenceState {
            guard let wanted else { return .none }
            return wanted.isMet(by: gender) ? .met : .unmet
        }
        return Assignment(
            hearing: hearing.id, date: day, slot: index.calendar.slotName(at: choice.start.slot).part,
            slots: choice.start.slots.map { index.calendar.slotName(at: $0) }, location: hearing.location,
            interpreter: interpreter.id, interpreterMode: choice.mode, language: choice.interpreter.language,
            officer: officer.id, interpreterPreference: state(hearing.interpreterGender, interpreter.gender),
            officerPreference: state(hearing.officerGender, officer.gender),
            delayDays: scoring.delayDays(hearing, startingOn: day), waitDays: scoring.waitDays(hearing, startingOn: day),
            score: score)
    }
}

/// Remote interpretation is chosen wherever it is possible because it is free of rule 6; where
/// on-site work keeps every rule and changes no score, the plan says on site instead, which is
/// what planners and applicants usually prefer.
struct ModePreference {
    let index: ProblemIndex
    /// Re-planning: the baseline's site of an interpreter on a day, kept where it can be.
    var baselineSites: [PersonDay: String] = [:]

    func preferOnsite(_ choices: inout [PlanAssembler.Choice]) {
        let roster = index.roster
        let parts = index.calendar.partsPerDay
        var byPersonDay: [Int: [Int]] = [:]  // interpreter * days + day -> choice indices
        let days = max(1, index.calendar.workingDays.count)
        for (k, choice) in choices.enumerated() {
            byPersonDay[choice.interpreter.person * days + choice.start.slot / parts, default: []].append(k)
        }
        for key in byPersonDay.keys.sorted() {
            let members = byPersonDay[key]!
            let person = roster.interpreters[key / days]
            let location: (PlanAssembler.Choice) -> String = { roster.hearings[$0.hearing].location }
            let switchable = members.filter {
                choices[$0].mode == .remote && person.onsiteLocations.contains(location(choices[$0]))
            }
            guard !switchable.isEmpty else { continue }
            let site: String
            if let onsite = members.first(where: { choices[$0].mode == .onsite }) {
                site = location(choices[onsite])
            } else if let baseline = baselineSites[PersonDay(person: key / days, day: key % days)],
                      switchable.contains(where: { location(choices[$0]) == baseline }) {
                site = baseline
            } else {
                let counts = Dictionary(grouping: switchable, by: { location(choices[$0]) }).mapValues(\.count)
                site = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            }
            for k in switchable where location(choices[k]) == site { choices[k].mode = .onsite }
        }
    }
}
