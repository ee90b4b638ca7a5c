import PlannerModel

/// Raises a plan's score by moves of one hearing each: the hearing goes to a placement that scores
/// more than where it is (or is held at all), and the few hearings in its way are re-placed by
/// `Repair`, exactly, or left unheld. A move is made only when the plan's score rises, so the
/// search ends in a plan at least as good as the one it was given, keeping every hard rule
/// (`Occupancy` keeps rules 5 to 8, the hearings' own starts and people rules 1 to 4).
///
/// It is a heuristic for large rosters, where the relaxation's point is rounded by `GreedyStart`
/// and GLPK's simplex method cannot dive on it in time: it never changes a bound or a proof.
struct LocalSearch {
    struct Outcome {
        var choices: [PlanAssembler.Choice]
        /// How many moves raised the score, and by how much in all.
        var moves = 0
        var gain = 0.0
        var passes = 0
        /// False when the deadline stopped it before a pass found nothing more.
        var isLocalOptimum = false
    }

    /// How far a move may reach: how many hearings it may displace, how many better placements
    /// of one hearing a pass tries (best first), and the node limit of each repair.
    struct Reach: Sendable {
        var blockers: Int
        var tries: Int
        var repairNodes: Int
    }

    let index: ProblemIndex
    var deadline: ContinuousClock.Instant?
    /// From the nearest to the farthest: a pass that finds nothing at one reach goes on at the
    /// next; one that raises the score goes back to the first (variable neighbourhood descent).
    var reaches = [
        Reach(blockers: 2, tries: 20, repairNodes: 100),
        Reach(blockers: 3, tries: 40, repairNodes: 200),
        Reach(blockers: 6, tries: 100, repairNodes: 500),
        Reach(blockers: 10, tries: 200, repairNodes: 2_000),
    ]

    private static let epsilon = 1e-6

    func improve(_ choices: [PlanAssembler.Choice]) -> Outcome {
        let hearings = index.roster.hearings
        var occupancy = Occupancy(index: index)
        for choice in choices { occupancy.add(choice.placement) }
        var candidates: [Repair.Candidates?] = Array(repeating: nil, count: hearings.count)
        let lister = Repair(index: index)
        func candidatesOf(_ h: Int) -> Repair.Candidates {
            if let known = candidates[h] { return known }
            let made = lister.candidates(of: h)
            candidates[h] = made
            return made
        }
        let movable = hearings.indices.filter { hearings[$0].fixed == nil }
        var outcome = Outcome(choices: choices)
        var checks = 0
        func isOutOfTime() -> Bool {
            checks += 1
            guard let deadline, checks % 8 == 1 else { return false }
            return ContinuousClock.now >= deadline
        }

        var level = 0
        passes: while level < reaches.count {
            outcome.passes += 1
            let reach = reaches[level]
            // The hearings that could gain most first.
            let order = movable.map { h in (h, (candidatesOf(h).best ?? 0) - (occupancy.placed[h]?.score ?? 0)) }
                .filter { $0.1 > Self.epsilon }
                .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            var improved = false
            for (h, _) in order {
                if isOutOfTime() { break passes }
                if let gain = tryMove(h, reach: reach, candidatesOf: candidatesOf, occupancy: &occupancy) {
                    outcome.moves += 1
                    outcome.gain += gain
                    improved = true
                }
            }
            level = improved ? 0 : level + 1
        }
        outcome.isLocalOptimum = level == reaches.count
        outcome.choices = occupancy.placed.compactMap { $0 }.map { WhatIf.choice($0, index: index) }
        return outcome
    }

    /// Tries the placements of `h` better than its own, best first; makes the first move that
    /// raises the plan's score and returns the gain, or leaves `occupancy` as it was.
    private func tryMove(
        _ h: Int, reach: Reach, candidatesOf: (Int) -> Repair.Candidates, occupancy: inout Occupancy
    ) -> Double? {
        let candidates = candidatesOf(h)
        let repair = Repair(index: index, nodeLimit: reach.repairNodes)
        let before = occupancy.placed[h]
        let now = before?.score ?? 0
        var tries = 0
        occupancy.remove(h)
        defer { if occupancy.placed[h] == nil, let before { occupancy.add(before) } }
        for s in candidates.starts {
            guard s.top > now + Self.epsilon, tries < reach.tries else { break }
            for i in s.interpreters {
                guard s.start.dayTerm + i.term + (s.officers.first?.term ?? 0) > now + Self.epsilon, tries < reach.tries else { break }
                for o in s.officers {
                    let p = candidates.placement(s, i, o)
                    guard p.score > now + Self.epsilon, tries < reach.tries else { break }
                    if let before, p.isUnchanged(from: before) { continue }
                    tries += 1
                    let blockers = occupancy.blockers(of: p)
                    if blockers.isEmpty {
                        occupancy.add(p)
                        return p.score - now
                    }
                    guard blockers.count <= reach.blockers,
                          blockers.allSatisfy({ index.roster.hearings[$0].fixed == nil })
                    else { continue }
                    let displaced = blockers.map { occupancy.placed[$0]! }
                    let lost = displaced.reduce(0) { $0 + $1.score }
                    // Even if every displaced hearing found its best placement again.
                    let ceiling = blockers.reduce(0) { $0 + max(0, candidatesOf($1).best ?? 0) }
                    guard p.score - lost + ceiling > now + Self.epsilon else { continue }
                    for b in blockers { occupancy.remove(b) }
                    occupancy.add(p)
                    var lists: [Int: Repair.Candidates] = [:]
                    var places: [Int: Placement] = [:]
                    for placement in displaced {
                        lists[placement.hearing] = candidatesOf(placement.hearing)
                        places[placement.hearing] = placement
                    }
                    if let repaired = repair.run(released: blockers, before: places, candidates: lists, in: &occupancy),
                       p.score + repaired.score > now + lost + Self.epsilon
                    {
                        for case let placement? in repaired.placements.values { occupancy.add(placement) }
                        return p.score + repaired.score - now - lost
                    }
                    occupancy.remove(h)
                    for placement in displaced { occupancy.add(placement) }
                }
            }
        }
        return nil
    }
}
