import PlannerModel

extension Verification {
    /// The reason of one unmet preference, recomputed from the roster and the plan.
    mutating func checkPreference(_ entry: UnmetPreference) {
        let id = entry.hearing
        guard let hearing = facts.hearings[id], let a = layout.assignments[id] else { return }  // the rules check says why
        let reason = entry.reason
        let check = "reason \(reason.code.rawValue)"
        let role = entry.role
        let wanted = entry.requested
        let assigned = role == .interpreter ? a.interpreter : a.officer
        let (ids, counts) = facts.candidates(role, hearing, sex: wanted)
        let window = facts.window(of: hearing)
        func availablePairs(_ starts: [RosterFacts.Start]) -> [(person: String, start: RosterFacts.Start)] {
            ids.flatMap { c in starts.filter { facts.isAvailable(c, in: $0.slots) }.map { (c, $0) } }
        }
        switch reason.code {
        case .fixedByPlanner:
            if let pinned = role == .interpreter ? hearing.fixed?.interpreter : hearing.fixed?.officer {
                if pinned != assigned { add(id, check, "is fixed with \(pinned), but the plan gives it \(assigned)") }
                return
            }
            guard hearing.fixed != nil else {
                add(id, check, "says a planner fixed it, but it is not fixed")
                return
            }
            let atFixed = availablePairs(facts.allowedStarts(of: hearing))
            let elsewhere = Set(availablePairs(window).map(\.start)).count
            if !atFixed.isEmpty { add(id, check, "says nobody of the sex is available at its fixed start, but \(atFixed[0].person) is") }
            if elsewhere == 0 { add(id, check, "nobody of the sex is available anywhere in its window: the reason is not-available-in-window") }
            if reason.counts != ["availableAtFixedStart": 0, "freeStartsInWindow": elsewhere] {
                add(id, check, "counts should be availableAtFixedStart 0, freeStartsInWindow \(elsewhere)")
            }
        case .frozen:
            guard let replan, replan.frozen.contains(id), let was = replan.published[id], ReplanReference.isSame(was, a) else {
                add(id, check, "says it is frozen in its published placement, but it is not (or no published plan was given)")
                return
            }
        case .noSuchPerson:
            if !ids.isEmpty { add(id, check, "\(ids.count) \(wanted.rawValue) \(role.rawValue)(s) meet every requirement: \(ids.prefix(3).joined(separator: ", "))") }
            if reason.counts != counts { add(id, check, "the counts should be \(Self.text(counts)), not \(Self.text(reason.counts ?? [:]))") }
        case .notAvailableInWindow:
            if ids.isEmpty { add(id, check, "nobody of the sex meets the requirements: the reason is no-such-person") }
            if let pair = availablePairs(window).first {
                add(id, check, "\(pair.person) is available for the whole hearing on \(pair.start.date) \(pair.start.part), in its window")
            }
            if reason.candidatesChecked != ids.count { add(id, check, "candidatesChecked should be \(ids.count)") }
            if reason.counts?["windowStarts"] != window.count { add(id, check, "the window has \(window.count) start(s)") }
        case .takenByHigherValue, .deadlineFirst, .outweighed, .searchStopped:
            let starts = hearing.fixed != nil ? facts.allowedStarts(of: hearing) : window
            let pairs = availablePairs(starts)
            guard !pairs.isEmpty else {
                add(id, check, "nobody of the sex who meets the requirements is available at a start it may have")
                return
            }
            var takers = Set<String>()
            var freeStarts = Set<RosterFacts.Start>()
            for (person, start) in pairs {
                let holders = start.slots.compactMap { layout.holder(person, $0) }.filter { $0 != id }
                if holders.isEmpty { freeStarts.insert(start) } else { takers.formUnion(holders) }
            }
            if reason.candidatesChecked != ids.count { add(id, check, "candidatesChecked should be \(ids.count)") }
            if Set(reason.takenBy ?? []) != takers {
                add(id, check, "the hearings holding the candidates are \(takers.sorted()), not \(reason.takenBy ?? [])")
            }
            switch reason.code {
            case .takenByHigherValue, .deadlineFirst:
                if let start = freeStarts.first { add(id, check, "a candidate is free on \(start.date) \(start.part): the reason is outweighed") }
                let isDeadline = hearing.latest <= facts.roster.horizon.end
                if isDeadline != (reason.code == .deadlineFirst) {
                    add(id, check, isDeadline ? "its deadline is in the horizon: the reason is deadline-first" : "its deadline is not in the horizon")
                }
            case .outweighed:
                if freeStarts.isEmpty { add(id, check, "no candidate is free at any start: the reason is taken-by-higher-value") }
                if reason.counts?["freeStartsInWindow"] != freeStarts.count { add(id, check, "freeStartsInWindow should be \(freeStarts.count)") }
            default:
                if plan.status == .optimal { add(id, check, "the plan says it is optimal, so the search did not stop") }
            }
            guard let alternative = reason.alternative else {
                if reason.code == .searchStopped { add(id, check, "says the preference can be met at a gain but names no way") }
                return
            }
            checkAlternative(alternative, of: hearing, current: a, role: role, wanted: wanted, check: check)
            if reason.code == .searchStopped {
                if !(alternative.scoreWithPreference > alternative.scoreAsPlanned + tolerance) {
                    add(id, check, "says meeting it gains, but the way named scores \(alternative.scoreWithPreference.decimalText) against \(alternative.scoreAsPlanned.decimalText)")
                }
            } else if alternative.scoreWithPreference > alternative.scoreAsPlanned + tolerance
                && !exceedsChangeCap(alternative, hearing: id)
            {
                add(id, check, "the way named to meet it scores \(alternative.scoreWithPreference.decimalText), more than the \(alternative.scoreAsPlanned.decimalText) as planned: the plan would be better with it")
            }
        default:
            add(id, check, "\(reason.code.rawValue) is not a reason for an unmet preference")
        }
    }

    /// Applies the alternative to the plan: the hearing at its spot, the moved hearings at theirs or
    /// not held, everybody else in place. It must keep every hard rule, meet the preference, move
    /// no frozen hearing, and its figures must be the scores recomputed.
    mutating func checkAlternative(
        _ alternative: Alternative, of hearing: Hearing, current: Assignment, role: Role, wanted: GenderPreference, check: String
    ) {
        report.checked.alternatives += 1
        let id = hearing.id
        let person = role == .interpreter ? alternative.spot.interpreter : alternative.spot.officer
        if !facts.isOfSex(person, wanted) { add(id, check, "the way named gives it \(person), who is not \(wanted.rawValue)") }
        guard let slots = facts.calendar.slots(on: alternative.spot.date, from: alternative.spot.slot, count: hearing.durationSlots) else {
            add(id, check, "the way named starts at \(alternative.spot.date) \(alternative.spot.slot), where the hearing does not fit")
            return
        }
        var placed = [PlanLayout.Placed(hearing: hearing, spot: alternative.spot, slots: slots)]
        var removed: Set<String> = [id]
        var before = 0.0, after = 0.0
        for move in alternative.moves {
            guard let other = facts.hearings[move.hearing], let was = layout.assignments[move.hearing], move.hearing != id,
                  removed.insert(move.hearing).inserted
            else {
                add(id, check, "the way named moves \(move.hearing), which the plan does not hold (or moves it twice)")
                continue
            }
            if let replan, replan.frozen.contains(move.hearing), let published = replan.published[move.hearing],
               ReplanReference.isSame(published, was)
            {
                add(id, check, "the way named moves \(move.hearing), which is frozen in its published placement")
            }
            let scoreBefore = score(of: was) ?? was.score
            var scoreAfter = replan?.unheldScore(move.hearing) ?? 0
            if let to = move.to {
                guard let otherSlots = facts.calendar.slots(on: to.date, from: to.slot, count: other.durationSlots) else {
                    add(id, check, "the way named moves \(move.hearing) to \(to.date) \(to.slot), where it does not fit")
                    continue
                }
                placed.append(PlanLayout.Placed(hearing: other, spot: to, slots: otherSlots))
                scoreAfter = score(other, to) ?? 0
            } else if other.fixed != nil {
                add(id, check, "rule 9: the way named leaves the fixed hearing \(move.hearing) unheld")
            }
            if !close(move.scoreBefore, scoreBefore) || !close(move.scoreAfter, scoreAfter) {
                add(id, check, "\(move.hearing) scores \(scoreBefore.decimalText) as planned and \(scoreAfter.decimalText) moved, not \(move.scoreBefore.decimalText) and \(move.scoreAfter.decimalText)")
            }
            before += scoreBefore
            after += scoreAfter
        }
        for violation in layout.violations(placing: placed, removing: removed) {
            add(id, check, "the way named breaks \(violation)")
        }
        let own = score(hearing, alternative.spot) ?? .nan
        if !close(alternative.score, own) { add(id, check, "held the way named it scores \(own.decimalText), not \(alternative.score.decimalText)") }
        let now = score(of: current) ?? current.score
        if !close(alternative.scoreAsPlanned, now + before) {
            add(id, check, "the hearings concerned score \((now + before).decimalText) as planned, not \(alternative.scoreAsPlanned.decimalText)")
        }
        if !close(alternative.scoreWithPreference, own + after) {
            add(id, check, "the hearings concerned score \((own + after).decimalText) the way named, not \(alternative.scoreWithPreference.decimalText)")
        }
    }

    /// Re-planning with `maxChanges`: whether the plan with the alternative would make more
    /// unforced changes than allowed (its own change and the moves', less those it undoes).
    func exceedsChangeCap(_ alternative: Alternative, hearing id: String) -> Bool {
        guard let replan, let cap = replan.maxChanges else { return false }
        var total = plan.changes.filter { !$0.forced && replan.published[$0.hearing] != nil }.count
        func isUnforcedChange(_ hearing: String, _ spot: Alternative.Spot?) -> Bool {
            guard let was = replan.published[hearing], replan.brokenOnItsOwn[hearing] == nil, !replan.frozen.contains(hearing) else { return false }
            guard let spot else { return true }
            return !(was.date == spot.date && was.slot == spot.slot && was.interpreter == spot.interpreter && was.officer == spot.officer)
        }
        func spot(_ a: Assignment?) -> Alternative.Spot? {
            a.map { Alternative.Spot(date: $0.date, slot: $0.slot, interpreter: $0.interpreter, interpreterMode: $0.interpreterMode, language: $0.language, officer: $0.officer) }
        }
        let touched = [(id, alternative.spot as Alternative.Spot?)] + alternative.moves.map { ($0.hearing, $0.to) }
        for (hearing, after) in touched {
            total += (isUnforcedChange(hearing, after) ? 1 : 0) - (isUnforcedChange(hearing, spot(layout.assignments[hearing])) ? 1 : 0)
        }
        return total > cap
    }

    static func text(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
