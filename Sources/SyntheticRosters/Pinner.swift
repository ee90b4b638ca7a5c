import PlannerModel

/// Adds what needs the people to exist: excluded interpreters and officers, and `fixed` hearings.
struct Pinner {
    let calendar: WorkCalendar
    var random: SeededRandom
    /// Interpreter indices per catalogue language, for any language they speak.
    private let speakers: [[Int]]
    /// Officer indices per location id.
    private let staffAt: [String: [Int]]
    /// Per interpreter and per officer, whether each slot of the horizon is available.
    private let interpreterFree: [[Bool]]
    private let officerFree: [[Bool]]

    static let excludedInterpreterShare = 0.02
    static let excludedOfficerShare = 0.01
    /// Start slots tried per fixed hearing before giving up on it.
    static let attemptsPerPin = 8

    init(roster: Roster, calendar: WorkCalendar, random: SeededRandom) {
        self.calendar = calendar
        self.random = random
        var speakers = Array(repeating: [Int](), count: Catalogue.languages.count)
        for (index, interpreter) in roster.interpreters.enumerated() {
            for skill in interpreter.languages {
                if let language = Catalogue.languageIndex(of: skill.code) { speakers[language].append(index) }
            }
        }
        self.speakers = speakers
        var staffAt: [String: [Int]] = [:]
        for (index, officer) in roster.officers.enumerated() { staffAt[officer.location, default: []].append(index) }
        self.staffAt = staffAt
        interpreterFree = roster.interpreters.map { Self.grid($0.available, calendar) }
        officerFree = roster.officers.map { Self.grid($0.available, calendar) }
    }

    private static func grid(_ available: [SlotName], _ calendar: WorkCalendar) -> [Bool] {
        var free = Array(repeating: false, count: calendar.slotCount)
        for slot in available {
            if let index = calendar.slotIndex(of: slot) { free[index] = true }
        }
        return free
    }

    /// A few hearings exclude one interpreter of their language or one officer of their location
    /// (a conflict of interest, an earlier complaint), only where at least three are left.
    mutating func addExclusions(to roster: inout Roster) {
        for index in roster.hearings.indices {
            let hearing = roster.hearings[index]
            if random.chance(Self.excludedInterpreterShare),
               let language = Catalogue.languageIndex(of: hearing.language), speakers[language].count >= 3
            {
                let pick = speakers[language][random.below(speakers[language].count)]
                roster.hearings[index].excludedInterpreters = [roster.interpreters[pick].id]
            }
            if random.chance(Self.excludedOfficerShare), let staff = staffAt[hearing.location], staff.count >= 3 {
                let pick = staff[random.below(staff.count)]
                roster.hearings[index].excludedOfficers = [roster.officers[pick].id]
            }
        }
    }

    /// Pins about `share` of the hearings to a slot, interpreter and officer that satisfy every hard
    /// rule; no person is in two fixed hearings, and fixed hearings never overfill a location.
    mutating func pin(share: Double, in roster: inout Roster) {
        let parts = calendar.partsPerDay
        var usedInterpreters = Array(repeating: false, count: roster.interpreters.count)
        var usedOfficers = Array(repeating: false, count: roster.officers.count)
        var roomsLeft: [String: [Int]] = [:]
        for location in roster.locations {
            roomsLeft[location.id] = Array(repeating: location.rooms ?? Int.max, count: calendar.slotCount)
        }
        for index in roster.hearings.indices where random.chance(share) {
            let hearing = roster.hearings[index]
            guard let language = Catalogue.languageIndex(of: hearing.language),
                  hearing.durationSlots <= parts, var rooms = roomsLeft[hearing.location]
            else { continue }
            // Start slots of working days in the window (an overdue hearing: any day from earliest).
            var starts: [Int] = []
            for (day, date) in calendar.workingDays.enumerated()
            where date >= hearing.earliest && (date <= hearing.latest || hearing.latest < calendar.horizon.start) {
                for part in 0...(parts - hearing.durationSlots) { starts.append(day * parts + part) }
            }
            var interpreters = speakers[language].filter { candidate in
                let person = roster.interpreters[candidate]
                return !usedInterpreters[candidate] && person.skill(for: hearing.language) != nil
                    && !hearing.excludedInterpreters.contains(person.id)
                    && (person.onsiteLocations.contains(hearing.location)
                        || (person.remote && hearing.remoteInterpreterAllowed))
            }
            var officers = (staffAt[hearing.location] ?? []).filter { candidate in
                let person = roster.officers[candidate]
                return !usedOfficers[candidate] && !hearing.excludedOfficers.contains(person.id)
                    && hearing.requiredTrainings.allSatisfy(person.trainings.contains)
            }
            random.shuffle(&interpreters)
            random.shuffle(&officers)
            // Honour the applicant's wishes where the pin can: matching people first.
            interpreters = Self.preferring(hearing.interpreterGender, interpreters) { roster.interpreters[$0].gender }
            officers = Self.preferring(hearing.officerGender, officers) { roster.officers[$0].gender }

            for start in random.sample(Self.attemptsPerPin, of: starts.count).map({ starts[$0] }) {
                let slots = Array(start..<(start + hearing.durationSlots))
                guard slots.allSatisfy({ rooms[$0] > 0 }),
                      let interpreter = interpreters.first(where: { c in slots.allSatisfy { interpreterFree[c][$0] } }),
                      let officer = officers.first(where: { c in slots.allSatisfy { officerFree[c][$0] } })
                else { continue }
                for slot in slots { rooms[slot] -= 1 }
                roomsLeft[hearing.location] = rooms
                usedInterpreters[interpreter] = true
                usedOfficers[officer] = true
                let name = calendar.slotName(at: start)
                roster.hearings[index].fixed = FixedAssignment(
                    date: name.date, slot: name.part, interpreter: roster.interpreters[interpreter].id,
                    officer: roster.officers[officer].id)
                break
            }
        }
    }

    /// The candidates whose gender meets the preference first, otherwise in the same order.
    private static func preferring(
        _ preference: GenderPreference?, _ candidates: [Int], gender: (Int) -> Gender
    ) -> [Int] {
        guard let preference else { return candidates }
        return candidates.filter { preference.isMet(by: gender($0)) }
            + candidates.filter { !preference.isMet(by: gender($0)) }
    }
}
