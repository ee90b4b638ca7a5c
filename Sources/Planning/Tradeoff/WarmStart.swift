import PlannerModel

extension Planner {
    /// A plan's assignments as the choices the model encodes, skipping any the roster does not
    /// allow (the start is then a plan with fewer hearings held, still feasible).
    static func choices(of plan: Plan, index: ProblemIndex) -> [PlanAssembler.Choice] {
        let byID = Dictionary(index.roster.hearings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return plan.assignments.compactMap { assignment in
            guard let h = byID[assignment.hearing], let placement = index.placement(of: assignment, hearing: h) else { return nil }
            return WhatIf.choice(placement, index: index)
        }
    }
}
