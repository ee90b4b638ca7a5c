import PlannerModel

extension Evidence {
    func unscheduled(_ h: Int, isOptimal: Bool) -> Unscheduled {
        let hearing = index.roster.hearings[h]
        let deadline = index.scoring.isDeadlineInHorizon(hearing)
        return Unscheduled(hearing: hearing.id, deadlineInHorizon: deadline, reason: unheldReason(h))
    }

    private func unheldReason(_ h: Int) -> Reason {
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
        for start in starts {
            let blocked = freeOption(at: start, hearing: h)
            ranOut.formUnion(blocked.ranOut)
            if let score = blocked.bestFreeScore { bestNow = max(bestNow ?? score, score) }
        }
        // Re-planning: a published hearing not held costs the change penalty.
        let ifNotHeld = changes.map { $0.published.contains(h) ? -$0.penalty : 0 } ?? 0
        let notHeld = ifNotHeld == 0 ? nil : ifNotHeld
        if let bestNow {
            if bestNow > ifNotHeld + 1e-9 {
                return Reason(
                    code: .searchStopped,
                    detail: "The search stopped before it was proven optimal; this hearing could still be held with a score of \(bestNow.decimalText), more than the \(ifNotHeld.decimalText) of not holding it.",
                    bestScoreNow: bestNow, scoreIfNotHeld: notHeld)
            }
            return Reason(
                code: .deferred,
                detail: "Holding it now would score \(bestNow.decimalText) at best (with the people still free), no more than leaving it for a later horizon (\(ifNotHeld.decimalText)).",
                bestScoreNow: bestNow, scoreIfNotHeld: notHeld)
        }
        return Reason(
            code: .capacity,
            detail: "At every start in its window, something it needs was fully used by other hearings: \(ranOut.sorted().joined(separator: ", ")).",
            ranOut: ranOut.sorted())
    }

    /// For one start of an unheld hearing: the best score (the spec's, with the change penalty
    /// when re-planning) of holding it there with people and a room still free, or what ran out.
    ///
    /// An interpreter on site elsewhere that day is free for on-site work here when none of their
    /// hearings there needs them on site: those switch to video at no cost.
    private func freeOption(at start: ProblemIndex.Start, hearing h: Int) -> (bestFreeScore: Double?, ranOut: Set<String>) {
        let roster = index.roster
        let hearing = roster.hearings[h]
        let slots = index.calendar.slotCount
        let days = max(1, index.calendar.workingDays.count)
        let day = start.slot / index.calendar.partsPerDay
        let week = start.day.isoWeek.description
        var ranOut = Set<String>()
        if let rooms = index.locationRooms[hearing.location] ?? nil,
           start.slots.contains(where: { usage.roomsUsed["\(hearing.location)@\($0)", default: 0] >= rooms })
        {
            ranOut.insert("rooms")
        }
        func isFree(_ person: Int, cap: Int?, busy: [Int: Int], weeks: [String: [Int]], role: String) -> Bool {
            if start.slots.contains(where: { busy[person * slots + $0] != nil }) { return false }
            if let cap, (weeks["\(person)@\(week)"]?.count ?? 0) >= cap {
                ranOut.insert("\(role)' weekly maximum")
                return false
            }
            return true
        }
        var freeInterpreters: [ProblemIndex.InterpreterOption] = []
        for option in start.interpreters {
            let cap = roster.interpreters[option.person].maxHearingsPerWeek
            guard isFree(option.person, cap: cap, busy: usage.interpreterAt, weeks: usage.interpreterWeek, role: "interpreters") else {
                continue
            }
            if option.mode == .onsite, let site = usage.siteOfDay[option.person * days + day], site.location != hearing.location {
                ranOut.insert("interpreters on site elsewhere that day")
                continue
            }
            freeInterpreters.append(option)
        }
        if freeInterpreters.isEmpty { ranOut.insert("interpreters") }
        var freeOfficers: [ProblemIndex.OfficerOption] = []
        for option in start.officers {
            let cap = roster.officers[option.person].maxHearingsPerWeek
            if isFree(option.person, cap: cap, busy: usage.officerAt, weeks: usage.officerWeek, role: "officers") {
                freeOfficers.append(option)
            }
        }
        if freeOfficers.isEmpty { ranOut.insert("officers") }
        guard !ranOut.contains("rooms"), let i = freeInterpreters.map(\.term).max(), let o = freeOfficers.map(\.term).max() else {
            return (nil, ranOut)
        }
        var best = start.dayTerm + i + o
        if let changes, changes.published.contains(h) {
            // Anywhere but its published placement is a change; there, it is not.
            best -= changes.penalty
            if let spot = changes.keepSpots[h], spot.slot == start.slot,
               let keptI = freeInterpreters.first(where: { $0.person == spot.interpreter }),
               let keptO = freeOfficers.first(where: { $0.person == spot.officer })
            {
                best = max(best, start.dayTerm + keptI.term + keptO.term)
            }
        }
        return (best, [])
    }
}
