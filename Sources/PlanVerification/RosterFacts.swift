import PlannerModel

/// The roster looked up by id, and the spec's rules about one hearing and one person, written
/// plainly from scheduling-model.md (nothing of the planner's index is used).
struct RosterFacts: Sendable {
    let roster: Roster
    let calendar: ReferenceCalendar
    let reference: ReferenceScore
    let hearings: [String: Hearing]
    let interpreters: [String: Interpreter]
    let officers: [String: Officer]
    let locations: [String: Location]
    let available: [String: Set<SlotName>]

    init(_ roster: Roster) {
        self.roster = roster
        reference = ReferenceScore(roster: roster)
        calendar = reference.calendar
        hearings = Dictionary(roster.hearings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        interpreters = Dictionary(roster.interpreters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        officers = Dictionary(roster.officers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        locations = Dictionary(roster.locations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var available: [String: Set<SlotName>] = [:]
        for person in roster.interpreters where available[person.id] == nil { available[person.id] = Set(person.available) }
        for person in roster.officers where available[person.id] == nil { available[person.id] = Set(person.available) }
        self.available = available
    }

    /// A start of a hearing: a working day and the day part it begins in, with the slots it takes.
    struct Start: Hashable {
        let date: Day
        let part: String
        let slots: [SlotName]
    }

    /// Rule 1: every start in the hearing's window, its `fixed` date and day part left aside.
    func window(of hearing: Hearing) -> [Start] {
        let overdue = hearing.latest < roster.horizon.start
        var starts: [Start] = []
        for day in calendar.workingDays where day >= hearing.earliest && (overdue || day <= hearing.latest) {
            for part in roster.horizon.slots {
                if let slots = calendar.slots(on: day, from: part, count: hearing.durationSlots) {
                    starts.append(Start(date: day, part: part, slots: slots))
                }
            }
        }
        return starts
    }

    /// The starts rule 1 and rule 9 allow: the window, or the fixed start alone.
    func allowedStarts(of hearing: Hearing) -> [Start] {
        let window = window(of: hearing)
        guard let fixed = hearing.fixed else { return window }
        return window.filter { $0.date == fixed.date && $0.part == fixed.slot }
    }

    func isAvailable(_ person: String, in slots: [SlotName]) -> Bool {
        guard let free = available[person] else { return false }
        return slots.allSatisfy(free.contains)
    }

    /// Interpreters who meet rule 3 for the hearing apart from availability, with the counts left
    /// after each criterion in the order docs/model.md gives: of the sex (when asked), speaking
    /// one of its languages, able to work at its location, not excluded.
    func interpreterCandidates(_ hearing: Hearing, sex: GenderPreference?) -> (ids: [String], counts: [String: Int]) {
        var counts: [String: Int] = [:]
        var pool = roster.interpreters
        if let sex {
            pool = pool.filter { $0.gender.rawValue == sex.rawValue }
            counts["gender"] = pool.count
        }
        let languages = Set([hearing.language] + hearing.fallbackLanguages)
        pool = pool.filter { $0.languages.contains { languages.contains($0.code) } }
        counts["language"] = pool.count
        pool = pool.filter { $0.onsiteLocations.contains(hearing.location) || ($0.remote && hearing.remoteInterpreterAllowed) }
        counts["location"] = pool.count
        pool = pool.filter { !hearing.excludedInterpreters.contains($0.id) }
        counts["notExcluded"] = pool.count
        return (pool.map(\.id), counts)
    }

    /// Officers who meet rule 4 apart from availability, counted likewise: of the sex, at the
    /// location, with the trainings, not excluded.
    func officerCandidates(_ hearing: Hearing, sex: GenderPreference?) -> (ids: [String], counts: [String: Int]) {
        var counts: [String: Int] = [:]
        var pool = roster.officers
        if let sex {
            pool = pool.filter { $0.gender.rawValue == sex.rawValue }
            counts["gender"] = pool.count
        }
        pool = pool.filter { $0.location == hearing.location }
        counts["location"] = pool.count
        pool = pool.filter { officer in hearing.requiredTrainings.allSatisfy(officer.trainings.contains) }
        counts["trainings"] = pool.count
        pool = pool.filter { !hearing.excludedOfficers.contains($0.id) }
        counts["notExcluded"] = pool.count
        return (pool.map(\.id), counts)
    }

    func candidates(_ role: Role, _ hearing: Hearing, sex: GenderPreference?) -> (ids: [String], counts: [String: Int]) {
        role == .interpreter ? interpreterCandidates(hearing, sex: sex) : officerCandidates(hearing, sex: sex)
    }

    /// Whether the person is of the requested sex.
    func isOfSex(_ person: String, _ sex: GenderPreference) -> Bool {
        (interpreters[person]?.gender ?? officers[person]?.gender)?.rawValue == sex.rawValue
    }

    /// The best language the interpreter can use for the hearing and its score held on `date`
    /// with these people; nil when they share no language.
    func bestScore(_ hearing: Hearing, date: Day, interpreter: Interpreter, officer: Officer) -> Double? {
        var best: Double?
        for code in [hearing.language] + hearing.fallbackLanguages where interpreter.languages.contains(where: { $0.code == code }) {
            let score = reference.score(hearing: hearing, date: date, interpreter: interpreter, language: code, officer: officer)
            best = max(best ?? score, score)
        }
        return best
    }

    /// The interpreter can work on site for the hearing (rule 3), and by video.
    func modes(_ interpreter: Interpreter, for hearing: Hearing) -> (onsite: Bool, remote: Bool) {
        (interpreter.onsiteLocations.contains(hearing.location), interpreter.remote && hearing.remoteInterpreterAllowed)
    }
}
