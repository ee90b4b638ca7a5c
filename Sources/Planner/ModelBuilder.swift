import LinearProgramming
import PlannerModel

/// Builds the mixed-integer program of docs/model.md from a `ProblemIndex`.
///
/// Columns: `a[h,s,i]` = hearing `h` starts at `s` with interpreter `i`; `w[i,d,L]` = interpreter
/// `i` works on site at location `L` on day `d` (only where an interpreter could be on site at two
/// locations on one day). Officers come in one of two forms (docs/model.md): pooled, where
/// `v[o,G]` = officer `o` is sent to the group `G` of hearings at one location, start and length,
/// and `y[h,s,met]`/`y[h,s,any]` say whether the hearing's officer preference is met; or direct,
/// where `b[h,s,o]` = hearing `h` at `s` has officer `o`. Every column is binary.
struct ModelBuilder {
    enum Column: Sendable, Equatable {
        case interpreter(hearing: Int, start: Int, option: Int)
        case officer(hearing: Int, start: Int, option: Int)
        case site(interpreter: Int, day: Int, location: String)
        /// The hearing's officer preference is met (`met`) or not asked for in this column.
        case officerOutcome(hearing: Int, start: Int, met: Bool)
        case officerSent(officer: Int, group: Int)
    }

    struct Row: Sendable {
        var name: String
        var terms: [(column: Int, coefficient: Double)]
        var lower: Double
        var upper: Double
    }

    /// The program in a solver-neutral shape, with what each column means.
    struct Model: Sendable {
        var columns: [Column] = []
        var objective: [Double] = []
        var columnNames: [String] = []
        var rows: [Row] = []
        /// Column ranges of each (hearing, start): its interpreter columns, and its officer
        /// columns (`b` when direct; the outcome columns, possibly none, when pooled).
        var interpreterColumns: [[Range<Int>]] = []
        var officerColumns: [[Range<Int>]] = []
        /// Whether each hearing's officer is chosen through a pool.
        var isPooled: [Bool] = []
        var officerGroups: [OfficerGroup] = []
    }

    let index: ProblemIndex
    /// False only to find which fixed hearings conflict: each is then rewarded with a weight
    /// larger than all other scores together instead of being required.
    var fixedAreRequired = true
    /// Officers of a location serve pools of hearings (exact, and far smaller); false builds the
    /// plain model with a column per hearing, start and officer, kept to test one against the other.
    var poolsOfficers = true

    func build() -> Model {
        var model = Model()
        let roster = index.roster
        let parts = index.calendar.partsPerDay
        // Names carry numbers only: ids may hold characters the LP and MPS writers refuse.
        let locationNumber = Dictionary(roster.locations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Columns of each person per slot they would occupy, and per ISO week they would start in.
        var interpreterBySlot: [[Int: [Int]]] = Array(repeating: [:], count: roster.interpreters.count)
        var officerBySlot: [[Int: [Int]]] = Array(repeating: [:], count: roster.officers.count)
        var interpreterByWeek: [[ISOWeek: [Int]]] = Array(repeating: [:], count: roster.interpreters.count)
        var officerByWeek: [[ISOWeek: [Int]]] = Array(repeating: [:], count: roster.officers.count)
        // On-site columns of each interpreter per day and location, with the slots they cover.
        var onsite: [[Int: [String: [(column: Int, slots: Range<Int>)]]]] =
            Array(repeating: [:], count: roster.interpreters.count)
        // Interpreter columns of every start covering a slot at a location: for rooms.
        var roomUse: [String: [Int: [Int]]] = [:]
        var startsCoveringSlot: [String: [Int: Int]] = [:]

        let reward = fixedAreRequired ? 0 : fixedReward
        let pools = OfficerPools(index: index, isEnabled: poolsOfficers)
        model.isPooled = roster.hearings.indices.map(pools.isPooled)
        var groups = OfficerPools.GroupCollector()
        for (h, hearing) in roster.hearings.enumerated() {
            var interpreterRanges: [Range<Int>] = []
            var officerRanges: [Range<Int>] = []
            var heldTerms: [(column: Int, coefficient: Double)] = []
            for (s, start) in index.starts[h].enumerated() {
                let week = start.day.isoWeek
                let dayIndex = start.slot / parts
                let firstInterpreter = model.columns.count
                for (k, option) in start.interpreters.enumerated() {
                    let column = model.columns.count
                    model.columns.append(.interpreter(hearing: h, start: s, option: k))
                    model.objective.append(start.dayTerm + option.term + (hearing.fixed != nil ? reward : 0))
                    model.columnNames.append("a_\(h)_\(start.slot)_\(option.person)")
                    heldTerms.append((column, 1))
                    for t in start.slots {
                        interpreterBySlot[option.person][t, default: []].append(column)
                        roomUse[hearing.location, default: [:]][t, default: []].append(column)
                    }
                    interpreterByWeek[option.person][week, default: []].append(column)
                    if option.mode == .onsite {
                        onsite[option.person][dayIndex, default: [:]][hearing.location, default: []]
                            .append((column, start.slots))
                    }
                }
                for t in start.slots { startsCoveringSlot[hearing.location, default: [:]][t, default: 0] += 1 }
                let firstOfficer = model.columns.count
                if model.isPooled[h] {
                    let held = (firstInterpreter..<firstOfficer).map { ($0, 1.0) }
                    pools.addOutcomes(hearing: h, start: s, held: held, to: &model, collecting: &groups)
                } else {
                    for (k, option) in start.officers.enumerated() {
                        let column = model.columns.count
                        model.columns.append(.officer(hearing: h, start: s, option: k))
                        model.objective.append(option.term)
                        model.columnNames.append("b_\(h)_\(start.slot)_\(option.person)")
                        for t in start.slots { officerBySlot[option.person][t, default: []].append(column) }
                        officerByWeek[option.person][week, default: []].append(column)
                    }
                }
                let end = model.columns.count
                interpreterRanges.append(firstInterpreter..<firstOfficer)
                officerRanges.append(firstOfficer..<end)
                // Link: as many interpreters as officers (or officer outcomes) at this start.
                if !model.isPooled[h] || end > firstOfficer {
                    let terms = (firstInterpreter..<firstOfficer).map { ($0, 1.0) } + (firstOfficer..<end).map { ($0, -1.0) }
                    model.rows.append(Row(name: "link_\(h)_\(start.slot)", terms: terms, lower: 0, upper: 0))
                }
            }
            model.interpreterColumns.append(interpreterRanges)
            model.officerColumns.append(officerRanges)
            // Rule 1 and rule 9: held at most once; a fixed hearing exactly once.
            if hearing.fixed != nil && fixedAreRequired {
                model.rows.append(Row(name: "fixed_\(h)", terms: heldTerms, lower: 1, upper: 1))
            } else if heldTerms.count > 1 {
                model.rows.append(Row(name: "once_\(h)", terms: heldTerms, lower: 0, upper: 1))
            }
        }

        // Officers sent to pools, and the rows that make each pool's matching exist.
        pools.addGroups(groups, to: &model, officerBySlot: &officerBySlot, officerByWeek: &officerByWeek)

        // Rule 5: nobody in two hearings in one slot.
        for (person, bySlot) in interpreterBySlot.enumerated() {
            for t in bySlot.keys.sorted() where bySlot[t]!.count > 1 {
                model.rows.append(Row(name: "islot_\(person)_\(t)", terms: bySlot[t]!.map { ($0, 1) }, lower: 0, upper: 1))
            }
        }
        for (person, bySlot) in officerBySlot.enumerated() {
            for t in bySlot.keys.sorted() where bySlot[t]!.count > 1 {
                model.rows.append(Row(name: "oslot_\(person)_\(t)", terms: bySlot[t]!.map { ($0, 1) }, lower: 0, upper: 1))
            }
        }

        // Rule 6: an interpreter on site at one location a day at most.
        for (person, byDay) in onsite.enumerated() {
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
                        model.rows.append(Row(
                            name: "site_\(person)_\(t)_\(locationNumber[location] ?? -1)",
                            terms: bySlot[t]!.map { ($0, 1.0) } + [(site, -1.0)], lower: -1, upper: 0))
                    }
                }
                model.rows.append(Row(name: "oneSite_\(person)_\(day)", terms: siteColumns, lower: 0, upper: 1))
            }
        }

        // Rule 7: weekly maximum per person.
        for (person, byWeek) in interpreterByWeek.enumerated() {
            guard let cap = roster.interpreters[person].maxHearingsPerWeek else { continue }
            for week in byWeek.keys.sorted() where byWeek[week]!.count > cap {
                model.rows.append(Row(
                    name: "icap_\(person)_\(week.year)_\(week.week)", terms: byWeek[week]!.map { ($0, 1) }, lower: 0, upper: Double(cap)))
            }
        }
        for (person, byWeek) in officerByWeek.enumerated() {
            guard let cap = roster.officers[person].maxHearingsPerWeek else { continue }
            for week in byWeek.keys.sorted() where byWeek[week]!.count > cap {
                model.rows.append(Row(
                    name: "ocap_\(person)_\(week.year)_\(week.week)", terms: byWeek[week]!.map { ($0, 1) }, lower: 0, upper: Double(cap)))
            }
        }

        // Rule 8: rooms per location and slot.
        for location in roomUse.keys.sorted() {
            guard let rooms = index.locationRooms[location] ?? nil else { continue }
            let bySlot = roomUse[location]!
            for t in bySlot.keys.sorted() where startsCoveringSlot[location]![t]! > rooms {
                model.rows.append(Row(
                    name: "rooms_\(locationNumber[location] ?? -1)_\(t)", terms: bySlot[t]!.map { ($0, 1) }, lower: 0, upper: Double(rooms)))
            }
        }
        return model
    }

    /// More than any plan without the fixed hearing could gain: every hearing's best score.
    private var fixedReward: Double {
        1 + index.starts.reduce(0.0) { total, starts in
            total + (starts.map { start in
                abs(start.dayTerm) + (start.interpreters.map { abs($0.term) }.max() ?? 0)
                    + (start.officers.map { abs($0.term) }.max() ?? 0)
            }.max() ?? 0)
        }
    }
}

extension ModelBuilder.Model {
    /// The solver-neutral program: maximise the score, every column binary.
    var program: LinearProgram {
        var program = LinearProgram(name: "hearings", sense: .maximize, objectiveName: "score")
        program.reserveCapacity(columns: columns.count, rows: rows.count, nonzeros: rows.reduce(0) { $0 + $1.terms.count })
        for (column, name) in columnNames.enumerated() {
            program.addColumn(name: name, kind: .binary, objective: objective[column])
        }
        for row in rows {
            program.addRow(name: row.name, terms: row.terms, lower: row.lower, upper: row.upper)
        }
        return program
    }
}
