import Foundation
import LinearProgramming
import Logging
import MIPSearch
import PlannerModel

/// Improves a plan of a large roster by solving small programs exactly, one after another: up to
/// 50 hearings of one language, or of one location, and one ISO week are free to start anywhere in
/// that week, every other hearing stays where the plan has it (its people, room and site taken:
/// `ModelBuilder.taken`), and GLPK's branch and cut searches the small program from the plan.
/// Where the local search moves one hearing at a time, this finds changes of many at once: a
/// chain of interpreters handed on so that a preference is met, a day's hearings re-packed so
/// that one more fits, a location's officers' weeks given to other languages' hearings.
///
/// Each small program is the whole program with all but the free hearings' columns in their week
/// fixed where the plan has them (the rules hold slot by slot, day by day or week by week, so the
/// hearings of other weeks cannot meet the free ones and are left out), so a better point of it
/// is a better plan that keeps every rule. It never changes a bound or a proof.
struct SubprogramSearch: Sendable {
    let solver: any MIPSolver
    let logger: Logger
    let index: ProblemIndex
    /// The builder of the whole program; each search sets its `free` hearings, week and `taken`.
    let builder: ModelBuilder
    var deadline: ContinuousClock.Instant?
    /// The time the deadline is of.
    var clock = SearchClock.continuous
    /// Stops the search as the deadline does, and the small programs being solved (the plan so
    /// far is returned).
    var cancellation: CancellationToken?
    /// At most this long for one small program, and at most this share of the time left: the
    /// rare small program that GLPK cannot close quickly must not hold up all the others.
    var searchLimit: Duration = .seconds(4)
    var searchShare = 0.1
    /// At most this many free hearings in one small program.
    var maximumFree = 50
    /// How many times the free sets double in size when a whole pass over them gains nothing and
    /// time is left. (On a 2,500 week with a limit of 30 s, the sets of 50 had done all they could
    /// after 22 s.)
    var widenings = 0
    /// The relaxation's account of where the plan loses (`GapShares`), when the planner has one:
    /// after each pass over the free sets, every hearing whose share of the gap is at least
    /// `shareThreshold` gets a set around it (`shareSets`), searched first in the next pass.
    var gapShares: GapShares?
    var shareThreshold = 3.0

    /// The hearings a small program frees, in one ISO week. A set around a hearing (`around`: a
    /// valuable unheld one, or one with a large share of the gap) is made again from the plan each
    /// time it is searched (`resolved`): the held hearings of its people change as the plan does.
    struct FreeSet: Equatable {
        var free: Set<Int>
        var week: ISOWeek
        var around: Int? = nil
    }

    struct Outcome {
        var choices: [PlanAssembler.Choice]
        var searches = 0
        var improved = 0
        var gain = 0.0
    }

    /// The plan `choices` improved until the deadline, or until no free set improves it (of the
    /// largest size, after `widenings`). With two threads, two free sets are searched at once from
    /// the same plan; the second one's placements are taken only where they still fit beside the
    /// first one's (`Occupancy`), so the plan keeps every rule. A small program the solver fails
    /// on is passed over (and logged).
    func improve(_ choices: [PlanAssembler.Choice], threads: Int = 1) -> Outcome {
        let builder = builder.prepared()
        var outcome = Outcome(choices: choices)
        var search = self
        for widening in 0...max(0, widenings) {
            if widening > 0 {
                guard !isPastDeadline else { break }
                search.maximumFree *= 2
                logger.debug("subprograms widened", metadata: ["maximumFree": "\(search.maximumFree)"])
            }
            let found = search.improve(outcome.choices, threads: threads, builder: builder)
            outcome.choices = found.choices
            outcome.searches += found.searches
            outcome.improved += found.improved
            outcome.gain += found.gain
        }
        return outcome
    }

    /// `improve` with free sets of `maximumFree`.
    private func improve(_ choices: [PlanAssembler.Choice], threads: Int, builder: ModelBuilder) -> Outcome {
        var placed: [PlanAssembler.Choice?] = Array(repeating: nil, count: index.roster.hearings.count)
        // What the plan takes of everybody, kept up to date: each small program's constants.
        var occupancy = Occupancy(index: index)
        for choice in choices {
            placed[choice.hearing] = choice
            occupancy.add(choice.placement)
        }
        var outcome = Outcome(choices: choices)
        let base = neighbourhoods(placed)
        var groups = base
        // How many sets around large shares of the gap lead `groups`.
        var leading = 0
        let width = max(1, min(threads, groups.count))
        var sinceImproved = 0
        var k = 0
        // Sets whose gain was passed over, searched again first, from the plan as it then stands.
        var again: [Int] = []
        while !isPastDeadline {
            if k >= groups.count, let gapShares {
                // A pass is over: the hearings the plan now loses most on lead the next one. Made
                // before the search may end, so that it ends only when these too gain nothing
                // (an unchanged plan gives the same sets).
                let shares = gapShares.account(of: placed.compactMap { $0 }, index: index).hearings
                let sets = shareSets(placed, shares: shares, besides: base)
                again = again.filter { $0 >= leading }.map { $0 - leading + sets.count }
                groups = sets + base
                leading = sets.count
                k = 0
            }
            guard sinceImproved < groups.count else { break }
            var positions: [Int] = []
            while positions.count < width, !again.isEmpty { positions.append(again.removeFirst()) }
            while positions.count < width {
                if !positions.contains(k % groups.count) { positions.append(k % groups.count) }
                k += 1
            }
            let batch = positions.map { resolved(groups[$0], placed: placed) }
            let base = placed
            let baseOccupancy = occupancy
            let found = Parallel.map(batch.count, threads: width) { b in
                Result { try search(batch[b].free, in: batch[b].week, placed: base, occupancy: baseOccupancy, builder: builder) }
            }
            var taken = false
            // Hearings freed by what was taken: an unheld one can be in two weeks' sets at once,
            // and only the first to take it counts it.
            var freed = Set<Int>()
            for (position, result) in zip(positions, found) {
                outcome.searches += 1
                sinceImproved += 1
                let better: (free: Set<Int>, chosen: [PlanAssembler.Choice], gain: Double)?
                switch result {
                case .success(let value): better = value
                case .failure(let error):
                    logger.error("a subprogram could not be searched", metadata: ["error": "\(error)"])
                    better = nil
                }
                guard let (free, chosen, gain) = better else { continue }
                var next = occupancy
                for h in free { next.remove(h) }
                // Found beside other changes: taken only if every new placement still fits. A
                // gain passed over is searched again in the next batch, from the plan as it then
                // stands (the batch took something, so there is no end without a gain).
                guard free.isDisjoint(with: freed), chosen.allSatisfy({ choice in
                    let fits = !taken || next.fits(choice.placement)
                    if fits { next.add(choice.placement) }
                    return fits
                }) else {
                    sinceImproved = 0
                    again.append(position)
                    continue
                }
                occupancy = next
                for h in free { placed[h] = nil }
                for choice in chosen { placed[choice.hearing] = choice }
                taken = true
                freed.formUnion(free)
                outcome.improved += 1
                outcome.gain += gain
                sinceImproved = 0
            }
        }
        outcome.choices = placed.compactMap { $0 }
        return outcome
    }

    private var isPastDeadline: Bool {
        cancellation?.isCancelled == true || deadline.map { clock.now >= $0 } ?? false
    }

    /// The free hearings' new choices and the gain, when the small program has a better point.
    /// The free hearings may start only in `week`: the rules hold slot by slot, day by day or
    /// week by week, so only what `occupancy` takes in that week can meet them (as constants of
    /// the rows their columns enter, `ModelBuilder.taken`). Returns the hearings it freed (the
    /// set's, less those held in another week by now: they stay where they are), their new
    /// choices and the gain. Internal for the tests, as `neighbourhoods`.
    func search(
        _ set: Set<Int>, in week: ISOWeek, placed: [PlanAssembler.Choice?], occupancy: Occupancy, builder: ModelBuilder
    ) throws -> (free: Set<Int>, chosen: [PlanAssembler.Choice], gain: Double)? {
        let began = clock.now
        let free = set.filter { placed[$0].map { $0.start.day.isoWeek == week } ?? true }
        var taken = occupancy
        for h in free { taken.remove(h) }
        var builder = builder
        builder.free = free
        builder.freeWeek = week
        builder.taken = taken
        let model = builder.build()
        guard !model.isContradictory else { return nil }
        let program = model.program
        let start = model.values(for: free.sorted().compactMap { placed[$0] }, index: index, taken: taken)
        guard Search.isFeasible(start, in: program) else {
            logger.debug("subprogram skipped: the plan is not a point of it", metadata: ["free": "\(free.count)"])
            return nil
        }
        let before = program.objectiveValue(at: start)
        let built = clock.now
        var limit = searchLimit
        if let deadline {
            let left = deadline - clock.now
            limit = min(limit, max(.milliseconds(200), left * searchShare), left)
        }
        guard limit > .zero else { return nil }
        let solution = try solver.solve(program, options: SolveOptions(
            timeLimit: limit, presolve: true, startingSolution: start, cancellation: cancellation,
            objectiveStep: Search.objectiveStep(of: program)))
        logger.debug("subprogram searched", metadata: [
            "free": "\(free.count)", "columns": "\(program.columnCount)", "status": "\(solution.status)",
            "seconds": "\(solution.seconds)", "buildSeconds": "\((built - began).seconds)", "gain": "\((solution.objectiveValue ?? before) - before)",
        ])
        guard solution.status.hasSolution, let objective = solution.objectiveValue, objective > before + 1e-6,
              Search.isFeasible(solution.values, in: program)
        else { return nil }
        let assembler = PlanAssembler(index: index, model: model)
        let chosen = try assembler.choices(from: solution.values, of: free.sorted())
        return (free, chosen, objective - before)
    }

    /// The free sets, in the order they are searched: per language and ISO week, the hearings of
    /// that language placed in that week and the unheld ones that could start in it, in runs of
    /// consecutive days of at most `maximumFree`; the same per location; per location the
    /// unheld hearings worth most with the held ones worth least, half of `maximumFree` each; and
    /// per valuable unheld hearing the held hearings of its people (`peopleSets`). The
    /// language's sets hand interpreters on; the location's trade its officers' weekly maxima and
    /// rooms between languages (most unheld hearings of a large week wait for an officer's week).
    /// Internal, not private, for the tests of when the search ends.
    func neighbourhoods(_ placed: [PlanAssembler.Choice?]) -> [FreeSet] {
        let roster = index.roster
        let calendar = index.calendar
        let parts = calendar.partsPerDay
        struct Key: Hashable { let share: String; let week: ISOWeek }
        var held: [Key: [(day: Int, hearing: Int)]] = [:]
        var unheld: [Key: [Int]] = [:]
        for (h, hearing) in roster.hearings.enumerated() {
            let shares = ["language " + hearing.language, "location " + hearing.location]
            if let choice = placed[h] {
                for share in shares {
                    held[Key(share: share, week: choice.start.day.isoWeek), default: []]
                        .append((choice.start.slot / parts, h))
                }
            } else if hearing.fixed == nil {
                for week in Set(index.starts[h].map(\.day.isoWeek)) {
                    for share in shares { unheld[Key(share: share, week: week), default: []].append(h) }
                }
            }
        }
        // Each hearing's term of the score in the plan (0 unheld), and what it could gain at most:
        // its best placement on its own, less its own.
        let score = { (h: Int) in placed[h].map { $0.start.dayTerm + $0.interpreter.term + $0.officer.term } ?? 0 }
        let potential = roster.hearings.indices.map { h in
            let best = index.starts[h].map { start in
                start.dayTerm + (start.interpreters.map(\.term).max() ?? 0) + (start.officers.map(\.term).max() ?? 0)
            }.max() ?? 0
            return max(0, best - score(h))
        }
        var groups: [FreeSet] = []
        for key in Set(held.keys).union(unheld.keys) {
            let members = (held[key] ?? []).sorted { ($0.day, $0.hearing) < ($1.day, $1.hearing) }
            let waiting = unheld[key] ?? []
            guard !waiting.isEmpty || !members.isEmpty else { continue }
            let total = members.count + waiting.count
            let runs = max(1, (total + maximumFree - 1) / maximumFree)
            for r in 0..<runs {
                var free = Set(members[(r * members.count / runs)..<((r + 1) * members.count / runs)].map(\.hearing))
                for (k, h) in waiting.enumerated() where k % runs == r { free.insert(h) }
                groups.append(FreeSet(free: free, week: key.week))
            }
        }
        // Per location and week, the unheld hearings worth most with the held ones worth least:
        // who gets the officers' weeks, whatever the days and languages.
        let half = max(1, maximumFree / 2)
        for key in unheld.keys where key.share.hasPrefix("location ") {
            let waiting = unheld[key]!.sorted { (potential[$0], $1) > (potential[$1], $0) }
            let cheapest = (held[key] ?? []).map(\.hearing).sorted { (score($0), $0) < (score($1), $1) }
            for r in 0..<((waiting.count + half - 1) / half) {
                let free = Set(waiting[(r * half)..<min(waiting.count, (r + 1) * half)])
                    .union(cheapest[min(cheapest.count, r * half)..<min(cheapest.count, (r + 1) * half)])
                groups.append(FreeSet(free: free, week: key.week))
            }
        }
        groups += peopleSets(placed, potential: potential, score: score)
        // Those that could gain most first.
        return groups.map { (gain: $0.free.reduce(0.0) { $0 + potential[$1] }, first: $0.free.min() ?? 0, group: $0) }
            .sorted { a, b in
                // Ties in a fixed order, so that a plan does not depend on the order of a hash.
                if a.gain != b.gain { return a.gain > b.gain }
                return (a.first, a.group.week) < (b.first, b.group.week)
            }
            .map(\.group)
    }

    /// Per unheld hearing that could gain more than twice what a held hearing scores on average
    /// (with the default weights: a hearing whose deadline falls in the horizon), and per week it
    /// could start in, the set around it (`peopleSet`). Such a hearing is unheld when the few
    /// people who could take it are taken on its days; the language's and location's sets cut a
    /// week into runs of days or languages that may miss them, these sets free exactly their
    /// hearings. (On a generated week, two deadline hearings of one Monday went unheld in most
    /// runs without them: about 2,000 of the score.)
    func peopleSets(_ placed: [PlanAssembler.Choice?], potential: [Double], score: (Int) -> Double) -> [FreeSet] {
        let roster = index.roster
        let heldScores = roster.hearings.indices.compactMap { placed[$0] == nil ? nil : score($0) }
        guard !heldScores.isEmpty else { return [] }
        let threshold = 2 * heldScores.reduce(0, +) / Double(heldScores.count)
        var sets: [FreeSet] = []
        for (h, hearing) in roster.hearings.enumerated()
        where placed[h] == nil && hearing.fixed == nil && potential[h] > threshold {
            sets += setsAround(h, placed: placed)
        }
        return sets
    }

    /// The sets around hearing `h` (`peopleSet`): in the week the plan holds it in, or, unheld,
    /// in each week it could start in.
    func setsAround(_ h: Int, placed: [PlanAssembler.Choice?]) -> [FreeSet] {
        let weeks = placed[h].map { [$0.start.day.isoWeek] } ?? Set(index.starts[h].map(\.day.isoWeek)).sorted()
        return weeks.map { FreeSet(free: peopleSet(around: h, in: $0, placed: placed), week: $0, around: h) }
    }

    /// Hearing `h` with the held hearings of `week` whose interpreter or officer it could have,
    /// those on its days first, then a day away and so on, interpreters' before officers' at one
    /// distance, `maximumFree` in all.
    func peopleSet(around h: Int, in week: ISOWeek, placed: [PlanAssembler.Choice?]) -> Set<Int> {
        let parts = index.calendar.partsPerDay
        let starts = index.starts[h].filter { $0.day.isoWeek == week }
        let days = starts.map { $0.slot / parts }
        let interpreters = Set(starts.flatMap { $0.interpreters.map(\.person) })
        let officers = Set(starts.flatMap { $0.officers.map(\.person) })
        // Each held hearing of the week that has one of its people: days away, and 0 for an
        // interpreter's, 1 for an officer's.
        var rank: [(distance: Int, kind: Int, hearing: Int)] = []
        for case let choice? in placed where choice.hearing != h && choice.start.day.isoWeek == week {
            let kind: Int
            if interpreters.contains(choice.interpreter.person) {
                kind = 0
            } else if officers.contains(choice.officer.person) {
                kind = 1
            } else {
                continue
            }
            let day = choice.start.slot / parts
            rank.append((days.map { abs($0 - day) }.min() ?? 0, kind, choice.hearing))
        }
        let nearest = rank.sorted { ($0.distance, $0.kind, $0.hearing) < ($1.distance, $1.kind, $1.hearing) }
            .prefix(max(0, maximumFree - 1)).map(\.hearing)
        return Set(nearest).union([h])
    }

    /// Per hearing whose share of the plan's gap (`shares`, from `GapShares`) is at least
    /// `shareThreshold`, the sets around it (`setsAround`); largest shares first, none that
    /// `known` has already.
    /// Where the local search and the language's and location's sets have done what they can, the
    /// gap left is held by a few dozen hearings (on a generated week of 2,500 after one pass: 300 of
    /// the score, a dozen hearings above 3): a preference the relaxation meets and the plan does
    /// not, a valuable hearing left out, a person priced by the relaxation left idle.
    func shareSets(_ placed: [PlanAssembler.Choice?], shares: [Double], besides known: [FreeSet]) -> [FreeSet] {
        struct Around: Hashable { let hearing: Int; let week: ISOWeek }
        let searched = Set(known.compactMap { set in set.around.map { Around(hearing: $0, week: set.week) } })
        var sets: [(share: Double, set: FreeSet)] = []
        for (h, hearing) in index.roster.hearings.enumerated() where shares[h] >= shareThreshold && hearing.fixed == nil {
            for set in setsAround(h, placed: placed) where !searched.contains(Around(hearing: h, week: set.week)) {
                sets.append((shares[h], set))
            }
        }
        // Ties in the roster's order, so that a plan does not depend on the order of a hash.
        return sets.enumerated()
            .sorted { a, b in a.element.share != b.element.share ? a.element.share > b.element.share : a.offset < b.offset }
            .map(\.element.set)
    }

    /// `set` as it is to be searched from `placed`.
    func resolved(_ set: FreeSet, placed: [PlanAssembler.Choice?]) -> FreeSet {
        guard let h = set.around else { return set }
        return FreeSet(free: peopleSet(around: h, in: set.week, placed: placed), week: set.week, around: h)
    }
}
