import PlannerModel

/// Who does what in a plan, slot by slot, day by day and week by week, so that "who holds this
/// person then?" and "would this change keep every rule?" are a few look-ups.
struct PlanLayout: Sendable {
    let facts: RosterFacts
    /// The plan's assignments of roster hearings, by hearing.
    let assignments: [String: Assignment]
    private var personAt: [String: [SlotName: String]] = [:]
    private var roomUse: [String: [SlotName: Int]] = [:]
    private var personWeek: [String: [ISOWeek: Int]] = [:]
    /// Interpreter -> day -> their on-site hearings that day.
    private var onsite: [String: [Day: [String]]] = [:]

    init(facts: RosterFacts, plan: Plan) {
        self.facts = facts
        var byHearing: [String: Assignment] = [:]
        for a in plan.assignments where facts.hearings[a.hearing] != nil && byHearing[a.hearing] == nil { byHearing[a.hearing] = a }
        assignments = byHearing
        for a in byHearing.values {
            for slot in a.slots {
                personAt[a.interpreter, default: [:]][slot] = a.hearing
                personAt[a.officer, default: [:]][slot] = a.hearing
                roomUse[a.location, default: [:]][slot, default: 0] += 1
            }
            personWeek[a.interpreter, default: [:]][a.date.isoWeek, default: 0] += 1
            personWeek[a.officer, default: [:]][a.date.isoWeek, default: 0] += 1
            if a.interpreterMode == .onsite { onsite[a.interpreter, default: [:]][a.date, default: []].append(a.hearing) }
        }
    }

    /// The hearing the person holds in the slot, if any.
    func holder(_ person: String, _ slot: SlotName) -> String? { personAt[person]?[slot] }

    func hearings(at location: String, _ slot: SlotName) -> Int { roomUse[location]?[slot] ?? 0 }

    func load(_ person: String, _ week: ISOWeek) -> Int { personWeek[person]?[week] ?? 0 }

    /// The interpreter's on-site hearings on the day, with their locations.
    func onsiteHearings(_ interpreter: String, on day: Day) -> [Assignment] {
        (onsite[interpreter]?[day] ?? []).compactMap { assignments[$0] }
    }

    func cap(_ person: String) -> Int? {
        facts.interpreters[person]?.maxHearingsPerWeek ?? facts.officers[person]?.maxHearingsPerWeek
    }

    /// A hearing placed otherwise than the plan has it.
    struct Placed {
        let hearing: Hearing
        let spot: Alternative.Spot
        let slots: [SlotName]
    }

    /// Every hard rule that placing `placed` breaks when the hearings of `removed` are taken out of
    /// the plan first (rules 1 to 9, each as a sentence); empty when the changed plan keeps them all.
    func violations(placing placed: [Placed], removing removed: Set<String>) -> [String] {
        var found: [String] = []
        for p in placed { found += ownRules(p) }
        // Rule 5: a person in one hearing a slot.
        var takenNow: [String: [SlotName: String]] = [:]
        for p in placed {
            for slot in p.slots {
                for person in [p.spot.interpreter, p.spot.officer] {
                    if let other = holder(person, slot), !removed.contains(other) {
                        found.append("rule 5: \(person) already holds \(other) in \(slot)")
                    }
                    if let other = takenNow[person]?[slot] {
                        found.append("rule 5: \(person) would hold both \(other) and \(p.hearing.id) in \(slot)")
                    }
                    takenNow[person, default: [:]][slot] = p.hearing.id
                }
            }
        }
        // Rule 8: rooms; rule 7: weekly maximums; rule 6: one site a day.
        var roomDelta: [String: [SlotName: Int]] = [:]
        var weekDelta: [String: [ISOWeek: Int]] = [:]
        for id in removed {
            guard let a = assignments[id] else { continue }
            for slot in a.slots { roomDelta[a.location, default: [:]][slot, default: 0] -= 1 }
            weekDelta[a.interpreter, default: [:]][a.date.isoWeek, default: 0] -= 1
            weekDelta[a.officer, default: [:]][a.date.isoWeek, default: 0] -= 1
        }
        for p in placed {
            for slot in p.slots { roomDelta[p.hearing.location, default: [:]][slot, default: 0] += 1 }
            weekDelta[p.spot.interpreter, default: [:]][p.spot.date.isoWeek, default: 0] += 1
            weekDelta[p.spot.officer, default: [:]][p.spot.date.isoWeek, default: 0] += 1
        }
        for p in placed {
            let location = p.hearing.location
            if let rooms = facts.locations[location]?.rooms {
                for slot in p.slots where hearings(at: location, slot) + (roomDelta[location]?[slot] ?? 0) > rooms {
                    found.append("rule 8: \(location) would hold more than its \(rooms) rooms in \(slot)")
                }
            }
            for person in [p.spot.interpreter, p.spot.officer] {
                let week = p.spot.date.isoWeek
                if let cap = cap(person), load(person, week) + (weekDelta[person]?[week] ?? 0) > cap {
                    found.append("rule 7: \(person) would have more than their maximum of \(cap) hearings in \(week)")
                }
            }
            if p.spot.interpreterMode == .onsite {
                var sites = Set(onsiteHearings(p.spot.interpreter, on: p.spot.date).filter { !removed.contains($0.hearing) }.map(\.location))
                for other in placed where other.spot.interpreter == p.spot.interpreter && other.spot.date == p.spot.date
                    && other.spot.interpreterMode == .onsite
                {
                    sites.insert(other.hearing.location)
                }
                if sites.count > 1 {
                    found.append("rule 6: \(p.spot.interpreter) would work on site at \(sites.sorted().joined(separator: " and ")) on \(p.spot.date)")
                }
            }
        }
        return Array(Set(found)).sorted()
    }

    /// Rules 1 to 4 and 9 for one hearing placed on its own.
    private func ownRules(_ p: Placed) -> [String] {
        let hearing = p.hearing
        let spot = p.spot
        var found: [String] = []
        let id = hearing.id
        if !facts.allowedStarts(of: hearing).contains(where: { $0.date == spot.date && $0.part == spot.slot }) {
            found.append("rule \(hearing.fixed == nil ? 1 : 9): \(id) cannot start on \(spot.date) \(spot.slot)")
        }
        if let fixed = hearing.fixed {
            if let pinned = fixed.interpreter, pinned != spot.interpreter { found.append("rule 9: \(id) is fixed with \(pinned)") }
            if let pinned = fixed.officer, pinned != spot.officer { found.append("rule 9: \(id) is fixed with \(pinned)") }
        }
        if let interpreter = facts.interpreters[spot.interpreter] {
            let languages = [hearing.language] + hearing.fallbackLanguages
            if !languages.contains(spot.language) || !interpreter.languages.contains(where: { $0.code == spot.language }) {
                found.append("rule 3: \(id) cannot be interpreted in \(spot.language) by \(interpreter.id)")
            }
            if hearing.excludedInterpreters.contains(interpreter.id) { found.append("rule 3: \(interpreter.id) is excluded from \(id)") }
            if !facts.isAvailable(interpreter.id, in: p.slots) { found.append("rule 3: \(interpreter.id) is not available for \(id)") }
            let modes = facts.modes(interpreter, for: hearing)
            if spot.interpreterMode == .onsite ? !modes.onsite : !modes.remote {
                found.append("rule 3: \(interpreter.id) cannot work \(spot.interpreterMode.rawValue) for \(id)")
            }
        } else {
            found.append("rule 2: \(spot.interpreter) is not an interpreter of the roster")
        }
        if let officer = facts.officers[spot.officer] {
            if officer.location != hearing.location { found.append("rule 4: \(officer.id) does not work at \(hearing.location)") }
            if !hearing.requiredTrainings.allSatisfy(officer.trainings.contains) { found.append("rule 4: \(officer.id) lacks a training \(id) needs") }
            if hearing.excludedOfficers.contains(officer.id) { found.append("rule 4: \(officer.id) is excluded from \(id)") }
            if !facts.isAvailable(officer.id, in: p.slots) { found.append("rule 4: \(officer.id) is not available for \(id)") }
        } else {
            found.append("rule 2: \(spot.officer) is not an officer of the roster")
        }
        return found
    }
}
