import PlannerModel

/// The best plan of a tiny roster, found by exhaustive search.
public struct BruteForceResult: Sendable, Equatable {
    /// The maximum score over all valid plans.
    public var optimum: Double
    /// One optimal choice per roster hearing, in roster order.
    public var choices: [HearingChoice]
    /// How many nodes the search visited: a measure of its work, for tests of the pruning.
    public var nodesSearched: Int
    /// Re-planning: how many frozen hearings must give way to fixed ones (the fewest possible).
    public var frozenGivingWay = 0
}

/// The exact maximum score over all valid plans of `roster`, or `nil` when no plan holds every fixed
/// hearing as fixed. For tiny rosters only: the search is exponential.
public func bruteForceOptimum(_ roster: Roster) -> Double? {
    bruteForce(roster)?.optimum
}

/// An optimal choice per roster hearing (in roster order), or `nil` when no plan holds every fixed
/// hearing as fixed.
public func bruteForcePlan(_ roster: Roster) -> [HearingChoice]? {
    bruteForce(roster)?.choices
}

/// The optimum and an optimal plan of `roster`, or `nil` when the fixed hearings cannot all be held.
///
/// A depth-first search over every hearing's options, checking rules 5-8 incrementally and pruning
/// with an upper bound that cannot cut off a better plan. It stays exact because it skips only
/// options that another option weakly dominates:
/// - a non-fixed hearing with a score <= 0 (leaving it unheld scores 0 and frees every resource);
/// - an on-site interpreter where the same interpreter could work remotely (same slots, room and
///   weekly count, but remote work is exempt from rule 6);
/// - a language other than the best-scoring one the interpreter speaks for the hearing (the language
///   changes the score only).
///
/// `pruning: false` turns the bound off (the search is then far slower); it exists so that a test can
/// show the bound never cuts off the optimum.
public func bruteForce(_ roster: Roster, pruning: Bool = true) -> BruteForceResult? {
    var search = BruteForceSearch(roster: roster, pruning: pruning)
    return search.run()
}

/// One placement of one hearing, with the resources it takes as plain indices (no references, so
/// that copying one is cheap even in a debug build).
private struct Option {
    var score: Double
    var day: Int
    /// The slots taken are `firstSlot ..< firstSlot + length`: consecutive parts of one day.
    var firstSlot: Int
    var length: Int
    var interpreter: Int
    /// The officer's person index (interpreters first, then officers).
    var officer: Int
    var isOnsite: Bool
    var location: Int
    var week: Int
    /// Index into the hearing's placements.
    var placement: Int
}

private struct BruteForceSearch {
    let roster: Roster
    let pruning: Bool
    let dayCount: Int
    let slotCount: Int
    let weekCount: Int
    let locationCount: Int
    /// Per hearing (roster order), its options, best score first.
    var options: [[Option]] = []
    /// Per hearing, what each option means, indexed by `Option.placement`.
    var placements: [[HearingChoice.Placement]] = []
    var isFixed: [Bool] = []
    /// Hearing indices in search order.
    var order: [Int] = []

    // Resource capacities and the state of the search.
    var caps: [Int] = []           // per person
    var rooms: [Int] = []          // per location
    var busy: [Bool]               // person * slotCount + slot
    var onsiteLocation: [Int]      // interpreter * dayCount + day: location, or -1
    var onsiteCount: [Int]         // interpreter * dayCount + day
    var weekLoad: [Int]            // person * weekCount + week
    var roomLoad: [Int]            // location * slotCount + slot
    var freeRoomSlots: [Int]       // per location: rooms * slotCount - hearings' slots taken there
    var hearingLocation: [Int] = [] // per hearing: location index, or -1 when unknown
    // Buffers of the bound, reused at every node.
    var capacity: [Int] = []
    var itemValue: [Double] = []
    var itemWeight: [Int] = []
    var itemLocation: [Int] = []

    var chosen: [Int?]             // option index per hearing
    var nodes = 0
    var best = -Double.infinity
    var bestChosen: [Int?] = []

    init(roster: Roster, pruning: Bool) {
        self.roster = roster
        self.pruning = pruning
        let calendar = ReferenceCalendar(roster.horizon)
        let reference = ReferenceScore(roster: roster)
        let parts = roster.horizon.slots
        let days = calendar.workingDays
        dayCount = days.count
        slotCount = days.count * parts.count
        var weeks: [ISOWeek] = []
        for day in days where !weeks.contains(day.isoWeek) { weeks.append(day.isoWeek) }
        weekCount = weeks.count
        locationCount = roster.locations.count
        let interpreterCount = roster.interpreters.count
        let personCount = interpreterCount + roster.officers.count
        busy = Array(repeating: false, count: personCount * slotCount)
        onsiteLocation = Array(repeating: -1, count: interpreterCount * dayCount)
        onsiteCount = Array(repeating: 0, count: interpreterCount * dayCount)
        weekLoad = Array(repeating: 0, count: personCount * weekCount)
        roomLoad = Array(repeating: 0, count: locationCount * slotCount)
        freeRoomSlots = roster.locations.map { $0.rooms.map { $0 * days.count * parts.count } ?? Int.max }
        caps = roster.interpreters.map { $0.maxHearingsPerWeek ?? Int.max }
            + roster.officers.map { $0.maxHearingsPerWeek ?? Int.max }
        rooms = roster.locations.map { $0.rooms ?? Int.max }
        chosen = Array(repeating: nil, count: roster.hearings.count)
        capacity = freeRoomSlots
        itemValue = Array(repeating: 0, count: roster.hearings.count)
        itemWeight = Array(repeating: 0, count: roster.hearings.count)
        itemLocation = Array(repeating: 0, count: roster.hearings.count)

        for hearing in roster.hearings {
            isFixed.append(hearing.fixed != nil)
            let location = roster.locations.firstIndex(where: { $0.id == hearing.location })
            hearingLocation.append(location ?? -1)
            guard let location else {
                options.append([])
                placements.append([])
                continue
            }
            var list: [Option] = []
            var meanings: [HearingChoice.Placement] = []
            let overdue = hearing.latest < roster.horizon.start
            for (dayIndex, day) in days.enumerated()
            where day >= hearing.earliest && (overdue || day <= hearing.latest) {
                for (partIndex, part) in parts.enumerated() where partIndex + hearing.durationSlots <= parts.count {
                    if let fixed = hearing.fixed, fixed.date != day || fixed.slot != part { continue }
                    let names = parts[partIndex..<(partIndex + hearing.durationSlots)]
                        .map { SlotName(date: day, part: $0) }
                    for (i, interpreter) in roster.interpreters.enumerated() {
                        if let pinned = hearing.fixed?.interpreter, pinned != interpreter.id { continue }
                        guard !hearing.excludedInterpreters.contains(interpreter.id),
                              Set(names).isSubset(of: interpreter.available)
                        else { continue }
                        let isRemote = interpreter.remote && hearing.remoteInterpreterAllowed
                        guard isRemote || interpreter.onsiteLocations.contains(hearing.location) else { continue }
                        let languages = ([hearing.language] + hearing.fallbackLanguages).filter { code in
                            interpreter.languages.contains { $0.code == code }
                        }
                        for (o, officer) in roster.officers.enumerated() {
                            if let pinned = hearing.fixed?.officer, pinned != officer.id { continue }
                            guard officer.location == hearing.location,
                                  hearing.requiredTrainings.allSatisfy(officer.trainings.contains),
                                  !hearing.excludedOfficers.contains(officer.id),
                                  Set(names).isSubset(of: officer.available)
                            else { continue }
                            var bestLanguage: (code: String, score: Double)?
                            for code in languages {
                                let score = reference.score(
                                    hearing: hearing, date: day, interpreter: interpreter, language: code,
                                    officer: officer)
                                // Strictly better only: on a tie the hearing's own language (listed first) stays.
                                if score > bestLanguage?.score ?? -Double.infinity { bestLanguage = (code, score) }
                            }
                            guard let (code, score) = bestLanguage else { continue }
                            if hearing.fixed == nil && score <= 0 { continue }
                            list.append(Option(
                                score: score, day: dayIndex, firstSlot: dayIndex * parts.count + partIndex,
                                length: hearing.durationSlots, interpreter: i, officer: interpreterCount + o,
                                isOnsite: !isRemote, location: location,
                                week: weeks.firstIndex(of: day.isoWeek) ?? 0, placement: meanings.count))
                            meanings.append(.init(
                                date: day, slot: part, interpreter: interpreter.id,
                                mode: isRemote ? .remote : .onsite, language: code, officer: officer.id))
                        }
                    }
                }
            }
            // Stable sort, best first: good plans are found early and prune the rest.
            options.append(
                list.enumerated()
                    .sorted { ($1.element.score, $0.offset) < ($0.element.score, $1.offset) }
                    .map(\.element))
            placements.append(meanings)
        }
        // Fixed hearings first (they fail fast), then those with the fewest options (fail first: this
        // cut the nodes searched by half on random rosters), then the most valuable.
        let opts = options
        let fixed = isFixed
        order = roster.hearings.indices.sorted { a, b in
            if fixed[a] != fixed[b] { return fixed[a] }
            if opts[a].count != opts[b].count { return opts[a].count < opts[b].count }
            let sa = opts[a].first?.score ?? 0
            let sb = opts[b].first?.score ?? 0
            return sa != sb ? sa > sb : a < b
        }
    }

    mutating func run() -> BruteForceResult? {
        search(depth: 0, current: 0)
        guard best > -Double.infinity else { return nil }
        let choices = roster.hearings.indices.map { h in
            let placement = bestChosen[h].map { placements[h][options[h][$0].placement] }
            return HearingChoice(hearing: roster.hearings[h].id, placement: placement)
        }
        return BruteForceResult(optimum: best, choices: choices, nodesSearched: nodes)
    }

    private mutating func search(depth: Int, current: Double) {
        nodes += 1
        if depth == order.count {
            if current > best {
                best = current
                bestChosen = chosen
            }
            return
        }
        if pruning && !boundAllows(depth: depth, current: current) { return }

        let h = order[depth]
        for (index, option) in options[h].enumerated() where isFeasible(option) {
            apply(option, sign: 1)
            chosen[h] = index
            search(depth: depth + 1, current: current + option.score)
            apply(option, sign: -1)
            chosen[h] = nil
        }
        if !isFixed[h] {
            search(depth: depth + 1, current: current)
        }
    }

    /// Whether the hearings from `depth` on could still lift the score above the best plan found.
    ///
    /// Each remaining hearing scores at most its best option still feasible now (options only get
    /// fewer deeper down); a fixed one must be held, so it counts even when negative, and one with no
    /// feasible option left ends the branch. At a location with limited rooms the held hearings also
    /// fit in its free room-slots, so there the non-fixed ones count as a fractional knapsack
    /// (value: best score, weight: duration), which is never below the best integral choice.
    /// Written with loops and reused buffers because it runs at every node.
    private mutating func boundAllows(depth: Int, current: Double) -> Bool {
        var bound = current
        var itemCount = 0
        for location in 0..<locationCount { capacity[location] = freeRoomSlots[location] }
        for j in depth..<order.count {
            let h = order[j]
            var k = 0
            while k < options[h].count && !isFeasible(options[h][k]) { k += 1 }
            guard k < options[h].count else {
                if isFixed[h] { return false }
                continue
            }
            let score = options[h][k].score
            let weight = options[h][k].length
            let location = hearingLocation[h]
            if isFixed[h] {
                bound += score
                if capacity[location] != Int.max {
                    capacity[location] -= weight
                    if capacity[location] < 0 { return false }
                }
            } else if score > 0 {
                if capacity[location] == Int.max {
                    bound += score
                } else {
                    itemValue[itemCount] = score
                    itemWeight[itemCount] = weight
                    itemLocation[itemCount] = location
                    itemCount += 1
                }
            }
        }
        // Fractional knapsack per location: best value per room-slot first (selection order; n <= 6).
        var taken = 0
        while taken < itemCount {
            var pick = taken
            for i in (taken + 1)..<itemCount
            where itemValue[i] * Double(itemWeight[pick]) > itemValue[pick] * Double(itemWeight[i]) {
                pick = i
            }
            itemValue.swapAt(taken, pick)
            itemWeight.swapAt(taken, pick)
            itemLocation.swapAt(taken, pick)
            let location = itemLocation[taken]
            let room = capacity[location]
            if room > 0 {
                let share = min(1, Double(room) / Double(itemWeight[taken]))
                bound += itemValue[taken] * share
                capacity[location] = room - itemWeight[taken]
            }
            taken += 1
        }
        return bound > best + 1e-9
    }

    private func isFeasible(_ option: Option) -> Bool {
        let i = option.interpreter
        let o = option.officer
        for slot in option.firstSlot..<(option.firstSlot + option.length) {
            if busy[i * slotCount + slot] || busy[o * slotCount + slot] { return false }
            if roomLoad[option.location * slotCount + slot] >= rooms[option.location] { return false }
        }
        if option.isOnsite {
            let there = onsiteLocation[i * dayCount + option.day]
            if there != -1 && there != option.location { return false }
        }
        return weekLoad[i * weekCount + option.week] < caps[i]
            && weekLoad[o * weekCount + option.week] < caps[o]
    }

    /// Takes (`sign` 1) or gives back (`sign` -1) the option's resources.
    private mutating func apply(_ option: Option, sign: Int) {
        let i = option.interpreter
        let o = option.officer
        for slot in option.firstSlot..<(option.firstSlot + option.length) {
            busy[i * slotCount + slot] = sign > 0
            busy[o * slotCount + slot] = sign > 0
            roomLoad[option.location * slotCount + slot] += sign
        }
        if option.isOnsite {
            let cell = i * dayCount + option.day
            onsiteCount[cell] += sign
            onsiteLocation[cell] = onsiteCount[cell] > 0 ? option.location : -1
        }
        weekLoad[i * weekCount + option.week] += sign
        weekLoad[o * weekCount + option.week] += sign
        if freeRoomSlots[option.location] != Int.max { freeRoomSlots[option.location] -= sign * option.length }
    }
}
