import PlannerModel

/// The exact re-placement of a few released hearings: each goes to any placement that still keeps
/// every rule with everybody else where the plan has them (and the option being asked about in
/// place), or is left unheld, so that their total score is as high as possible; among equal
/// totals, as few as possible move. A fixed hearing stays where it is fixed, or the option is
/// impossible.
///
/// A depth-first search with a bound (each remaining hearing's best placement that fits with all of
/// them out), as in
/// the test oracle's brute force; it is exact unless it visits more than `nodeLimit` nodes, which
/// it then says. Whether a placement fits splits into the room, the interpreter and the officer, so
/// a hearing's best fitting placement is found start by start from its people sorted best first,
/// never by listing every start × interpreter × officer.
struct Repair {
    /// The outcome for the released hearings.
    struct Outcome: Sendable {
        /// Where each released hearing goes; nil for unheld.
        var placements: [Int: Placement?]
        /// Their total score after the repair.
        var score: Double
        /// How many end up otherwise than they were (elsewhere, other people, other mode, unheld).
        var moves: Int
        /// False when the search stopped at its node limit: the outcome is then a good one, not
        /// proven the best.
        var isExact: Bool
    }

    /// A hearing's possible starts, best first, each with its people best first. One mode per
    /// interpreter: video where the interpreter and the hearing allow it, since it scores the same
    /// and is free of rule 6.
    struct Candidates: Sendable {
        struct Start: Sendable {
            let start: ProblemIndex.Start
            let interpreters: [ProblemIndex.InterpreterOption]
            let officers: [ProblemIndex.OfficerOption]
            /// The best score at this start with nobody else placed.
            let top: Double
        }

        let hearing: Int
        let starts: [Start]
        let isFixed: Bool
        /// Re-planning: its published placement, scoring the change penalty more (keep units,
        /// `ChangeTerms`); tried before the others, since the order of `starts` does not know it.
        var keep: Placement?
        var changes: ChangeTerms?

        /// The best score with nobody else placed, or nil when it has no start at all.
        var best: Double? { starts.first.map { $0.top + (keep == nil ? 0 : changes?.penalty ?? 0) } }

        func placement(_ s: Start, _ i: ProblemIndex.InterpreterOption, _ o: ProblemIndex.OfficerOption) -> Placement {
            let score = s.start.dayTerm + i.term + o.term
            return Placement(
                hearing: hearing, slot: s.start.slot, duration: s.start.duration, interpreter: i.person,
                isOnsite: i.mode == .onsite, language: i.language, registered: i.registered, officer: o.person,
                score: score + (changes?.bonus(hearing, slot: s.start.slot, interpreter: i.person, officer: o.person) ?? 0))
        }

        /// The score of its best placement that fits `occupancy`, or nil when none does.
        func bestFit(_ occupancy: Occupancy) -> Double? {
            var best: Double?
            if let keep, occupancy.fits(keep) { best = keep.score }
            for s in starts {
                if let best, s.top <= best { break }
                guard occupancy.roomFits(hearing, s.start.slots),
                      let i = s.interpreters.first(where: { occupancy.interpreterFits($0.person, isOnsite: $0.mode == .onsite, hearing: hearing, slots: s.start.slots) }),
                      let o = s.officers.first(where: { occupancy.officerFits($0.person, s.start.slots) })
                else { continue }
                let score = s.start.dayTerm + i.term + o.term
                best = max(best ?? score, score)
            }
            return best
        }
    }

    let index: ProblemIndex
    var nodeLimit = 300
    /// Re-planning: change penalties and frozen hearings (nil for a first plan's questions).
    var changes: ChangeTerms?

    func candidates(of h: Int) -> Candidates {
        let spot = changes?.keepSpots[h]
        let isFrozen = spot != nil && changes?.frozen.contains(h) == true
        let starts = index.starts[h].compactMap { start -> Candidates.Start? in
            var interpreters = start.interpreters.sorted { $0.term > $1.term }
            var officers = start.officers.sorted { $0.term > $1.term }
            if isFrozen, let spot {
                // A frozen hearing has its published placement or nothing.
                guard start.slot == spot.slot else { return nil }
                interpreters = interpreters.filter { $0.person == spot.interpreter }
                officers = officers.filter { $0.person == spot.officer }
                guard !interpreters.isEmpty, !officers.isEmpty else { return nil }
            }
            return Candidates.Start(
                start: start, interpreters: interpreters, officers: officers,
                top: start.dayTerm + (interpreters.first?.term ?? 0) + (officers.first?.term ?? 0))
        }
        var list = Candidates(
            hearing: h, starts: starts.sorted { $0.top > $1.top }, isFixed: isFrozen || index.roster.hearings[h].fixed != nil)
        list.changes = changes
        if let spot, let s = list.starts.first(where: { $0.start.slot == spot.slot }),
           let i = s.interpreters.first(where: { $0.person == spot.interpreter }),
           let o = s.officers.first(where: { $0.person == spot.officer })
        {
            list.keep = list.placement(s, i, o)
        }
        return list
    }

    /// Re-places `released` (already taken out of `occupancy`) as well as possible. `before` gives
    /// each one's placement in the plan. Returns nil when a fixed hearing among them cannot be placed.
    func run(released: [Int], before: [Int: Placement], candidates: [Int: Candidates], occupancy: Occupancy) -> Outcome? {
        var copy = occupancy
        return run(released: released, before: before, candidates: candidates, in: &copy)
    }

    /// The same in `occupancy` itself, which the search changes as it goes and leaves holding what
    /// it held (the hearings' lists may come back in another order): no copy of a large plan's
    /// occupancy for each repair.
    func run(released: [Int], before: [Int: Placement], candidates: [Int: Candidates], in occupancy: inout Occupancy) -> Outcome? {
        // Fixed first (they fail fast), then the fewest starts.
        let order = released.sorted { a, b in
            let fa = candidates[a]?.isFixed ?? false, fb = candidates[b]?.isFixed ?? false
            if fa != fb { return fa }
            return (candidates[a]?.starts.count ?? 0, a) < (candidates[b]?.starts.count ?? 0, b)
        }
        let lists = order.map { candidates[$0] ?? self.candidates(of: $0) }
        // Each one's best that fits with all of them out: placing the others only takes more away,
        // so these bound the search throughout (cheaply, as suffix sums).
        var ceilings: [Double] = []
        for list in lists {
            let fit = list.bestFit(occupancy)
            if list.isFixed && fit == nil { return nil }
            ceilings.append(list.isFixed ? (fit ?? 0) : max(0, fit ?? 0))
        }
        var suffix = Array(repeating: 0.0, count: lists.count + 1)
        for k in stride(from: lists.count - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] + ceilings[k] }
        var search = Search(order: lists, before: order.map { before[$0] }, nodeLimit: nodeLimit, suffix: suffix)
        search.search(depth: 0, score: 0, moves: 0, &occupancy)
        guard let best = search.best else { return nil }
        var placements: [Int: Placement?] = [:]
        for (k, h) in order.enumerated() { placements[h] = best.choice[k] }
        return Outcome(placements: placements, score: best.score, moves: best.moves, isExact: search.nodes < nodeLimit)
    }

    private struct Search {
        let order: [Candidates]
        let before: [Placement?]
        let nodeLimit: Int
        /// `suffix[k]`: what the hearings from `k` on could add at most.
        let suffix: [Double]
        var nodes = 0
        var chosen: [Placement?]
        var best: (score: Double, moves: Int, choice: [Placement?])?

        init(order: [Candidates], before: [Placement?], nodeLimit: Int, suffix: [Double]) {
            self.order = order
            self.before = before
            self.nodeLimit = nodeLimit
            self.suffix = suffix
            chosen = Array(repeating: nil, count: order.count)
        }

        /// Whether a total could still beat the best found, or tie it with fewer moves.
        private func isPromising(_ total: Double, moves: Int) -> Bool {
            guard let best else { return true }
            return total > best.score + 1e-9 || (total > best.score - 1e-9 && moves < best.moves)
        }

        private var isOverBudget: Bool { nodes >= nodeLimit && best != nil }

        mutating func search(depth: Int, score: Double, moves: Int, _ occupancy: inout Occupancy) {
            nodes += 1
            if depth == order.count {
                if isPromising(score, moves: moves) { best = (score, moves, chosen) }
                return
            }
            let rest = suffix[depth + 1]
            guard !isOverBudget, isPromising(score + suffix[depth], moves: moves + mustMove(from: depth, occupancy)) else { return }
            let candidates = order[depth]
            let stay = before[depth]
            // The plan's own placement first, exactly as it was (mode included); then, re-planning,
            // the published one, which scores the change penalty more than the order below knows.
            if let stay, occupancy.fits(stay) {
                place(stay, depth: depth, score: score, moves: moves, &occupancy)
            }
            let keep = candidates.keep.flatMap { keep in stay.map { keep.isUnchanged(from: $0) } == true ? nil : keep }
            if let keep, !isOverBudget, isPromising(score + keep.score + rest, moves: moves), occupancy.fits(keep) {
                place(keep, depth: depth, score: score, moves: moves, &occupancy)
            }
            for s in candidates.starts {
                if isOverBudget || !isPromising(score + s.top + rest, moves: moves) { break }
                guard occupancy.roomFits(candidates.hearing, s.start.slots) else { continue }
                let slots = s.start.slots
                // Officers are checked as they come (the loop below mostly stops after a few): the
                // occupancy is as it was after each placement below is taken back.
                guard let firstOfficer = s.officers.first(where: { occupancy.officerFits($0.person, slots) }) else { continue }
                for i in s.interpreters where occupancy.interpreterFits(i.person, isOnsite: i.mode == .onsite, hearing: candidates.hearing, slots: slots) {
                    if !isPromising(score + s.start.dayTerm + i.term + firstOfficer.term + rest, moves: moves) { break }
                    for o in s.officers where occupancy.officerFits(o.person, slots) {
                        let p = candidates.placement(s, i, o)
                        if !candidates.isFixed && p.score < 0 { break }  // unheld scores 0 and frees more
                        if !isPromising(score + p.score + rest, moves: moves) || isOverBudget { break }
                        if let stay, p.isUnchanged(from: stay) { continue }
                        if let keep, p.isUnchanged(from: keep) { continue }
                        place(p, depth: depth, score: score, moves: moves, &occupancy)
                    }
                }
            }
            let dropped = moves + (stay == nil ? 0 : 1)
            if !candidates.isFixed, !isOverBudget, isPromising(score + rest, moves: dropped) {
                search(depth: depth + 1, score: score, moves: dropped, &occupancy)
            }
        }

        /// How many of the hearings from `depth` on must move whatever comes next: their place in
        /// the plan no longer fits, and going deeper only places more. A bound on the moves still
        /// to come, so that ties with the best found are cut where they cannot have fewer moves.
        private func mustMove(from depth: Int, _ occupancy: Occupancy) -> Int {
            guard best != nil else { return 0 }
            var count = 0
            for k in depth..<order.count {
                if let stay = before[k], !occupancy.fits(stay) { count += 1 }
            }
            return count
        }

        private mutating func place(_ p: Placement, depth: Int, score: Double, moves: Int, _ occupancy: inout Occupancy) {
            let moved = before[depth].map { p.isUnchanged(from: $0) } == true ? 0 : 1
            occupancy.add(p)
            chosen[depth] = p
            search(depth: depth + 1, score: score + p.score, moves: moves + moved, &occupancy)
            occupancy.remove(p.hearing)
            chosen[depth] = nil
        }
    }
}
