import PlannerModel

/// An independent check of a plan against the hard rules 1-9 of scheduling-model.md and against the
/// plan format's own consistency (formats.md), computed from the assignments themselves.
///
/// Every violation is one sentence that starts with `rule N: ` (N = 1...9, the hard rule broken) or
/// with `consistency: ` (the plan contradicts itself or the roster), then names the hearing.
public struct HardRuleChecker: Sendable {
    /// How far a reported score, objective or gap may be from the recomputed one.
    public var tolerance: Double
    /// Re-planning: the published plan, so that scores carry their change penalties, `changed`
    /// says which changed, and the objective counts the published hearings dropped.
    public var replan: ReplanReference?

    public init(tolerance: Double = 1e-6, replan: ReplanReference? = nil) {
        self.tolerance = tolerance
        self.replan = replan
    }

    /// Every violation of `plan` for `roster`, in a stable order; empty when the plan is valid.
    ///
    /// Rule 9 is relaxed for a plan whose status is `infeasible`: a fixed hearing may then be unheld,
    /// but one that is held must still be held as fixed (never silently moved), and at least one fixed
    /// hearing must not be held as fixed, or the status is wrong (the plan itself shows they fit).
    public func violations(of plan: Plan, for roster: Roster) -> [String] {
        var check = Check(roster: roster, plan: plan, tolerance: tolerance, replan: replan)
        check.format()
        check.coverage()
        for assignment in plan.assignments {
            check.assignment(assignment)
        }
        check.sharedResources()
        check.fixedHearings()
        check.unmetPreferences()
        check.totals()
        return check.found
    }
}

/// One run of the checker: the roster's lookups and the violations found so far.
private struct Check {
    let roster: Roster
    let plan: Plan
    let tolerance: Double
    let replan: ReplanReference?
    let reference: ReferenceScore
    var calendar: ReferenceCalendar { reference.calendar }
    let hearings: [String: Hearing]
    let interpreters: [String: Interpreter]
    let officers: [String: Officer]
    let locations: [String: Location]
    var found: [String] = []

    init(roster: Roster, plan: Plan, tolerance: Double, replan: ReplanReference?) {
        self.roster = roster
        self.plan = plan
        self.tolerance = tolerance
        self.replan = replan
        reference = ReferenceScore(roster: roster)
        hearings = Dictionary(roster.hearings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        interpreters = Dictionary(roster.interpreters.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        officers = Dictionary(roster.officers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        locations = Dictionary(roster.locations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func rule(_ number: Int, _ text: String) { found.append("rule \(number): \(text)") }
    mutating func consistency(_ text: String) { found.append("consistency: \(text)") }

    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= tolerance }

    // MARK: The plan as a whole

    mutating func format() {
        if plan.format != Plan.format {
            consistency("format is '\(plan.format)', not '\(Plan.format)'")
        }
    }

    /// Every roster hearing exactly once in `assignments` or `unscheduled`, and nothing else there.
    mutating func coverage() {
        var held: [String: Int] = [:]
        var unheld: [String: Int] = [:]
        for assignment in plan.assignments {
            held[assignment.hearing, default: 0] += 1
            if hearings[assignment.hearing] == nil {
                consistency("an assignment names hearing \(assignment.hearing), which is not in the roster")
            }
        }
        for entry in plan.unscheduled {
            unheld[entry.hearing, default: 0] += 1
            if hearings[entry.hearing] == nil {
                consistency("unscheduled names hearing \(entry.hearing), which is not in the roster")
            }
        }
        for hearing in roster.hearings {
            let h = held[hearing.id, default: 0]
            let u = unheld[hearing.id, default: 0]
            if h > 1 { rule(1, "hearing \(hearing.id) is held \(h) times") }
            if u > 1 { consistency("hearing \(hearing.id) is listed \(u) times in unscheduled") }
            if h > 0 && u > 0 { consistency("hearing \(hearing.id) is both held and unscheduled") }
            if h == 0 && u == 0 {
                consistency("hearing \(hearing.id) appears neither in assignments nor in unscheduled")
            }
        }
    }

    // MARK: One assignment: rules 1-4 and its derived fields

    mutating func assignment(_ a: Assignment) {
        guard let hearing = hearings[a.hearing] else { return }
        let id = hearing.id
        startAndSlots(a, hearing)
        if a.location != hearing.location {
            consistency("hearing \(id) is at location \(a.location), but its location is \(hearing.location)")
        }
        let interpreter = interpreters[a.interpreter]
        let officer = officers[a.officer]
        if interpreter == nil {
            rule(2, "hearing \(id) has interpreter \(a.interpreter), who is not an interpreter of the roster")
        }
        if officer == nil {
            rule(2, "hearing \(id) has officer \(a.officer), who is not an officer of the roster")
        }
        if let interpreter { interpreterRules(a, hearing, interpreter) }
        if let officer { officerRules(a, hearing, officer) }

        let delay = reference.delayDays(of: hearing, on: a.date)
        let wait = reference.waitDays(of: hearing, on: a.date)
        if a.delayDays != delay { consistency("hearing \(id) has delayDays \(a.delayDays), expected \(delay)") }
        if a.waitDays != wait { consistency("hearing \(id) has waitDays \(a.waitDays), expected \(wait)") }
        if let interpreter {
            let state = ReferenceScore.preferenceState(hearing.interpreterGender, interpreter.gender)
            if a.interpreterPreference != state {
                let stated = a.interpreterPreference.rawValue
                consistency("hearing \(id) has interpreterPreference \(stated), expected \(state.rawValue)")
            }
        }
        if let officer {
            let state = ReferenceScore.preferenceState(hearing.officerGender, officer.gender)
            if a.officerPreference != state {
                let stated = a.officerPreference.rawValue
                consistency("hearing \(id) has officerPreference \(stated), expected \(state.rawValue)")
            }
        }
        if let interpreter, let officer {
            let changePenalty = replan?.penalty(id, date: a.date, slot: a.slot, interpreter: a.interpreter, officer: a.officer) ?? 0
            let expected = reference.score(
                hearing: hearing, date: a.date, interpreter: interpreter, language: a.language, officer: officer) - changePenalty
            if !close(a.score, expected) {
                consistency("hearing \(id) has score \(a.score), expected \(expected)")
            }
        }
        if let replan {
            let isChange = replan.isChange(id, date: a.date, slot: a.slot, interpreter: a.interpreter, officer: a.officer)
            if a.changed != isChange {
                consistency("hearing \(id) says changed \(a.changed), but it \(isChange ? "changed" : "did not change") from the published plan")
            }
        } else if a.changed {
            consistency("hearing \(id) says changed, but the plan is not a re-plan (no published plan was given)")
        }
    }

    /// Rule 1: a working day of the horizon in the hearing's window, and the right run of day parts.
    private mutating func startAndSlots(_ a: Assignment, _ hearing: Hearing) {
        let id = hearing.id
        if !calendar.isWorkingDayOfHorizon(a.date) {
            rule(1, "hearing \(id) starts on \(a.date), which is not a working day of the horizon")
        }
        if a.date < hearing.earliest {
            rule(1, "hearing \(id) starts on \(a.date), before its earliest date \(hearing.earliest)")
        }
        let overdue = hearing.latest < roster.horizon.start
        if !overdue && a.date > hearing.latest {
            rule(1, "hearing \(id) starts on \(a.date), after its latest date \(hearing.latest)")
        }
        guard roster.horizon.slots.contains(a.slot) else {
            rule(1, "hearing \(id) starts in day part '\(a.slot)', which is not a day part of the horizon")
            return
        }
        guard let expected = calendar.slots(on: a.date, from: a.slot, count: hearing.durationSlots) else {
            rule(1, "hearing \(id) takes \(hearing.durationSlots) day parts and cannot start in \(a.slot) on one day")
            return
        }
        if a.slots != expected {
            rule(1, "hearing \(id) occupies [\(list(a.slots))], expected [\(list(expected))]")
        }
    }

    /// Rule 3: language, exclusion, availability and mode of the interpreter.
    private mutating func interpreterRules(_ a: Assignment, _ hearing: Hearing, _ interpreter: Interpreter) {
        let id = hearing.id
        let who = interpreter.id
        if a.language != hearing.language && !hearing.fallbackLanguages.contains(a.language) {
            rule(3, "hearing \(id) uses language \(a.language), which is neither its language nor a fallback")
        }
        if !interpreter.languages.contains(where: { $0.code == a.language }) {
            rule(3, "hearing \(id) uses language \(a.language), which interpreter \(who) does not speak")
        }
        if hearing.excludedInterpreters.contains(who) {
            rule(3, "hearing \(id) has interpreter \(who), who is excluded from it")
        }
        let available = Set(interpreter.available)
        for slot in a.slots where !available.contains(slot) {
            rule(3, "hearing \(id) has interpreter \(who), who is not available in \(slot)")
        }
        switch a.interpreterMode {
        case .onsite:
            if !interpreter.onsiteLocations.contains(a.location) {
                rule(3, "hearing \(id) has interpreter \(who) on site, who does not work on site at \(a.location)")
            }
        case .remote:
            if !interpreter.remote {
                rule(3, "hearing \(id) has interpreter \(who) remote, who does not work remotely")
            }
            if !hearing.remoteInterpreterAllowed {
                rule(3, "hearing \(id) has a remote interpreter, which it does not allow")
            }
        }
    }

    /// Rule 4: location, trainings, exclusion and availability of the officer.
    private mutating func officerRules(_ a: Assignment, _ hearing: Hearing, _ officer: Officer) {
        let id = hearing.id
        let who = officer.id
        if officer.location != hearing.location {
            rule(4, "hearing \(id) has officer \(who), who works at \(officer.location), not \(hearing.location)")
        }
        for training in hearing.requiredTrainings where !officer.trainings.contains(training) {
            rule(4, "hearing \(id) has officer \(who), who lacks training \(training)")
        }
        if hearing.excludedOfficers.contains(who) {
            rule(4, "hearing \(id) has officer \(who), who is excluded from it")
        }
        let available = Set(officer.available)
        for slot in a.slots where !available.contains(slot) {
            rule(4, "hearing \(id) has officer \(who), who is not available in \(slot)")
        }
    }

    // MARK: Rules 5-8, across assignments

    mutating func sharedResources() {
        var bySlot: [String: [SlotName: Set<String>]] = [:]      // person -> slot -> hearings
        var onsite: [String: [Day: Set<String>]] = [:]           // interpreter -> day -> locations
        var byWeek: [String: [ISOWeek: Set<String>]] = [:]      // person -> week -> hearings
        var rooms: [String: [SlotName: Set<String>]] = [:]       // location -> slot -> hearings
        for a in plan.assignments where hearings[a.hearing] != nil {
            for person in [a.interpreter, a.officer] {
                for slot in a.slots { bySlot[person, default: [:]][slot, default: []].insert(a.hearing) }
                byWeek[person, default: [:]][a.date.isoWeek, default: []].insert(a.hearing)
            }
            if a.interpreterMode == .onsite {
                onsite[a.interpreter, default: [:]][a.date, default: []].insert(a.location)
            }
            for slot in a.slots { rooms[a.location, default: [:]][slot, default: []].insert(a.hearing) }
        }
        for (person, slots) in bySlot.sorted(by: { $0.key < $1.key }) {
            for (slot, held) in slots.sorted(by: { $0.key < $1.key }) where held.count > 1 {
                rule(5, "\(person) is in \(held.count) hearings in \(slot): \(held.sorted().joined(separator: ", "))")
            }
        }
        for (interpreter, days) in onsite.sorted(by: { $0.key < $1.key }) {
            for (day, places) in days.sorted(by: { $0.key < $1.key }) where places.count > 1 {
                let names = places.sorted().joined(separator: ", ")
                rule(6, "interpreter \(interpreter) works on site at \(places.count) locations on \(day): \(names)")
            }
        }
        for (person, weeks) in byWeek.sorted(by: { $0.key < $1.key }) {
            let cap = interpreters[person]?.maxHearingsPerWeek ?? officers[person]?.maxHearingsPerWeek
            guard let cap else { continue }
            for (week, held) in weeks.sorted(by: { $0.key < $1.key }) where held.count > cap {
                rule(7, "\(person) has \(held.count) hearings in \(week), more than their maximum of \(cap)")
            }
        }
        for (place, slots) in rooms.sorted(by: { $0.key < $1.key }) {
            guard let capacity = locations[place]?.rooms else { continue }
            for (slot, held) in slots.sorted(by: { $0.key < $1.key }) where held.count > capacity {
                rule(8, "location \(place) holds \(held.count) hearings in \(slot), more than its \(capacity) rooms")
            }
        }
    }

    // MARK: Rule 9 and the status

    mutating func fixedHearings() {
        var firstAssignment: [String: Assignment] = [:]
        for a in plan.assignments where firstAssignment[a.hearing] == nil { firstAssignment[a.hearing] = a }
        let infeasible = plan.status == .infeasible
        var allHeldAsFixed = true
        for hearing in roster.hearings {
            guard let fixed = hearing.fixed else { continue }
            let id = hearing.id
            guard let a = firstAssignment[id] else {
                allHeldAsFixed = false
                if !infeasible { rule(9, "fixed hearing \(id) is not held") }
                continue
            }
            let pinnedInterpreter = fixed.interpreter.map { $0 == a.interpreter } ?? true
            let pinnedOfficer = fixed.officer.map { $0 == a.officer } ?? true
            if a.date != fixed.date || a.slot != fixed.slot || !pinnedInterpreter || !pinnedOfficer {
                allHeldAsFixed = false
            }
            if a.date != fixed.date || a.slot != fixed.slot {
                let pinned = "\(fixed.date)/\(fixed.slot)"
                rule(9, "fixed hearing \(id) starts in \(a.date)/\(a.slot), not in \(pinned) as fixed")
            }
            if let pinned = fixed.interpreter, pinned != a.interpreter {
                rule(9, "fixed hearing \(id) has interpreter \(a.interpreter), not \(pinned) as fixed")
            }
            if let pinned = fixed.officer, pinned != a.officer {
                rule(9, "fixed hearing \(id) has officer \(a.officer), not \(pinned) as fixed")
            }
        }
        if infeasible && allHeldAsFixed {
            consistency("status is infeasible, yet every fixed hearing is held as fixed (so they do not conflict)")
        }
    }

    // MARK: Unmet preferences and totals

    mutating func unmetPreferences() {
        struct Key: Hashable, Comparable {
            var hearing: String
            var role: Role
            static func < (l: Key, r: Key) -> Bool { (l.hearing, l.role.rawValue) < (r.hearing, r.role.rawValue) }
        }
        var expected: [Key: (requested: GenderPreference, assigned: Gender)] = [:]
        for a in plan.assignments {
            guard let hearing = hearings[a.hearing] else { continue }
            if let requested = hearing.interpreterGender, let person = interpreters[a.interpreter],
               !requested.isMetReference(by: person.gender) {
                expected[Key(hearing: a.hearing, role: .interpreter)] = (requested, person.gender)
            }
            if let requested = hearing.officerGender, let person = officers[a.officer],
               !requested.isMetReference(by: person.gender) {
                expected[Key(hearing: a.hearing, role: .officer)] = (requested, person.gender)
            }
        }
        var listed: [Key: Int] = [:]
        for entry in plan.unmetPreferences {
            let key = Key(hearing: entry.hearing, role: entry.role)
            listed[key, default: 0] += 1
            guard let want = expected[key] else {
                consistency("""
                    unmetPreferences lists the \(entry.role.rawValue) preference of hearing \(entry.hearing), \
                    which is not an unmet preference of a held hearing
                    """)
                continue
            }
            if entry.requested != want.requested || entry.assigned != want.assigned {
                consistency("""
                    unmetPreferences says hearing \(entry.hearing) requested a \(entry.requested.rawValue) \
                    \(entry.role.rawValue) and got \(entry.assigned.rawValue); expected requested \
                    \(want.requested.rawValue), got \(want.assigned.rawValue)
                    """)
            }
        }
        for (key, count) in listed.sorted(by: { $0.key < $1.key }) where count > 1 && expected[key] != nil {
            consistency(
                "unmetPreferences lists the \(key.role.rawValue) preference of hearing \(key.hearing) \(count) times")
        }
        for key in expected.keys.sorted() where listed[key] == nil {
            consistency(
                "the unmet \(key.role.rawValue) preference of hearing \(key.hearing) is missing from unmetPreferences")
        }
    }

    mutating func totals() {
        var sum = plan.assignments.reduce(0.0) { $0 + $1.score }
        var dropped = ""
        if let replan {
            // Published hearings still in the roster and no longer held cost the change penalty.
            let held = Set(plan.assignments.map(\.hearing))
            let count = replan.published.keys.filter { !held.contains($0) }.count
            sum -= replan.penalty * Double(count)
            if count > 0 { dropped = ", less \(replan.penalty.decimalText) for each of the \(count) published hearing(s) not held" }
        }
        if !close(plan.objective, sum) {
            consistency("objective is \(plan.objective), but the assignments' scores add up to \(sum)\(dropped)")
        }
        if let bound = plan.bound {
            if bound < plan.objective - tolerance {
                consistency("bound \(bound) is below the objective \(plan.objective)")
            }
            if let gap = plan.gap {
                let expected = (bound - plan.objective) / max(1, abs(plan.objective))
                if !close(gap, expected) { consistency("gap is \(gap), expected \(expected)") }
            }
        }
    }

    private func list(_ slots: [SlotName]) -> String { slots.map(\.description).joined(separator: ", ") }
}

extension GenderPreference {
    /// Met when the person's gender equals the request (written here, not taken from the model).
    fileprivate func isMetReference(by gender: Gender) -> Bool { rawValue == gender.rawValue }
}
