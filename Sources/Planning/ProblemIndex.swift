import MIPSearch
import PlannerModel

/// Everything the model builder, the plan decoder and the evidence need to know about a roster,
/// computed once: which day parts each person is free, and for every hearing its possible starts
/// with the interpreters and officers who could take it there.
///
/// Two choices are made here rather than left to the solver, because they never change which
/// plans are possible, only the score, and the better one is known in advance:
/// - the language: an interpreter uses the hearing's own language or a fallback, whichever scores
///   best for that interpreter (the language touches no hard rule);
/// - the mode: remote when the interpreter works remotely and the hearing allows it, since remote
///   work is free of rule 6 and costs nothing in the score. The plan later switches such hearings
///   back to on-site wherever that keeps every rule (`ModePreference`).
struct ProblemIndex: Sendable {
    struct InterpreterOption: Sendable {
        let person: Int
        let language: String
        let registered: Bool
        let mode: InterpreterMode
        /// The interpreter's part of the score.
        let term: Double
    }

    struct OfficerOption: Sendable {
        let person: Int
        let term: Double
    }

    struct Start: Sendable {
        /// Global slot number of the first day part.
        let slot: Int
        let day: Day
        let duration: Int
        let dayTerm: Double
        let interpreters: [InterpreterOption]
        let officers: [OfficerOption]

        var slots: Range<Int> { slot..<(slot + duration) }
    }

    let roster: Roster
    let calendar: WorkCalendar
    let scoring: Scoring
    /// `interpreterFree[i][t]`: interpreter `i` is available in slot `t`.
    let interpreterFree: [[Bool]]
    let officerFree: [[Bool]]
    /// Possible starts of each hearing (same order as `roster.hearings`).
    let starts: [[Start]]
    /// Starts in the window that exist in the calendar, before anyone's availability is considered.
    let windowStarts: [[Int]]
    let interpreterIndex: [String: Int]
    let officerIndex: [String: Int]
    let locationRooms: [String: Int?]

    init(roster: Roster, policy: Policy) {
        self.roster = roster
        let calendar = WorkCalendar(roster.horizon)
        self.calendar = calendar
        let scoring = Scoring(policy: policy, calendar: calendar)
        self.scoring = scoring
        func freeMap(_ available: [SlotName]) -> [Bool] {
            var free = Array(repeating: false, count: calendar.slotCount)
            for slot in available { if let t = calendar.slotIndex(of: slot) { free[t] = true } }
            return free
        }
        let interpreterFree = roster.interpreters.map { freeMap($0.available) }
        let officerFree = roster.officers.map { freeMap($0.available) }
        self.interpreterFree = interpreterFree
        self.officerFree = officerFree
        interpreterIndex = Dictionary(roster.interpreters.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        officerIndex = Dictionary(roster.officers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        locationRooms = Dictionary(roster.locations.map { ($0.id, $0.rooms) }, uniquingKeysWith: { a, _ in a })

        let officersByLocation = Dictionary(grouping: roster.officers.indices, by: { roster.officers[$0].location })
        // Made once rather than per hearing and candidate.
        let officerTrainings = roster.officers.map { Set($0.trainings) }
        var speakersOf: [String: [Int]] = [:]
        for (index, interpreter) in roster.interpreters.enumerated() {
            for code in Set(interpreter.languages.map(\.code)) { speakersOf[code, default: []].append(index) }
        }
        let languageSpeakers = speakersOf

        // The same maps in one array each, person by person, for the loop over every start below.
        let slotCount = calendar.slotCount
        let interpreterFreeFlat = interpreterFree.flatMap { $0 }
        let officerFreeFlat = officerFree.flatMap { $0 }

        // Each hearing's starts depend on the roster alone: worked out on every core.
        let perHearing = Parallel.map(roster.hearings.count) { h in
            let hearing = roster.hearings[h]
            let window = Self.windowStarts(of: hearing, calendar: calendar)
            // Candidates regardless of the slot: language, exclusions, mode; location, trainings.
            var speakers = Set<Int>()
            for code in [hearing.language] + hearing.fallbackLanguages {
                speakers.formUnion(languageSpeakers[code] ?? [])
            }
            let excludedInterpreters = hearing.excludedInterpreters.isEmpty ? [] : Set(hearing.excludedInterpreters)
            var interpreterCandidates: [InterpreterOption] = []
            for person in speakers.sorted() {
                let interpreter = roster.interpreters[person]
                if !excludedInterpreters.isEmpty && excludedInterpreters.contains(interpreter.id) { continue }
                if let fixed = hearing.fixed?.interpreter, fixed != interpreter.id { continue }
                let mode: InterpreterMode
                if interpreter.remote && hearing.remoteInterpreterAllowed {
                    mode = .remote
                } else if interpreter.onsiteLocations.contains(hearing.location) {
                    mode = .onsite
                } else {
                    continue
                }
                guard let (language, registered) = scoring.bestLanguage(hearing, interpreter) else { continue }
                let term = scoring.interpreterTerm(hearing, gender: interpreter.gender, language: language, registered: registered)
                interpreterCandidates.append(InterpreterOption(
                    person: person, language: language, registered: registered, mode: mode, term: term))
            }
            let excludedOfficers = hearing.excludedOfficers.isEmpty ? [] : Set(hearing.excludedOfficers)
            let required = Set(hearing.requiredTrainings)
            var officerCandidates: [OfficerOption] = []
            for person in officersByLocation[hearing.location] ?? [] {
                let officer = roster.officers[person]
                if (!excludedOfficers.isEmpty && excludedOfficers.contains(officer.id)) || !required.isSubset(of: officerTrainings[person]) { continue }
                if let fixed = hearing.fixed?.officer, fixed != officer.id { continue }
                officerCandidates.append(OfficerOption(person: person, term: scoring.officerTerm(hearing, gender: officer.gender)))
            }

            var starts: [Start] = []
            for slot in window {
                let range = slot..<(slot + hearing.durationSlots)
                let interpreters = interpreterCandidates.filter { option in
                    let base = option.person * slotCount
                    return range.allSatisfy { interpreterFreeFlat[base + $0] }
                }
                let officers = officerCandidates.filter { option in
                    let base = option.person * slotCount
                    return range.allSatisfy { officerFreeFlat[base + $0] }
                }
                guard !interpreters.isEmpty, !officers.isEmpty else { continue }
                let day = calendar.slotName(at: slot).date
                starts.append(Start(
                    slot: slot, day: day, duration: hearing.durationSlots, dayTerm: scoring.dayTerm(hearing, startingOn: day),
                    interpreters: interpreters, officers: officers))
            }
            return (window: window, starts: starts)
        }
        starts = perHearing.map(\.starts)
        windowStarts = perHearing.map(\.window)
    }

    /// Start slots allowed by rule 1 (window, working days, the hearing fits in the day) and by a
    /// `fixed` date and day part.
    static func windowStarts(of hearing: Hearing, calendar: WorkCalendar) -> [Int] {
        let parts = calendar.partsPerDay
        guard hearing.durationSlots >= 1, hearing.durationSlots <= parts else { return [] }
        let isOverdue = hearing.latest < calendar.horizon.start
        var result: [Int] = []
        for (dayIndex, day) in calendar.workingDays.enumerated() {
            guard day >= hearing.earliest, isOverdue || day <= hearing.latest else { continue }
            if let fixed = hearing.fixed, fixed.date != day { continue }
            for part in 0...(parts - hearing.durationSlots) {
                if let fixed = hearing.fixed, calendar.horizon.slots[part] != fixed.slot { continue }
                result.append(dayIndex * parts + part)
            }
        }
        return result
    }
}

/// An interpreter on one working day (by index), as a dictionary key.
struct PersonDay: Hashable {
    let person: Int
    let day: Int
}
