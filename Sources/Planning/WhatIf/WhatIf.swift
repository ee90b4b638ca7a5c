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
        return try WhatIfSnapshot(roster: roster, plan: plan).options(hearing: h, settings: settings)
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

