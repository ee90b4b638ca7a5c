import PlannerModel

/// The last step before a plan is written: every hearing the plan leaves out that can still be
/// held with people and a room free, and would score more than not holding it, is held, the best
/// first. A search stopped by its time limit can leave such hearings (an optimal plan never does);
/// holding them only raises the score, and the evidence of those left is then true of the plan.
struct Polish {
    let index: ProblemIndex
    /// Re-planning: placements count in keep units (`ChangeTerms`), not holding a hearing scores 0.
    var changes: ChangeTerms?

    /// Adds what fits to `choices`; returns how many hearings it added.
    @discardableResult
    func holdWhatFits(_ choices: inout [PlanAssembler.Choice]) -> Int {
        var occupancy = Occupancy(index: index)
        for choice in choices { occupancy.add(choice.placement) }
        let held = Set(choices.map(\.hearing))
        let roster = index.roster
        var candidates: [(hearing: Int, gain: Double)] = []
        for h in roster.hearings.indices where !held.contains(h) && roster.hearings[h].fixed == nil {
            if let best = bestFit(h, in: occupancy), best.gain > 1e-9 { candidates.append((h, best.gain)) }
        }
        var added = 0
        for candidate in candidates.sorted(by: { ($0.gain, $1.hearing) > ($1.gain, $0.hearing) }) {
            // Those added before may have taken what this one would use: look again.
            guard let best = bestFit(candidate.hearing, in: occupancy), best.gain > 1e-9 else { continue }
            occupancy.add(best.choice.placement)
            choices.append(best.choice)
            added += 1
        }
        return added
    }

    /// The hearing's best placement that keeps every rule with everybody in `occupancy`, with what
    /// holding it there gains over not holding it.
    ///
    /// Who fits does not depend on the other person, so the best interpreter and the best officer
    /// are found apart; re-planning, the published placement is looked at on its own too.
    private func bestFit(_ h: Int, in occupancy: Occupancy) -> (choice: PlanAssembler.Choice, gain: Double)? {
        var best: (choice: PlanAssembler.Choice, gain: Double)?
        func consider(_ s: Int, _ start: ProblemIndex.Start, _ i: ProblemIndex.InterpreterOption, _ o: ProblemIndex.OfficerOption) {
            let choice = PlanAssembler.Choice(hearing: h, startIndex: s, start: start, interpreter: i, mode: i.mode, officer: o)
            let units = changes?.units(choice.placement) ?? choice.placement.score
            if units > (best?.gain ?? -.infinity) { best = (choice, units) }
        }
        let spot = changes?.keepSpots[h]
        for (s, start) in index.starts[h].enumerated() {
            guard occupancy.roomFits(h, start.slots) else { continue }
            let interpreters = start.interpreters.filter {
                occupancy.interpreterFits($0.person, isOnsite: $0.mode == .onsite, hearing: h, slots: start.slots)
            }
            let officers = start.officers.filter { occupancy.officerFits($0.person, start.slots) }
            guard let i = interpreters.max(by: { $0.term < $1.term }), let o = officers.max(by: { $0.term < $1.term }) else { continue }
            consider(s, start, i, o)
            if let spot, spot.slot == start.slot, let keptI = interpreters.first(where: { $0.person == spot.interpreter }),
               let keptO = officers.first(where: { $0.person == spot.officer })
            {
                consider(s, start, keptI, keptO)
            }
        }
        return best
    }
}
