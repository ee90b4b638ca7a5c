import PlannerModel

/// The hearings of one location that start in one slot and last equally long, and the officers
/// who could be sent to them. Within a group, officers are interchangeable apart from their sex
/// and trainings, so the program only decides how many of each kind are sent; who takes which
/// hearing is settled afterwards by a matching, which Hall's condition guarantees to exist.
struct OfficerGroup: Sendable {
    /// What a hearing of the group needs of its officer.
    struct Requirement: Hashable, Sendable {
        /// Sorted and unique.
        let trainings: [String]
        /// The sex required, for an outcome where the officer preference is met; nil for any.
        let gender: GenderPreference?
    }

    struct Member: Sendable {
        let hearing: Int
        let start: Int
        /// The columns that are 1 when the hearing is held here with that requirement.
        let demand: [(column: Int, requirement: Requirement)]
    }

    let location: String
    let slot: Int
    let duration: Int
    var members: [Member] = []
    /// Officers who could be sent, with their column.
    var sent: [(officer: Int, column: Int)] = []
}

/// Builds officer pools (see `OfficerGroup`) and reads them back.
///
/// Exactness: for fixed decisions about which hearings are held where, the officers sent to a group
/// can take its hearings one each exactly when, for every union U of the officer kinds that some
/// requirement accepts, the hearings whose accepted kinds all lie in U are no more than the officers
/// of U sent (Hall's theorem, with hearings and officers grouped by what they need and offer). One
/// row per such union is added, leaving out those the others imply (`HallCondition`). Every other
/// officer rule (one hearing a slot, availability, weekly maximum) is on the officer's own `v`
/// columns, exactly as in the plain model. Hearings that exclude officers or fix one keep the
/// plain columns, since their needs are not shared by kinds.
struct OfficerPools {
    let index: ProblemIndex
    let isEnabled: Bool
    /// Re-planning near the baseline and small programs: who is taken by placements held outside
    /// the program (a person taken in a slot, or full in a week, is not sent there).
    var occupancy: Occupancy?
    /// Locations where the unions stay few enough to write down.
    private let pooledLocations: Set<String>
    static let maximumUnions = 256

    init(index: ProblemIndex, isEnabled: Bool) {
        self.index = index
        self.isEnabled = isEnabled
        guard isEnabled else {
            pooledLocations = []
            return
        }
        let roster = index.roster
        var pooled = Set<String>()
        for location in roster.locations.map(\.id) {
            let officers = roster.officers.filter { $0.location == location }
            let kinds = Array(Set(officers.map { Kind(gender: $0.gender, trainings: Set($0.trainings)) }))
            guard kinds.count <= 64 else { continue }
            var requirements = Set<OfficerGroup.Requirement>()
            for hearing in roster.hearings where hearing.location == location {
                let trainings = Array(Set(hearing.requiredTrainings)).sorted()
                requirements.insert(.init(trainings: trainings, gender: nil))
                if let gender = hearing.officerGender { requirements.insert(.init(trainings: trainings, gender: gender)) }
            }
            let masks = requirements.map { Self.mask($0, kinds: kinds) }
            if HallCondition.unions(of: masks, limit: Self.maximumUnions) != nil { pooled.insert(location) }
        }
        pooledLocations = pooled
    }

    /// An officer's kind: what matters to a requirement.
    struct Kind: Hashable {
        let gender: Gender
        let trainings: Set<String>

        func accepts(_ requirement: OfficerGroup.Requirement) -> Bool {
            (requirement.gender.map { $0.isMet(by: gender) } ?? true) && trainings.isSuperset(of: requirement.trainings)
        }
    }

    /// Whether hearing `h` is pooled. Not when its officer preference has a negative penalty: the
    /// "any" outcome would then collect it even when the preference is met.
    func isPooled(_ h: Int) -> Bool {
        let hearing = index.roster.hearings[h]
        let isPenaltySound = hearing.officerGender == nil || index.scoring.policy.preferencePenalty[hearing.priority] >= 0
        return isEnabled && pooledLocations.contains(hearing.location) && hearing.excludedOfficers.isEmpty
            && hearing.fixed?.officer == nil && isPenaltySound
    }

    struct GroupKey: Hashable {
        let location: String
        let slot: Int
        let duration: Int
    }

    struct GroupCollector {
        var groups: [GroupKey: OfficerGroup] = [:]
        var order: [GroupKey] = []

        mutating func add(_ member: OfficerGroup.Member, to key: GroupKey) {
            if groups[key] == nil {
                groups[key] = OfficerGroup(location: key.location, slot: key.slot, duration: key.duration)
                order.append(key)
            }
            groups[key]!.members.append(member)
        }
    }

    /// The officer columns of a pooled hearing at one start: with an officer preference, one
    /// column for "met" (when an officer of that sex could be there) and one for "any", which
    /// carries the penalty; without one, none (the held interpreter columns are the demand).
    func addOutcomes(
        hearing h: Int, start s: Int, held: [(column: Int, coefficient: Double)],
        to model: inout ModelBuilder.Model, collecting groups: inout GroupCollector
    ) {
        let roster = index.roster
        let hearing = roster.hearings[h]
        let start = index.starts[h][s]
        let trainings = Array(Set(hearing.requiredTrainings)).sorted()
        var demand: [(column: Int, requirement: OfficerGroup.Requirement)] = []
        if let gender = hearing.officerGender {
            if start.officers.contains(where: { gender.isMet(by: roster.officers[$0.person].gender) }) {
                let met = model.columns.count
                model.columns.append(.officerOutcome(hearing: h, start: s, met: true))
                model.objective.append(0)
                model.columnNames.append("ym_\(h)_\(start.slot)")
                demand.append((met, .init(trainings: trainings, gender: gender)))
            }
            let any = model.columns.count
            model.columns.append(.officerOutcome(hearing: h, start: s, met: false))
            model.objective.append(-index.scoring.policy.preferencePenalty[hearing.priority])
            model.columnNames.append("ya_\(h)_\(start.slot)")
            demand.append((any, .init(trainings: trainings, gender: nil)))
        } else {
            demand = held.map { ($0.column, .init(trainings: trainings, gender: nil)) }
        }
        let key = GroupKey(location: hearing.location, slot: start.slot, duration: start.duration)
        groups.add(.init(hearing: h, start: s, demand: demand), to: key)
    }

    /// Officer columns and Hall rows of every group.
    func addGroups(
        _ collector: GroupCollector, to model: inout ModelBuilder.Model,
        officerBySlot: inout [[Int: [Int]]], officerByWeek: inout [[ISOWeek: [Int]]]
    ) {
        let roster = index.roster
        let officersByLocation = Dictionary(grouping: roster.officers.indices, by: { roster.officers[$0].location })
        let kindOf = roster.officers.map { Kind(gender: $0.gender, trainings: Set($0.trainings)) }
        for key in collector.order {
            var group = collector.groups[key]!
            let number = model.officerGroups.count
            let requirements = Array(Set(group.members.flatMap { $0.demand.map(\.requirement) }))
            let slots = key.slot..<(key.slot + key.duration)
            let week = index.calendar.slotName(at: key.slot).date.isoWeek
            var kinds: [Kind] = []
            var kindOfSent: [Int] = []
            for person in officersByLocation[key.location] ?? [] {
                guard slots.allSatisfy({ index.officerFree[person][$0] }) else { continue }
                if let occupancy, !occupancy.officerFits(person, slots) { continue }
                let kind = kindOf[person]
                guard requirements.contains(where: kind.accepts) else { continue }
                let column = model.columns.count
                model.columns.append(.officerSent(officer: person, group: number))
                model.objective.append(0)
                model.columnNames.append("v_\(person)_\(number)")
                for t in slots { officerBySlot[person][t, default: []].append(column) }
                officerByWeek[person][week, default: []].append(column)
                group.sent.append((person, column))
                if let known = kinds.firstIndex(of: kind) {
                    kindOfSent.append(known)
                } else {
                    kinds.append(kind)
                    kindOfSent.append(kinds.count - 1)
                }
            }
            let maskOf = Dictionary(uniqueKeysWithValues: requirements.map { ($0, Self.mask($0, kinds: kinds)) })
            // A requirement nobody sent could meet (when re-planning takes every such officer
            // elsewhere): its hearings are not held here.
            let unserved = group.members.flatMap { $0.demand.filter { maskOf[$0.requirement]! == 0 } }
            if !unserved.isEmpty {
                model.rows.append(.init(name: "hall_\(number)_0", terms: unserved.map { ($0.column, 1) }, lower: -.infinity, upper: 0))
            }
            for union in HallCondition.necessaryUnions(of: Array(maskOf.values)) ?? [] {
                var terms: [(column: Int, coefficient: Double)] = []
                for member in group.members {
                    for entry in member.demand where maskOf[entry.requirement]! & ~union == 0 {
                        terms.append((entry.column, 1))
                    }
                }
                for (k, sent) in group.sent.enumerated() where union & (1 << UInt64(kindOfSent[k])) != 0 {
                    terms.append((sent.column, -1))
                }
                model.rows.append(.init(name: "hall_\(number)_\(union)", terms: terms, lower: -.infinity, upper: 0))
            }
            model.officerGroups.append(group)
        }
    }

    static func mask(_ requirement: OfficerGroup.Requirement, kinds: [Kind]) -> UInt64 {
        var mask: UInt64 = 0
        for (k, kind) in kinds.enumerated() where kind.accepts(requirement) { mask |= 1 << UInt64(k) }
        return mask
    }

    /// The officer of every held pooled hearing, by hearing: a matching in each group between its
    /// held hearings and the officers sent there (a maximum matching, which Hall's rows make complete).
    static func officers(in model: ModelBuilder.Model, values: [Double], roster: Roster) -> [Int: Int] {
        var result: [Int: Int] = [:]
        for group in model.officerGroups {
            var held: [(hearing: Int, requirement: OfficerGroup.Requirement)] = []
            for member in group.members {
                if let entry = member.demand.first(where: { values[$0.column] > 0.5 }) {
                    held.append((member.hearing, entry.requirement))
                }
            }
            guard !held.isEmpty else { continue }
            let officers = group.sent.filter { values[$0.column] > 0.5 }.map(\.officer)
            let kinds = officers.map { Kind(gender: roster.officers[$0].gender, trainings: Set(roster.officers[$0].trainings)) }
            let partners = BipartiteMatching.match(left: held.count, right: officers.count) { h, o in
                kinds[o].accepts(held[h].requirement)
            }
            for (h, partner) in partners.enumerated() {
                if let partner { result[held[h].hearing] = officers[partner] }
            }
        }
        return result
    }
}
