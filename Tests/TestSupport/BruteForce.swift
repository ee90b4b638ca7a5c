import PlannerModel

/// The best plan of a tiny roster, found by exhaustive search.
public struct BruteForceResult: Sendable, Equatable {
    /// The maximum score over all valid plans.
    public var optimum: Double
    /// One optimal choice per roster hearing, in roster order.
    public var choices: [HearingChoice]
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
public func bruteForce(_ roster: Roster) -> BruteForceResult? {
    var search = BruteForceSearch(roster: roster)
    return search.run()
}

/// One placement of one hearing, with the resources it takes as plain indices.
private struct Option {
    var score: Double
    var day: Int
    var slots: [Int]
    var interpreter: Int
    /// The officer's person index (interpreters first, then officers).
    var officer: Int
    var isOnsite: Bool
    var location: Int
    var week: Int
    var placement: HearingChoice.Placement
}

private struct BruteForceSearch {
    let roster: Roster
    let dayCount: Int
    let slotCount: Int
    let weekCount: Int
    let locationCount: Int
    /// Per hearing (roster order), its options, best score first.
    var options: [[Option]] = []
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

    var chosen: [Int?]             // option index per hearing
    var best = -Double.infinity
    var bestChosen: [Int?] = []

    init(roster: Roster) {
        self.roster = roster
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
        caps = roster.interpreters.map { $0.maxHearingsPerWeek ?? Int.max }
            + roster.officers.map { $0.maxHearingsPerWeek ?? Int.max }
        rooms = roster.locations.map { $0.rooms ?? Int.max }
        chosen = Array(repeating: nil, count: roster.hearings.count)

        for hearing in roster.hearings {
            isFixed.append(hearing.fixed != nil)
            guard let location = roster.locations.firstIndex(where: { $0.id == hearing.location }) else {
                options.append([])
                continue
            }
            var list: [Option] = []
            let overdue = hearing.latest < roster.horizon.start
            for (dayIndex, day) in days.enumerated()
            where day >= hearing.earliest && (overdue || day <= hearing.latest) {
                for (partIndex, part) in parts.enumerated() where partIndex + hearing.durationSlots <= parts.count {
                    if let fixed = hearing.fixed, fixed.date != day || fixed.slot != part { continue }
                    let names = parts[partIndex..<(partIndex + hearing.durationSlots)]
                        .map { SlotName(date: day, part: $0) }
                    let slotIndices = (partIndex..<(partIndex + hearing.durationSlots))
                        .map { dayIndex * parts.count + $0 }
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
                                if bestLanguage == nil || score > bestLanguage!.score { bestLanguage = (code, score) }
                            }
                            guard let (code, score) = bestLanguage else { continue }
                            if hearing.fixed == nil && score <= 0 { continue }
                            list.append(Option(
                                score: score, day: dayIndex, slots: slotIndices, interpreter: i,
                                officer: interpreterCount + o, isOnsite: !isRemote, location: location,
                                week: weeks.firstIndex(of: day.isoWeek)!,
                                placement: .init(
                                    date: day, slot: part, interpreter: interpreter.id,
                                    mode: isRemote ? .remote : .onsite, language: code, officer: officer.id)))
                        }
                    }
                }
            }
            // Stable sort, best first: good plans are found early and prune the rest.
            options.append(list.enumerated().sorted { ($1.element.score, $0.offset) < ($0.element.score, $1.offset) }.map(\.element))
        }
        // Fixed hearings first (they fail fast), then the most valuable.
        let opts = options
        let fixed = isFixed
        order = roster.hearings.indices.sorted { a, b in
            if fixed[a] != fixed[b] { return fixed[a] }
            let sa = opts[a].first?.score ?? 0
            let sb = opts[b].first?.score ?? 0
            return sa != sb ? sa > sb : a < b
        }
    }

    mutating func run() -> BruteForceResult? {
        search(depth: 0, current: 0)
        guard best > -Double.infinity else { return nil }
        let choices = roster.hearings.indices.map { h in
            HearingChoice(hearing: roster.hearings[h].id, placement: bestChosen[h].map { options[h][$0].placement })
        }
        return BruteForceResult(optimum: best, choices: choices)
    }

    private mutating func search(depth: Int, current: Double) {
        if depth == order.count {
            if current > best {
                best = current
                bestChosen = chosen
            }
            return
        }
        // Upper bound: every remaining hearing gets its best option still feasible now, as if alone.
        var bound = current
        for j in depth..<order.count {
            let h = order[j]
            if let option = options[h].first(where: { isFeasible($0) }) {
                bound += isFixed[h] ? option.score : max(0, option.score)
            } else if isFixed[h] {
                return
            }
        }
        if bound <= best + 1e-9 { return }

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

    private func isFeasible(_ option: Option) -> Bool {
        let i = option.interpreter
        let o = option.officer
        for slot in option.slots {
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
        for slot in option.slots {
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
    }
}
