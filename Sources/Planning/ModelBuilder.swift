import LinearProgramming
import PlannerModel

/// Builds the mixed-integer program of docs/model.md from a `ProblemIndex`.
///
/// Interpreters and officers each come in one of two forms. Pooled (`InterpreterPools`,
/// `OfficerPools`): people are sent to groups of hearings with the same location, start and length
/// (and language, for interpreters), and each hearing's outcome columns say what it gets; who takes
/// which hearing is a matching found afterwards. Direct: `a[h,s,i]` = hearing `h` starts at `s`
/// with interpreter `i`, `b[h,s,o]` = with officer `o`. `w[i,d,L]` = interpreter `i` works on site
/// at location `L` on day `d` (only where an interpreter could be on site at two locations on one
/// day). Every column is binary.
struct ModelBuilder: Sendable {
    enum Column: Sendable, Equatable {
        case interpreter(hearing: Int, start: Int, option: Int)
        case officer(hearing: Int, start: Int, option: Int)
        case site(interpreter: Int, day: Int, location: String)
        /// The hearing's officer preference is met (`met`) or not asked for in this column.
        case officerOutcome(hearing: Int, start: Int, met: Bool)
        case officerSent(officer: Int, group: Int)
        /// The hearing is held at the start with the `outcome`-th of its interpreter outcomes.
        case interpreterOutcome(hearing: Int, start: Int, outcome: Int)
        case interpreterSent(interpreter: Int, group: Int, onsite: Bool)
        /// Re-planning: the hearing keeps its baseline placement (start, interpreter, officer).
        case keep(hearing: Int)
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
        /// Per (hearing, start), the columns whose sum says whether the hearing is held there: its
        /// interpreter columns `a` when direct, its outcome columns `x` when pooled.
        var heldColumns: [[Range<Int>]] = []
        /// Per (hearing, start), its officer columns: `b` when direct; the outcome columns,
        /// possibly none, when pooled.
        var officerColumns: [[Range<Int>]] = []
        var isInterpreterPooled: [Bool] = []
        var isOfficerPooled: [Bool] = []
        var interpreterGroups: [InterpreterGroup] = []
        var officerGroups: [OfficerGroup] = []
        /// What each interpreter outcome column stands for, by column.
        var interpreterOutcomes: [Int: InterpreterOutcome] = [:]
        /// Re-planning: the keep column of each baseline hearing that may keep its placement.
        var keepColumns: [Int: Int] = [:]
        /// Re-planning near the baseline: the hearings held at their baseline placement outside the
        /// program (not free); their people, rooms and sites are taken, their score is the constant.
        var fixedKeeps: Set<Int> = []
        var objectiveConstant = 0.0
        /// The fixed placements alone break a rule (too many for a room or a weekly maximum, say):
        /// no point of the program keeps them all.
        var isContradictory = false

        /// Appends a row whose terms may name `Ledger.occupied` for a fixed placement: that part
        /// moves into the bounds. A row left without terms is only checked.
        mutating func appendRow(_ name: String, terms: [(column: Int, coefficient: Double)], lower: Double, upper: Double) {
            var constant = 0.0
            var kept: [(column: Int, coefficient: Double)] = []
            kept.reserveCapacity(terms.count)
            for term in terms {
                if term.column == Ledger.occupied { constant += term.coefficient } else { kept.append(term) }
            }
            if kept.isEmpty {
                if constant > upper + 1e-9 || constant < lower - 1e-9 { isContradictory = true }
                return
            }
            rows.append(Row(name: name, terms: kept, lower: lower - constant, upper: upper - constant))
        }
    }

    let index: ProblemIndex
    /// False only to find which fixed hearings conflict: each is then rewarded with a weight
    /// larger than all other scores together instead of being required.
    var fixedAreRequired = true
    /// Officers of a location serve pools of hearings (exact, and far smaller); false builds the
    /// plain model with a column per hearing, start and officer, kept to test one against the other.
    var poolsOfficers = true
    /// Interpreters serve pools of hearings of one language (exact); false: a column per hearing,
    /// start and interpreter, kept to test one against the other.
    var poolsInterpreters = true
    /// Re-planning: the baseline placements that may be kept, by hearing (docs/replanning.md).
    var keeps: [Int: Keep] = [:]
    /// Re-planning: at most this many baseline hearings change without being forced.
    var maxChanges: Int?
    /// Re-planning when fixed hearings need what frozen ones hold (`FreezeCheck`): instead of each
    /// frozen keep being required, at least this many of them are kept (the most that can be held
    /// together with the fixed hearings), and the program chooses which give way.
    var frozenAtLeast: Int?
    /// Re-planning: how many frozen hearings must give way to fixed ones; their changes are forced
    /// and do not count against `maxChanges`.
    var yieldingFrozen = 0
    /// Fixed hearings that are merely wanted, not required: held as fixed or not at all (the
    /// frozen hearings of `FreezeCheck`'s program, pinned to their baseline placement).
    var optionalFixed: Set<Int> = []
    /// Re-planning near the baseline, and the small programs of `SubprogramSearch`: only these
    /// hearings get columns (nil: all). Every other hearing with a keep is held at its baseline
    /// placement, which uses up its people, room and site as the keep column fixed at 1 would
    /// (with `taken`, every hearing placed there is held so instead); every other hearing is not
    /// held. The program is the whole one with those columns fixed, up to columns no free hearing
    /// can use (people sent to pools for fixed hearings only), so it has the same plans and scores.
    var free: Set<Int>?
    /// Subprograms (`SubprogramSearch`): the free hearings may start only in this ISO week; their
    /// other starts get no columns (the whole program's columns there fixed at 0).
    var freeWeek: ISOWeek?
    /// Subprograms: every placement held outside the program (the plan less the free hearings),
    /// instead of a keep for each. The rows of rules 5 to 8 that the free hearings' columns enter
    /// get what these placements take as their constant, and no other row is made (the plan keeps
    /// it), so a small program is built in time for its free hearings, not for the whole plan. The
    /// placements' scores are left out of the objective: only differences between points count.
    /// A fixed hearing that is not free must be placed here.
    var taken: Occupancy?
    /// Which locations pool their officers, worked out once for many builds (`prepared()`); nil:
    /// each build works it out.
    private(set) var officerPools: OfficerPools?
    /// Which hearings the pools take, worked out once with `officerPools`.
    private(set) var pooledHearings: (officers: [Bool], interpreters: [Bool])?
    /// Worked out once with `officerPools`: per hearing, an empty column range per start (what a
    /// hearing that is not free gets), and the fixed hearings. With them a small program's build
    /// visits only its free hearings, not every hearing of the roster.
    private(set) var noColumns: [[Range<Int>]]?
    private(set) var fixedHearings: [Int] = []

    /// This builder with what every build of the roster works out the same done once: for the
    /// many small programs of `SubprogramSearch`.
    func prepared() -> ModelBuilder {
        var builder = self
        let officerPools = OfficerPools(index: index, isEnabled: poolsOfficers)
        let interpreterPools = InterpreterPools(index: index, isEnabled: poolsInterpreters)
        builder.officerPools = officerPools
        builder.pooledHearings = (
            index.roster.hearings.indices.map(officerPools.isPooled), index.roster.hearings.indices.map(interpreterPools.isPooled))
        var none = NoColumns()
        builder.noColumns = index.starts.map { none($0.count) }
        builder.fixedHearings = index.roster.hearings.indices.filter { index.roster.hearings[$0].fixed != nil }
        return builder
    }

    /// What a hearing without columns has: an empty range per start, in one array per count of
    /// starts, shared by every hearing with that count.
    struct NoColumns {
        private var byCount: [[Range<Int>]] = []

        mutating func callAsFunction(_ starts: Int) -> [Range<Int>] {
            while byCount.count <= starts { byCount.append(Array(repeating: 0..<0, count: byCount.count)) }
            return byCount[starts]
        }
    }

    /// A baseline placement that keeps every rule of its own in the changed roster.
    struct Keep: Sendable {
        /// Position of the baseline start in `index.starts[hearing]`.
        let startIndex: Int
        /// Position of the baseline interpreter in that start's `interpreters`.
        let interpreterOption: Int
        let mode: InterpreterMode
        /// Position of the baseline officer in that start's `officers`.
        let officerOption: Int
        /// Starts within `freezeHours` of now: it must be kept.
        let isFrozen: Bool
    }

    func build() -> Model {
        var model = Model()
        let roster = index.roster
        var ledger = Ledger(index: index)
        let reward = fixedAreRequired ? 0 : fixedReward
        var occupancy = taken
        if let free, taken == nil {
            var kept = Occupancy(index: index)
            for (h, keep) in keeps where !free.contains(h) { kept.add(placement(keep, hearing: h)) }
            occupancy = kept
        }
        var officerPools = officerPools ?? OfficerPools(index: index, isEnabled: poolsOfficers)
        officerPools.occupancy = occupancy
        var interpreterPools = InterpreterPools(index: index, isEnabled: poolsInterpreters)
        interpreterPools.occupancy = occupancy
        model.isOfficerPooled = pooledHearings?.officers ?? roster.hearings.indices.map(officerPools.isPooled)
        model.isInterpreterPooled = pooledHearings?.interpreters ?? roster.hearings.indices.map(interpreterPools.isPooled)
        var officerGroups = OfficerPools.GroupCollector()
        var interpreterGroups = InterpreterPools.GroupCollector()
        let interpreterOutcomes = interpreterPools.allOutcomes(free: free, week: freeWeek)
        var isFree = [Bool](repeating: free == nil, count: roster.hearings.count)
        for h in free ?? [] { isFree[h] = true }
        // Every hearing starts without columns; the free ones get theirs as they are visited.
        var none = NoColumns()
        let empty = noColumns ?? index.starts.map { none($0.count) }
        model.heldColumns = empty
        model.officerColumns = empty
        // A small program built from `taken` by a prepared builder visits only the free hearings
        // (in order, so columns are numbered as in a visit of all).
        let visited: [Int]
        if let free, keeps.isEmpty, noColumns != nil {
            visited = free.sorted()
            for h in fixedHearings where !isFree[h] && fixedAreRequired && taken?.placed[h] == nil { model.isContradictory = true }
        } else {
            visited = Array(roster.hearings.indices)
        }
        for h in visited {
            if !isFree[h] {
                if let keep = keeps[h] {
                    occupy(keep, hearing: h, in: &model, ledger: &ledger)
                } else if roster.hearings[h].fixed != nil && fixedAreRequired && taken?.placed[h] == nil {
                    model.isContradictory = true
                }
                continue
            }
            let hearing = roster.hearings[h]
            var heldRanges: [Range<Int>] = []
            var officerRanges: [Range<Int>] = []
            let extra = hearing.fixed != nil ? reward : 0
            for (s, start) in index.starts[h].enumerated() {
                if let freeWeek, start.day.isoWeek != freeWeek {
                    heldRanges.append(0..<0)
                    officerRanges.append(0..<0)
                    continue
                }
                let held = model.isInterpreterPooled[h]
                    ? interpreterPools.addOutcomes(
                        interpreterOutcomes[h][s], hearing: h, start: s, extra: extra, to: &model, collecting: &interpreterGroups)
                    : addInterpreters(hearing: h, start: s, extra: extra, to: &model, ledger: &ledger)
                ledger.addHearing(at: hearing.location, slots: start.slots, held: held)
                let firstOfficer = model.columns.count
                if model.isOfficerPooled[h] {
                    officerPools.addOutcomes(
                        hearing: h, start: s, held: held.map { ($0, 1.0) }, to: &model, collecting: &officerGroups)
                } else {
                    addOfficers(hearing: h, start: s, to: &model, ledger: &ledger)
                }
                let officers = firstOfficer..<model.columns.count
                heldRanges.append(held)
                officerRanges.append(officers)
                // Link: held exactly when an officer (or an officer outcome) is there.
                if !model.isOfficerPooled[h] || !officers.isEmpty {
                    let terms = held.map { ($0, 1.0) } + officers.map { ($0, -1.0) }
                    model.rows.append(Row(name: "link_\(h)_\(start.slot)", terms: terms, lower: 0, upper: 0))
                }
            }
            model.heldColumns[h] = heldRanges
            model.officerColumns[h] = officerRanges
            var heldTerms = heldRanges.flatMap { $0.map { ($0, 1.0) } }
            if let keep = keeps[h] {
                let column = addKeep(keep, hearing: h, to: &model, ledger: &ledger)
                heldTerms.append((column, 1))
            }
            // Rule 1 and rule 9: held at most once; a fixed hearing exactly once.
            if hearing.fixed != nil && fixedAreRequired && !optionalFixed.contains(h) {
                model.rows.append(Row(name: "fixed_\(h)", terms: heldTerms, lower: 1, upper: 1))
            } else if heldTerms.count > 1 {
                model.rows.append(Row(name: "once_\(h)", terms: heldTerms, lower: -.infinity, upper: 1))
            }
        }
        // People sent to pools, and the rows that make each pool's matching exist.
        officerPools.addGroups(
            officerGroups, to: &model, officerBySlot: &ledger.officerBySlot, officerByWeek: &ledger.officerByWeek)
        interpreterPools.addGroups(interpreterGroups, to: &model, ledger: &ledger)
        if let taken { ledger.addTaken(taken, roster: roster) }
        addRuleRows(ledger, to: &model)
        if let frozenAtLeast {
            let terms = keeps.keys.sorted().filter { keeps[$0]!.isFrozen }.map { h in
                (model.keepColumns[h] ?? Ledger.occupied, 1.0)
            }
            model.appendRow("frozen", terms: terms, lower: Double(frozenAtLeast), upper: .infinity)
        }
        if let maxChanges, !model.keepColumns.isEmpty || !model.fixedKeeps.isEmpty {
            // Baseline hearings that may keep their placement: all but `maxChanges` of them do,
            // and but the frozen ones that must give way to fixed hearings.
            let terms = model.keepColumns.keys.sorted().map { (model.keepColumns[$0]!, 1.0) }
                + model.fixedKeeps.map { _ in (Ledger.occupied, 1.0) }
            let lower = max(0, terms.count - maxChanges - yieldingFrozen)
            model.appendRow("maxChanges", terms: terms, lower: Double(lower), upper: .infinity)
        }
        return model
    }

    /// The keep column of a baseline hearing: it stands for exactly the baseline placement, uses
    /// the same person, room and site rows as any other column, and scores the placement's own
    /// score plus `changePenalty` (every other way of holding or dropping the hearing costs it).
    private func addKeep(_ keep: Keep, hearing h: Int, to model: inout Model, ledger: inout Ledger) -> Int {
        let hearing = index.roster.hearings[h]
        let start = index.starts[h][keep.startIndex]
        let interpreter = start.interpreters[keep.interpreterOption]
        let officer = start.officers[keep.officerOption]
        let column = model.columns.count
        model.columns.append(.keep(hearing: h))
        model.objective.append(start.dayTerm + interpreter.term + officer.term + index.scoring.policy.changePenalty)
        model.columnNames.append("k_\(h)")
        ledger.addInterpreterWork(
            interpreter.person, column: column, slots: start.slots, week: start.day.isoWeek,
            onsiteAt: keep.mode == .onsite ? (start.slot / index.calendar.partsPerDay, hearing.location) : nil)
        for t in start.slots { ledger.officerBySlot[officer.person][t, default: []].append(column) }
        ledger.officerByWeek[officer.person][start.day.isoWeek, default: []].append(column)
        ledger.addHearing(at: hearing.location, slots: start.slots, held: column..<(column + 1))
        if keep.isFrozen && frozenAtLeast == nil {
            model.rows.append(Row(name: "frozen_\(h)", terms: [(column, 1)], lower: 1, upper: .infinity))
        }
        model.keepColumns[h] = column
        return column
    }

    /// The keep's placement (its score left out: only who and where count here).
    private func placement(_ keep: Keep, hearing h: Int) -> Placement {
        let start = index.starts[h][keep.startIndex]
        let interpreter = start.interpreters[keep.interpreterOption]
        return Placement(
            hearing: h, slot: start.slot, duration: start.duration, interpreter: interpreter.person,
            isOnsite: keep.mode == .onsite, language: interpreter.language, registered: interpreter.registered,
            officer: start.officers[keep.officerOption].person, score: 0)
    }

    /// A baseline placement held outside the program: what its keep column fixed at 1 would use
    /// and score, entered as `Ledger.occupied` and as the objective's constant.
    private func occupy(_ keep: Keep, hearing h: Int, in model: inout Model, ledger: inout Ledger) {
        let hearing = index.roster.hearings[h]
        let start = index.starts[h][keep.startIndex]
        let interpreter = start.interpreters[keep.interpreterOption]
        let officer = start.officers[keep.officerOption]
        let column = Ledger.occupied
        model.objectiveConstant += start.dayTerm + interpreter.term + officer.term + index.scoring.policy.changePenalty
        ledger.addInterpreterWork(
            interpreter.person, column: column, slots: start.slots, week: start.day.isoWeek,
            onsiteAt: keep.mode == .onsite ? (start.slot / index.calendar.partsPerDay, hearing.location) : nil)
        for t in start.slots { ledger.officerBySlot[officer.person][t, default: []].append(column) }
        ledger.officerByWeek[officer.person][start.day.isoWeek, default: []].append(column)
        ledger.addHearing(at: hearing.location, slots: start.slots, held: column..<(column + 1))
        model.fixedKeeps.insert(h)
    }

    /// The plain interpreter columns `a[h,s,i]` of one hearing and start.
    private func addInterpreters(
        hearing h: Int, start s: Int, extra: Double, to model: inout Model, ledger: inout Ledger
    ) -> Range<Int> {
        let start = index.starts[h][s]
        let first = model.columns.count
        let location = index.roster.hearings[h].location
        for (k, option) in start.interpreters.enumerated() {
            let column = model.columns.count
            model.columns.append(.interpreter(hearing: h, start: s, option: k))
            model.objective.append(start.dayTerm + option.term + extra)
            model.columnNames.append("a_\(h)_\(start.slot)_\(option.person)")
            ledger.addInterpreterWork(
                option.person, column: column, slots: start.slots, week: start.day.isoWeek,
                onsiteAt: option.mode == .onsite ? (start.slot / index.calendar.partsPerDay, location) : nil)
        }
        return first..<model.columns.count
    }

    /// The plain officer columns `b[h,s,o]` of one hearing and start.
    private func addOfficers(hearing h: Int, start s: Int, to model: inout Model, ledger: inout Ledger) {
        let start = index.starts[h][s]
        for (k, option) in start.officers.enumerated() {
            let column = model.columns.count
            model.columns.append(.officer(hearing: h, start: s, option: k))
            model.objective.append(option.term)
            model.columnNames.append("b_\(h)_\(start.slot)_\(option.person)")
            for t in start.slots { ledger.officerBySlot[option.person][t, default: []].append(column) }
            ledger.officerByWeek[option.person][start.day.isoWeek, default: []].append(column)
        }
    }

    /// More than any plan without the fixed hearing could gain: every hearing's largest score in
    /// magnitude, with every penalty it could be charged.
    private var fixedReward: Double {
        let policy = index.scoring.policy
        return 1 + index.roster.hearings.indices.reduce(0.0) { total, h in
            let hearing = index.roster.hearings[h]
            let penalties = 2 * abs(policy.preferencePenalty[hearing.priority]) + abs(policy.unregisteredPenalty)
                + abs(policy.fallbackLanguagePenalty)
            return total + (index.starts[h].map { abs($0.dayTerm) + penalties }.max() ?? 0)
        }
    }
}

extension ModelBuilder.Model {
    /// The solver-neutral program: maximise the score, every column binary.
    var program: LinearProgram {
        var program = LinearProgram(name: "hearings", sense: .maximize, objectiveName: "score")
        program.objectiveConstant = objectiveConstant
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
