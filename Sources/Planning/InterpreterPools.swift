import MIPSearch
import PlannerModel

/// Builds interpreter pools (see `InterpreterGroup`) and reads them back.
///
/// A pooled hearing `h` at start `s` has outcome columns `x[h,s,l,r]`, one per language `l` it can
/// use (its own or a fallback) and interpreter requirement `r`: of the preferred sex or any (of the
/// other sex when the preference penalty is negative); on site when the hearing does not allow
/// remote interpretation. Each carries the score of what it asks for: the day's term, the
/// preference penalty unless the sex is required, the fallback penalty unless `l` is the hearing's
/// own language. Interpreter `i` is sent to the group `G = (location, start, length, l)` by
/// `u[i,G,remote]` (when `i` works by video and some hearing of `G` allows it) or `u[i,G,onsite]`
/// (when `i` works on site at the location and either cannot work by video or some hearing of `G`
/// needs on-site work; otherwise video weakly dominates, as rule 6 only limits on-site work).
/// The unregistered penalty is charged on `u` when `i` is not registered for `l`; if the penalty
/// is negative (a bonus, which an idle interpreter sent would collect) it is charged on outcomes
/// that ask for registered or unregistered interpreters instead.
///
/// Exactness, both ways:
/// - From the program to a plan: in each group, Hall's rows (one per union of accepted kinds,
///   `HallCondition`) guarantee a matching that gives every held hearing its own interpreter sent
///   there whose kind meets the requirement. Each interpreter's one-hearing-a-slot, weekly
///   maximum and one-site-a-day rows are over their `u` columns, and a matched hearing uses no more
///   than what its interpreter was sent for, so the plan keeps rules 3, 5, 6 and 7. Its score is at
///   least the program's: an outcome charges a penalty only when it allows what the penalty is for
///   (and penalties so charged are not negative), and interpreters sent but not matched only cost.
/// - From a plan to the program: send each interpreter to the group of the hearing they take, with
///   its language and mode (on site where the program has only the video column: that only
///   loosens rule 6), and give the hearing the outcome column that asks exactly for what it gets.
///   Outcomes whose candidates another outcome with at least the same score also accepts are left
///   out; the plan then uses that one, which scores the same, since no outcome scores more than
///   what it accepts.
/// Hearings that exclude interpreters or fix one keep the plain columns `a[h,s,i]`.
struct InterpreterPools: Sendable {
    let index: ProblemIndex
    let isEnabled: Bool
    /// Re-planning near the baseline and small programs: who is taken by placements held outside
    /// the program (a person taken in a slot, or full in a week, is not sent there).
    var occupancy: Occupancy?

    /// Whether the unregistered penalty is charged on the interpreters sent rather than on the
    /// hearings' outcomes: exact when the penalty is not negative (see the type's documentation),
    /// and it spares an outcome per hearing and start wherever registered and unregistered
    /// interpreters could both come.
    var registrationOnSent: Bool { index.scoring.policy.unregisteredPenalty >= 0 }

    func isPooled(_ h: Int) -> Bool {
        let hearing = index.roster.hearings[h]
        return isEnabled && hearing.excludedInterpreters.isEmpty && hearing.fixed?.interpreter == nil
    }

    struct GroupKey: Hashable {
        let location: String
        let slot: Int
        let duration: Int
        let language: String
    }

    struct GroupCollector: Sendable {
        var groups: [GroupKey: InterpreterGroup] = [:]
        var order: [GroupKey] = []

        mutating func add(_ member: InterpreterGroup.Member, to key: GroupKey) {
            if groups[key] == nil {
                groups[key] = InterpreterGroup(
                    location: key.location, slot: key.slot, duration: key.duration, language: key.language)
                order.append(key)
            }
            groups[key]!.members.append(member)
        }
    }

    /// The outcomes worth a column for hearing `h` at start `s`, by language in the hearing's order.
    func outcomes(hearing h: Int, start s: Int) -> [InterpreterOutcome] {
        let roster = index.roster
        let hearing = roster.hearings[h]
        let start = index.starts[h][s]
        let policy = index.scoring.policy
        let onsite = !hearing.remoteInterpreterAllowed
        var result: [InterpreterOutcome] = []
        var seen = Set<String>()
        for language in [hearing.language] + hearing.fallbackLanguages where seen.insert(language).inserted {
            // The candidates' sex and registration, as kinds; the mode is the same for all.
            var present = Set<InterpreterGroup.Kind>()
            for option in start.interpreters {
                let interpreter = roster.interpreters[option.person]
                guard let skill = interpreter.skill(for: language) else { continue }
                present.insert(.init(gender: interpreter.gender, registered: skill.registered, onsite: onsite))
            }
            var options: [(outcome: InterpreterOutcome, accepted: Set<InterpreterGroup.Kind>)] = []
            for sex in sexes(hearing) {
                for registration in registrations {
                    let requirement = InterpreterGroup.Requirement(sex: sex, registration: registration, onsite: onsite)
                    let accepted = present.filter { $0.accepts(requirement) }
                    guard !accepted.isEmpty else { continue }
                    var term = 0.0
                    if case .met = sex {} else if hearing.interpreterGender != nil { term -= policy.preferencePenalty[hearing.priority] }
                    if registration == .unregistered { term -= policy.unregisteredPenalty }
                    if language != hearing.language { term -= policy.fallbackLanguagePenalty }
                    options.append((InterpreterOutcome(language: language, requirement: requirement, term: term), accepted))
                }
            }
            // Keep an outcome unless one kept already scores at least as much and accepts as much.
            options.sort { ($0.outcome.term, $0.accepted.count) > ($1.outcome.term, $1.accepted.count) }
            var kept: [(outcome: InterpreterOutcome, accepted: Set<InterpreterGroup.Kind>)] = []
            for option in options where !kept.contains(where: { $0.accepted.isSuperset(of: option.accepted) }) {
                kept.append(option)
            }
            result += kept.map(\.outcome)
        }
        return result
    }

    /// The sex conditions of a hearing's outcomes. An outcome charges its penalty whoever comes,
    /// which is exact only for a penalty of at least 0; a negative one asks for the other sex.
    private func sexes(_ hearing: Hearing) -> [InterpreterGroup.Requirement.Sex] {
        guard let wanted = hearing.interpreterGender else { return [.any] }
        return [.met(wanted), index.scoring.policy.preferencePenalty[hearing.priority] >= 0 ? .any : .unmet(wanted)]
    }

    /// The registration conditions of outcomes: none when the penalty is on the interpreters sent;
    /// otherwise (a negative penalty) registered and unregistered, each exact.
    private var registrations: [InterpreterGroup.Requirement.Registration] {
        registrationOnSent ? [.any] : [.registered, .unregistered]
    }

    /// `outcomes(hearing:start:)` of every start of every pooled hearing in `free` (all when nil;
    /// none for the others), by hearing and start, worked out on every core (a small program's few
    /// free hearings on the calling thread). Starts outside `week` (when given) get none: the
    /// builder makes no columns there.
    func allOutcomes(free: Set<Int>?, week: ISOWeek?) -> [[[InterpreterOutcome]]] {
        let pools = self
        @Sendable func outcomes(_ h: Int) -> [[InterpreterOutcome]] {
            guard pools.isPooled(h) else { return [] }
            return pools.index.starts[h].enumerated().map { s, start in
                week.map { start.day.isoWeek == $0 } ?? true ? pools.outcomes(hearing: h, start: s) : []
            }
        }
        guard let free else { return Parallel.map(index.roster.hearings.count, outcomes) }
        var result = Array(repeating: [[InterpreterOutcome]](), count: index.roster.hearings.count)
        for h in free { result[h] = outcomes(h) }
        return result
    }

    /// Adds the outcome columns `outcomes` (those of `outcomes(hearing:start:)`) of pooled hearing
    /// `h` at start `s` and returns their range; their sum says whether the hearing is held there.
    /// `extra` is added to every column's objective.
    func addOutcomes(
        _ outcomes: [InterpreterOutcome], hearing h: Int, start s: Int, extra: Double,
        to model: inout ModelBuilder.Model, collecting groups: inout GroupCollector
    ) -> Range<Int> {
        let hearing = index.roster.hearings[h]
        let start = index.starts[h][s]
        let first = model.columns.count
        var demandByLanguage: [String: [(column: Int, requirement: InterpreterGroup.Requirement)]] = [:]
        var languages: [String] = []
        for (k, outcome) in outcomes.enumerated() {
            let column = model.columns.count
            model.columns.append(.interpreterOutcome(hearing: h, start: s, outcome: k))
            model.objective.append(start.dayTerm + outcome.term + extra)
            model.columnNames.append("x_\(h)_\(start.slot)_\(k)")
            model.interpreterOutcomes[column] = outcome
            if demandByLanguage[outcome.language] == nil { languages.append(outcome.language) }
            demandByLanguage[outcome.language, default: []].append((column, outcome.requirement))
        }
        for language in languages {
            let key = GroupKey(location: hearing.location, slot: start.slot, duration: start.duration, language: language)
            groups.add(.init(hearing: h, start: s, demand: demandByLanguage[language]!), to: key)
        }
        return first..<model.columns.count
    }

    /// The `u` columns and Hall rows of every group, with each `u` column entered in the ledger
    /// of its interpreter (slots, week, on-site work).
    func addGroups(_ collector: GroupCollector, to model: inout ModelBuilder.Model, ledger: inout ModelBuilder.Ledger) {
        let roster = index.roster
        let parts = index.calendar.partsPerDay
        let pools = self
        // On both cores for a whole program's thousands of groups; a small program's few hundred
        // at most stay on the calling thread (itself one of two searching at once).
        let count = collector.order.count
        let sendable = Parallel.map(count, threads: count < 1_000 ? 1 : Parallel.cores) {
            pools.sendable(collector.groups[collector.order[$0]]!)
        }
        for (k, key) in collector.order.enumerated() {
            var group = collector.groups[key]!
            let number = model.interpreterGroups.count
            let week = index.calendar.slotName(at: key.slot).date.isoWeek
            for (person, modes) in sendable[k] {
                let interpreter = roster.interpreters[person]
                let registered = interpreter.skill(for: key.language)?.registered ?? false
                for onsite in [false, true] where onsite ? modes.onsite : modes.remote {
                    let column = model.columns.count
                    model.columns.append(.interpreterSent(interpreter: person, group: number, onsite: onsite))
                    model.objective.append(registrationOnSent && !registered ? -index.scoring.policy.unregisteredPenalty : 0)
                    model.columnNames.append("u_\(person)_\(number)_\(onsite ? "o" : "r")")
                    ledger.addInterpreterWork(
                        person, column: column, slots: group.slots, week: week,
                        onsiteAt: onsite ? (key.slot / parts, key.location) : nil)
                    group.sent.append(.init(
                        interpreter: person, kind: .init(gender: interpreter.gender, registered: registered, onsite: onsite),
                        column: column))
                }
            }
            addHallRows(group, number: number, to: &model)
            model.interpreterGroups.append(group)
        }
    }

    /// Who could be sent to the group, and in which modes: by video where the interpreter works by
    /// video and a hearing allows it, on site where one needs it or the interpreter works only on site.
    private func sendable(_ group: InterpreterGroup) -> [(person: Int, modes: (remote: Bool, onsite: Bool))] {
        let roster = index.roster
        var modes: [Int: (remote: Bool, onsite: Bool)] = [:]
        // Whether each person seen speaks the language and is free in the slots, decided once:
        // the members of a group share most of their candidates.
        var isUsable: [Int: Bool] = [:]
        // The roster's people and hearings are read in place, not copied (a small program's
        // build does this for every group it has).
        for member in group.members {
            let remoteAllowed = roster.hearings[member.hearing].remoteInterpreterAllowed
            for option in index.starts[member.hearing][member.start].interpreters {
                let usable = isUsable[option.person] ?? (
                    roster.interpreters[option.person].skill(for: group.language) != nil
                        && occupancy.map { $0.isInterpreterFree(option.person, in: group.slots) } ?? true)
                isUsable[option.person] = usable
                guard usable else { continue }
                var entry = modes[option.person] ?? (false, false)
                if roster.interpreters[option.person].remote && remoteAllowed { entry.remote = true } else { entry.onsite = true }
                modes[option.person] = entry
            }
        }
        return modes.keys.sorted().map { ($0, modes[$0]!) }
    }

    private func addHallRows(_ group: InterpreterGroup, number: Int, to model: inout ModelBuilder.Model) {
        let present = group.sent.reduce(UInt64(0)) { $0 | $1.kind.bit }
        let demand = group.members.flatMap(\.demand)
        let masks = Dictionary(Set(demand.map(\.requirement)).map { ($0, $0.mask & present) }, uniquingKeysWith: { a, _ in a })
        // Never expected (an outcome exists only with a candidate), but kept exact if it happens.
        let unserved = demand.filter { masks[$0.requirement]! == 0 }
        if !unserved.isEmpty {
            model.rows.append(.init(name: "ihall_\(number)_0", terms: unserved.map { ($0.column, 1) }, lower: -.infinity, upper: 0))
        }
        for union in HallCondition.necessaryUnions(of: Array(masks.values)) ?? [] {
            var terms: [(column: Int, coefficient: Double)] = []
            for entry in demand where masks[entry.requirement]! & ~union == 0 { terms.append((entry.column, 1)) }
            for sent in group.sent where sent.kind.bit & union != 0 { terms.append((sent.column, -1)) }
            model.rows.append(.init(name: "ihall_\(number)_\(union)", terms: terms, lower: -.infinity, upper: 0))
        }
    }

    /// The interpreter of every held pooled hearing, by hearing: a matching in each group between
    /// its held hearings and the interpreters sent there. Nil if some held hearing is left without.
    static func interpreters(in model: ModelBuilder.Model, values: [Double], index: ProblemIndex) -> [Int: ProblemIndex.InterpreterOption]? {
        let roster = index.roster
        var result: [Int: ProblemIndex.InterpreterOption] = [:]
        for group in model.interpreterGroups {
            var held: [(hearing: Int, requirement: InterpreterGroup.Requirement)] = []
            for member in group.members {
                if let entry = member.demand.first(where: { values[$0.column] > 0.5 }) {
                    held.append((member.hearing, entry.requirement))
                }
            }
            guard !held.isEmpty else { continue }
            let sent = group.sent.filter { values[$0.column] > 0.5 }
            let partners = BipartiteMatching.match(left: held.count, right: sent.count) { h, i in
                sent[i].kind.accepts(held[h].requirement)
            }
            for (h, partner) in partners.enumerated() {
                guard let partner else { return nil }
                let chosen = sent[partner]
                let hearing = held[h].hearing
                let term = index.scoring.interpreterTerm(
                    roster.hearings[hearing], gender: roster.interpreters[chosen.interpreter].gender,
                    language: group.language, registered: chosen.kind.registered)
                result[hearing] = ProblemIndex.InterpreterOption(
                    person: chosen.interpreter, language: group.language, registered: chosen.kind.registered,
                    mode: chosen.kind.onsite ? .onsite : .remote, term: term)
            }
        }
        return result
    }
}
