import PlannerModel

/// A first-fit planner that respects every hard rule, to show that a generated roster is
/// plannable but tight: it holds a lower bound of what the real planner can hold.
///
/// Hearings go in deadline order to the earliest start where a room, an officer and an
/// interpreter are free, with people of a requested gender when some are free. State lives in
/// flat arrays (person * slots + slot) so that it stays fast in a debug build.
struct GreedyPlanner {
    struct Outcome {
        var held = 0
        var preferencesRequested = 0
        var preferencesMet = 0
        var heldWithDeadlineInHorizon = 0
        var deadlineInHorizon = 0
        /// Requested preferences of held hearings, and those met, per language.
        var byLanguage: [String: (requested: Int, met: Int)] = [:]
    }

    /// Availability, bookings and weekly counts of one group of people.
    private struct Staff {
        let slotCount: Int
        let weekCount: Int
        var free: [Bool]
        var busy: [Bool]
        var booked: [Int]
        let caps: [Int]

        init(_ available: [[SlotName]], caps: [Int?], calendar: WorkCalendar, weeks: Int) {
            slotCount = calendar.slotCount
            weekCount = weeks
            free = Array(repeating: false, count: available.count * slotCount)
            for (person, slots) in available.enumerated() {
                for slot in slots { if let i = calendar.slotIndex(of: slot) { free[person * slotCount + i] = true } }
            }
            busy = Array(repeating: false, count: free.count)
            booked = Array(repeating: 0, count: available.count * weeks)
            self.caps = caps.map { $0 ?? Int.max }
        }

        func fits(_ person: Int, _ slots: Range<Int>, week: Int) -> Bool {
            guard booked[person * weekCount + week] < caps[person] else { return false }
            for slot in slots where !free[person * slotCount + slot] || busy[person * slotCount + slot] { return false }
            return true
        }

        mutating func book(_ person: Int, _ slots: Range<Int>, week: Int) {
            for slot in slots { busy[person * slotCount + slot] = true }
            booked[person * weekCount + week] += 1
        }
    }

    static func plan(_ roster: Roster) -> Outcome {
        let calendar = WorkCalendar(roster.horizon)
        let parts = calendar.partsPerDay
        let weeks = calendar.weeks
        let weekOfDay = calendar.workingDays.map { day in weeks.firstIndex(of: day.isoWeek) ?? 0 }
        var interpreters = Staff(
            roster.interpreters.map(\.available), caps: roster.interpreters.map(\.maxHearingsPerWeek),
            calendar: calendar, weeks: weeks.count)
        var officers = Staff(
            roster.officers.map(\.available), caps: roster.officers.map(\.maxHearingsPerWeek),
            calendar: calendar, weeks: weeks.count)
        let locationIndex = Dictionary(
            roster.locations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var roomsLeft = roster.locations.map { Array(repeating: $0.rooms ?? Int.max, count: calendar.slotCount) }
        // The location an interpreter works at on site, per working day (-1: none yet).
        var onsiteAt = Array(repeating: -1, count: roster.interpreters.count * calendar.workingDays.count)
        let onsiteIndices = roster.interpreters.map { $0.onsiteLocations.compactMap { locationIndex[$0] } }
        // Plain arrays: reading a field of `roster.interpreters[i]` copies the whole struct in debug.
        let interpreterGenders = roster.interpreters.map(\.gender)
        let officerGenders = roster.officers.map(\.gender)
        let isRemote = roster.interpreters.map(\.remote)
        var speakers: [String: [Int]] = [:]
        for (i, interpreter) in roster.interpreters.enumerated() {
            for skill in interpreter.languages { speakers[skill.code, default: []].append(i) }
        }
        var staffAt = Array(repeating: [Int](), count: roster.locations.count)
        for (o, officer) in roster.officers.enumerated() {
            if let l = locationIndex[officer.location] { staffAt[l].append(o) }
        }

        var outcome = Outcome()
        let queue = roster.hearings.sorted { ($0.latest, $0.id) < ($1.latest, $1.id) }
        for hearing in queue {
            let inHorizon = hearing.latest <= roster.horizon.end
            if inHorizon { outcome.deadlineInHorizon += 1 }
            guard let location = locationIndex[hearing.location] else { continue }
            let overdue = hearing.latest < roster.horizon.start
            let candidatesI = ([hearing.language] + hearing.fallbackLanguages).flatMap { speakers[$0] ?? [] }
                .filter { !hearing.excludedInterpreters.contains(roster.interpreters[$0].id) }
            let candidatesO = staffAt[location].filter { o in
                hearing.requiredTrainings.allSatisfy(roster.officers[o].trainings.contains)
                    && !hearing.excludedOfficers.contains(roster.officers[o].id)
            }
            func wanted(_ wish: GenderPreference?, _ gender: Gender, _ strict: Bool) -> Bool {
                !strict || wish.map { $0.isMet(by: gender) } ?? true
            }
            var found: (slots: Range<Int>, day: Int, i: Int, o: Int, onsite: Bool)?
            // First only with the requested genders, then with anyone.
            for strict in hearing.requestedPreferenceCount > 0 ? [true, false] : [false] where found == nil {
                search: for (day, date) in calendar.workingDays.enumerated()
                where date >= hearing.earliest && (overdue || date <= hearing.latest) {
                    let week = weekOfDay[day]
                    for part in 0...(parts - hearing.durationSlots) {
                        let start = day * parts + part
                        let slots = start..<(start + hearing.durationSlots)
                        guard slots.allSatisfy({ roomsLeft[location][$0] > 0 }) else { continue }
                        guard let o = candidatesO.first(where: { o in
                            officers.fits(o, slots, week: week)
                                && wanted(hearing.officerGender, officerGenders[o], strict)
                        }) else { continue }
                        for i in candidatesI
                        where interpreters.fits(i, slots, week: week)
                            && wanted(hearing.interpreterGender, interpreterGenders[i], strict) {
                            let here = onsiteAt[i * calendar.workingDays.count + day]
                            let onsite = onsiteIndices[i].contains(location) && (here == -1 || here == location)
                            if onsite || (isRemote[i] && hearing.remoteInterpreterAllowed) {
                                found = (slots, day, i, o, onsite)
                                break search
                            }
                        }
                    }
                }
            }
            guard let found else { continue }
            for slot in found.slots { roomsLeft[location][slot] -= 1 }
            interpreters.book(found.i, found.slots, week: weekOfDay[found.day])
            officers.book(found.o, found.slots, week: weekOfDay[found.day])
            if found.onsite { onsiteAt[found.i * calendar.workingDays.count + found.day] = location }
            outcome.held += 1
            if inHorizon { outcome.heldWithDeadlineInHorizon += 1 }
            for (wish, gender) in [(hearing.interpreterGender, interpreterGenders[found.i]),
                                   (hearing.officerGender, officerGenders[found.o])] {
                guard let wish else { continue }
                let met = wish.isMet(by: gender)
                outcome.preferencesRequested += 1
                if met { outcome.preferencesMet += 1 }
                outcome.byLanguage[hearing.language, default: (0, 0)].requested += 1
                if met { outcome.byLanguage[hearing.language, default: (0, 0)].met += 1 }
            }
        }
        return outcome
    }
}
