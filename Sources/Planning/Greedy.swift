import PlannerModel

/// A quick feasible plan, given to the solver as its first incumbent: hearings that can start on
/// one day only first, then the others, each in order of their best possible score, each taking
/// its best option that still keeps every hard rule.
///
/// It is only a starting point; the solver proves or improves on it. Fixed hearings go first,
/// but a start that cannot place them all is still offered (the solver then rejects it).
///
/// With a `guide` (an LP relaxation's point), hearings go in order of how fully the LP holds them
/// (one-day hearings first among those held about equally), each at the start the LP holds it
/// most, with the people the LP sends there: a rounding of the relaxation that keeps every rule.
struct GreedyStart {
    let index: ProblemIndex
    var guide: GreedyGuide?
    /// How finely the guide's values are told apart: how fully the LP holds a hearing, in steps
    /// of `1 / held`, and a start, of `1 / start` (values within a step go by score).
    var resolution: (held: Double, start: Double) = (10, 20)

    /// The greedy plan's hearings, in the order they were placed.
    func choices() -> [PlanAssembler.Choice] {
        let roster = index.roster
        // Who holds what, by slot, week and day (rules 5 to 8), in flat arrays.
        var occupancy = Occupancy(index: index)
        var result: [PlanAssembler.Choice] = []

        func topScore(_ start: ProblemIndex.Start) -> Double {
            let interpreter: Double = start.interpreters.map(\.term).max() ?? 0
            let officer: Double = start.officers.map(\.term).max() ?? 0
            return start.dayTerm + interpreter + officer
        }
        let bestScore: [Double] = roster.hearings.indices.map { h in index.starts[h].map(topScore).max() ?? -.infinity }
        // Coarsely, so that hearings the LP holds about equally go by score.
        let held: [Double] = roster.hearings.indices.map { ((guide?.held($0) ?? 0) * resolution.held).rounded() }
        // Within a class, hearings that can start on one day only go first: a hearing with other
        // days can still go there when the people of that day are taken, one without cannot (a
        // week's relaxation shares people between such hearings and others, and placed the other
        // way round, deadline hearings of a single Monday went unheld).
        let oneDay: [Int] = roster.hearings.indices.map { h in
            let usable = index.starts[h].filter { !$0.interpreters.isEmpty && !$0.officers.isEmpty }
            return usable.allSatisfy { $0.day == usable.first?.day } ? 1 : 0
        }
        let order = roster.hearings.indices.sorted { a, b in
            let fixedA = roster.hearings[a].fixed != nil
            let fixedB = roster.hearings[b].fixed != nil
            if fixedA != fixedB { return fixedA }
            return (held[a], oneDay[a], bestScore[a], b) > (held[b], oneDay[b], bestScore[b], a)
        }
        for h in order {
            let hearing = roster.hearings[h]
            var best: (rank: Double, score: Double, start: Int, interpreter: Int, officer: Int)?
            for (s, start) in index.starts[h].enumerated() {
                guard occupancy.roomFits(h, start.slots) else { continue }
                var bestInterpreter: (Int, Double, Double)?  // option, term, rank
                for (k, option) in start.interpreters.enumerated()
                where occupancy.interpreterFits(option.person, isOnsite: option.mode == .onsite, hearing: h, slots: start.slots) {
                    let rank = guide?.interpreter(option.person, hearing: h, start: s) ?? 0
                    if bestInterpreter == nil || (rank, option.term) > (bestInterpreter!.2, bestInterpreter!.1) {
                        bestInterpreter = (k, option.term, rank)
                    }
                }
                guard let (i, interpreterTerm, _) = bestInterpreter else { continue }
                var bestOfficer: (Int, Double, Double)?  // option, term, rank
                for (k, option) in start.officers.enumerated() where occupancy.officerFits(option.person, start.slots) {
                    let rank = guide?.officer(option.person, hearing: h, start: s) ?? 0
                    if bestOfficer == nil || (rank, option.term) > (bestOfficer!.2, bestOfficer!.1) { bestOfficer = (k, option.term, rank) }
                }
                guard let (o, officerTerm, _) = bestOfficer else { continue }
                let score = start.dayTerm + interpreterTerm + officerTerm
                // Rounded, so that starts the LP holds about equally go by score.
                let rank = ((guide?.held(h, start: s) ?? 0) * resolution.start).rounded()
                if best == nil || (rank, score) > (best!.rank, best!.score) { best = (rank, score, s, i, o) }
            }
            guard let best, best.score > 0 || hearing.fixed != nil else { continue }
            let start = index.starts[h][best.start]
            let interpreter = start.interpreters[best.interpreter]
            let choice = PlanAssembler.Choice(
                hearing: h, startIndex: best.start, start: start, interpreter: interpreter, mode: interpreter.mode,
                officer: start.officers[best.officer])
            result.append(choice)
            occupancy.add(choice.placement)
        }
        return result
    }
}

/// An LP relaxation's point, read as preferences for `GreedyStart`.
///
/// What the point sends to a pool (a group of hearings at one location, slot and language, or of
/// officers) is kept once per pool, as a short list of the people it sends and how much, and every
/// member hearing and start refers to its pools' lists: a large week has hundreds of members per
/// pool, and copying each pool's list to every member took seconds.
struct GreedyGuide {
    typealias Sent = [(person: Int, value: Double)]

    private let heldByStart: [[Double]]
    /// Where hearing `h`'s starts begin in the flat numbering of every hearing's starts.
    private let firstStart: [Int]
    private let interpreters: References
    private let officers: References

    /// For each hearing and start (flat), the lists that count for it: `lists[list[k]]` for `k` in
    /// `start[hs]..<start[hs + 1]`.
    private struct References {
        var lists: [Sent] = []
        var start: [Int] = []
        var list: [Int] = []

        init(starts: Int, pairs: [(start: Int, list: Int)], lists: [Sent]) {
            self.lists = lists
            var start = Array(repeating: 0, count: starts + 1)
            for pair in pairs { start[pair.start + 1] += 1 }
            for k in 0..<starts { start[k + 1] += start[k] }
            var next = start
            var list = Array(repeating: 0, count: pairs.count)
            for pair in pairs {
                list[next[pair.start]] = pair.list
                next[pair.start] += 1
            }
            self.start = start
            self.list = list
        }

        func value(of person: Int, at hs: Int) -> Double {
            var total = 0.0
            for k in start[hs]..<start[hs + 1] {
                for entry in lists[list[k]] where entry.person == person { total += entry.value }
            }
            return total
        }
    }

    init(model: ModelBuilder.Model, index: ProblemIndex, values: [Double]) {
        heldByStart = model.heldColumns.map { ranges in ranges.map { range in range.reduce(0) { $0 + values[$1] } } }
        var firstStart: [Int] = []
        var count = 0
        for starts in index.starts {
            firstStart.append(count)
            count += starts.count
        }
        self.firstStart = firstStart
        /// Sums by person what `entries` send (only what they send at all).
        func sent(_ entries: [(person: Int, column: Int)]) -> Sent {
            var result: Sent = []
            for entry in entries where values[entry.column] > 0 {
                if let k = result.firstIndex(where: { $0.person == entry.person }) {
                    result[k].value += values[entry.column]
                } else {
                    result.append((entry.person, values[entry.column]))
                }
            }
            return result
        }
        /// One side's lists: each pool's, shared by its members, and each start's own where the
        /// hearing is not pooled (`person(h, s, k)`: the person of option `k`).
        func references(
            pools: [(sent: [(person: Int, column: Int)], members: [(hearing: Int, start: Int)])],
            columns: [[Range<Int>]], isPooled: [Bool], person: (Int, Int, Int) -> Int
        ) -> References {
            var lists: [Sent] = []
            var pairs: [(start: Int, list: Int)] = []
            for pool in pools {
                let list = sent(pool.sent)
                guard !list.isEmpty else { continue }
                lists.append(list)
                for member in pool.members { pairs.append((firstStart[member.hearing] + member.start, lists.count - 1)) }
            }
            for (h, ranges) in columns.enumerated() where !isPooled[h] {
                for (s, range) in ranges.enumerated() {
                    let list = sent(range.enumerated().map { k, column in (person(h, s, k), column) })
                    guard !list.isEmpty else { continue }
                    lists.append(list)
                    pairs.append((firstStart[h] + s, lists.count - 1))
                }
            }
            return References(starts: count, pairs: pairs, lists: lists)
        }
        interpreters = references(
            pools: model.interpreterGroups.map { group in
                (group.sent.map { ($0.interpreter, $0.column) }, group.members.map { ($0.hearing, $0.start) })
            },
            columns: model.heldColumns, isPooled: model.isInterpreterPooled
        ) { h, s, k in index.starts[h][s].interpreters[k].person }
        officers = references(
            pools: model.officerGroups.map { group in
                (group.sent.map { ($0.officer, $0.column) }, group.members.map { ($0.hearing, $0.start) })
            },
            columns: model.officerColumns, isPooled: model.isOfficerPooled
        ) { h, s, k in index.starts[h][s].officers[k].person }
    }

    /// How fully the LP holds hearing `h`, anywhere.
    func held(_ h: Int) -> Double { heldByStart[h].reduce(0, +) }
    func held(_ h: Int, start s: Int) -> Double { heldByStart[h][s] }
    func interpreter(_ person: Int, hearing h: Int, start s: Int) -> Double { interpreters.value(of: person, at: firstStart[h] + s) }
    func officer(_ person: Int, hearing h: Int, start s: Int) -> Double { officers.value(of: person, at: firstStart[h] + s) }
}
