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

/// What everybody is doing in a plan, by slot, ISO week and day, so that "what would this
/// placement take from whom?" is a few look-ups. Placements can be taken out and put back, which is
/// what the search over re-placements does.
struct Occupancy: Sendable {
    let index: ProblemIndex
    /// The ISO week (numbered from 0) of each working day of the horizon.
    let weekOfDay: [Int]
    let weekCount: Int
    let locationNumber: [String: Int]

    private(set) var interpreterAt: [Int: Int] = [:]  // person * slots + slot -> hearing
    private(set) var officerAt: [Int: Int] = [:]
    private(set) var interpreterWeek: [Int: [Int]] = [:]  // person * weeks + week -> hearings
    private(set) var officerWeek: [Int: [Int]] = [:]
    private(set) var onsiteDay: [Int: [Int]] = [:]  // interpreter * days + day -> hearings held on site
    private(set) var roomUse: [Int: [Int]] = [:]  // location * slots + slot -> hearings
    /// The placement of every hearing that is placed.
    private(set) var placed: [Int: Placement] = [:]

    init(index: ProblemIndex) {
        self.index = index
        let weeks = index.calendar.workingDays.map(\.isoWeek)
        var numbers: [ISOWeek: Int] = [:]
        for week in weeks where numbers[week] == nil { numbers[week] = numbers.count }
        weekOfDay = weeks.map { numbers[$0]! }
        weekCount = max(1, numbers.count)
        locationNumber = Dictionary(
            index.roster.locations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private var slotCount: Int { index.calendar.slotCount }
    private var dayCount: Int { max(1, index.calendar.workingDays.count) }
    private func day(_ p: Placement) -> Int { p.slot / index.calendar.partsPerDay }
    private func week(_ p: Placement) -> Int { weekOfDay[day(p)] }
    private func location(_ h: Int) -> Int { locationNumber[index.roster.hearings[h].location] ?? -1 }

    /// Takes the placement's people, room, weekly counts and on-site day.
    mutating func add(_ p: Placement) {
        placed[p.hearing] = p
        for t in p.slots {
            interpreterAt[p.interpreter * slotCount + t] = p.hearing
            officerAt[p.officer * slotCount + t] = p.hearing
            roomUse[location(p.hearing) * slotCount + t, default: []].append(p.hearing)
        }
        interpreterWeek[p.interpreter * weekCount + week(p), default: []].append(p.hearing)
        officerWeek[p.officer * weekCount + week(p), default: []].append(p.hearing)
        if p.isOnsite { onsiteDay[p.interpreter * dayCount + day(p), default: []].append(p.hearing) }
    }

    /// Gives back what `add` took for the hearing's placement, if it is placed.
    mutating func remove(_ h: Int) {
        guard let p = placed.removeValue(forKey: h) else { return }
        func drop(_ list: inout [Int]?) {
            if let k = list?.firstIndex(of: h) { list?.remove(at: k) }
            if list?.isEmpty == true { list = nil }
        }
        for t in p.slots {
            if interpreterAt[p.interpreter * slotCount + t] == h { interpreterAt[p.interpreter * slotCount + t] = nil }
            if officerAt[p.officer * slotCount + t] == h { officerAt[p.officer * slotCount + t] = nil }
            drop(&roomUse[location(h) * slotCount + t])
        }
        drop(&interpreterWeek[p.interpreter * weekCount + week(p)])
        drop(&officerWeek[p.officer * weekCount + week(p)])
        if p.isOnsite { drop(&onsiteDay[p.interpreter * dayCount + day(p)]) }
    }

    /// The hearings that hold something the placement needs (hard rules 5 to 8): its people in its
    /// slots, every hearing of a week that is full for one of its people, every hearing in a slot
    /// whose rooms are all used, and the interpreter's on-site hearings elsewhere that day. Empty
    /// when the placement fits as the plan stands. The hearing itself never blocks itself.
    func blockers(of p: Placement) -> Set<Int> {
        let roster = index.roster
        var result = Set<Int>()
        let rooms = index.locationRooms[roster.hearings[p.hearing].location] ?? nil
        for t in p.slots {
            if let holder = interpreterAt[p.interpreter * slotCount + t] { result.insert(holder) }
            if let holder = officerAt[p.officer * slotCount + t] { result.insert(holder) }
            if let rooms, let users = roomUse[location(p.hearing) * slotCount + t], users.count >= rooms {
                result.formUnion(users)
            }
        }
        if let cap = roster.interpreters[p.interpreter].maxHearingsPerWeek,
           let list = interpreterWeek[p.interpreter * weekCount + week(p)], list.count >= cap
        {
            result.formUnion(list)
        }
        if let cap = roster.officers[p.officer].maxHearingsPerWeek,
           let list = officerWeek[p.officer * weekCount + week(p)], list.count >= cap
        {
            result.formUnion(list)
        }
        if p.isOnsite, let list = onsiteDay[p.interpreter * dayCount + day(p)] {
            let here = roster.hearings[p.hearing].location
            result.formUnion(list.filter { roster.hearings[$0].location != here })
        }
        result.remove(p.hearing)
        return result
    }

    /// Whether the placement keeps rules 5 to 8 with everything placed now.
    func fits(_ p: Placement) -> Bool {
        roomFits(p.hearing, p.slots) && officerFits(p.officer, p.slots)
            && interpreterFits(p.interpreter, isOnsite: p.isOnsite, hearing: p.hearing, slots: p.slots)
    }

    /// A room is free at the hearing's location in every slot (rule 8).
    func roomFits(_ h: Int, _ slots: Range<Int>) -> Bool {
        guard let rooms = index.locationRooms[index.roster.hearings[h].location] ?? nil else { return true }
        let place = location(h)
        return slots.allSatisfy { (roomUse[place * slotCount + $0]?.count ?? 0) < rooms }
    }

    /// The interpreter is free in every slot, under the weekly maximum, and (on site) not on site
    /// elsewhere that day (rules 5 to 7).
    func interpreterFits(_ i: Int, isOnsite: Bool, hearing h: Int, slots: Range<Int>) -> Bool {
        if slots.contains(where: { interpreterAt[i * slotCount + $0] != nil }) { return false }
        let day = slots.lowerBound / index.calendar.partsPerDay
        if let cap = index.roster.interpreters[i].maxHearingsPerWeek,
           (interpreterWeek[i * weekCount + weekOfDay[day]]?.count ?? 0) >= cap
        { return false }
        if isOnsite, let list = onsiteDay[i * dayCount + day] {
            let here = index.roster.hearings[h].location
            if list.contains(where: { index.roster.hearings[$0].location != here }) { return false }
        }
        return true
    }

    /// The officer is free in every slot and under the weekly maximum (rules 5 and 7).
    func officerFits(_ o: Int, _ slots: Range<Int>) -> Bool {
        if slots.contains(where: { officerAt[o * slotCount + $0] != nil }) { return false }
        let day = slots.lowerBound / index.calendar.partsPerDay
        if let cap = index.roster.officers[o].maxHearingsPerWeek,
           (officerWeek[o * weekCount + weekOfDay[day]]?.count ?? 0) >= cap
        { return false }
        return true
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
