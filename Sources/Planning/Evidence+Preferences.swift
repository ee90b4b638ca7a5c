import PlannerModel

extension Evidence {
    func unmetPreferences(of choice: PlanAssembler.Choice) -> [UnmetPreference] {
        let roster = index.roster
        let hearing = roster.hearings[choice.hearing]
        var result: [UnmetPreference] = []
        let interpreter = roster.interpreters[choice.interpreter.person]
        if let wanted = hearing.interpreterGender, !wanted.isMet(by: interpreter.gender) {
            result.append(UnmetPreference(
                hearing: hearing.id, role: .interpreter, requested: wanted, assigned: interpreter.gender,
                reason: preferenceReason(hearing: choice.hearing, role: .interpreter, wanted: wanted, current: choice)))
        }
        let officer = roster.officers[choice.officer.person]
        if let wanted = hearing.officerGender, !wanted.isMet(by: officer.gender) {
            result.append(UnmetPreference(
                hearing: hearing.id, role: .officer, requested: wanted, assigned: officer.gender,
                reason: preferenceReason(hearing: choice.hearing, role: .officer, wanted: wanted, current: choice)))
        }
        return result
    }

    /// Why hearing `h` does not get a person of the sex it asked for, given everybody else in the
    /// plan. `current` is its own placement when the plan holds it (what-if questions ask this of a
    /// hearing the plan is taken out of, and then want no alternative: their options are that).
    func preferenceReason(hearing h: Int, role: Role, wanted: GenderPreference, current: PlanAssembler.Choice? = nil) -> Reason {
        let roster = index.roster
        let hearing = roster.hearings[h]
        let noun = role == .interpreter ? "interpreter" : "officer"
        let fixedPerson = role == .interpreter ? hearing.fixed?.interpreter : hearing.fixed?.officer
        if let fixedPerson {
            return Reason(
                code: .fixedByPlanner,
                detail: "A planner fixed this hearing with \(fixedPerson), who is not \(wanted.rawValue).")
        }
        if let changes, let current, changes.frozen.contains(h),
           changes.keepSpots[h] == ChangeTerms.Spot(slot: current.start.slot, interpreter: current.interpreter.person, officer: current.officer.person)
        {
            return Reason(
                code: .frozen,
                detail: "It starts within \(roster.policy.freezeHours.decimalText) hours of the re-plan and keeps its published placement, as every hearing that close does unless a hard rule forbids it.")
        }
        let (candidates, counts) = CandidateCount.preferred(role: role, wanted: wanted, hearing: hearing, roster: roster)
        if candidates.isEmpty {
            return Reason(
                code: .noSuchPerson,
                detail: "No \(wanted.rawValue) \(noun) meets every requirement of this hearing (\(CandidateCount.describe(counts))).",
                candidatesChecked: 0, counts: counts)
        }
        let free = role == .interpreter ? index.interpreterFree : index.officerFree
        let window = fullWindow(h)
        func available(_ starts: [Int]) -> [(person: Int, start: Int)] {
            candidates.flatMap { c in
                starts.filter { s in (s..<(s + hearing.durationSlots)).allSatisfy { free[c][$0] } }.map { (c, $0) }
            }
        }
        let inWindow = available(window)
        if inWindow.isEmpty {
            return Reason(
                code: .notAvailableInWindow,
                detail: "\(candidates.count) \(wanted.rawValue) \(noun)(s) meet the requirements, but none is available for the whole hearing on any working day of its window in this horizon.",
                candidatesChecked: candidates.count,
                counts: ["freeStartsInWindow": 0, "windowStarts": window.count])
        }
        var pairs = inWindow
        if let fixed = hearing.fixed {
            // Rule 9 holds it at its fixed start: the candidates count there only.
            let starts = Set(index.windowStarts[h])
            pairs = inWindow.filter { starts.contains($0.start) }
            if pairs.isEmpty {
                let elsewhere = Set(inWindow.map(\.start)).count
                return Reason(
                    code: .fixedByPlanner,
                    detail: "A planner fixed this hearing on \(fixed.date) \(fixed.slot), when none of the \(candidates.count) \(wanted.rawValue) \(noun)(s) who meet its requirements is available for the whole hearing; they are at \(elsewhere) other start(s) of its window.",
                    candidatesChecked: candidates.count,
                    counts: ["availableAtFixedStart": 0, "freeStartsInWindow": elsewhere])
            }
        }
        let slots = index.calendar.slotCount
        let busy = role == .interpreter ? usage.interpreterAt : usage.officerAt
        var takers = Set<Int>()
        var freeStarts = Set<Int>()
        for (c, s) in pairs {
            let holders = (s..<(s + hearing.durationSlots)).compactMap { busy[c * slots + $0] }.filter { $0 != h }
            if holders.isEmpty { freeStarts.insert(s) } else { takers.formUnion(holders) }
        }
        let takenBy = takers.map { roster.hearings[$0].id }.sorted()
        let alternative: Alternative? = current.flatMap { self.alternative(meeting: role, of: $0) }
        let found0: String
        if let alternative {
            found0 = " The best way found to give it one, \(describe(alternative)), scores \(alternative.scoreWithPreference.decimalText) for the hearings concerned against \(alternative.scoreAsPlanned.decimalText) as planned\(comparison(alternative))."
        } else {
            found0 = occupancy == nil ? "" : " No way to give it one was found that keeps every hard rule, even moving the hearings in the way."
        }
        var found = found0
        var beyondCap: Int?
        if let alternative, let current { beyondCap = changesBeyondCap(alternative, of: current) }
        if let beyondCap {
            found += " That would make \(beyondCap) unforced changes, more than maxChanges (\(roster.policy.maxChanges ?? 0)) allows."
        }
        if let alternative, alternative.cost < -1e-9, beyondCap == nil {
            return Reason(
                code: .searchStopped,
                detail: "The search stopped before it was proven optimal; the preference can be met at a gain.\(found)",
                candidatesChecked: candidates.count, takenBy: takenBy.isEmpty ? nil : takenBy, alternative: alternative)
        }
        if freeStarts.isEmpty {
            let deadline = index.scoring.isDeadlineInHorizon(hearing)
            return Reason(
                code: deadline ? .deadlineFirst : .takenByHigherValue,
                detail: (deadline
                    ? "The acceptable wait ends in this horizon, so it is heard; every \(wanted.rawValue) \(noun) who could take it was holding other hearings whenever they were available."
                    : "Every \(wanted.rawValue) \(noun) who could take it was holding other hearings whenever they were available.") + found,
                candidatesChecked: candidates.count, takenBy: takenBy, alternative: alternative)
        }
        return Reason(
            code: .outweighed,
            detail: "A \(wanted.rawValue) \(noun) was free at \(freeStarts.count) start(s) in the window, but holding the hearing there would break another hard rule or lower the plan's score more than the preference is worth." + found,
            candidatesChecked: candidates.count, counts: ["freeStartsInWindow": freeStarts.count],
            takenBy: takenBy.isEmpty ? nil : takenBy, alternative: alternative)
    }

    /// "(10 less)" or "(as much)".
    private func comparison(_ alternative: Alternative) -> String {
        abs(alternative.cost) < 1e-9 ? " (as much)" : alternative.cost > 0 ? " (\(alternative.cost.decimalText) less)" : " (\((-alternative.cost).decimalText) more)"
    }

    /// "F-1 on 2026-12-07 AM with O-2 on site, H-2 not held".
    private func describe(_ alternative: Alternative) -> String {
        func spot(_ s: Alternative.Spot) -> String {
            "\(s.date) \(s.slot) with \(s.interpreter) (\(s.interpreterMode == .onsite ? "on site" : "by video")) and \(s.officer)"
        }
        var parts = ["on " + spot(alternative.spot)]
        for move in alternative.moves {
            parts.append(move.to.map { "\(move.hearing) to \(spot($0))" } ?? "\(move.hearing) not held")
        }
        return parts.joined(separator: ", ")
    }
}
