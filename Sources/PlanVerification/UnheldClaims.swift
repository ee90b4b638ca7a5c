import PlannerModel

extension Verification {
    /// The reason of one hearing not held, recomputed from the roster and the plan.
    mutating func checkUnheld(_ entry: Unscheduled) {
        let id = entry.hearing
        guard let hearing = facts.hearings[id], layout.assignments[id] == nil else { return }
        let reason = entry.reason
        let check = "reason \(reason.code.rawValue)"
        if entry.deadlineInHorizon != (hearing.latest <= facts.roster.horizon.end) {
            add(id, "consistency", "deadlineInHorizon should be \(!entry.deadlineInHorizon)")
        }
        let (interpreters, interpreterCounts) = facts.interpreterCandidates(hearing, sex: nil)
        let (officers, officerCounts) = facts.officerCandidates(hearing, sex: nil)
        // Rule 9: a fixed hearing's named people are its only candidates.
        let allowedInterpreters = interpreters.filter { id in hearing.fixed?.interpreter.map { $0 == id } ?? true }
        let allowedOfficers = officers.filter { id in hearing.fixed?.officer.map { $0 == id } ?? true }
        let allowed = facts.allowedStarts(of: hearing)
        let starts = allowed.filter { start in
            allowedInterpreters.contains { facts.isAvailable($0, in: start.slots) } && allowedOfficers.contains { facts.isAvailable($0, in: start.slots) }
        }
        var counts: [String: Int] = [:]
        for (key, value) in interpreterCounts { counts["interpreter." + key] = value }
        for (key, value) in officerCounts { counts["officer." + key] = value }
        switch reason.code {
        case .noSuchPerson:
            if !interpreters.isEmpty && !officers.isEmpty {
                add(id, check, "\(interpreters.count) interpreter(s) and \(officers.count) officer(s) meet every requirement")
            }
            if reason.counts != counts { add(id, check, "the counts should be \(Self.text(counts))") }
        case .notAvailableInWindow:
            if interpreters.isEmpty || officers.isEmpty { add(id, check, "nobody meets the requirements: the reason is no-such-person") }
            if let start = starts.first { add(id, check, "an interpreter and an officer are both available on \(start.date) \(start.part)") }
            counts["windowStarts"] = allowed.count
            if reason.counts != counts { add(id, check, "the counts should be \(Self.text(counts))") }
            if reason.candidatesChecked != interpreters.count + officers.count {
                add(id, check, "candidatesChecked should be \(interpreters.count + officers.count)")
            }
        case .deferred, .capacity, .searchStopped:
            guard !starts.isEmpty else {
                add(id, check, "at no start it may have are an interpreter and an officer both available: the reason is not-available-in-window")
                return
            }
            var best: Double?
            var ranOut = Set<String>()
            for start in starts {
                let free = freeOption(hearing, start, interpreters: allowedInterpreters, officers: allowedOfficers)
                ranOut.formUnion(free.ranOut)
                if let score = free.best { best = max(best ?? score, score) }
            }
            let ifNotHeld = replan?.unheldScore(id) ?? 0
            switch reason.code {
            case .capacity:
                if let best { add(id, check, "it could still be held with people and a room free, scoring \(best.decimalText)") }
                if Set(reason.ranOut ?? []) != ranOut { add(id, check, "what ran out is \(ranOut.sorted()), not \(reason.ranOut ?? [])") }
            case .deferred:
                guard let best else {
                    add(id, check, "no start has people and a room free: the reason is capacity")
                    return
                }
                if !close(reason.bestScoreNow, best) { add(id, check, "the best score now is \(best.decimalText), not \(reason.bestScoreNow.map(\.decimalText) ?? "none")") }
                if best > ifNotHeld + tolerance { add(id, check, "holding it now scores \(best.decimalText), more than not holding it (\(ifNotHeld.decimalText))") }
                if !close(reason.scoreIfNotHeld ?? 0, ifNotHeld) { add(id, check, "not holding it scores \(ifNotHeld.decimalText)") }
            default:
                if plan.status == .optimal { add(id, check, "the plan says it is optimal, so the search did not stop") }
                if !close(reason.bestScoreNow, best) { add(id, check, "the best score now is \(best.map(\.decimalText) ?? "none")") }
                if (best ?? -.infinity) <= ifNotHeld + tolerance { add(id, check, "holding it now would not score more than leaving it") }
            }
        case .fixedConflict:
            if plan.status != .infeasible || hearing.fixed == nil { add(id, check, "only a fixed hearing of an infeasible plan can be in conflict") }
        case .notPlanned:
            if plan.status == .optimal || plan.status == .feasible { add(id, check, "the plan holds hearings, so something was planned") }
        default:
            add(id, check, "\(reason.code.rawValue) is not a reason for a hearing not held")
        }
    }

    /// At one start: the best spec score of holding the hearing with people and a room still free
    /// (re-planning: with the change penalty), or what ran out. An interpreter on site elsewhere
    /// that day is free for on-site work here when each of their hearings there could be held by
    /// video instead (same people, same score).
    func freeOption(_ hearing: Hearing, _ start: RosterFacts.Start, interpreters: [String], officers: [String]) -> (best: Double?, ranOut: Set<String>) {
        var ranOut = Set<String>()
        if let rooms = facts.locations[hearing.location]?.rooms, start.slots.contains(where: { layout.hearings(at: hearing.location, $0) >= rooms }) {
            ranOut.insert("rooms")
        }
        func isFree(_ person: String, _ weekly: String) -> Bool {
            guard facts.isAvailable(person, in: start.slots), !start.slots.contains(where: { layout.holder(person, $0) != nil }) else { return false }
            if let cap = layout.cap(person), layout.load(person, start.date.isoWeek) >= cap {
                ranOut.insert(weekly)
                return false
            }
            return true
        }
        var freeInterpreters: [Interpreter] = []
        for id in interpreters {
            guard let person = facts.interpreters[id], isFree(id, "interpreters' weekly maximum") else { continue }
            let modes = facts.modes(person, for: hearing)
            if !modes.remote {
                let elsewhere = layout.onsiteHearings(id, on: start.date).filter { other in
                    guard other.location != hearing.location, let otherHearing = facts.hearings[other.hearing] else { return false }
                    return !facts.modes(person, for: otherHearing).remote
                }
                if !elsewhere.isEmpty {
                    ranOut.insert("interpreters on site elsewhere that day")
                    continue
                }
            }
            freeInterpreters.append(person)
        }
        if freeInterpreters.isEmpty { ranOut.insert("interpreters") }
        let freeOfficers = officers.filter { isFree($0, "officers' weekly maximum") }.compactMap { facts.officers[$0] }
        if freeOfficers.isEmpty { ranOut.insert("officers") }
        guard !ranOut.contains("rooms"), !freeInterpreters.isEmpty, !freeOfficers.isEmpty else { return (nil, ranOut) }
        var best: Double?
        for interpreter in freeInterpreters {
            for officer in freeOfficers {
                guard let own = facts.bestScore(hearing, date: start.date, interpreter: interpreter, officer: officer) else { continue }
                let score = own - (replan?.penalty(hearing.id, date: start.date, slot: start.part, interpreter: interpreter.id, officer: officer.id) ?? 0)
                best = max(best ?? score, score)
            }
        }
        return (best, [])
    }
}
