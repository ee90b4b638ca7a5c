import PlannerModel

/// A plan made ready for what-if questions: the roster indexed and everybody's placements laid
/// out once, so that each question only takes its own hearing out. The daemon keeps one per plan
/// version; `WhatIf.options(for:roster:plan:settings:)` makes one per call.
public struct WhatIfSnapshot: Sendable {
    let index: ProblemIndex
    /// Every hearing the plan holds, placed.
    let occupancy: Occupancy
    /// The held hearings in the plan's order (the evidence names them in that order).
    let planOrder: [Int]
    let hearingNumber: [String: Int]
    let isOptimal: Bool

    /// Checks that `plan` was made from `roster` and assigns something, and lays it out.
    public init(roster: Roster, plan: Plan) throws(WhatIfError) {
        guard plan.status == .optimal || plan.status == .feasible else {
            throw WhatIfError(code: .noPlan, description: "The plan has status \(plan.status.rawValue): it assigns nothing to ask about. Plan the roster first.")
        }
        guard plan.rosterDigest == RosterDigest.of(roster) else {
            throw WhatIfError(
                code: .planFromOtherRoster,
                description: "The plan was made from another roster (its rosterDigest differs): give the roster it was made from.")
        }
        let index = ProblemIndex(roster: roster, policy: roster.policy)
        let byID = Dictionary(roster.hearings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var occupancy = Occupancy(index: index)
        var planOrder: [Int] = []
        for assignment in plan.assignments {
            guard let m = byID[assignment.hearing], let placement = index.placement(of: assignment, hearing: m) else {
                throw WhatIfError(
                    code: .planDoesNotFit,
                    description: "The plan's assignment of \(assignment.hearing) is not possible in this roster (an unknown hearing or person, or a start outside its window): give the roster the plan was made from.")
            }
            occupancy.add(placement)
            planOrder.append(m)
        }
        self.index = index
        self.occupancy = occupancy
        self.planOrder = planOrder
        hearingNumber = byID
        isOptimal = plan.status == .optimal
    }

    /// Whether the roster has a hearing with this id.
    public func hasHearing(_ id: String) -> Bool { hearingNumber[id] != nil }

    /// The options for one hearing: see `WhatIf.options(for:roster:plan:settings:)`.
    public func options(for hearingID: String, settings: OptionsSettings = OptionsSettings()) throws(WhatIfError) -> HearingOptions {
        guard let h = hearingNumber[hearingID] else {
            throw WhatIfError(code: .unknownHearing, description: "The roster has no hearing \(hearingID).")
        }
        return options(hearing: h, settings: settings)
    }

    func options(hearing h: Int, settings: OptionsSettings) -> HearingOptions {
        var occupancy = occupancy
        let current = occupancy.placed[h]
        occupancy.remove(h)
        var finder = OptionFinder(index: index, hearing: h, occupancy: occupancy, current: current)
        if index.roster.hearings.count > settings.exhaustiveUpTo {
            finder.nodeLimit = settings.nodeLimit
            finder.repairLimit = settings.repairLimit
        } else {
            finder.nodeLimit = settings.smallRosterNodeLimit
            finder.repairLimit = .max
        }
        let found = finder.bestOfEachWay()
        var writer = OptionsWriter(index: index, hearing: h, current: current, found: found)
        // The evidence is needed only when a preference or the hearing itself cannot be met at all.
        return writer.answer(listsAll: settings.listsAll, isOptimal: isOptimal) {
            let choices = planOrder.compactMap { occupancy.placed[$0] }.map { WhatIf.choice($0, index: index) }
            return Evidence(index: index, choices: choices)
        }
    }
}
