import PlannerModel

/// The reasons behind every unmet preference and every hearing not held, with the evidence of
/// best effort (scheduling-model.md, "Evidence"). Every reason is computed from the roster and the
/// plan, so that it can be checked afterwards: `no-such-person` and `not-available-in-window` from
/// the roster alone, `taken-by-higher-value` by the hearings it names.
struct Evidence: Sendable {
    let index: ProblemIndex
    let choices: [PlanAssembler.Choice]
    private let usage: Usage

    init(index: ProblemIndex, choices: [PlanAssembler.Choice]) {
        self.index = index
        self.choices = choices
        usage = Usage(index: index, choices: choices)
    }

    /// Who does what in the plan, for "is this person free?" questions.
    struct Usage: Sendable {
        var interpreterAt: [Int: Int] = [:]  // person * slots + slot -> hearing
        var officerAt: [Int: Int] = [:]
        var interpreterWeek: [String: [Int]] = [:]  // "person@week" -> hearings
        var officerWeek: [String: [Int]] = [:]
        var siteOfDay: [Int: (location: String, hearing: Int)] = [:]  // person * days + day
        var roomsUsed: [String: Int] = [:]  // "location@slot"

        init(index: ProblemIndex, choices: [PlanAssembler.Choice]) {
            let slots = index.calendar.slotCount
            let parts = index.calendar.partsPerDay
            let days = max(1, index.calendar.workingDays.count)
            for choice in choices {
                let location = index.roster.hearings[choice.hearing].location
                let week = choice.start.day.isoWeek.description
                for t in choice.start.slots {
                    interpreterAt[choice.interpreter.person * slots + t] = choice.hearing
                    officerAt[choice.officer.person * slots + t] = choice.hearing
                    roomsUsed["\(location)@\(t)", default: 0] += 1
                }
                interpreterWeek["\(choice.interpreter.person)@\(week)", default: []].append(choice.hearing)
                officerWeek["\(choice.officer.person)@\(week)", default: []].append(choice.hearing)
                if choice.mode == .onsite {
                    siteOfDay[choice.interpreter.person * days + choice.start.slot / parts] = (location, choice.hearing)
                }
            }
        }
    }

    // MARK: Unmet preferences

    func unmetPreferences(of choice: PlanAssembler.Choice) -> [UnmetPreference] {
        let roster = index.roster
        let hearing = roster.hearings[choice.hearing]
        var result: [UnmetPreference] = []
        let interpreter = roster.interpreters[choice.interpreter.person]
        if let wanted = hearing.interpreterGender, !wanted.isMet(by: interpreter.gender) {
            result.append(UnmetPreference(
                hearing: hearing.id, role: .interpreter, requested: wanted, assigned: interpreter.gender,
                reason: reason(choice, role: .interpreter, wanted: wanted)))
        }
        let officer = roster.officers[choice.officer.person]
        if let wanted = hearing.officerGender, !wanted.isMet(by: officer.gender) {
            result.append(UnmetPreference(
                hearing: hearing.id, role: .officer, requested: wanted, assigned: officer.gender,
                reason: reason(choice, role: .officer, wanted: wanted)))
        }
        return result
    }

    private func reason(_ choice: PlanAssembler.Choice, role: Role, wanted: GenderPreference) -> Reason {
        preferenceReason(hearing: choice.hearing, role: role, wanted: wanted)
    }

    /// Why hearing `h` does not get a person of the sex it asked for, given everybody else in the
    /// plan (what-if questions ask this of a hearing the plan is taken out of).
    func preferenceReason(hearing h: Int, role: Role, wanted: GenderPreference) -> Reason {
        let roster = index.roster
        let hearing = roster.hearings[h]
        let noun = role == .interpreter ? "interpreter" : "officer"
        let fixedPerson = role == .interpreter ? hearing.fixed?.interpreter : hearing.fixed?.officer
        if let fixedPerson {
            return Reason(
                code: .fixedByPlanner,
                detail: "A planner fixed this hearing with \(fixedPerson), who is not \(wanted.rawValue).")
        }
        let (candidates, counts) = CandidateCount.preferred(role: role, wanted: wanted, hearing: hearing, roster: roster)
        if candidates.isEmpty {
            return Reason(
                code: .noSuchPerson,
                detail: "No \(wanted.rawValue) \(noun) meets every requirement of this hearing (\(CandidateCount.describe(counts))).",
                candidatesChecked: 0, counts: counts)
        }
        let free = role == .interpreter ? index.interpreterFree : index.officerFree
        let window = index.windowStarts[h]
        let pairs = candidates.flatMap { c in
            window.filter { s in (s..<(s + hearing.durationSlots)).allSatisfy { free[c][$0] } }.map { (c, $0) }
        }
        if pairs.isEmpty {
            return Reason(
                code: .notAvailableInWindow,
                detail: "\(candidates.count) \(wanted.rawValue) \(noun)(s) meet the requirements, but none is available for the whole hearing on any working day of its window in this horizon.",
                candidatesChecked: candidates.count,
                counts: ["freeStartsInWindow": 0, "windowStarts": window.count])
        }
        let slots = index.calendar.slotCount
        let busy = role == .interpreter ? usage.interpreterAt : usage.officerAt
        var takers = Set<Int>()
        var freePairs = 0
        for (c, s) in pairs {
            let holders = (s..<(s + hearing.durationSlots)).compactMap { busy[c * slots + $0] }
            if holders.isEmpty { freePairs += 1 } else { takers.formUnion(holders) }
        }
        let takenBy = takers.map { roster.hearings[$0].id }.sorted()
        if freePairs == 0 {
            let deadline = index.scoring.isDeadlineInHorizon(hearing)
            return Reason(
                code: deadline ? .deadlineFirst : .takenByHigherValue,
                detail: deadline
                    ? "The acceptable wait ends in this horizon, and every \(wanted.rawValue) \(noun) who could take it was holding another hearing whenever they were available."
                    : "Every \(wanted.rawValue) \(noun) who could take it was holding other hearings that scored higher whenever they were available.",
                candidatesChecked: candidates.count, takenBy: takenBy)
        }
        return Reason(
            code: .outweighed,
            detail: "A \(wanted.rawValue) \(noun) was free at \(freePairs) start(s) in the window, but holding the hearing there would have broken another rule (their weekly maximum, one location a day, no officer, interpreter or room free) or lowered the total score more than the preference is worth.",
            candidatesChecked: candidates.count, counts: ["freeStartsInWindow": freePairs],
            takenBy: takenBy.isEmpty ? nil : takenBy)
    }

    // MARK: Hearings not held

    func unscheduled(_ h: Int, isOptimal: Bool) -> Unscheduled {
        let roster = index.roster
        let hearing = roster.hearings[h]
        let deadline = index.scoring.isDeadlineInHorizon(hearing)
        return Unscheduled(hearing: hearing.id, deadlineInHorizon: deadline, reason: unheldReason(h, isOptimal: isOptimal))
    }

    private func unheldReason(_ h: Int, isOptimal: Bool) -> Reason {
        let roster = index.roster
        let hearing = roster.hearings[h]
        let starts = index.starts[h]
        if starts.isEmpty {
            let (interpreters, interpreterCounts) = CandidateCount.any(role: .interpreter, hearing: hearing, roster: roster)
            let (officers, officerCounts) = CandidateCount.any(role: .officer, hearing: hearing, roster: roster)
            var counts: [String: Int] = [:]
            for (key, value) in interpreterCounts { counts["interpreter." + key] = value }
            for (key, value) in officerCounts { counts["officer." + key] = value }
            if interpreters.isEmpty || officers.isEmpty {
                let missing = interpreters.isEmpty ? "interpreter" : "officer"
                return Reason(
                    code: .noSuchPerson,
                    detail: "No \(missing) meets every requirement of this hearing (\(CandidateCount.describe(interpreters.isEmpty ? interpreterCounts : officerCounts))).",
                    candidatesChecked: 0, counts: counts)
            }
            counts["windowStarts"] = index.windowStarts[h].count
            return Reason(
                code: .notAvailableInWindow,
                detail: index.windowStarts[h].isEmpty
                    ? "Its window has no working day in this horizon."
                    : "\(interpreters.count) interpreter(s) and \(officers.count) officer(s) meet the requirements, but at no start in the window are an interpreter and an officer both available for the whole hearing.",
                candidatesChecked: interpreters.count + officers.count, counts: counts)
        }
        // Options exist: which are still free, given everybody else's assignments?
        var bestNow: Double?
        var ranOut = Set<String>()
        var takers = Set<Int>()
        for start in starts {
            let blocked = blockers(of: start, hearing: h)
            ranOut.formUnion(blocked.ranOut)
            takers.formUnion(blocked.takers)
            if let score = blocked.bestFreeScore { bestNow = max(bestNow ?? score, score) }
        }
        if let bestNow {
            if bestNow > 0 {
                return Reason(
                    code: .searchStopped,
                    detail: "The search stopped before it was proven optimal; this hearing could still be held with a score of \(bestNow.decimalText).",
                    bestScoreNow: bestNow)
            }
            return Reason(
                code: .deferred,
                detail: "Holding it now would score \(bestNow.decimalText) at best (with the people still free), no more than leaving it for a later horizon (0).",
                bestScoreNow: bestNow)
        }
        return Reason(
            code: .capacity,
            detail: "At every start in its window, something it needs was fully used by other hearings: \(ranOut.sorted().joined(separator: ", ")).",
            candidatesChecked: nil, takenBy: takers.map { roster.hearings[$0].id }.sorted(), ranOut: ranOut.sorted())
    }

    /// For one start of an unheld hearing: the best score of an option that is still free, and
    /// otherwise what ran out and which hearings hold it.
    private func blockers(of start: ProblemIndex.Start, hearing h: Int) -> (bestFreeScore: Double?, ranOut: Set<String>, takers: Set<Int>) {
        let roster = index.roster
        let hearing = roster.hearings[h]
        let slots = index.calendar.slotCount
        let days = max(1, index.calendar.workingDays.count)
        let day = start.slot / index.calendar.partsPerDay
        let week = start.day.isoWeek.description
        var ranOut = Set<String>()
        var takers = Set<Int>()
        if let rooms = index.locationRooms[hearing.location] ?? nil,
           start.slots.contains(where: { usage.roomsUsed["\(hearing.location)@\($0)", default: 0] >= rooms })
        {
            ranOut.insert("rooms")
        }
        // Whether a person is still free for this start; otherwise notes what holds them.
        func isFree(_ person: Int, cap: Int?, busy: [Int: Int], weeks: [String: [Int]], role: String) -> Bool {
            let holders = start.slots.compactMap { busy[person * slots + $0] }
            if !holders.isEmpty {
                takers.formUnion(holders)
                return false
            }
            let weekHearings = weeks["\(person)@\(week)"] ?? []
            if let cap, weekHearings.count >= cap {
                ranOut.insert("\(role)' weekly maximum")
                takers.formUnion(weekHearings)
                return false
            }
            return true
        }
        var bestInterpreter: Double?
        for option in start.interpreters {
            let cap = roster.interpreters[option.person].maxHearingsPerWeek
            guard isFree(option.person, cap: cap, busy: usage.interpreterAt, weeks: usage.interpreterWeek, role: "interpreters") else {
                continue
            }
            if option.mode == .onsite, let site = usage.siteOfDay[option.person * days + day], site.location != hearing.location {
                ranOut.insert("interpreters on site elsewhere that day")
                takers.insert(site.hearing)
                continue
            }
            bestInterpreter = max(bestInterpreter ?? option.term, option.term)
        }
        if bestInterpreter == nil { ranOut.insert("interpreters") }
        var bestOfficer: Double?
        for option in start.officers {
            let cap = roster.officers[option.person].maxHearingsPerWeek
            if isFree(option.person, cap: cap, busy: usage.officerAt, weeks: usage.officerWeek, role: "officers") {
                bestOfficer = max(bestOfficer ?? option.term, option.term)
            }
        }
        if bestOfficer == nil { ranOut.insert("officers") }
        guard !ranOut.contains("rooms"), let bestInterpreter, let bestOfficer else {
            return (nil, ranOut, takers)
        }
        return (start.dayTerm + bestInterpreter + bestOfficer, [], [])
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
