import PlannerModel

/// Structural checks of a roster, written here rather than borrowed from the validator so that
/// the generator is checked independently of it. Each problem is one sentence.
enum RosterChecks {
    static func problems(in roster: Roster) -> [String] {
        var problems: [String] = []
        let horizon = roster.horizon
        let calendar = WorkCalendar(horizon)
        if horizon.start.weekday != 1 { problems.append("the horizon starts on \(horizon.start), not a Monday") }
        if horizon.end.weekday != 5 { problems.append("the horizon ends on \(horizon.end), not a Friday") }
        for day in horizon.holidays where day < horizon.start || day > horizon.end {
            problems.append("holiday \(day) is outside the horizon")
        }
        if calendar.workingDays.isEmpty { problems.append("the horizon has no working day") }

        problems += duplicates(roster.locations.map(\.id), "location")
        problems += duplicates(roster.hearings.map(\.id), "hearing")
        problems += duplicates(roster.interpreters.map(\.id), "interpreter")
        problems += duplicates(roster.officers.map(\.id), "officer")
        let interpreterIDs = Set(roster.interpreters.map(\.id))
        let officerIDs = Set(roster.officers.map(\.id))
        for id in interpreterIDs.intersection(officerIDs).sorted() {
            problems.append("\(id) is both an interpreter and an officer")
        }
        let locationIDs = Set(roster.locations.map(\.id))
        for location in roster.locations where (location.rooms ?? 1) < 1 {
            problems.append("location \(location.id) has no room")
        }

        for h in roster.hearings {
            if !locationIDs.contains(h.location) { problems.append("\(h.id): unknown location \(h.location)") }
            if !isLanguageCode(h.language) { problems.append("\(h.id): \(h.language) is not an ISO 639-3 code") }
            if h.fallbackLanguages.contains(h.language) || Set(h.fallbackLanguages).count != h.fallbackLanguages.count {
                problems.append("\(h.id): fallback languages repeat a language")
            }
            if !(1...calendar.partsPerDay).contains(h.durationSlots) {
                problems.append("\(h.id): durationSlots \(h.durationSlots) does not fit in a day")
            }
            if h.earliest > h.latest { problems.append("\(h.id): earliest \(h.earliest) after latest \(h.latest)") }
            for id in h.excludedInterpreters where !interpreterIDs.contains(id) {
                problems.append("\(h.id): excludes unknown interpreter \(id)")
            }
            for id in h.excludedOfficers where !officerIDs.contains(id) {
                problems.append("\(h.id): excludes unknown officer \(id)")
            }
        }
        for i in roster.interpreters {
            if i.languages.isEmpty { problems.append("\(i.id) speaks no language") }
            if Set(i.languages.map(\.code)).count != i.languages.count { problems.append("\(i.id) lists a language twice") }
            for skill in i.languages where !isLanguageCode(skill.code) {
                problems.append("\(i.id): \(skill.code) is not an ISO 639-3 code")
            }
            for location in i.onsiteLocations where !locationIDs.contains(location) {
                problems.append("\(i.id): unknown on-site location \(location)")
            }
            if i.onsiteLocations.isEmpty && !i.remote { problems.append("\(i.id) works neither on site nor remotely") }
            problems += slotProblems(i.available, i.id, calendar)
            if let cap = i.maxHearingsPerWeek, cap < 1 { problems.append("\(i.id) has a weekly cap of \(cap)") }
        }
        for o in roster.officers {
            if !locationIDs.contains(o.location) { problems.append("\(o.id): unknown location \(o.location)") }
            problems += slotProblems(o.available, o.id, calendar)
            if let cap = o.maxHearingsPerWeek, cap < 1 { problems.append("\(o.id) has a weekly cap of \(cap)") }
        }
        problems += fixedProblems(roster, calendar)
        return problems
    }

    private static func isLanguageCode(_ code: String) -> Bool {
        code.count == 3 && code.allSatisfy { $0.isASCII && $0.isLowercase }
    }

    private static func duplicates(_ ids: [String], _ what: String) -> [String] {
        var seen = Set<String>()
        var problems: [String] = []
        for id in ids where !seen.insert(id).inserted { problems.append("\(what) id \(id) is used twice") }
        return problems
    }

    /// Available slots must be slots of the horizon's working days, listed once each.
    private static func slotProblems(_ slots: [SlotName], _ id: String, _ calendar: WorkCalendar) -> [String] {
        var problems: [String] = []
        for slot in slots where calendar.slotIndex(of: slot) == nil {
            problems.append("\(id): \(slot) is not a slot of a working day of the horizon")
        }
        if Set(slots).count != slots.count { problems.append("\(id) lists a slot twice") }
        return problems
    }

    /// Fixed hearings must keep every hard rule, alone and together.
    private static func fixedProblems(_ roster: Roster, _ calendar: WorkCalendar) -> [String] {
        var problems: [String] = []
        let interpreters = Dictionary(roster.interpreters.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let officers = Dictionary(roster.officers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rooms = Dictionary(roster.locations.map { ($0.id, $0.rooms ?? Int.max) }, uniquingKeysWith: { first, _ in first })
        var personSlots = Set<String>()
        var roomUse: [String: Int] = [:]
        var weekCount: [String: Int] = [:]
        var onsiteDay: [String: String] = [:]
        for h in roster.hearings {
            guard let fixed = h.fixed else { continue }
            let start = SlotName(date: fixed.date, part: fixed.slot)
            guard let first = calendar.slotIndex(of: start) else {
                problems.append("\(h.id): fixed at \(start), not a slot of a working day of the horizon")
                continue
            }
            let overdue = h.latest < roster.horizon.start
            if fixed.date < h.earliest || (!overdue && fixed.date > h.latest) {
                problems.append("\(h.id): fixed on \(fixed.date), outside its window")
            }
            let part = first % calendar.partsPerDay
            if part + h.durationSlots > calendar.partsPerDay {
                problems.append("\(h.id): fixed at \(start), runs past the end of the day")
                continue
            }
            let slots = (first..<(first + h.durationSlots)).map { calendar.slotName(at: $0) }
            let week = fixed.date.isoWeek.description
            guard let iid = fixed.interpreter, let i = interpreters[iid],
                  let oid = fixed.officer, let o = officers[oid]
            else {
                problems.append("\(h.id): fixed without a known interpreter and officer")
                continue
            }
            let languages = [h.language] + h.fallbackLanguages
            if !i.languages.contains(where: { languages.contains($0.code) }) {
                problems.append("\(h.id): fixed interpreter \(iid) does not speak \(h.language)")
            }
            if h.excludedInterpreters.contains(iid) { problems.append("\(h.id): fixed interpreter \(iid) is excluded") }
            if h.excludedOfficers.contains(oid) { problems.append("\(h.id): fixed officer \(oid) is excluded") }
            let onsite = i.onsiteLocations.contains(h.location)
            if !onsite && !(i.remote && h.remoteInterpreterAllowed) {
                problems.append("\(h.id): fixed interpreter \(iid) can work neither on site nor remotely")
            }
            if onsite {
                let key = "\(iid) \(fixed.date)"
                if let other = onsiteDay[key], other != h.location {
                    problems.append("\(h.id): \(iid) on site at two locations on \(fixed.date)")
                }
                onsiteDay[key] = h.location
            }
            if o.location != h.location { problems.append("\(h.id): fixed officer \(oid) works elsewhere") }
            if !h.requiredTrainings.allSatisfy(o.trainings.contains) {
                problems.append("\(h.id): fixed officer \(oid) lacks a training")
            }
            for slot in slots {
                if !i.available.contains(slot) { problems.append("\(h.id): \(iid) is not available at \(slot)") }
                if !o.available.contains(slot) { problems.append("\(h.id): \(oid) is not available at \(slot)") }
                for person in [iid, oid] where !personSlots.insert("\(person) \(slot)").inserted {
                    problems.append("\(h.id): \(person) is in two fixed hearings at \(slot)")
                }
                roomUse["\(h.location) \(slot)", default: 0] += 1
                if roomUse["\(h.location) \(slot)"]! > rooms[h.location] ?? Int.max {
                    problems.append("\(h.id): fixed hearings overfill \(h.location) at \(slot)")
                }
            }
            for (person, cap) in [(iid, i.maxHearingsPerWeek), (oid, o.maxHearingsPerWeek)] {
                weekCount["\(person) \(week)", default: 0] += 1
                if let cap, weekCount["\(person) \(week)"]! > cap {
                    problems.append("\(h.id): fixed hearings exceed \(person)'s weekly cap")
                }
            }
        }
        return problems
    }
}
