/// Checks that every `fixed` hearing can be held as fixed (rule 9), alone and together with the
/// other fixed hearings, as far as the roster alone can tell.
struct FixedChecker {
    let roster: Roster
    let calendar: WorkCalendar
    /// People whose own entries had errors: a reference to them is not reported again.
    let incompleteIDs: Set<String>

    /// A fixed hearing whose own fields are sound, with the slots it occupies.
    private struct Pinned {
        let index: Int
        let hearing: Hearing
        let slots: [Int]
        let interpreter: Interpreter?
        let officer: Officer?
    }

    func check(_ log: inout DiagnosticLog) {
        let interpreters = Dictionary(roster.interpreters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let officers = Dictionary(roster.officers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var pinned: [Pinned] = []
        for (index, hearing) in roster.hearings.enumerated() {
            guard let fixed = hearing.fixed else { continue }
            let path = FieldPath.root / "hearings" / index / "fixed"
            guard let slots = occupiedSlots(hearing, fixed, at: path, &log) else { continue }
            var interpreter: Interpreter?
            if let id = fixed.interpreter {
                if let person = interpreters[id] {
                    interpreter = person
                    checkInterpreter(person, hearing, slots, at: path / "interpreter", &log)
                } else if !incompleteIDs.contains(id) {
                    log.error(path / "interpreter", "there is no interpreter \"\(id)\"")
                }
            }
            var officer: Officer?
            if let id = fixed.officer {
                if let person = officers[id] {
                    officer = person
                    checkOfficer(person, hearing, slots, at: path / "officer", &log)
                } else if !incompleteIDs.contains(id) {
                    log.error(path / "officer", "there is no officer \"\(id)\"")
                }
            }
            pinned.append(Pinned(index: index, hearing: hearing, slots: slots, interpreter: interpreter, officer: officer))
        }
        checkTogether(pinned, &log)
    }

    private func occupiedSlots(
        _ hearing: Hearing, _ fixed: FixedAssignment, at path: FieldPath, _ log: inout DiagnosticLog
    ) -> [Int]? {
        let horizon = roster.horizon
        var isSound = true
        if fixed.date < horizon.start || fixed.date > horizon.end {
            log.error(path / "date", "\(fixed.date) is outside the horizon \(horizon.start)..\(horizon.end)")
            isSound = false
        } else if !calendar.isWorkingDay(fixed.date) {
            log.error(path / "date", "\(fixed.date) is a \(fixed.date.isWeekend ? "weekend day" : "holiday"), not a working day")
            isSound = false
        } else if fixed.date < hearing.earliest {
            log.error(path / "date", "\(fixed.date) is before the hearing's earliest date \(hearing.earliest)")
            isSound = false
        } else if fixed.date > hearing.latest && hearing.latest >= horizon.start {
            log.error(path / "date", "\(fixed.date) is after the hearing's latest date \(hearing.latest)")
            isSound = false
        }
        guard let part = calendar.partIndex(of: fixed.slot) else {
            log.error(path / "slot", "\"\(fixed.slot)\" is not a day part of the horizon (\(horizon.slots.joined(separator: ", ")))")
            return nil
        }
        if part + hearing.durationSlots > calendar.partsPerDay {
            log.error(path / "slot",
                      "a hearing of \(hearing.durationSlots) day parts starting in \(fixed.slot) runs past the end of the day")
            isSound = false
        }
        guard isSound, let day = calendar.dayIndex(of: fixed.date) else { return nil }
        let first = day * calendar.partsPerDay + part
        return Array(first..<(first + hearing.durationSlots))
    }

    private func missingSlots(_ available: [SlotName], _ slots: [Int]) -> [String] {
        let free = Set(available.compactMap { calendar.slotIndex(of: $0) })
        return slots.filter { !free.contains($0) }.map { calendar.slotName(at: $0).description }
    }

    private func checkInterpreter(
        _ person: Interpreter, _ hearing: Hearing, _ slots: [Int], at path: FieldPath, _ log: inout DiagnosticLog
    ) {
        let languages = [hearing.language] + hearing.fallbackLanguages
        if !languages.contains(where: { person.skill(for: $0) != nil }) {
            log.error(path, "\(person.id) speaks neither \(languages.joined(separator: " nor "))")
        }
        if hearing.excludedInterpreters.contains(person.id) {
            log.error(path, "\(person.id) is excluded from this hearing")
        }
        let missing = missingSlots(person.available, slots)
        if !missing.isEmpty {
            log.error(path, "\(person.id) is not available in \(missing.joined(separator: ", "))")
        }
        let onsite = person.onsiteLocations.contains(hearing.location)
        let remote = person.remote && hearing.remoteInterpreterAllowed
        if !onsite && !remote {
            log.error(path, "\(person.id) neither works on site at \(hearing.location) nor may interpret remotely here")
        }
    }

    private func checkOfficer(
        _ person: Officer, _ hearing: Hearing, _ slots: [Int], at path: FieldPath, _ log: inout DiagnosticLog
    ) {
        if person.location != hearing.location {
            log.error(path, "\(person.id) works at \(person.location), not at \(hearing.location)")
        }
        let lacking = hearing.requiredTrainings.filter { !person.trainings.contains($0) }
        if !lacking.isEmpty {
            log.error(path, "\(person.id) lacks the training \(lacking.joined(separator: ", "))")
        }
        if hearing.excludedOfficers.contains(person.id) {
            log.error(path, "\(person.id) is excluded from this hearing")
        }
        let missing = missingSlots(person.available, slots)
        if !missing.isEmpty {
            log.error(path, "\(person.id) is not available in \(missing.joined(separator: ", "))")
        }
    }

    /// Conflicts between fixed hearings: one person twice in a slot, rooms, one site a day, caps.
    private func checkTogether(_ pinned: [Pinned], _ log: inout DiagnosticLog) {
        var personSlot: [String: Int] = [:]  // "person@slot" -> hearing index
        var roomUse: [String: Int] = [:]  // "location@slot" -> count
        var sitesByDay: [String: (location: String, index: Int)] = [:]
        var weekly: [String: Int] = [:]
        let rooms = Dictionary(roster.locations.map { ($0.id, $0.rooms) }, uniquingKeysWith: { a, _ in a })
        let caps = Dictionary(
            roster.interpreters.map { ($0.id, $0.maxHearingsPerWeek) } + roster.officers.map { ($0.id, $0.maxHearingsPerWeek) },
            uniquingKeysWith: { a, _ in a })
        for pin in pinned {
            let path = FieldPath.root / "hearings" / pin.index / "fixed"
            let people = [(pin.interpreter?.id, "interpreter"), (pin.officer?.id, "officer")]
            for slot in pin.slots {
                for case let (id?, role) in people {
                    if let other = personSlot["\(id)@\(slot)"], other != pin.index {
                        log.error(path / role, "\(id) is also fixed for \(roster.hearings[other].id) in \(calendar.slotName(at: slot))")
                    } else {
                        personSlot["\(id)@\(slot)"] = pin.index
                    }
                }
                let key = "\(pin.hearing.location)@\(slot)"
                roomUse[key, default: 0] += 1
                if let limit = rooms[pin.hearing.location] ?? nil, roomUse[key]! == limit + 1 {
                    log.error(path / "slot",
                              "more hearings are fixed at \(pin.hearing.location) in \(calendar.slotName(at: slot)) than it has rooms (\(limit))")
                }
            }
            let day = calendar.slotName(at: pin.slots[0]).date
            if let interpreter = pin.interpreter, !(interpreter.remote && pin.hearing.remoteInterpreterAllowed) {
                let key = "\(interpreter.id)@\(day)"
                if let earlier = sitesByDay[key], earlier.location != pin.hearing.location {
                    log.error(path / "interpreter",
                              "\(interpreter.id) would work on site at \(earlier.location) and \(pin.hearing.location) on \(day)")
                } else {
                    sitesByDay[key] = (pin.hearing.location, pin.index)
                }
            }
            for case let (id?, role) in people {
                let key = "\(id)@\(day.isoWeek)"
                weekly[key, default: 0] += 1
                if let cap = caps[id] ?? nil, weekly[key]! == cap + 1 {
                    log.error(path / role, "\(id) is fixed for more than the weekly maximum of \(cap) hearings in \(day.isoWeek)")
                }
            }
        }
    }
}
