import PlannerModel

/// One hearing placed: its start, people, mode and language, with its own score. The options of a
/// what-if question and the re-placements of the hearings that make room for it are all these.
struct Placement: Sendable, Equatable {
    let hearing: Int
    /// The first slot (global number) and how many it occupies.
    let slot: Int
    let duration: Int
    let interpreter: Int
    let isOnsite: Bool
    let language: String
    let registered: Bool
    let officer: Int
    /// The hearing's term of the score, as scheduling-model.md defines it.
    let score: Double

    var slots: Range<Int> { slot..<(slot + duration) }

    /// Same start and people: the spec's "changed" ignores the mode and the language.
    func isSameSpot(as other: Placement) -> Bool {
        slot == other.slot && interpreter == other.interpreter && officer == other.officer
    }

    /// Same start, people and mode: nobody needs to be told anything (a switch from on site to
    /// video is news for the interpreter).
    func isUnchanged(from other: Placement) -> Bool {
        isSameSpot(as: other) && isOnsite == other.isOnsite
    }
}

extension PlanAssembler.Choice {
    /// The hearing's start, people, mode and language as a placement, with its term of the score.
    var placement: Placement {
        Placement(
            hearing: hearing, slot: start.slot, duration: start.duration, interpreter: interpreter.person,
            isOnsite: mode == .onsite, language: interpreter.language, registered: interpreter.registered,
            officer: officer.person, score: start.dayTerm + interpreter.term + officer.term)
    }
}

/// What everybody is doing in a plan, by slot, ISO week and day, so that "what would this
/// placement take from whom?" is a few look-ups. Placements can be taken out and put back, which is
/// what the search over re-placements does.
///
/// Everything is kept in flat arrays indexed by person, slot, week and day, not in dictionaries:
/// the searches look it up at every node, and an array is read without hashing (and copied in one
/// move, for the what-if options' repairs that work on a copy).
struct Occupancy: Sendable {
    let index: ProblemIndex
    /// The ISO week (numbered from 0) of each working day of the horizon.
    let weekOfDay: [Int]
    let weekCount: Int
    /// Each hearing's location, numbered (those the roster does not list after those it does).
    let hearingLocation: [Int]
    /// The numbers of `hearingLocation`, by location id.
    let locationNumber: [String: Int]
    /// The numbers of `weekOfDay`, by ISO week.
    let weekNumber: [ISOWeek: Int]
    /// Each hearing's location's rooms; `Int.max` where the roster gives no number.
    let hearingRooms: [Int]
    /// Each person's `maxHearingsPerWeek`; `Int.max` for none.
    let interpreterCap: [Int]
    let officerCap: [Int]
    private let slotCount: Int
    private let dayCount: Int
    private let partsPerDay: Int

    private let interpreterCount: Int
    private let officerCount: Int
    /// `interpreterAt[slot * interpreters + person]`: the hearing the interpreter holds then, or
    /// -1. By slot, so that the searches' scans of a start's people read one short stretch.
    private(set) var interpreterAt: [Int]
    private(set) var officerAt: [Int]
    /// `interpreterLoad[week * interpreters + person]`: how many hearings the interpreter has that
    /// week (the count of `interpreterWeek`, read without following a pointer to the list).
    private(set) var interpreterLoad: [Int]
    private(set) var officerLoad: [Int]
    /// `interpreterWeek[person * weeks + week]`: the hearings of the interpreter's week.
    private(set) var interpreterWeek: [[Int]]
    private(set) var officerWeek: [[Int]]
    /// `onsiteDay[interpreter * days + day]`: the interpreter's hearings held on site that day.
    private(set) var onsiteDay: [[Int]]
    /// `roomUse[location * slots + slot]`: the hearings at the location in the slot.
    private(set) var roomUse: [[Int]]
    /// The placement of every hearing that is placed, by hearing.
    private(set) var placed: [Placement?]

    init(index: ProblemIndex) {
        self.index = index
        let roster = index.roster
        (weekOfDay, weekCount) = Self.weeks(of: index.calendar)
        weekNumber = Dictionary(
            zip(index.calendar.workingDays.map(\.isoWeek), weekOfDay).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        var locationNumber: [String: Int] = [:]
        for location in roster.locations where locationNumber[location.id] == nil { locationNumber[location.id] = locationNumber.count }
        for hearing in roster.hearings where locationNumber[hearing.location] == nil {
            locationNumber[hearing.location] = locationNumber.count
        }
        hearingLocation = roster.hearings.map { locationNumber[$0.location]! }
        self.locationNumber = locationNumber
        hearingRooms = roster.hearings.map { (index.locationRooms[$0.location] ?? nil) ?? Int.max }
        interpreterCap = roster.interpreters.map { $0.maxHearingsPerWeek ?? Int.max }
        officerCap = roster.officers.map { $0.maxHearingsPerWeek ?? Int.max }
        slotCount = index.calendar.slotCount
        dayCount = max(1, index.calendar.workingDays.count)
        partsPerDay = index.calendar.partsPerDay
        interpreterCount = roster.interpreters.count
        officerCount = roster.officers.count
        interpreterAt = Array(repeating: -1, count: roster.interpreters.count * slotCount)
        officerAt = Array(repeating: -1, count: roster.officers.count * slotCount)
        interpreterLoad = Array(repeating: 0, count: roster.interpreters.count * weekCount)
        officerLoad = Array(repeating: 0, count: roster.officers.count * weekCount)
        interpreterWeek = Array(repeating: [], count: roster.interpreters.count * weekCount)
        officerWeek = Array(repeating: [], count: roster.officers.count * weekCount)
        onsiteDay = Array(repeating: [], count: roster.interpreters.count * dayCount)
        roomUse = Array(repeating: [], count: max(1, locationNumber.count) * slotCount)
        placed = Array(repeating: nil, count: roster.hearings.count)
    }

    /// The ISO week of each working day, numbered from 0 in the order they come, and how many.
    static func weeks(of calendar: WorkCalendar) -> (weekOfDay: [Int], count: Int) {
        let weeks = calendar.workingDays.map(\.isoWeek)
        var numbers: [ISOWeek: Int] = [:]
        for week in weeks where numbers[week] == nil { numbers[week] = numbers.count }
        return (weeks.map { numbers[$0]! }, max(1, numbers.count))
    }

    private func day(_ p: Placement) -> Int { p.slot / partsPerDay }
    private func week(_ p: Placement) -> Int { weekOfDay[day(p)] }

    /// Takes the placement's people, room, weekly counts and on-site day.
    mutating func add(_ p: Placement) {
        placed[p.hearing] = p
        let place = hearingLocation[p.hearing]
        for t in p.slots {
            interpreterAt[t * interpreterCount + p.interpreter] = p.hearing
            officerAt[t * officerCount + p.officer] = p.hearing
            roomUse[place * slotCount + t].append(p.hearing)
        }
        interpreterWeek[p.interpreter * weekCount + week(p)].append(p.hearing)
        officerWeek[p.officer * weekCount + week(p)].append(p.hearing)
        interpreterLoad[week(p) * interpreterCount + p.interpreter] += 1
        officerLoad[week(p) * officerCount + p.officer] += 1
        if p.isOnsite { onsiteDay[p.interpreter * dayCount + day(p)].append(p.hearing) }
    }

    /// Gives back what `add` took for the hearing's placement, if it is placed.
    mutating func remove(_ h: Int) {
        guard let p = placed[h] else { return }
        placed[h] = nil
        func drop(_ list: inout [Int]) {
            if let k = list.firstIndex(of: h) { list.remove(at: k) }
        }
        let place = hearingLocation[h]
        for t in p.slots {
            if interpreterAt[t * interpreterCount + p.interpreter] == h { interpreterAt[t * interpreterCount + p.interpreter] = -1 }
            if officerAt[t * officerCount + p.officer] == h { officerAt[t * officerCount + p.officer] = -1 }
            drop(&roomUse[place * slotCount + t])
        }
        drop(&interpreterWeek[p.interpreter * weekCount + week(p)])
        drop(&officerWeek[p.officer * weekCount + week(p)])
        interpreterLoad[week(p) * interpreterCount + p.interpreter] -= 1
        officerLoad[week(p) * officerCount + p.officer] -= 1
        if p.isOnsite { drop(&onsiteDay[p.interpreter * dayCount + day(p)]) }
    }

    /// The hearings that hold something the placement needs (hard rules 5 to 8): its people in its
    /// slots, every hearing of a week that is full for one of its people, every hearing in a slot
    /// whose rooms are all used, and the interpreter's on-site hearings elsewhere that day. Empty
    /// when the placement fits as the plan stands. The hearing itself never blocks itself; sorted.
    func blockers(of p: Placement) -> [Int] {
        var result: [Int] = []
        let rooms = hearingRooms[p.hearing]
        let place = hearingLocation[p.hearing]
        for t in p.slots {
            let interpreterHolder = interpreterAt[t * interpreterCount + p.interpreter]
            if interpreterHolder >= 0 { result.append(interpreterHolder) }
            let officerHolder = officerAt[t * officerCount + p.officer]
            if officerHolder >= 0 { result.append(officerHolder) }
            let users = roomUse[place * slotCount + t]
            if users.count >= rooms { result += users }
        }
        let interpreterList = interpreterWeek[p.interpreter * weekCount + week(p)]
        if interpreterList.count >= interpreterCap[p.interpreter] { result += interpreterList }
        let officerList = officerWeek[p.officer * weekCount + week(p)]
        if officerList.count >= officerCap[p.officer] { result += officerList }
        if p.isOnsite {
            result += onsiteDay[p.interpreter * dayCount + day(p)].filter { hearingLocation[$0] != place }
        }
        guard !result.isEmpty else { return [] }
        result.sort()
        var unique: [Int] = []
        unique.reserveCapacity(result.count)
        for h in result where h != p.hearing && h != unique.last { unique.append(h) }
        return unique
    }

    /// Whether the placement keeps rules 5 to 8 with everything placed now.
    func fits(_ p: Placement) -> Bool {
        roomFits(p.hearing, p.slots) && officerFits(p.officer, p.slots)
            && interpreterFits(p.interpreter, isOnsite: p.isOnsite, hearing: p.hearing, slots: p.slots)
    }

    /// A room is free at the hearing's location in every slot (rule 8).
    func roomFits(_ h: Int, _ slots: Range<Int>) -> Bool {
        let rooms = hearingRooms[h]
        guard rooms != Int.max else { return true }
        let place = hearingLocation[h]
        return slots.allSatisfy { roomUse[place * slotCount + $0].count < rooms }
    }

    /// The interpreter is free in every slot, under the weekly maximum, and (on site) not on site
    /// elsewhere that day (rules 5 to 7).
    func interpreterFits(_ i: Int, isOnsite: Bool, hearing h: Int, slots: Range<Int>) -> Bool {
        for t in slots where interpreterAt[t * interpreterCount + i] >= 0 { return false }
        let day = slots.lowerBound / partsPerDay
        if interpreterLoad[weekOfDay[day] * interpreterCount + i] >= interpreterCap[i] { return false }
        if isOnsite {
            let here = hearingLocation[h]
            if onsiteDay[i * dayCount + day].contains(where: { hearingLocation[$0] != here }) { return false }
        }
        return true
    }

    /// The interpreter is free in every slot and under the weekly maximum (rules 5 and 7), on site
    /// or not: what the program's pools ask before sending someone.
    func isInterpreterFree(_ i: Int, in slots: Range<Int>) -> Bool {
        for t in slots where interpreterAt[t * interpreterCount + i] >= 0 { return false }
        return interpreterLoad[weekOfDay[slots.lowerBound / partsPerDay] * interpreterCount + i] < interpreterCap[i]
    }

    /// How much of rules 5 to 8 the placed hearings take, as the program's rows count it: 1 when
    /// the person works in the slot, the person's hearings in an ISO week, the hearings at a
    /// location in a slot, and the interpreter's on-site hearings of a day.
    func interpreterWorks(_ i: Int, slot t: Int) -> Bool { interpreterAt[t * interpreterCount + i] >= 0 }
    func officerWorks(_ o: Int, slot t: Int) -> Bool { officerAt[t * officerCount + o] >= 0 }
    func interpreterLoad(_ i: Int, week: ISOWeek) -> Int {
        weekNumber[week].map { interpreterLoad[$0 * interpreterCount + i] } ?? 0
    }
    func officerLoad(_ o: Int, week: ISOWeek) -> Int {
        weekNumber[week].map { officerLoad[$0 * officerCount + o] } ?? 0
    }
    func hearings(at location: String, slot t: Int) -> Int {
        locationNumber[location].map { roomUse[$0 * slotCount + t].count } ?? 0
    }
    func onsitePlacements(of i: Int, day: Int) -> [Placement] {
        onsiteDay[i * dayCount + day].compactMap { placed[$0] }
    }

    /// How many hearings stand in the officer's way for these slots: those holding them then, and
    /// their week's hearings when it is full.
    func officerBlockers(_ o: Int, slots: Range<Int>) -> Int {
        var count = slots.filter { officerAt[$0 * officerCount + o] >= 0 }.count
        let week = weekOfDay[slots.lowerBound / partsPerDay]
        if officerLoad[week * officerCount + o] >= officerCap[o] { count += officerWeek[o * weekCount + week].count }
        return count
    }

    /// The officer is free in every slot and under the weekly maximum (rules 5 and 7).
    func officerFits(_ o: Int, _ slots: Range<Int>) -> Bool {
        for t in slots where officerAt[t * officerCount + o] >= 0 { return false }
        let day = slots.lowerBound / partsPerDay
        return officerLoad[weekOfDay[day] * officerCount + o] < officerCap[o]
    }
}

extension ProblemIndex {
    /// The score of a hearing held at `start` with these people and this language.
    func score(_ h: Int, start: Start, interpreter: Int, language: String, registered: Bool, officer: Int) -> Double {
        let hearing = roster.hearings[h]
        return start.dayTerm
            + scoring.interpreterTerm(hearing, gender: roster.interpreters[interpreter].gender, language: language, registered: registered)
            + scoring.officerTerm(hearing, gender: roster.officers[officer].gender)
    }

    /// The plan's assignment as a placement, or nil when it names a start, person or language the
    /// roster does not allow for that hearing (the plan was then not made from this roster).
    func placement(of assignment: Assignment, hearing h: Int) -> Placement? {
        guard let slot = calendar.slotIndex(of: SlotName(date: assignment.date, part: assignment.slot)),
              let start = starts[h].first(where: { $0.slot == slot }),
              let i = interpreterIndex[assignment.interpreter], start.interpreters.contains(where: { $0.person == i }),
              let o = officerIndex[assignment.officer], start.officers.contains(where: { $0.person == o }),
              let skill = roster.interpreters[i].skill(for: assignment.language),
              ([roster.hearings[h].language] + roster.hearings[h].fallbackLanguages).contains(assignment.language)
        else { return nil }
        return Placement(
            hearing: h, slot: slot, duration: start.duration, interpreter: i, isOnsite: assignment.interpreterMode == .onsite,
            language: assignment.language, registered: skill.registered, officer: o,
            score: score(h, start: start, interpreter: i, language: assignment.language, registered: skill.registered, officer: o))
    }
}
