import PlannerModel

/// A kind of option: what a planner tells apart when choosing how to hold a hearing. Two
/// placements of the same way differ only in which (equally qualified) people take it, and
/// `OptionFinder` keeps the best of each way.
struct Way: Hashable, Comparable {
    let slot: Int
    let interpreterState: PreferenceState
    let officerState: PreferenceState
    let language: String
    let isOnsite: Bool

    static func < (a: Way, b: Way) -> Bool {
        (a.slot, rank(a.interpreterState), rank(a.officerState), a.language, a.isOnsite ? 0 : 1)
            < (b.slot, rank(b.interpreterState), rank(b.officerState), b.language, b.isOnsite ? 0 : 1)
    }

    static func rank(_ state: PreferenceState) -> Int {
        switch state {
        case .met: 0
        case .none: 1
        case .unmet: 2
        }
    }
}

/// The search behind `WhatIf.options`: every placement of the hearing, what it blocks, and the
/// best placement of each way with the exact repair of what it blocks (`Repair`).
struct OptionFinder {
    /// The best placement found for one way, with the repair that makes room for it.
    struct Found {
        let way: Way
        let placement: Placement
        let blockers: [Int]
        let repair: Repair.Outcome?
        /// The plan's placements of the blockers, before they move.
        let before: [Int: Placement]
        /// The search for the best placement of this way stopped at `repairLimit` with placements
        /// left that might have been better.
        var isCutShort = false

        var blockersBefore: Double { before.values.reduce(0) { $0 + $1.score } }

        var afterScore: Double { repair?.score ?? 0 }
        var loss: Double { blockersBefore - afterScore }
        var value: Double { placement.score - loss }
        var moves: Int { repair?.moves ?? 0 }
        var isExact: Bool { (repair?.isExact ?? true) && !isCutShort }
    }

    let index: ProblemIndex
    let hearing: Int
    /// Everybody else's placements (the hearing itself taken out).
    let occupancy: Occupancy
    /// The hearing's placement in the plan, if it is held.
    let current: Placement?
    var nodeLimit = 300
    /// At most this many placements with blockers are repaired per way (the most promising first).
    var repairLimit = 3
    /// Re-planning: change penalties and frozen hearings, in the repairs and the hearing's own
    /// placements (keep units, `ChangeTerms`); the occupancy's placements must count so too.
    var changes: ChangeTerms?
    /// Only the ways this accepts are searched (the evidence asks for those that meet one preference).
    var accepts: ((Way) -> Bool)?
    /// Per start, only the officers that can matter for the best way: for each officer's part of
    /// the score, the one with the fewest hearings in the way. The evidence's search for one best
    /// way sets it; the options of a hearing list every way and do not.
    var prunesOfficers = false

    /// A placement of the hearing, what it blocks, and an upper bound on its value.
    private struct Pair {
        let way: Way
        let placement: Placement
        let blockers: [Int]
        let upper: Double
    }

    /// What the searches share: the repair, and each blocker's candidates, made once.
    private final class Workspace {
        let repair: Repair
        var candidates: [Int: Repair.Candidates] = [:]
        var upperBounds: [Int: Double] = [:]  // per blocker: its best score with nobody else placed

        init(repair: Repair) { self.repair = repair }

        func candidateList(_ m: Int) -> Repair.Candidates {
            if let list = candidates[m] { return list }
            let list = repair.candidates(of: m)
            candidates[m] = list
            return list
        }
    }

    /// Every way the hearing could be held with the best placement of each, ways that cannot be
    /// held even with moves left out.
    func bestOfEachWay() -> [Found] {
        let workspace = makeWorkspace()
        let byWay = Dictionary(grouping: pairs(workspace), by: \.way)
        var result: [Found] = []
        for (_, list) in byWay {
            if let best = best(of: list, workspace: workspace) { result.append(best) }
        }
        return result.sorted { Self.ranks($0, before: $1, current: current) }
    }

    /// The best placement of all the accepted ways together: one search, whose bound stops it as
    /// soon as no placement left can beat what it has (the evidence wants only the best way).
    func bestOfAll() -> Found? {
        let workspace = makeWorkspace()
        return best(of: pairs(workspace), workspace: workspace)
    }

    private func makeWorkspace() -> Workspace {
        var repair = Repair(index: index, nodeLimit: nodeLimit)
        repair.changes = changes
        return Workspace(repair: repair)
    }

    /// Every placement of the hearing in an accepted way, with its blockers and bound.
    private func pairs(_ workspace: Workspace) -> [Pair] {
        let roster = index.roster
        let h = hearing
        let target = roster.hearings[h]
        func upper(_ m: Int) -> Double {
            if let value = workspace.upperBounds[m] { return value }
            let best = workspace.candidateList(m).best
            let value = roster.hearings[m].fixed != nil ? (best ?? 0) : max(0, best ?? 0)
            workspace.upperBounds[m] = value
            return value
        }
        var result: [Pair] = []
        for start in index.starts[h] {
            let officers = prunesOfficers ? fewestInTheWay(start) : start.officers
            for option in start.interpreters {
                let person = roster.interpreters[option.person]
                var modes: [Bool] = []
                if person.onsiteLocations.contains(target.location) { modes.append(true) }
                if person.remote && target.remoteInterpreterAllowed { modes.append(false) }
                for o in officers {
                    for isOnsite in modes {
                        let way = Way(
                            slot: start.slot, interpreterState: state(target.interpreterGender, person.gender),
                            officerState: state(target.officerGender, roster.officers[o.person].gender),
                            language: option.language, isOnsite: isOnsite)
                        if let accepts, !accepts(way) { continue }
                        let bonus = changes?.bonus(h, slot: start.slot, interpreter: option.person, officer: o.person) ?? 0
                        let placement = Placement(
                            hearing: h, slot: start.slot, duration: start.duration, interpreter: option.person,
                            isOnsite: isOnsite, language: option.language, registered: option.registered, officer: o.person,
                            score: start.dayTerm + option.term + o.term + bonus)
                        let blockers = occupancy.blockers(of: placement)
                        var bound = placement.score
                        for m in blockers { bound += upper(m) - (occupancy.placed[m]?.score ?? 0) }
                        result.append(Pair(way: way, placement: placement, blockers: blockers, upper: bound))
                    }
                }
            }
        }
        return result
    }

    /// For each officer term of the start, the officer with the fewest hearings in the way.
    private func fewestInTheWay(_ start: ProblemIndex.Start) -> [ProblemIndex.OfficerOption] {
        var chosen: [Double: (option: ProblemIndex.OfficerOption, count: Int)] = [:]
        for o in start.officers {
            let count = occupancy.officerBlockers(o.person, slots: start.slots)
            if let kept = chosen[o.term], kept.count <= count { continue }
            chosen[o.term] = (o, count)
        }
        return chosen.values.map(\.option).sorted { ($0.term, $1.person) > ($1.term, $0.person) }
    }

    /// The best of `list`, tried highest bound first, each placement with blockers repaired (at
    /// most `repairLimit` of them), until no bound left can beat the best found.
    private func best(of list: [Pair], workspace: Workspace) -> Found? {
        // Highest bound first; among equal bounds, free placements and the plan's own first.
        let ordered = list.sorted { a, b in
            if abs(a.upper - b.upper) > 1e-9 { return a.upper > b.upper }
            return (a.blockers.count, isCurrent(a.placement) ? 0 : 1) < (b.blockers.count, isCurrent(b.placement) ? 0 : 1)
        }
        var best: Found?
        var repairs = 0
        var isCutShort = false
        for pair in ordered {
            if let best, pair.upper < best.value - 1e-9 || (pair.upper < best.value + 1e-9 && best.moves == 0) { break }
            if !pair.blockers.isEmpty && repairs >= repairLimit {
                isCutShort = true
                break
            }
            let found: Found
            if pair.blockers.isEmpty {
                found = Found(way: pair.way, placement: pair.placement, blockers: [], repair: nil, before: [:])
            } else {
                repairs += 1
                var state = occupancy
                for m in pair.blockers { state.remove(m) }
                state.add(pair.placement)
                var before: [Int: Placement] = [:]
                for m in pair.blockers { before[m] = occupancy.placed[m] }
                var lists: [Int: Repair.Candidates] = [:]
                for m in pair.blockers { lists[m] = workspace.candidateList(m) }
                guard let outcome = workspace.repair.run(released: pair.blockers, before: before, candidates: lists, occupancy: state) else {
                    continue
                }
                found = Found(way: pair.way, placement: pair.placement, blockers: pair.blockers, repair: outcome, before: before)
            }
            if best == nil || isBetter(found, than: best!) { best = found }
        }
        if var best {
            best.isCutShort = isCutShort
            return best
        }
        return nil
    }

    private func isCurrent(_ p: Placement) -> Bool { current.map { p.isUnchanged(from: $0) } ?? false }

    private func isBetter(_ a: Found, than b: Found) -> Bool {
        if abs(a.value - b.value) > 1e-9 { return a.value > b.value }
        if a.moves != b.moves { return a.moves < b.moves }
        return isCurrent(a.placement) && !isCurrent(b.placement)
    }

    /// Best first: value, then the plan's own placement, fewer moves, an earlier start, more
    /// preferences met, on site before remote, the hearing's own language.
    static func ranks(_ a: Found, before b: Found, current: Placement?) -> Bool {
        if abs(a.value - b.value) > 1e-9 { return a.value > b.value }
        let ca = current.map { a.placement.isUnchanged(from: $0) } ?? false
        let cb = current.map { b.placement.isUnchanged(from: $0) } ?? false
        if ca != cb { return ca }
        if a.moves != b.moves { return a.moves < b.moves }
        return a.way < b.way
    }

    private func state(_ wanted: GenderPreference?, _ gender: Gender) -> PreferenceState {
        guard let wanted else { return .none }
        return wanted.isMet(by: gender) ? .met : .unmet
    }
}
