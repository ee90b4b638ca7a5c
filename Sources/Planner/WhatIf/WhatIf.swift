import PlannerModel

/// The what-if questions a planner or a manager asks of a plan. Pure: no files, clock or solver.
public enum WhatIf {
    /// The options for one hearing of `plan` (which must have been made from `roster`): every way
    /// it could be held with everybody else where the plan has them, each with the exact cost of
    /// making room for it, best first; the earliest slot at which each requested preference could
    /// be met; and a recommendation in plain words. See docs/whatif.md for what "way" and "moves"
    /// mean exactly.
    public static func options(
        for hearingID: String, roster: Roster, plan: Plan, settings: OptionsSettings = OptionsSettings()
    ) throws(WhatIfError) -> HearingOptions {
        guard let h = roster.hearings.firstIndex(where: { $0.id == hearingID }) else {
            throw WhatIfError(code: .unknownHearing, description: "The roster has no hearing \(hearingID).")
        }
        guard plan.status == .optimal || plan.status == .feasible else {
            throw WhatIfError(code: .noPlan, description: "The plan has status \(plan.status.rawValue): it assigns nothing to ask about. Plan the roster first.")
        }
        guard plan.rosterDigest == RosterDigest.of(roster) else {
            throw WhatIfError(
                code: .planFromOtherRoster,
                description: "The plan was made from another roster (its rosterDigest differs): give the roster it was made from.")
        }
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        var occupancy = Occupancy(index: index)
        let byID = Dictionary(roster.hearings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var current: Placement?
        var choices: [PlanAssembler.Choice] = []
        for assignment in plan.assignments {
            guard let m = byID[assignment.hearing], let placement = index.placement(of: assignment, hearing: m) else {
                throw WhatIfError(
                    code: .planDoesNotFit,
                    description: "The plan's assignment of \(assignment.hearing) is not possible in this roster (an unknown hearing or person, or a start outside its window): give the roster the plan was made from.")
            }
            if m == h {
                current = placement
                continue
            }
            occupancy.add(placement)
            choices.append(choice(placement, index: index))
        }
        var finder = OptionFinder(index: index, hearing: h, occupancy: occupancy, current: current)
        if roster.hearings.count > settings.exhaustiveUpTo {
            finder.nodeLimit = settings.nodeLimit
            finder.repairLimit = settings.repairLimit
        } else {
            finder.nodeLimit = 10_000_000
            finder.repairLimit = .max
        }
        let found = finder.bestOfEachWay()
        let evidence = Evidence(index: index, choices: choices)
        var writer = OptionsWriter(index: index, hearing: h, current: current, found: found)
        return writer.answer(
            listsAll: settings.listsAll, evidence: evidence, isOptimal: plan.status == .optimal)
    }

    static func choice(_ p: Placement, index: ProblemIndex) -> PlanAssembler.Choice {
        let start = index.starts[p.hearing].first { $0.slot == p.slot }!
        let startIndex = index.starts[p.hearing].firstIndex { $0.slot == p.slot }!
        let interpreterTerm = p.score - start.dayTerm
            - index.scoring.officerTerm(index.roster.hearings[p.hearing], gender: index.roster.officers[p.officer].gender)
        return PlanAssembler.Choice(
            hearing: p.hearing, startIndex: startIndex, start: start,
            interpreter: .init(
                person: p.interpreter, language: p.language, registered: p.registered,
                mode: p.isOnsite ? .onsite : .remote, term: interpreterTerm),
            mode: p.isOnsite ? .onsite : .remote,
            officer: .init(person: p.officer, term: p.score - start.dayTerm - interpreterTerm))
    }
}

