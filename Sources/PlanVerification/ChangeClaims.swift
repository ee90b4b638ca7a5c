import PlannerModel

extension Verification {
    /// A re-plan's changes against the published plan: the list per hearing and per person, which
    /// are forced and why, the freeze, and the cap on unforced changes.
    mutating func checkChanges(_ replan: ReplanReference) {
        // What changed, recomputed: every hearing whose date, day part or people differ, dropped or added.
        var expected: [String: (before: PlanChange.Placement?, after: PlanChange.Placement?)] = [:]
        let before = Dictionary(replan.published.map { ($0.key, PlanChange.Placement($0.value)) }, uniquingKeysWith: { a, _ in a })
        var after: [String: PlanChange.Placement] = [:]
        for (id, a) in layout.assignments { after[id] = PlanChange.Placement(a) }
        for id in Set(before.keys).union(after.keys) where before[id] != after[id] { expected[id] = (before[id], after[id]) }
        // A cancelled hearing is listed as dropped, so that its people are told.
        let cancelledPlacements = Dictionary(
            plan.changes.filter { replan.cancelled.contains($0.hearing) }.map { ($0.hearing, $0) }, uniquingKeysWith: { a, _ in a })
        var listed: [String: PlanChange] = [:]
        for change in plan.changes {
            if listed[change.hearing] != nil { add(change.hearing, "changes", "is listed twice in changes") }
            listed[change.hearing] = change
        }
        report.checked.changes = plan.changes.count
        for (id, change) in expected.sorted(by: { $0.key < $1.key }) {
            guard let entry = listed[id] else {
                add(id, "changes", "changed from the published plan but is not listed in changes")
                continue
            }
            if entry.before != change.before || entry.after != change.after {
                add(id, "changes", "changes says \(describe(entry.before)) -> \(describe(entry.after)), but the plans say \(describe(change.before)) -> \(describe(change.after))")
            }
        }
        for id in replan.cancelled {
            guard let entry = cancelledPlacements[id] else {
                add(id, "changes", "was cancelled, so its people must be told, but changes does not list it")
                continue
            }
            if !entry.forced || entry.after != nil { add(id, "changes", "was cancelled: its change is forced and it is no longer held") }
        }
        for change in plan.changes where expected[change.hearing] == nil && !replan.cancelled.contains(change.hearing) {
            add(change.hearing, "changes", "is listed in changes but did not change")
        }
        checkForced(replan, listed: listed, changed: Set(expected.keys))
        checkPeople(expected: expected, cancelled: cancelledPlacements)
    }

    /// `forced` exactly where a hard rule forces the change, frozen hearings in place otherwise, and
    /// at most `maxChanges` unforced changes.
    private mutating func checkForced(_ replan: ReplanReference, listed: [String: PlanChange], changed: Set<String>) {
        // The fixed hearings and the frozen ones kept in place: what a frozen hearing may give way to.
        let fixedIDs = Set(facts.roster.hearings.filter { $0.fixed != nil }.map(\.id))
        let keptFrozen = replan.frozen.filter { id in
            layout.assignments[id].map { ReplanReference.isSame($0, replan.published[id]!) } ?? false
        }
        var standing = plan
        standing.assignments = plan.assignments.filter { fixedIDs.contains($0.hearing) || keptFrozen.contains($0.hearing) }
        let standingLayout = PlanLayout(facts: facts, plan: standing)
        var unforced = 0
        for id in changed.union(listed.keys).sorted() where !replan.cancelled.contains(id) {
            let change = listed[id] ?? PlanChange(hearing: id, before: nil, after: nil, forced: false)
            guard let was = replan.published[id] else {
                if change.forced { add(id, "changes", "is new in this plan, yet its change is marked forced") }
                continue
            }
            guard changed.contains(id) else { continue }  // listed without changing: said above
            let broken = replan.brokenOnItsOwn[id]
            var givesWay = false
            if replan.frozen.contains(id), broken == nil, let hearing = facts.hearings[id] {
                // A frozen hearing moves only when keeping it breaks a rule with the fixed hearings and
                // the other frozen ones where the plan holds them.
                let spot = Alternative.Spot(
                    date: was.date, slot: was.slot, interpreter: was.interpreter, interpreterMode: was.interpreterMode,
                    language: was.language, officer: was.officer)
                let keeping = PlanLayout.Placed(hearing: hearing, spot: spot, slots: was.slots)
                givesWay = !standingLayout.violations(placing: [keeping], removing: [id]).isEmpty
                if !givesWay {
                    add(id, "freeze", "starts within freezeHours of the re-plan and could keep its published placement, yet it changed")
                }
            }
            let isForced = broken != nil || givesWay
            if listed[id] == nil {
                if !isForced { unforced += 1 }
                continue
            }
            if change.forced && !isForced {
                add(id, "changes", "is marked forced, but its published placement breaks no hard rule")
            } else if !change.forced && isForced {
                add(id, "changes", "its change is forced (\(broken ?? "it gives way to a fixed hearing")), but it is not marked so")
            }
            if change.forced, let broken, change.rule?.hasPrefix(broken) != true {
                add(id, "changes", "its change is forced by \(broken), but the rule given is \(change.rule ?? "none")")
            }
            if !isForced { unforced += 1 }
        }
        if let cap = replan.maxChanges, unforced > cap {
            add(nil, "changes", "\(unforced) unforced changes, more than maxChanges \(cap)")
        }
    }

    /// `changesByPerson`: for each person whose work changed, the hearings gained, lost and moved.
    private mutating func checkPeople(
        expected: [String: (before: PlanChange.Placement?, after: PlanChange.Placement?)], cancelled: [String: PlanChange]
    ) {
        guard let people = plan.changesByPerson else {
            if !expected.isEmpty || !cancelled.isEmpty { add(nil, "changesByPerson", "the re-plan has changes but no changesByPerson") }
            return
        }
        struct Work: Equatable {
            var gained = Set<String>(), lost = Set<String>(), moved = Set<String>()
        }
        var work: [String: Work] = [:]
        var all = expected
        for (id, change) in cancelled { all[id] = (change.before, change.after) }
        for (id, change) in all {
            for role in Role.allCases {
                let was = change.before.map { role == .interpreter ? $0.interpreter : $0.officer }
                let now = change.after.map { role == .interpreter ? $0.interpreter : $0.officer }
                if let was, was == now {
                    if let b = change.before, let a = change.after, b.date != a.date || b.slot != a.slot { work[was, default: Work()].moved.insert(id) }
                    continue
                }
                if let was { work[was, default: Work()].lost.insert(id) }
                if let now { work[now, default: Work()].gained.insert(id) }
            }
        }
        var stated: [String: Work] = [:]
        for person in people {
            stated[person.person] = Work(
                gained: Set(person.gained.map(\.hearing)), lost: Set(person.lost.map(\.hearing)), moved: Set(person.moved.map(\.hearing)))
        }
        for person in Set(work.keys).union(stated.keys).sorted() where work[person] != stated[person] {
            let w = work[person] ?? Work()
            add(nil, "changesByPerson", "\(person) should be told of gained \(w.gained.sorted()), lost \(w.lost.sorted()), moved \(w.moved.sorted()); the plan says otherwise")
        }
    }

    private func describe(_ p: PlanChange.Placement?) -> String {
        p.map { "\($0.date) \($0.slot) with \($0.interpreter) and \($0.officer)" } ?? "not held"
    }
}
