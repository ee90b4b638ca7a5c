import PlannerModel

extension Evidence {
    /// How hard the search for an alternative looks: the what-if options' limits, a little wider
    /// on small rosters (every plan gets one search per unmet preference, so it must stay cheap).
    static func finder(_ index: ProblemIndex, hearing h: Int, occupancy: Occupancy, current: Placement?) -> OptionFinder {
        var finder = OptionFinder(index: index, hearing: h, occupancy: occupancy, current: current)
        if index.roster.hearings.count <= 500 {
            finder.nodeLimit = 2_000
            finder.repairLimit = 40
        } else {
            finder.nodeLimit = 300
            finder.repairLimit = 8
        }
        return finder
    }

    /// The best way found to give the held hearing of `current` a person of the sex it asked for in
    /// `role`: a placement that meets it, with the hearings in its way re-placed exactly (or left
    /// unheld) as the what-if options do; nil when there is none or no alternatives are wanted.
    func alternative(meeting role: Role, of current: PlanAssembler.Choice) -> Alternative? {
        guard var occupancy else { return nil }
        let h = current.hearing
        occupancy.remove(h)
        var finder = Self.finder(index, hearing: h, occupancy: occupancy, current: Self.units(current.placement, changes))
        finder.changes = changes
        finder.accepts = { way in (role == .interpreter ? way.interpreterState : way.officerState) == .met }
        // For an officer preference the officers are the point: all of them are looked at.
        finder.prunesOfficers = role == .interpreter && index.roster.hearings.count > 500
        guard let best = finder.bestOfAll() else { return nil }
        let roster = index.roster
        func spec(_ units: Double, _ m: Int) -> Double { changes?.specScore(units, hearing: m) ?? units }
        func spot(_ p: Placement) -> Alternative.Spot {
            let name = index.calendar.slotName(at: p.slot)
            return Alternative.Spot(
                date: name.date, slot: name.part, interpreter: roster.interpreters[p.interpreter].id,
                interpreterMode: p.isOnsite ? .onsite : .remote, language: p.language, officer: roster.officers[p.officer].id)
        }
        var moves: [Alternative.Move] = []
        for m in best.blockers {
            guard let before = best.before[m], let after = best.repair?.placements[m] else { continue }
            if let after, after.isUnchanged(from: before) { continue }
            moves.append(Alternative.Move(
                hearing: roster.hearings[m].id, to: after.map(spot), scoreBefore: spec(before.score, m),
                scoreAfter: spec(after?.score ?? 0, m)))
        }
        let score = spec(best.placement.score, h)
        let asPlanned = currentScore(current) + moves.reduce(0) { $0 + $1.scoreBefore }
        let withPreference = score + moves.reduce(0) { $0 + $1.scoreAfter }
        return Alternative(
            spot: spot(best.placement), score: score, moves: moves, scoreAsPlanned: asPlanned,
            scoreWithPreference: withPreference)
    }

    /// Re-planning with `maxChanges`: how many unforced changes the plan would make with the
    /// alternative (its own change and the moves', less those it undoes), when that is more than
    /// the cap allows; nil when it is within the cap.
    func changesBeyondCap(_ alternative: Alternative, of current: PlanAssembler.Choice) -> Int? {
        guard let changes, let cap = changes.maxChanges else { return nil }
        let roster = index.roster
        let number = Dictionary(roster.hearings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        func placement(_ m: Int, _ s: Alternative.Spot?) -> Placement? {
            guard let s, let slot = index.calendar.slotIndex(of: SlotName(date: s.date, part: s.slot)),
                  let i = index.interpreterIndex[s.interpreter], let o = index.officerIndex[s.officer]
            else { return nil }
            return Placement(
                hearing: m, slot: slot, duration: roster.hearings[m].durationSlots, interpreter: i, isOnsite: s.interpreterMode == .onsite,
                language: s.language, registered: true, officer: o, score: 0)
        }
        var total = changes.unforcedChanges
        var touched: [(Int, Placement?)] = [(current.hearing, placement(current.hearing, alternative.spot))]
        for move in alternative.moves {
            if let m = number[move.hearing] { touched.append((m, placement(m, move.to))) }
        }
        for (m, after) in touched {
            let now = held[m]?.placement
            total += (changes.isUnforcedChange(m, at: after) ? 1 : 0) - (changes.isUnforcedChange(m, at: now) ? 1 : 0)
        }
        return total > cap ? total : nil
    }
}
