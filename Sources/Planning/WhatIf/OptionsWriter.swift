import PlannerModel

/// Turns the best placement of each way into the answer: the listing, the earliest slot for each
/// requested preference with its evidence, and the recommendation in plain words.
struct OptionsWriter {
    let index: ProblemIndex
    let hearing: Int
    let current: Placement?
    /// Best first.
    let found: [OptionFinder.Found]

    /// `evidence` is made only when it is needed: when a requested preference or the hearing itself
    /// cannot be met in any way.
    mutating func answer(listsAll: Bool, isOptimal: Bool, evidence makeEvidence: () -> Evidence) -> HearingOptions {
        let roster = index.roster
        let target = roster.hearings[hearing]
        let shown = listsAll ? found : readable()
        let options = shown.map(option)
        let best = found.first
        let recommended = best.flatMap { best in
            best.value > 0 || target.fixed != nil ? shown.firstIndex { $0.placement == best.placement } : nil
        }
        var madeEvidence: Evidence?
        func evidence() -> Evidence {
            if let madeEvidence { return madeEvidence }
            let made = makeEvidence()
            madeEvidence = made
            return made
        }
        var preferences: [HearingOptions.PreferenceOutlook] = []
        for role in Role.allCases {
            guard let wanted = role == .interpreter ? target.interpreterGender : target.officerGender else { continue }
            let meeting = found.filter { (role == .interpreter ? $0.way.interpreterState : $0.way.officerState) == .met }
            let earliest = meeting.map(\.placement.slot).min()
            let free = meeting.filter { $0.blockers.isEmpty }.map(\.placement.slot).min()
            preferences.append(.init(
                role: role, requested: wanted, earliest: earliest.map(index.calendar.slotName),
                earliestWithoutMoves: free.map(index.calendar.slotName), bestValue: meeting.map(\.value).max(),
                reason: earliest == nil ? evidence().preferenceReason(hearing: hearing, role: role, wanted: wanted) : nil))
        }
        return HearingOptions(
            hearing: target.id, current: current.map(spot), currentScore: current?.score, waysFound: found.count,
            listing: listsAll ? .all : .best, options: options, recommended: recommended,
            recommendation: sentence(best: best, preferences: preferences),
            preferences: preferences,
            reason: found.isEmpty ? evidence().unscheduled(hearing, isOptimal: isOptimal).reason : nil)
    }

    /// The ways no other way beats on value, start, preferences met and moves together (ties: the
    /// one ranked first), plus the plan's own placement; best first.
    func readable() -> [OptionFinder.Found] {
        func met(_ f: OptionFinder.Found) -> [Bool] { [f.way.interpreterState == .met, f.way.officerState == .met] }
        var kept: [OptionFinder.Found] = []
        for (k, candidate) in found.enumerated() {
            let isCurrent = current.map { candidate.placement.isUnchanged(from: $0) } ?? false
            let dominated = found.enumerated().contains { j, other in
                guard j != k else { return false }
                let noWorse = other.value >= candidate.value - 1e-9 && other.placement.slot <= candidate.placement.slot
                    && other.moves <= candidate.moves && zip(met(other), met(candidate)).allSatisfy { $0 || !$1 }
                let better = other.value > candidate.value + 1e-9 || other.placement.slot < candidate.placement.slot
                    || other.moves < candidate.moves || zip(met(other), met(candidate)).contains { $0 && !$1 }
                return noWorse && (better || j < k)
            }
            if !dominated || isCurrent { kept.append(candidate) }
        }
        return kept
    }

    func spot(_ p: Placement) -> HearingOptions.Spot {
        let name = index.calendar.slotName(at: p.slot)
        return HearingOptions.Spot(
            date: name.date, slot: name.part, interpreter: index.roster.interpreters[p.interpreter].id,
            interpreterMode: p.isOnsite ? .onsite : .remote, language: p.language, officer: index.roster.officers[p.officer].id)
    }

    func option(_ f: OptionFinder.Found) -> HearingOptions.Option {
        let target = index.roster.hearings[hearing]
        let day = index.calendar.slotName(at: f.placement.slot).date
        var moves: [HearingOptions.Move] = []
        for m in f.blockers {
            guard let before = f.before[m], let after = f.repair?.placements[m] else { continue }
            if let after, after.isUnchanged(from: before) { continue }
            moves.append(.init(
                hearing: index.roster.hearings[m].id, from: spot(before), to: after.map(spot),
                scoreChange: (after?.score ?? 0) - before.score))
        }
        let isCurrent = current.map { f.placement.isUnchanged(from: $0) } ?? false
        return HearingOptions.Option(
            spot: spot(f.placement), slots: f.placement.slots.map(index.calendar.slotName),
            interpreterPreference: f.way.interpreterState, officerPreference: f.way.officerState, score: f.placement.score,
            delayDays: index.scoring.delayDays(target, startingOn: day), waitDays: index.scoring.waitDays(target, startingOn: day),
            moves: moves, loss: f.loss, value: f.value, objectiveChange: f.value - (current?.score ?? 0),
            isCurrent: isCurrent, isExact: f.isExact)
    }

    /// The recommendation: hold it the best way, keep it, or leave it for a later horizon.
    func sentence(best: OptionFinder.Found?, preferences: [HearingOptions.PreferenceOutlook]) -> String {
        let target = index.roster.hearings[hearing]
        guard let best else {
            return "It cannot be held in this horizon, even by moving other hearings."
        }
        if best.value <= 0 && target.fixed == nil {
            return "Leave it for a later horizon: the best way to hold it now scores \(best.value.decimalText) with its moves, no more than not holding it (0)."
        }
        let name = index.calendar.slotName(at: best.placement.slot)
        let isKeep = current.map { best.placement.isSameSpot(as: $0) } ?? false
        var words = (isKeep ? "Keep it on " : "Hold on ") + "\(name.date) \(name.part)"
        var people: [String] = []
        var states: [String] = []
        for (role, state, wanted) in [
            (Role.interpreter, best.way.interpreterState, target.interpreterGender),
            (Role.officer, best.way.officerState, target.officerGender),
        ] {
            guard let wanted else { continue }
            let noun = role == .interpreter ? "interpreter" : "officer"
            if state == .met {
                people.append("a \(wanted.rawValue) \(noun)")
                states.append("\(noun) preference met")
            } else {
                let gender = role == .interpreter
                    ? index.roster.interpreters[best.placement.interpreter].gender : index.roster.officers[best.placement.officer].gender
                people.append("a \(gender == .x ? "non-binary (x)" : gender.rawValue) \(noun)")
                let later = preferences.first { $0.role == role }?.earliest
                states.append("\(noun) preference not met" + (later.map { " (it could be met from \($0.date) \($0.part))" } ?? " (it cannot be met in this horizon)"))
            }
        }
        if !people.isEmpty { words += " with " + people.joined(separator: " and ") }
        let delay = index.scoring.delayDays(target, startingOn: name.date)
        var parts = ["\(delay) more working day\(delay == 1 ? "" : "s") of waiting"]
        parts += states
        if best.moves > 0 {
            parts.append("moving \(best.moves) other hearing\(best.moves == 1 ? "" : "s") (\(best.loss > 0 ? "-" : "+")\(abs(best.loss).decimalText))")
        }
        return words + ": " + parts.joined(separator: ", ")
    }
}
