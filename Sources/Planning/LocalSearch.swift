import LinearProgramming
import MIPSearch
import PlannerModel

/// Raises a plan's score by moves of one hearing each: the hearing goes to a placement that scores
/// more than where it is (or is held at all), and the few hearings in its way are re-placed by
/// `Repair`, exactly, or left unheld. A move is made only when the plan's score rises, so the
/// search ends in a plan at least as good as the one it was given, keeping every hard rule
/// (`Occupancy` keeps rules 5 to 8, the hearings' own starts and people rules 1 to 4).
///
/// It is a heuristic for large rosters, where the relaxation's point is rounded by `GreedyStart`
/// and GLPK's simplex method cannot dive on it in time: it never changes a bound or a proof.
struct LocalSearch: Sendable {
    struct Outcome: Sendable {
        var choices: [PlanAssembler.Choice]
        /// How many moves raised the score, and by how much in all.
        var moves = 0
        var gain = 0.0
        var passes = 0
        /// False when the deadline stopped it before a pass found nothing more.
        var isLocalOptimum = false
        /// From two starts at once (`improve(either:or:)`): both plans' scores, the better kept.
        var startScores: [Double] = []
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
    /// The time the deadline is of.
    var clock = SearchClock.continuous
    /// Stops the search as the deadline does (the plan so far is returned).
    var cancellation: CancellationToken?
    /// From the nearest to the farthest: a pass that finds nothing at one reach goes on at the
    /// next; one that raises the score goes back to the first (variable neighbourhood descent).
    var reaches = [
        Reach(blockers: 2, tries: 20, repairNodes: 100),
        Reach(blockers: 3, tries: 40, repairNodes: 200),
        Reach(blockers: 6, tries: 100, repairNodes: 500),
        Reach(blockers: 10, tries: 200, repairNodes: 2_000),
    ]

    private static let epsilon = 1e-6
    /// The least time a round of `improve(_:threads:)` gets before the weeks are split otherwise.
    static let shortestRound = Duration.seconds(2)

    func improve(_ choices: [PlanAssembler.Choice]) -> Outcome {
        var occupancy = Occupancy(index: index)
        for choice in choices { occupancy.add(choice.placement) }
        var candidates: [Repair.Candidates?] = Array(repeating: nil, count: index.roster.hearings.count)
        let lister = Repair(index: index)
        let movable = index.roster.hearings.indices.filter { index.roster.hearings[$0].fixed == nil }
        var outcome = search(&occupancy, movable: movable) { h in
            if let known = candidates[h] { return known }
            let made = lister.candidates(of: h)
            candidates[h] = made
            return made
        }
        outcome.choices = occupancy.placed.compactMap { $0 }.map { WhatIf.choice($0, index: index) }
        return outcome
    }

    /// `improve` from two starts at once, one per thread, and the better of the two plans (the
    /// first on a tie), with both plans' scores. Where a search ends depends much on where it
    /// starts (a week's LP has many optimal points, and each rounds differently): on the 2,500
    /// week at 10 s, two starts gave plans about 70 better than one (seed 1, alternate runs).
    /// `second` is made on its thread.
    func improve(either first: [PlanAssembler.Choice], or second: @Sendable () -> [PlanAssembler.Choice]) -> Outcome {
        let both = Parallel.map(2, threads: 2) { k in improve(k == 0 ? first : second()) }
        let scores = both.map { $0.choices.reduce(0.0) { $0 + $1.placement.score } }
        var outcome = scores[1] > scores[0] ? both[1] : both[0]
        outcome.startScores = scores
        return outcome
    }

    /// `improve`, on two threads when `threads` allows it. One week is searched on one thread:
    /// from `second` as well on the other, when it is given (`improve(either:or:)`). Over several
    /// ISO weeks the weeks are split in two parts, and each part's search moves only the hearings
    /// it owns (those placed in its weeks, and a share of the unheld ones) and only into its
    /// weeks. Rules 5 to 8 hold slot by slot, day by day or ISO week by ISO week, so whatever the
    /// two searches do in their own weeks together keeps every rule, and each hearing is still
    /// held at most once. Round by round the weeks are split otherwise (so that any two weeks
    /// share a part in some round), and once no split finds anything the search goes on over the
    /// whole horizon on one thread.
    func improve(
        _ choices: [PlanAssembler.Choice], threads: Int, orFrom second: (@Sendable () -> [PlanAssembler.Choice])? = nil
    ) -> Outcome {
        var placed: [Placement?] = Array(repeating: nil, count: index.roster.hearings.count)
        for choice in choices { placed[choice.hearing] = choice.placement }
        let (weekOfDay, weekCount) = Occupancy.weeks(of: index.calendar)
        guard threads >= 2, weekCount >= 2 else {
            if threads >= 2, let second { return improve(either: choices, or: second) }
            return improve(choices)
        }
        let lister = Repair(index: index)
        let all = index.roster.hearings.indices.map { lister.candidates(of: $0) }
        let partsPerDay = index.calendar.partsPerDay
        let weekOfSlot = (0..<index.calendar.slotCount).map { weekOfDay[$0 / partsPerDay] }
        // Splits by the parity of the bits of the week's number that a mask selects: masks 1, 2,
        // 3, ... put any two weeks in one part for some mask.
        let bits = max(1, Int.bitWidth - (weekCount - 1).leadingZeroBitCount)
        let splits = (1 << bits) - 1
        var outcome = Outcome(choices: choices)
        var quiet = 0  // rounds in a row in which neither part raised the score
        var round = 0
        while quiet < splits, !isPastDeadline {
            let mask = round % splits + 1
            round += 1
            let part = (0..<weekCount).map { ($0 & mask).nonzeroBitCount % 2 }
            let owner: [Int] = placed.indices.map { h in
                if let p = placed[h] { return part[weekOfSlot[p.slot]] }
                let parts = Set(all[h].starts.map { part[weekOfSlot[$0.start.slot]] })
                return parts.count == 1 ? parts.first! : (h + round) % 2
            }
            let current = placed
            // Rounds short enough for the splits to take turns before the deadline.
            var roundSearch = self
            if let deadline {
                let left = deadline - clock.now
                roundSearch.deadline = min(deadline, clock.now + max(Self.shortestRound, left / (2 * splits)))
            }
            let search = roundSearch
            let results = Parallel.map(2, threads: 2) { k in
                var occupancy = Occupancy(index: index)
                for case let p? in current { occupancy.add(p) }
                let own = all.map { c in
                    Repair.Candidates(hearing: c.hearing, starts: c.starts.filter { part[weekOfSlot[$0.start.slot]] == k }, isFixed: c.isFixed)
                }
                let movable = index.roster.hearings.indices.filter { owner[$0] == k && index.roster.hearings[$0].fixed == nil }
                let searched = search.search(&occupancy, movable: movable) { own[$0] }
                return (searched, occupancy.placed)
            }
            for h in placed.indices where index.roster.hearings[h].fixed == nil { placed[h] = results[owner[h]].1[h] }
            let gained = results.contains { $0.0.moves > 0 }
            for (searched, _) in results {
                outcome.moves += searched.moves
                outcome.gain += searched.gain
                outcome.passes += searched.passes
            }
            quiet = gained ? 0 : quiet + 1
        }
        var occupancy = Occupancy(index: index)
        for case let p? in placed { occupancy.add(p) }
        let whole = search(&occupancy, movable: index.roster.hearings.indices.filter { index.roster.hearings[$0].fixed == nil }) { all[$0] }
        outcome.moves += whole.moves
        outcome.gain += whole.gain
        outcome.passes += whole.passes
        outcome.isLocalOptimum = whole.isLocalOptimum
        outcome.choices = occupancy.placed.compactMap { $0 }.map { WhatIf.choice($0, index: index) }
        return outcome
    }

    private var isPastDeadline: Bool {
        cancellation?.isCancelled == true || deadline.map { clock.now >= $0 } ?? false
    }

    /// The variable neighbourhood descent over `movable`, in `occupancy`, until a pass at the
    /// farthest reach finds nothing or the deadline; `choices` of the outcome is left empty.
    private func search(
        _ occupancy: inout Occupancy, movable: [Int], candidatesOf: (Int) -> Repair.Candidates
    ) -> Outcome {
        var outcome = Outcome(choices: [])
        var checks = 0
        func isOutOfTime() -> Bool {
            checks += 1
            guard checks % 8 == 1 else { return false }
            return isPastDeadline
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
