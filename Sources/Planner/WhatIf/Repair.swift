import PlannerModel

/// The exact re-placement of a few released hearings: each goes to any placement that still keeps
/// every rule with everybody else where the plan has them (and the option being asked about in
/// place), or is left unheld, so that their total score is as high as possible; among equal
/// totals, as few as possible move. A fixed hearing stays where it is fixed, or the option is
/// impossible.
///
/// A depth-first search with a bound (each remaining hearing's best placement that fits now), as in
/// the test oracle's brute force; it is exact unless it visits more than `nodeLimit` nodes, which
/// it then says.
struct Repair {
    /// The outcome for the released hearings.
    struct Outcome: Sendable {
        /// Where each released hearing goes; nil for unheld.
        var placements: [Int: Placement?]
        /// Their total score after the repair.
        var score: Double
        /// How many end up somewhere else than where they were (or unheld).
        var moves: Int
        /// False when the search stopped at its node limit: the outcome is then a good one, not
        /// proven the best.
        var isExact: Bool
    }

    let index: ProblemIndex
    var nodeLimit = 50_000

    /// Every placement of hearing `h` the roster allows, best score first (the plan's own
    /// placement first among equals). One mode per interpreter: remote where the interpreter and
    /// the hearing allow it, since remote work scores the same and is free of rule 6.
    func candidates(of h: Int) -> [Placement] {
        var result: [Placement] = []
        for start in index.starts[h] {
            for i in start.interpreters {
                for o in start.officers {
                    result.append(Placement(
                        hearing: h, slot: start.slot, duration: start.duration, interpreter: i.person,
                        isOnsite: i.mode == .onsite, language: i.language, registered: i.registered, officer: o.person,
                        score: start.dayTerm + i.term + o.term))
                }
            }
        }
        return result.sorted { $0.score > $1.score }
    }

    /// Re-places `released` (already taken out of `occupancy`) as well as possible. `before` gives
    /// each one's placement in the plan; `candidates` its placements, best first. Returns nil when
    /// a fixed hearing among them cannot be placed.
    func run(
        released: [Int], before: [Int: Placement], candidates: [Int: [Placement]], occupancy: Occupancy
    ) -> Outcome? {
        let roster = index.roster
        // Fixed first (they fail fast), then the fewest candidates.
        let order = released.sorted { a, b in
            let fa = roster.hearings[a].fixed != nil, fb = roster.hearings[b].fixed != nil
            if fa != fb { return fa }
            return (candidates[a]?.count ?? 0, a) < (candidates[b]?.count ?? 0, b)
        }
        // The plan's own placement (exactly, mode included) first among equal scores, so that ties
        // keep people where they are.
        let lists: [[Placement]] = order.map { h in
            var list = candidates[h] ?? []
            guard let stay = before[h] else { return list }
            if let k = list.firstIndex(where: { $0.isUnchanged(from: stay) }) {
                list.remove(at: k)
            } else if !list.contains(where: { $0.isSameSpot(as: stay) }) {
                return list  // the plan's placement is not one the roster allows
            }
            let position = list.firstIndex { $0.score <= stay.score } ?? list.count
            list.insert(stay, at: position)
            return list
        }
        var state = Search(
            order: order, lists: lists, isFixed: order.map { roster.hearings[$0].fixed != nil },
            before: order.map { before[$0] }, occupancy: occupancy, nodeLimit: nodeLimit)
        state.search(depth: 0, score: 0, moves: 0)
        guard let best = state.best else { return nil }
        var placements: [Int: Placement?] = [:]
        for (k, h) in order.enumerated() { placements[h] = best.choice[k] }
        return Outcome(placements: placements, score: best.score, moves: best.moves, isExact: state.nodes < nodeLimit)
    }

    private struct Search {
        let order: [Int]
        let lists: [[Placement]]
        let isFixed: [Bool]
        let before: [Placement?]
        var occupancy: Occupancy
        let nodeLimit: Int
        var nodes = 0
        var chosen: [Placement?] = []
        var best: (score: Double, moves: Int, choice: [Placement?])?

        init(order: [Int], lists: [[Placement]], isFixed: [Bool], before: [Placement?], occupancy: Occupancy, nodeLimit: Int) {
            self.order = order
            self.lists = lists
            self.isFixed = isFixed
            self.before = before
            self.occupancy = occupancy
            self.nodeLimit = nodeLimit
            chosen = Array(repeating: nil, count: order.count)
        }

        private func isBetter(_ score: Double, _ moves: Int) -> Bool {
            guard let best else { return true }
            if score > best.score + 1e-9 { return true }
            return score > best.score - 1e-9 && moves < best.moves
        }

        /// The best that the hearings from `depth` on could add, each on its own; nil when a fixed
        /// one has nowhere to go.
        private func bound(from depth: Int) -> Double? {
            var total = 0.0
            for k in depth..<order.count {
                if let first = lists[k].first(where: occupancy.fits) {
                    total += isFixed[k] ? first.score : max(0, first.score)
                } else if isFixed[k] {
                    return nil
                }
            }
            return total
        }

        mutating func search(depth: Int, score: Double, moves: Int) {
            nodes += 1
            if depth == order.count {
                if isBetter(score, moves) { best = (score, moves, chosen) }
                return
            }
            guard nodes < nodeLimit || best == nil, let rest = bound(from: depth) else { return }
            // Prune unless the bound could beat the best, or tie it with fewer moves.
            if let best, score + rest < best.score - 1e-9 || (score + rest < best.score + 1e-9 && moves >= best.moves) {
                return
            }
            for placement in lists[depth] where occupancy.fits(placement) {
                if !isFixed[depth] && placement.score < 0 { break }  // unheld scores 0 and frees more
                let moved = before[depth].map { placement.isUnchanged(from: $0) } == true ? 0 : 1
                occupancy.add(placement)
                chosen[depth] = placement
                search(depth: depth + 1, score: score + placement.score, moves: moves + moved)
                occupancy.remove(order[depth])
                chosen[depth] = nil
                if nodes >= nodeLimit && best != nil { return }
            }
            if !isFixed[depth] {
                search(depth: depth + 1, score: score, moves: moves + (before[depth] == nil ? 0 : 1))
            }
        }
    }
}
