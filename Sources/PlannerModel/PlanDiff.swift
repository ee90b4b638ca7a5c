/// What changed between two plans of the same horizon, per hearing and per person, so that exactly
/// the people concerned can be told.
public struct PlanDiff: Sendable, Equatable, Codable {
    /// The changes of one interpreter or officer.
    public struct PersonChanges: Sendable, Equatable, Codable {
        public struct Move: Sendable, Equatable, Codable {
            public var hearing: String
            public var before: PlanChange.Placement
            public var after: PlanChange.Placement
        }

        public var person: String
        public var role: Role
        /// Hearings newly given to the person, with where and when.
        public var gained: [PlanChange]
        /// Hearings taken away from the person.
        public var lost: [PlanChange]
        /// Hearings the person keeps, at another date or day part.
        public var moved: [Move]
    }

    /// One entry per hearing whose slot or people changed, or that was dropped or added.
    public var changes: [PlanChange]
    public var people: [PersonChanges]

    /// Compares `old` with `new`; `forced` and `rule` are taken from `new.changes` where it has them.
    public init(from old: Plan, to new: Plan) {
        func placements(_ plan: Plan) -> [String: PlanChange.Placement] {
            Dictionary(plan.assignments.map { ($0.hearing, PlanChange.Placement($0)) }, uniquingKeysWith: { a, _ in a })
        }
        let before = placements(old)
        let after = placements(new)
        let reported = Dictionary(new.changes.map { ($0.hearing, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [PlanChange] = []
        for hearing in Set(before.keys).union(after.keys).sorted() where before[hearing] != after[hearing] {
            let known = reported[hearing]
            changes.append(PlanChange(
                hearing: hearing, before: before[hearing], after: after[hearing], forced: known?.forced ?? false,
                rule: known?.rule))
        }
        self.changes = changes

        var byPerson: [String: PersonChanges] = [:]
        func entry(_ person: String, _ role: Role) -> PersonChanges {
            byPerson[person] ?? PersonChanges(person: person, role: role, gained: [], lost: [], moved: [])
        }
        for change in changes {
            for role in Role.allCases {
                let was = change.before.map { role == .interpreter ? $0.interpreter : $0.officer }
                let now = change.after.map { role == .interpreter ? $0.interpreter : $0.officer }
                if let was, was == now, let from = change.before, let to = change.after {
                    if from.date != to.date || from.slot != to.slot {
                        var person = entry(was, role)
                        person.moved.append(.init(hearing: change.hearing, before: from, after: to))
                        byPerson[was] = person
                    }
                    continue
                }
                if let was {
                    var person = entry(was, role)
                    person.lost.append(PlanChange(hearing: change.hearing, before: change.before, after: nil, forced: change.forced, rule: change.rule))
                    byPerson[was] = person
                }
                if let now {
                    var person = entry(now, role)
                    person.gained.append(PlanChange(hearing: change.hearing, before: nil, after: change.after, forced: change.forced, rule: change.rule))
                    byPerson[now] = person
                }
            }
        }
        people = byPerson.keys.sorted().map { byPerson[$0]! }
    }

    /// The diff for a person to read: hearing ids and people, dates and day parts; no preferences.
    public var text: String {
        guard !changes.isEmpty else { return "No changes." }
        func show(_ placement: PlanChange.Placement) -> String {
            "\(placement.date) \(placement.slot) with \(placement.interpreter) and \(placement.officer)"
        }
        let forced = changes.filter(\.forced).count
        var lines = ["\(changes.count) hearing(s) changed\(forced > 0 ? " (\(forced) forced by a hard rule)" : ""):"]
        for change in changes {
            let note = change.forced ? "  [forced\(change.rule.map { ": \($0)" } ?? "")]" : ""
            switch (change.before, change.after) {
            case (let from?, let to?): lines.append("  \(change.hearing): \(show(from)) -> \(show(to))\(note)")
            case (let from?, nil): lines.append("  \(change.hearing): dropped (was \(show(from)))\(note)")
            case (nil, let to?): lines.append("  \(change.hearing): added, \(show(to))\(note)")
            case (nil, nil): break
            }
        }
        lines.append("")
        lines.append("People to tell (\(people.count)):")
        for person in people {
            var parts: [String] = []
            parts += person.gained.compactMap { change in change.after.map { "gains \(change.hearing) on \($0.date) \($0.slot)" } }
            parts += person.lost.compactMap { change in change.before.map { "loses \(change.hearing) of \($0.date) \($0.slot)" } }
            parts += person.moved.map { "\($0.hearing) moves from \($0.before.date) \($0.before.slot) to \($0.after.date) \($0.after.slot)" }
            lines.append("  \(person.person) (\(person.role.rawValue)): " + parts.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }
}

extension PlanChange.Placement {
    public init(_ assignment: Assignment) {
        self.init(date: assignment.date, slot: assignment.slot, interpreter: assignment.interpreter, officer: assignment.officer)
    }
}
