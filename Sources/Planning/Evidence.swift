import PlannerModel

/// The reasons behind every unmet preference and every hearing not held, with the evidence of
/// best effort (scheduling-model.md, "Evidence"). Every reason is computed from the roster and the
/// plan and says only what an independent check (`hearing-planner verify`) can confirm:
/// `no-such-person` and `not-available-in-window` from the roster alone; `taken-by-higher-value`,
/// `deadline-first` and `outweighed` by the hearings holding the candidates and by the best way
/// found to meet the preference (`Alternative`), with what it would do to the score; `deferred`
/// by the best score still free; `capacity` by what is used up at every start.
struct Evidence: Sendable {
    let index: ProblemIndex
    let choices: [PlanAssembler.Choice]
    let usage: Usage
    /// Re-planning: change penalties and frozen hearings; nil for a first plan.
    let changes: ChangeTerms?
    /// The plan laid out for the searches behind `Alternative`s, in keep units (`ChangeTerms`);
    /// nil when no alternatives are wanted (a what-if answer lists its options itself).
    let occupancy: Occupancy?
    /// The held hearings' choices, by hearing.
    let held: [Int: PlanAssembler.Choice]

    init(index: ProblemIndex, choices: [PlanAssembler.Choice], changes: ChangeTerms? = nil, findsAlternatives: Bool = false) {
        self.index = index
        self.choices = choices
        self.changes = changes
        usage = Usage(index: index, choices: choices)
        held = Dictionary(choices.map { ($0.hearing, $0) }, uniquingKeysWith: { a, _ in a })
        if findsAlternatives {
            var occupancy = Occupancy(index: index)
            for choice in choices { occupancy.add(Self.units(choice.placement, changes)) }
            self.occupancy = occupancy
        } else {
            occupancy = nil
        }
    }

    static func units(_ placement: Placement, _ changes: ChangeTerms?) -> Placement {
        guard let changes else { return placement }
        return placement.scoring(changes.units(placement))
    }

    /// Who does what in the plan, for "is this person free?" questions.
    struct Usage: Sendable {
        var interpreterAt: [Int: Int] = [:]  // person * slots + slot -> hearing
        var officerAt: [Int: Int] = [:]
        var interpreterWeek: [String: [Int]] = [:]  // "person@week" -> hearings
        var officerWeek: [String: [Int]] = [:]
        /// `person * days + day` -> where the interpreter must be on site that day: only hearings
        /// that cannot be held by video count (the plan's own switch to on site, made after
        /// solving wherever it changes nothing, can be undone at no cost).
        var siteOfDay: [Int: (location: String, hearing: Int)] = [:]
        var roomsUsed: [String: Int] = [:]  // "location@slot"

        init(index: ProblemIndex, choices: [PlanAssembler.Choice]) {
            let slots = index.calendar.slotCount
            let parts = index.calendar.partsPerDay
            let days = max(1, index.calendar.workingDays.count)
            for choice in choices {
                let hearing = index.roster.hearings[choice.hearing]
                let week = choice.start.day.isoWeek.description
                for t in choice.start.slots {
                    interpreterAt[choice.interpreter.person * slots + t] = choice.hearing
                    officerAt[choice.officer.person * slots + t] = choice.hearing
                    roomsUsed["\(hearing.location)@\(t)", default: 0] += 1
                }
                interpreterWeek["\(choice.interpreter.person)@\(week)", default: []].append(choice.hearing)
                officerWeek["\(choice.officer.person)@\(week)", default: []].append(choice.hearing)
                let canBeRemote = index.roster.interpreters[choice.interpreter.person].remote && hearing.remoteInterpreterAllowed
                if choice.mode == .onsite && !canBeRemote {
                    siteOfDay[choice.interpreter.person * days + choice.start.slot / parts] = (hearing.location, choice.hearing)
                }
            }
        }
    }

    /// The hearing's spec score as the plan holds it (re-planning: with its change penalty).
    func currentScore(_ choice: PlanAssembler.Choice) -> Double {
        let units = Self.units(choice.placement, changes).score
        return changes?.specScore(units, hearing: choice.hearing) ?? units
    }

    /// The start slots of the hearing's window (rule 1), a `fixed` date and day part left aside.
    func fullWindow(_ h: Int) -> [Int] {
        var hearing = index.roster.hearings[h]
        guard hearing.fixed != nil else { return index.windowStarts[h] }
        hearing.fixed = nil
        return ProblemIndex.windowStarts(of: hearing, calendar: index.calendar)
    }

    /// "2026-12-07 AM".
    func slotText(_ slot: Int) -> String {
        let name = index.calendar.slotName(at: slot)
        return "\(name.date) \(name.part)"
    }
}

/// Counting the people who could take a hearing, criterion by criterion, from the roster alone.
enum CandidateCount {
    /// People of the wanted sex who meet every requirement of the hearing (availability aside).
    static func preferred(role: Role, wanted: GenderPreference, hearing: Hearing, roster: Roster) -> ([Int], [String: Int]) {
        filter(role: role, hearing: hearing, roster: roster, gender: wanted)
    }

    /// Anybody who meets every requirement of the hearing (availability aside).
    static func any(role: Role, hearing: Hearing, roster: Roster) -> ([Int], [String: Int]) {
        filter(role: role, hearing: hearing, roster: roster, gender: nil)
    }

    private static func filter(role: Role, hearing: Hearing, roster: Roster, gender: GenderPreference?) -> ([Int], [String: Int]) {
        var counts: [String: Int] = [:]
        switch role {
        case .interpreter:
            let languages = [hearing.language] + hearing.fallbackLanguages
            var pool = Array(roster.interpreters.indices)
            if let gender {
                pool = pool.filter { gender.isMet(by: roster.interpreters[$0].gender) }
                counts["gender"] = pool.count
            }
            pool = pool.filter { i in languages.contains { roster.interpreters[i].skill(for: $0) != nil } }
            counts["language"] = pool.count
            pool = pool.filter { i in
                let person = roster.interpreters[i]
                return person.onsiteLocations.contains(hearing.location) || (person.remote && hearing.remoteInterpreterAllowed)
            }
            counts["location"] = pool.count
            pool = pool.filter { !hearing.excludedInterpreters.contains(roster.interpreters[$0].id) }
            counts["notExcluded"] = pool.count
            return (pool, counts)
        case .officer:
            var pool = Array(roster.officers.indices)
            if let gender {
                pool = pool.filter { gender.isMet(by: roster.officers[$0].gender) }
                counts["gender"] = pool.count
            }
            pool = pool.filter { roster.officers[$0].location == hearing.location }
            counts["location"] = pool.count
            pool = pool.filter { o in hearing.requiredTrainings.allSatisfy { roster.officers[o].trainings.contains($0) } }
            counts["trainings"] = pool.count
            pool = pool.filter { !hearing.excludedOfficers.contains(roster.officers[$0].id) }
            counts["notExcluded"] = pool.count
            return (pool, counts)
        }
    }

    static func describe(_ counts: [String: Int]) -> String {
        let order = ["gender", "language", "location", "trainings", "notExcluded"]
        let words = ["gender": "of that sex", "language": "who speak the language", "location": "who can work at the location",
                     "trainings": "with the trainings", "notExcluded": "not excluded"]
        return order.compactMap { key in counts[key].map { "\($0) \(words[key]!)" } }.joined(separator: ", then ")
    }
}
