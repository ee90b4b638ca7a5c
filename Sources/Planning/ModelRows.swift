import PlannerModel

extension ModelBuilder {
    /// Which columns use each person and place, collected while the columns are made, for the
    /// rows of rules 5 to 8.
    struct Ledger {
        /// Stands in a ledger for a placement held outside the program (`ModelBuilder.free`): a
        /// constant 1 in every row it enters.
        static let occupied = -1

        /// Per person, the columns that occupy them in each slot, and that start in each ISO week.
        var interpreterBySlot: [[Int: [Int]]]
        var officerBySlot: [[Int: [Int]]]
        var interpreterByWeek: [[ISOWeek: [Int]]]
        var officerByWeek: [[ISOWeek: [Int]]]
        /// Per interpreter, day and location, the on-site columns with the slots they cover.
        var onsite: [[Int: [String: [(column: Int, slots: Range<Int>)]]]]
        /// Per location and slot, the held columns of the hearings there.
        var roomUse: [String: [Int: [Int]]] = [:]
        /// Per location and slot, how many (hearing, start) pairs cover it.
        var startsCoveringSlot: [String: [Int: Int]] = [:]

        init(index: ProblemIndex) {
            let interpreters = index.roster.interpreters.count
            let officers = index.roster.officers.count
            interpreterBySlot = Array(repeating: [:], count: interpreters)
            officerBySlot = Array(repeating: [:], count: officers)
            interpreterByWeek = Array(repeating: [:], count: interpreters)
            officerByWeek = Array(repeating: [:], count: officers)
            onsite = Array(repeating: [:], count: interpreters)
        }

        /// A column that puts an interpreter to work in `slots`, on site at a location that day or not.
        mutating func addInterpreterWork(
            _ person: Int, column: Int, slots: Range<Int>, week: ISOWeek, onsiteAt: (day: Int, location: String)?
        ) {
            for t in slots { interpreterBySlot[person][t, default: []].append(column) }
            interpreterByWeek[person][week, default: []].append(column)
            if let (day, location) = onsiteAt {
                onsite[person][day, default: [:]][location, default: []].append((column, slots))
            }
        }

        /// What the placements held outside the program take (`ModelBuilder.taken`), entered as
        /// `occupied` in every row of rules 5 to 8 that a column of the program enters (no other row
        /// is made: one without columns is kept by the plan the placements come from).
        mutating func addTaken(_ taken: Occupancy, roster: Roster) {
            for i in interpreterBySlot.indices {
                for t in Array(interpreterBySlot[i].keys) where taken.interpreterWorks(i, slot: t) {
                    interpreterBySlot[i][t]!.append(Self.occupied)
                }
                for week in Array(interpreterByWeek[i].keys) {
                    interpreterByWeek[i][week]!.append(contentsOf: repeatElement(Self.occupied, count: taken.interpreterLoad(i, week: week)))
                }
                for day in Array(onsite[i].keys) {
                    for p in taken.onsitePlacements(of: i, day: day) {
                        onsite[i][day]![roster.hearings[p.hearing].location, default: []].append((Self.occupied, p.slots))
                    }
                }
            }
            for o in officerBySlot.indices {
                for t in Array(officerBySlot[o].keys) where taken.officerWorks(o, slot: t) {
                    officerBySlot[o][t]!.append(Self.occupied)
                }
                for week in Array(officerByWeek[o].keys) {
                    officerByWeek[o][week]!.append(contentsOf: repeatElement(Self.occupied, count: taken.officerLoad(o, week: week)))
                }
            }
            for location in Array(roomUse.keys) {
                for t in Array(roomUse[location]!.keys) {
                    let count = taken.hearings(at: location, slot: t)
                    guard count > 0 else { continue }
                    roomUse[location]![t]!.append(contentsOf: repeatElement(Self.occupied, count: count))
                    startsCoveringSlot[location]![t]! += count
                }
            }
        }

        /// A hearing that may be held at a location in `slots`, held when one of `held` is 1.
        mutating func addHearing(at location: String, slots: Range<Int>, held: Range<Int>) {
            for t in slots {
                roomUse[location, default: [:]][t, default: []].append(contentsOf: held)
                startsCoveringSlot[location, default: [:]][t, default: 0] += 1
            }
        }
    }

    /// The rows of rules 5 to 8 over the columns in `ledger`; rule 6 adds the site columns `w`.
    func addRuleRows(_ ledger: Ledger, to model: inout Model) {
        let roster = index.roster
        // Names carry numbers only: ids may hold characters the LP and MPS writers refuse.
        let locationNumber = Dictionary(
            roster.locations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Rule 5: nobody in two hearings in one slot.
        for (prefix, bySlots) in [("islot", ledger.interpreterBySlot), ("oslot", ledger.officerBySlot)] {
            for (person, bySlot) in bySlots.enumerated() {
                for t in bySlot.keys.sorted() where bySlot[t]!.count > 1 {
                    model.appendRow("\(prefix)_\(person)_\(t)", terms: bySlot[t]!.map { ($0, 1) }, lower: -.infinity, upper: 1)
                }
            }
        }

        // Rule 6: an interpreter on site at one location a day at most.
        for (person, byDay) in ledger.onsite.enumerated() {
            for day in byDay.keys.sorted() {
                let byLocation = byDay[day]!
                guard byLocation.count > 1 else { continue }
                var siteColumns: [(column: Int, coefficient: Double)] = []
                for location in byLocation.keys.sorted() {
                    let site = model.columns.count
                    model.columns.append(.site(interpreter: person, day: day, location: location))
                    model.objective.append(0)
                    model.columnNames.append("w_\(person)_\(day)_\(locationNumber[location] ?? -1)")
                    siteColumns.append((site, 1))
                    // Per slot of the day: on-site work there needs the site chosen.
                    var bySlot: [Int: [Int]] = [:]
                    for entry in byLocation[location]! {
                        for t in entry.slots { bySlot[t, default: []].append(entry.column) }
                    }
                    for t in bySlot.keys.sorted() {
                        model.appendRow(
                            "site_\(person)_\(t)_\(locationNumber[location] ?? -1)",
                            terms: bySlot[t]!.map { ($0, 1.0) } + [(site, -1.0)], lower: -.infinity, upper: 0)
                    }
                }
                model.rows.append(Row(name: "oneSite_\(person)_\(day)", terms: siteColumns, lower: -.infinity, upper: 1))
            }
        }

        // Rule 7: weekly maximum per person.
        let caps = [
            ("icap", ledger.interpreterByWeek, roster.interpreters.map(\.maxHearingsPerWeek)),
            ("ocap", ledger.officerByWeek, roster.officers.map(\.maxHearingsPerWeek)),
        ]
        for (prefix, byWeeks, maxima) in caps {
            for (person, byWeek) in byWeeks.enumerated() {
                guard let cap = maxima[person] else { continue }
                for week in byWeek.keys.sorted() where byWeek[week]!.count > cap {
                    model.appendRow(
                        "\(prefix)_\(person)_\(week.year)_\(week.week)", terms: byWeek[week]!.map { ($0, 1) },
                        lower: -.infinity, upper: Double(cap))
                }
            }
        }

        // Rule 8: rooms per location and slot.
        for location in ledger.roomUse.keys.sorted() {
            guard let rooms = index.locationRooms[location] ?? nil else { continue }
            let bySlot = ledger.roomUse[location]!
            for t in bySlot.keys.sorted() where ledger.startsCoveringSlot[location]![t]! > rooms {
                model.appendRow(
                    "rooms_\(locationNumber[location] ?? -1)_\(t)", terms: bySlot[t]!.map { ($0, 1) },
                    lower: -.infinity, upper: Double(rooms))
            }
        }
    }
}
