import PlannerModel

/// A first-fit planner that respects every hard rule, to show that a generated roster is
/// plannable but tight: it holds a lower bound of what the real planner can hold.
///
/// Hearings go in deadline order to the earliest start where a room, an officer and an
/// interpreter are free, preferring people of a requested gender when some are free.
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

    private struct Person {
        var free: [Bool]
        var busy: [Bool]
        var weekCount: [Int]
        var cap: Int
        var gender: Gender
        /// Interpreters: the location worked on site per working day.
        var onsiteDay: [String?]
    }

    static func plan(_ roster: Roster) -> Outcome {
        let calendar = WorkCalendar(roster.horizon)
        let parts = calendar.partsPerDay
        let weeks = calendar.weeks
        let weekOfDay = calendar.workingDays.map { day in weeks.firstIndex(of: day.isoWeek) ?? 0 }
        func person(_ available: [SlotName], _ gender: Gender, _ cap: Int?) -> Person {
            var free = Array(repeating: false, count: calendar.slotCount)
            for slot in available { if let i = calendar.slotIndex(of: slot) { free[i] = true } }
            return Person(
                free: free, busy: Array(repeating: false, count: calendar.slotCount),
                weekCount: Array(repeating: 0, count: weeks.count), cap: cap ?? Int.max, gender: gender,
                onsiteDay: Array(repeating: nil, count: calendar.workingDays.count))
        }
        var interpreters = roster.interpreters.map { person($0.available, $0.gender, $0.maxHearingsPerWeek) }
        var officers = roster.officers.map { person($0.available, $0.gender, $0.maxHearingsPerWeek) }
        var speakers: [String: [Int]] = [:]
        for (i, interpreter) in roster.interpreters.enumerated() {
            for skill in interpreter.languages { speakers[skill.code, default: []].append(i) }
        }
        var staffAt: [String: [Int]] = [:]
        for (i, officer) in roster.officers.enumerated() { staffAt[officer.location, default: []].append(i) }
        var rooms: [String: [Int]] = [:]
        for location in roster.locations {
            rooms[location.id] = Array(repeating: location.rooms ?? Int.max, count: calendar.slotCount)
        }

        var outcome = Outcome()
        let queue = roster.hearings.sorted { ($0.latest, $0.id) < ($1.latest, $1.id) }
        for hearing in queue {
            let inHorizon = hearing.latest <= roster.horizon.end
            if inHorizon { outcome.deadlineInHorizon += 1 }
            let overdue = hearing.latest < roster.horizon.start
            let languages = [hearing.language] + hearing.fallbackLanguages
            let candidatesI = languages.flatMap { speakers[$0] ?? [] }
            let candidatesO = (staffAt[hearing.location] ?? []).filter { o in
                hearing.requiredTrainings.allSatisfy(roster.officers[o].trainings.contains)
                    && !hearing.excludedOfficers.contains(roster.officers[o].id)
            }
            func fits(_ p: Person, _ slots: Range<Int>, _ day: Int) -> Bool {
                p.weekCount[weekOfDay[day]] < p.cap && slots.allSatisfy { p.free[$0] && !p.busy[$0] }
            }
            var found: (slots: Range<Int>, day: Int, i: Int, o: Int, onsite: Bool)?
            // First only with the requested genders, then with anyone.
            for strict in hearing.requestedPreferenceCount > 0 ? [true, false] : [false] where found == nil {
                search: for (day, date) in calendar.workingDays.enumerated()
                where date >= hearing.earliest && (overdue || date <= hearing.latest) {
                    for part in 0...(parts - hearing.durationSlots) {
                        let start = day * parts + part
                        let slots = start..<(start + hearing.durationSlots)
                        guard slots.allSatisfy({ rooms[hearing.location]![$0] > 0 }) else { continue }
                        guard let o = candidatesO.first(where: { o in
                            fits(officers[o], slots, day)
                                && (!strict || hearing.officerGender.map { $0.isMet(by: officers[o].gender) } ?? true)
                        }) else { continue }
                        for i in candidatesI {
                            let interpreter = roster.interpreters[i]
                            guard !hearing.excludedInterpreters.contains(interpreter.id),
                                  fits(interpreters[i], slots, day),
                                  !strict || (hearing.interpreterGender.map { $0.isMet(by: interpreter.gender) } ?? true)
                            else { continue }
                            let onsiteOK = interpreter.onsiteLocations.contains(hearing.location)
                                && (interpreters[i].onsiteDay[day] ?? hearing.location) == hearing.location
                            if onsiteOK || (interpreter.remote && hearing.remoteInterpreterAllowed) {
                                found = (slots, day, i, o, onsiteOK)
                                break search
                            }
                        }
                    }
                }
            }
            guard let found else { continue }
            for slot in found.slots {
                rooms[hearing.location]![slot] -= 1
                interpreters[found.i].busy[slot] = true
                officers[found.o].busy[slot] = true
            }
            interpreters[found.i].weekCount[weekOfDay[found.day]] += 1
            officers[found.o].weekCount[weekOfDay[found.day]] += 1
            if found.onsite { interpreters[found.i].onsiteDay[found.day] = hearing.location }
            outcome.held += 1
            if inHorizon { outcome.heldWithDeadlineInHorizon += 1 }
            for (wish, gender) in [(hearing.interpreterGender, interpreters[found.i].gender),
                                   (hearing.officerGender, officers[found.o].gender)] {
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
