import Foundation
import PlannerModel

/// Seeded random material for testing re-planning on tiny rosters: a feasible baseline plan that
/// is not necessarily optimal, a batch of change events of every kind that fits the roster, a
/// *now* somewhere around the horizon, and re-planning weights.
public struct ReplanScenarioGenerator: Sendable {
    public init() {}

    /// A valid plan of `roster` made by placing hearings in random order at random places that keep
    /// every hard rule (fixed hearings first, as fixed), some left unheld on purpose; nil when the
    /// fixed hearings cannot all be placed this way.
    public func randomBaseline(for roster: Roster, using random: inout some RandomNumberGenerator) -> Plan? {
        let calendar = ReferenceCalendar(roster.horizon)
        let reference = ReferenceScore(roster: roster)
        let checker = HardRuleChecker()
        // Often a poor plan on purpose (worst places first), so that re-planning has moves that pay.
        let isPoor = random.chance(0.6)
        var choices: [HearingChoice] = []
        let order = roster.hearings.indices.shuffled(using: &random).sorted { a, b in
            (roster.hearings[a].fixed != nil ? 0 : 1) < (roster.hearings[b].fixed != nil ? 0 : 1)
        }
        for h in order {
            let hearing = roster.hearings[h]
            if hearing.fixed == nil && random.chance(0.1) { continue }
            let candidates = TinyRosterGenerator.placements(
                of: hearing, calendar: calendar, interpreters: roster.interpreters, officers: roster.officers
            ).filter { c in
                guard let fixed = hearing.fixed else { return true }
                return fixed.date == c.date && fixed.slot == c.slot && (fixed.interpreter ?? c.interpreter) == c.interpreter
                    && (fixed.officer ?? c.officer) == c.officer
            }.shuffled(using: &random)
            let ordered = !isPoor ? candidates : candidates.sorted { a, b in
                func score(_ c: (date: Day, slot: String, interpreter: String, officer: String)) -> Double {
                    guard let i = roster.interpreters.first(where: { $0.id == c.interpreter }),
                          let o = roster.officers.first(where: { $0.id == c.officer }) else { return 0 }
                    return reference.score(hearing: hearing, date: c.date, interpreter: i, language: hearing.language, officer: o)
                }
                return score(a) < score(b)
            }
            var placed = false
            for c in ordered.prefix(12) {
                guard let interpreter = roster.interpreters.first(where: { $0.id == c.interpreter }) else { continue }
                let language = ([hearing.language] + hearing.fallbackLanguages).first { code in
                    interpreter.languages.contains { $0.code == code }
                } ?? hearing.language
                let onsite = interpreter.onsiteLocations.contains(hearing.location)
                let remote = interpreter.remote && hearing.remoteInterpreterAllowed
                let mode: InterpreterMode = onsite && (!remote || random.chance(0.5)) ? .onsite : .remote
                let trial = choices + [HearingChoice(hearing: hearing.id, placement: .init(
                    date: c.date, slot: c.slot, interpreter: c.interpreter, mode: mode, language: language, officer: c.officer))]
                if checker.violations(of: witnessPlan(for: roster, choices: trial, status: .feasible), for: roster)
                    .allSatisfy({ !$0.hasPrefix("rule") })
                {
                    choices = trial
                    placed = true
                    break
                }
            }
            if hearing.fixed != nil && !placed { return nil }
        }
        return witnessPlan(for: roster, choices: choices, status: .feasible)
    }

    /// Zero to three events that fit `roster` (each checked by applying it), biased towards the
    /// people and slots of `baseline` so that they touch it.
    public func events(for roster: Roster, baseline: Plan, using random: inout some RandomNumberGenerator) -> [EventRecord] {
        var events: [EventRecord] = []
        var current = roster
        let count = [0, 1, 1, 2, 2, 3][Int.random(in: 0..<6, using: &random)]
        var attempts = 0
        while events.count < count && attempts < 20 {
            attempts += 1
            guard let change = randomChange(current, baseline: baseline, number: events.count, using: &random) else { continue }
            let event = EventRecord(id: "e-\(events.count + 1)", change: change)
            if case .success(let applied) = current.applying([event]) {
                current = applied.roster
                events.append(event)
            }
        }
        return events
    }

    /// A moment from a day before the horizon to a day after it, on the hour or half hour, or one
    /// long before it.
    public func now(for horizon: Horizon, using random: inout some RandomNumberGenerator) -> Date {
        let start = ReplanReference.startInstant(of: horizon.start, part: horizon.slots[0], horizon: horizon) ?? Date(timeIntervalSince1970: 0)
        let days = horizon.end.ordinal - horizon.start.ordinal + 2
        // Half the time long enough before the horizon that nothing is frozen.
        if random.chance(0.5) { return start.addingTimeInterval(-Double(Int.random(in: 200...400, using: &random)) * 3600) }
        return start.addingTimeInterval(Double(Int.random(in: -48...(days * 48), using: &random)) * 1800)
    }

    /// Re-planning weights: change penalty, freeze window and change cap, each sometimes extreme.
    public func policy(_ policy: Policy, using random: inout some RandomNumberGenerator) -> Policy {
        var policy = policy
        policy.changePenalty = [0, 1, 5, 10, 10, 35, 400][Int.random(in: 0..<7, using: &random)]
        policy.freezeHours = [0, 24, 48, 48, 120][Int.random(in: 0..<5, using: &random)]
        let roll = Double.random(in: 0..<1, using: &random)
        policy.maxChanges = roll < 0.45 ? nil : (roll < 0.75 ? 0 : Int.random(in: 1...2, using: &random))
        return policy
    }

    private func randomChange(
        _ roster: Roster, baseline: Plan, number: Int, using random: inout some RandomNumberGenerator
    ) -> ChangeEvent? {
        let calendar = ReferenceCalendar(roster.horizon)
        let allSlots = calendar.workingDays.flatMap { day in roster.horizon.slots.map { SlotName(date: day, part: $0) } }
        let people = roster.interpreters.map(\.id) + roster.officers.map(\.id)
        let roll = Double.random(in: 0..<1, using: &random)
        switch roll {
        case ..<0.3:
            // Someone of the baseline loses the slots of one of their hearings, and maybe more.
            if let a = baseline.assignments.randomElement(using: &random) {
                let person = random.chance(0.6) ? a.interpreter : a.officer
                let more = random.subset(of: allSlots, keeping: 0.2)
                return .availability(person: person, slots: a.slots + more, available: false)
            }
            return people.randomElement(using: &random).map {
                .availability(person: $0, slots: random.subset(of: allSlots, keeping: 0.4), available: false)
            }
        case ..<0.45:
            return people.randomElement(using: &random).map {
                .availability(person: $0, slots: random.subset(of: allSlots, keeping: 0.4), available: true)
            }
        case ..<0.55:
            return roster.hearings.randomElement(using: &random).map { .hearingCancelled(hearing: $0.id) }
        case ..<0.7:
            guard var hearing = roster.hearings.randomElement(using: &random) else { return nil }
            hearing.id = "H-new-\(number)"
            hearing.fixed = nil
            (hearing.earliest, hearing.latest) = TinyRosterGenerator.window(roster.horizon, using: &random)
            hearing.priority = random.chance(0.4) ? .high : .standard
            hearing.interpreterGender = random.chance(0.5) ? (random.chance(0.5) ? .female : .male) : nil
            return .hearingAdded(hearing)
        case ..<0.9:
            guard var hearing = roster.hearings.randomElement(using: &random) else { return nil }
            switch Int.random(in: 0..<5, using: &random) {
            case 0: (hearing.earliest, hearing.latest) = TinyRosterGenerator.window(roster.horizon, using: &random)
            case 1:
                hearing.interpreterGender = random.chance(0.6) ? (random.chance(0.5) ? .female : .male) : nil
                hearing.officerGender = random.chance(0.4) ? (random.chance(0.5) ? .female : .male) : nil
            case 2: hearing.priority = hearing.priority == .high ? .standard : .high
            case 3:
                let all = roster.interpreters.flatMap { $0.languages.map(\.code) }.filter { $0 != hearing.language }
                hearing.fallbackLanguages = random.chance(0.5) ? [] : Array(Set(all)).sorted().prefix(1).map { $0 }
            default:
                let places = TinyRosterGenerator.placements(
                    of: hearing, calendar: calendar, interpreters: roster.interpreters, officers: roster.officers)
                if let pick = places.randomElement(using: &random), random.chance(0.7) {
                    hearing.fixed = FixedAssignment(
                        date: pick.date, slot: pick.slot, interpreter: random.chance(0.5) ? pick.interpreter : nil,
                        officer: random.chance(0.5) ? pick.officer : nil)
                } else {
                    hearing.fixed = nil
                }
            }
            return .hearingChanged(hearing)
        case ..<0.95:
            return people.randomElement(using: &random).map { .personRemoved(person: $0) }
        default:
            guard var person = roster.interpreters.randomElement(using: &random) else { return nil }
            person.id = "I-new-\(number)"
            person.available = random.subset(of: allSlots, keeping: 0.6)
            return .interpreterAdded(person)
        }
    }
}
