import Planning
import PlannerModel
import TestSupport

/// The test's own reading of what an option of `WhatIf.options` is worth (docs/whatif.md): the
/// blockers found by code of its own, and their best re-placement found by the exhaustive search
/// of TestSupport on a roster in which everybody else is pinned where the plan has them.
struct OptionsOracle {
    let roster: Roster
    let plan: Plan
    let hearing: Hearing
    let reference: ReferenceScore

    init(roster: Roster, plan: Plan, hearing: String) {
        self.roster = roster
        self.plan = plan
        self.hearing = roster.hearings.first { $0.id == hearing }!
        reference = ReferenceScore(roster: roster)
    }

    var others: [Assignment] { plan.assignments.filter { $0.hearing != hearing.id } }

    func slots(_ date: Day, _ part: String, _ hearing: Hearing) -> [SlotName] {
        reference.calendar.slots(on: date, from: part, count: hearing.durationSlots) ?? []
    }

    /// The hearings of the plan that hold what the placement needs: its people in its slots, a full
    /// room, a full week of one of its people, the interpreter on site elsewhere that day.
    func blockers(of spot: HearingOptions.Spot) -> Set<String> {
        let taken = Set(slots(spot.date, spot.slot, hearing))
        let byID = Dictionary(roster.hearings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var result = Set<String>()
        for a in others where !taken.isDisjoint(with: a.slots) {
            if a.interpreter == spot.interpreter || a.officer == spot.officer { result.insert(a.hearing) }
        }
        if let rooms = roster.locations.first(where: { $0.id == hearing.location })?.rooms {
            for slot in taken {
                let users = others.filter { $0.location == hearing.location && $0.slots.contains(slot) }
                if users.count >= rooms { result.formUnion(users.map(\.hearing)) }
            }
        }
        let week = spot.date.isoWeek
        for (person, cap) in [
            (spot.interpreter, roster.interpreters.first { $0.id == spot.interpreter }?.maxHearingsPerWeek),
            (spot.officer, roster.officers.first { $0.id == spot.officer }?.maxHearingsPerWeek),
        ] {
            guard let cap else { continue }
            let load = others.filter { ($0.interpreter == person || $0.officer == person) && $0.date.isoWeek == week }
            if load.count >= cap { result.formUnion(load.map(\.hearing)) }
        }
        if spot.interpreterMode == .onsite {
            for a in others where a.interpreter == spot.interpreter && a.date == spot.date && a.interpreterMode == .onsite
                && byID[a.hearing]?.location != hearing.location
            {
                result.insert(a.hearing)
            }
        }
        return result
    }

    /// The best value of holding the hearing at `spot` (its score, plus what its blockers score
    /// after the best re-placement, minus what they scored), with that re-placement; nil when no
    /// re-placement keeps every rule.
    func value(of spot: HearingOptions.Spot) -> (value: Double, choices: [HearingChoice])? {
        let blockers = blockers(of: spot)
        var pinned: [Hearing] = []
        var choices: [HearingChoice] = []
        for a in others where !blockers.contains(a.hearing) {
            var copy = roster.hearings.first { $0.id == a.hearing }!
            copy.fixed = FixedAssignment(date: a.date, slot: a.slot, interpreter: a.interpreter, officer: a.officer)
            copy.remoteInterpreterAllowed = a.interpreterMode == .remote
            pinned.append(copy)
            choices.append(HearingChoice(hearing: a.hearing, placement: .init(
                date: a.date, slot: a.slot, interpreter: a.interpreter, mode: a.interpreterMode, language: a.language, officer: a.officer)))
        }
        var target = hearing
        target.fixed = FixedAssignment(date: spot.date, slot: spot.slot, interpreter: spot.interpreter, officer: spot.officer)
        target.remoteInterpreterAllowed = spot.interpreterMode == .remote
        let released = roster.hearings.filter { blockers.contains($0.id) }
        var reduced = roster
        reduced.hearings = pinned + [target] + released
        guard let best = bruteForce(reduced) else { return nil }
        guard let placed = best.choices.first(where: { $0.hearing == hearing.id })?.placement,
              placed.language == spot.language
        else { return nil }
        let own = score(hearing, date: spot.date, interpreter: spot.interpreter, language: spot.language, officer: spot.officer)
        var value = own
        for a in others where blockers.contains(a.hearing) {
            value -= score(roster.hearings.first { $0.id == a.hearing }!, date: a.date, interpreter: a.interpreter, language: a.language, officer: a.officer)
        }
        for choice in best.choices where blockers.contains(choice.hearing) {
            choices.append(choice)
            guard let p = choice.placement else { continue }
            value += score(roster.hearings.first { $0.id == choice.hearing }!, date: p.date, interpreter: p.interpreter, language: p.language, officer: p.officer)
        }
        choices.append(HearingChoice(hearing: hearing.id, placement: .init(
            date: spot.date, slot: spot.slot, interpreter: spot.interpreter, mode: spot.interpreterMode, language: spot.language,
            officer: spot.officer)))
        return (value, choices)
    }

    func score(_ hearing: Hearing, date: Day, interpreter: String, language: String, officer: String) -> Double {
        reference.score(
            hearing: hearing, date: date, interpreter: roster.interpreters.first { $0.id == interpreter }!, language: language,
            officer: roster.officers.first { $0.id == officer }!)
    }

    /// Every placement of the hearing the roster allows (rules 1 to 4 and 9), one language per
    /// interpreter (its best), each mode the interpreter and hearing allow.
    func spots() -> [HearingOptions.Spot] {
        var result: [HearingOptions.Spot] = []
        let overdue = hearing.latest < roster.horizon.start
        for day in reference.calendar.workingDays where day >= hearing.earliest && (overdue || day <= hearing.latest) {
            for part in roster.horizon.slots {
                let taken = slots(day, part, hearing)
                guard !taken.isEmpty else { continue }
                if let fixed = hearing.fixed, fixed.date != day || fixed.slot != part { continue }
                for i in roster.interpreters where !hearing.excludedInterpreters.contains(i.id) && Set(taken).isSubset(of: i.available) {
                    if let pinned = hearing.fixed?.interpreter, pinned != i.id { continue }
                    let languages = ([hearing.language] + hearing.fallbackLanguages).filter { code in i.languages.contains { $0.code == code } }
                    guard !languages.isEmpty else { continue }
                    var modes: [InterpreterMode] = []
                    if i.onsiteLocations.contains(hearing.location) { modes.append(.onsite) }
                    if i.remote && hearing.remoteInterpreterAllowed { modes.append(.remote) }
                    for o in roster.officers where o.location == hearing.location && Set(taken).isSubset(of: o.available)
                        && hearing.requiredTrainings.allSatisfy(o.trainings.contains) && !hearing.excludedOfficers.contains(o.id)
                    {
                        if let pinned = hearing.fixed?.officer, pinned != o.id { continue }
                        // The best language; the hearing's own on a tie.
                        var best = languages[0]
                        for code in languages.dropFirst()
                        where score(hearing, date: day, interpreter: i.id, language: code, officer: o.id)
                            > score(hearing, date: day, interpreter: i.id, language: best, officer: o.id)
                        {
                            best = code
                        }
                        for mode in modes {
                            result.append(.init(date: day, slot: part, interpreter: i.id, interpreterMode: mode, language: best, officer: o.id))
                        }
                    }
                }
            }
        }
        return result
    }

    /// What tells ways apart: start, preference states, language, mode.
    func way(of spot: HearingOptions.Spot) -> String {
        let i = roster.interpreters.first { $0.id == spot.interpreter }!
        let o = roster.officers.first { $0.id == spot.officer }!
        return "\(spot.date)/\(spot.slot) \(ReferenceScore.preferenceState(hearing.interpreterGender, i.gender).rawValue)"
            + " \(ReferenceScore.preferenceState(hearing.officerGender, o.gender).rawValue) \(spot.language) \(spot.interpreterMode.rawValue)"
    }
}
