import PlannerModel

/// A quick feasible plan, given to the solver as its first incumbent: hearings in order of their
/// best possible score, each taking its best option that still keeps every hard rule.
///
/// It is only a starting point; the solver proves or improves on it. Fixed hearings go first,
/// but a start that cannot place them all is still offered (the solver then rejects it).
///
/// With a `guide` (an LP relaxation's point), hearings go in order of how fully the LP holds them,
/// each at the start the LP holds it most, with the people the LP sends there: a rounding of the
/// relaxation that keeps every rule.
struct GreedyStart {
    let index: ProblemIndex
    var guide: GreedyGuide?

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
        let held: [Double] = roster.hearings.indices.map { ((guide?.held($0) ?? 0) * 10).rounded() }
        let order = roster.hearings.indices.sorted { a, b in
            let fixedA = roster.hearings[a].fixed != nil
            let fixedB = roster.hearings[b].fixed != nil
            if fixedA != fixedB { return fixedA }
            return (held[a], bestScore[a], b) > (held[b], bestScore[b], a)
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
                let rank = ((guide?.held(h, start: s) ?? 0) * 20).rounded()
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
struct GreedyGuide {
    private let heldByStart: [[Double]]
    private let interpreterValue: [Int: Double]  // key(hearing, start, person)
    private let officerValue: [Int: Double]
    private let starts: Int

    init(model: ModelBuilder.Model, index: ProblemIndex, values: [Double]) {
        heldByStart = model.heldColumns.map { ranges in ranges.map { range in range.reduce(0) { $0 + values[$1] } } }
        let starts = max(1, index.starts.map(\.count).max() ?? 1)
        self.starts = starts
        func key(_ h: Int, _ s: Int, _ person: Int) -> Int { (h * starts + s) * 100_000 + person }
        var interpreterValue: [Int: Double] = [:]
        var officerValue: [Int: Double] = [:]
        // Only what the point sends at all: a missing key reads as 0 (most of a large week's pairs).
        for group in model.interpreterGroups {
            var sent: [Int: Double] = [:]
            for entry in group.sent where values[entry.column] > 0 { sent[entry.interpreter, default: 0] += values[entry.column] }
            guard !sent.isEmpty else { continue }
            for member in group.members {
                for (person, value) in sent { interpreterValue[key(member.hearing, member.start, person), default: 0] += value }
            }
        }
        for group in model.officerGroups {
            let sent = group.sent.filter { values[$0.column] > 0 }
            guard !sent.isEmpty else { continue }
            for member in group.members {
                for entry in sent { officerValue[key(member.hearing, member.start, entry.officer), default: 0] += values[entry.column] }
            }
        }
        for (h, ranges) in model.heldColumns.enumerated() where !model.isInterpreterPooled[h] {
            for (s, range) in ranges.enumerated() {
                for (k, column) in range.enumerated() {
                    interpreterValue[key(h, s, index.starts[h][s].interpreters[k].person), default: 0] += values[column]
                }
            }
        }
        for (h, ranges) in model.officerColumns.enumerated() where !model.isOfficerPooled[h] {
            for (s, range) in ranges.enumerated() {
                for (k, column) in range.enumerated() {
                    officerValue[key(h, s, index.starts[h][s].officers[k].person), default: 0] += values[column]
                }
            }
        }
        self.interpreterValue = interpreterValue
        self.officerValue = officerValue
    }

    private func key(_ h: Int, _ s: Int, _ person: Int) -> Int { (h * starts + s) * 100_000 + person }

    /// How fully the LP holds hearing `h`, anywhere.
    func held(_ h: Int) -> Double { heldByStart[h].reduce(0, +) }
    func held(_ h: Int, start s: Int) -> Double { heldByStart[h][s] }
    func interpreter(_ person: Int, hearing h: Int, start s: Int) -> Double { interpreterValue[key(h, s, person)] ?? 0 }
    func officer(_ person: Int, hearing h: Int, start s: Int) -> Double { officerValue[key(h, s, person)] ?? 0 }
}
