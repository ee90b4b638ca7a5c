import Planning
import PlannerModel
import Testing
import TestSupport

/// `WhatIf.options` against the test's own oracle on tiny rosters: every listed option's value,
/// the best of every way, feasibility with the listed moves, and the recommendation.
@Suite("What-if options")
struct WhatIfOptionsTests {
    static let generator = TinyRosterGenerator(conflictProbability: 0)
    static let seeds: [UInt64] = Array(1...150)

    /// The roster's optimal plan for odd seeds; for even seeds a plan that is valid but not optimal
    /// (optimal for other weights: no preference penalty, high delay weight), so that options
    /// have more to move and moved hearings can even gain.
    static func plan(_ roster: Roster, seed: UInt64) throws -> Plan {
        let optimal = try makePlanner().plan(roster)
        guard seed % 2 == 0, optimal.status == .optimal else { return optimal }
        var other = roster
        other.policy.preferencePenalty = .init(standard: 0, high: 0)
        other.policy.delayWeight = 7
        var plan = witnessPlan(for: roster, choices: hearingChoices(of: try makePlanner().plan(other), for: roster))
        plan.rosterDigest = optimal.rosterDigest
        return plan
    }

    @Test(arguments: seeds)
    func agreesWithTheOracle(seed: UInt64) throws {
        let roster = Self.generator.roster(seed: seed)
        let plan = try Self.plan(roster, seed: seed)
        guard plan.status == .optimal else {
            // Fixed hearings that conflict: nothing is planned, so there is nothing to ask.
            try #require(plan.status == .infeasible, "seed \(seed)")
            #expect(throws: WhatIfError.self) { try WhatIf.options(for: roster.hearings[0].id, roster: roster, plan: plan) }
            return
        }
        for hearing in roster.hearings {
            let answer = try WhatIf.options(for: hearing.id, roster: roster, plan: plan, settings: .exhaustive(listsAll: true))
            let oracle = OptionsOracle(roster: roster, plan: plan, hearing: hearing.id)
            let context = "seed \(seed), \(hearing.id)"

            // The best value of every way, over every placement the roster allows.
            var best: [String: Double] = [:]
            for spot in oracle.spots() {
                guard let (value, _) = oracle.value(of: spot) else { continue }
                best[oracle.way(of: spot)] = max(best[oracle.way(of: spot)] ?? -.infinity, value)
            }
            let listed = Dictionary(answer.options.map { (oracle.way(of: $0.spot), $0.value) }, uniquingKeysWith: { a, _ in a })
            #expect(Set(listed.keys) == Set(best.keys), "\(context): ways listed \(listed.keys.sorted()) oracle \(best.keys.sorted())")
            #expect(answer.waysFound == best.count, "\(context)")
            for (way, value) in listed {
                #expect(abs(value - (best[way] ?? .nan)) < 1e-6, "\(context) \(way): listed \(value), oracle \(best[way] ?? .nan)")
            }

            for option in answer.options {
                // Its own value, and its score as the reference computes it.
                let own = oracle.score(hearing, date: option.spot.date, interpreter: option.spot.interpreter, language: option.spot.language, officer: option.spot.officer)
                #expect(abs(option.score - own) < 1e-6, "\(context)")
                let exact = try #require(oracle.value(of: option.spot), "\(context): a listed option the oracle finds impossible")
                #expect(abs(option.value - exact.value) < 1e-6, "\(context) \(option.spot)")
                #expect(abs(option.value - (option.score - option.loss)) < 1e-9)
                #expect(option.isExact)

                // The plan with the hearing held so and the listed moves made keeps every rule and
                // changes the total score by objectiveChange.
                let changed = Self.applying(option, to: plan, roster: roster, hearing: hearing.id)
                let violations = HardRuleChecker().violations(of: changed, for: roster)
                #expect(violations.isEmpty, "\(context) \(option.spot): \(violations)")
                #expect(abs(changed.objective - plan.objective - option.objectiveChange) < 1e-6, "\(context)")
                // Moves name only hearings that block it, and only those that really change.
                let blockers = oracle.blockers(of: option.spot)
                #expect(option.moves.allSatisfy { blockers.contains($0.hearing) }, "\(context)")
            }

            // The recommendation is the best-valued option, or none when holding it is not worth it.
            let top = answer.options.map(\.value).max()
            if let k = answer.recommended {
                #expect(abs(answer.options[k].value - (top ?? .nan)) < 1e-9, "\(context)")
                #expect(answer.options[k].value > 0 || hearing.fixed != nil)
            } else {
                #expect((top ?? 0) <= 0 && hearing.fixed == nil, "\(context): \(answer.recommendation)")
            }
            try checkPreferences(answer, roster: roster, hearing: hearing, context: context)
            try checkReadableListing(roster: roster, plan: plan, hearing: hearing, all: answer)
        }
    }

    /// The earliest slot for each preference is the earliest way that meets it; where none does,
    /// there is a reason.
    func checkPreferences(_ answer: HearingOptions, roster: Roster, hearing: Hearing, context: String) throws {
        #expect(answer.preferences.count == hearing.requestedPreferenceCount, "\(context)")
        for outlook in answer.preferences {
            let meeting = answer.options.filter { (outlook.role == .interpreter ? $0.interpreterPreference : $0.officerPreference) == .met }
            let order = roster.horizon.slots
            let earliest = meeting.map { SlotName(date: $0.spot.date, part: $0.spot.slot) }
                .min { ($0.date, order.firstIndex(of: $0.part) ?? 0) < ($1.date, order.firstIndex(of: $1.part) ?? 0) }
            #expect(outlook.earliest == earliest, "\(context)")
            #expect((outlook.reason == nil) == (earliest != nil), "\(context)")
            let free = meeting.filter(\.moves.isEmpty).map { SlotName(date: $0.spot.date, part: $0.spot.slot) }
            if let first = outlook.earliestWithoutMoves { #expect(free.contains(first), "\(context)") } else { #expect(free.isEmpty, "\(context)") }
        }
    }

    /// Without --all, the list keeps the best option and the current one, and every option it
    /// leaves out is beaten by a listed one on value, start, preferences and moves together.
    func checkReadableListing(roster: Roster, plan: Plan, hearing: Hearing, all: HearingOptions) throws {
        let short = try WhatIf.options(for: hearing.id, roster: roster, plan: plan, settings: .exhaustive())
        #expect(short.listing == .best && short.waysFound == all.waysFound)
        #expect(short.recommendation == all.recommendation)
        if let best = all.options.first { #expect(short.options.first == best) }
        if let current = all.options.first(where: \.isCurrent) { #expect(short.options.contains(current)) }
        func metCount(_ o: HearingOptions.Option) -> [Bool] { [o.interpreterPreference == .met, o.officerPreference == .met] }
        for option in all.options where !short.options.contains(option) {
            #expect(short.options.contains { other in
                other.value >= option.value - 1e-9 && Self.rank(other.spot, roster) <= Self.rank(option.spot, roster)
                    && other.moves.count <= option.moves.count
                    && zip(metCount(other), metCount(option)).allSatisfy { $0 || !$1 }
            })
        }
    }

    static func rank(_ spot: HearingOptions.Spot, _ roster: Roster) -> Int {
        spot.date.ordinal * 10 + (roster.horizon.slots.firstIndex(of: spot.slot) ?? 0)
    }

    /// The plan with the hearing held as the option says and its moves made.
    static func applying(_ option: HearingOptions.Option, to plan: Plan, roster: Roster, hearing: String) -> Plan {
        var choices = hearingChoices(of: plan, for: roster)
        func set(_ id: String, _ spot: HearingOptions.Spot?) {
            guard let k = choices.firstIndex(where: { $0.hearing == id }) else { return }
            choices[k].placement = spot.map {
                .init(date: $0.date, slot: $0.slot, interpreter: $0.interpreter, mode: $0.interpreterMode, language: $0.language, officer: $0.officer)
            }
        }
        set(hearing, option.spot)
        for move in option.moves { set(move.hearing, move.to) }
        return witnessPlan(for: roster, choices: choices)
    }
}
