import Foundation
import PlannerModel

/// The re-planning section of scheduling-model.md, written a second time, plainly, for tiny rosters:
/// which baseline placements are frozen or forced, the re-planning score of a plan, and its maximum
/// by exhaustive search. It shares nothing with the planner's code but the model types (frozen and
/// forced hearings are read by PlanVerification's `ReplanReference`, written from the spec as well).
///
/// What it reads from the spec:
/// - a baseline hearing is one of the changed roster's hearings that the baseline plan holds
///   (hearings cancelled since are no longer in the queue and score nothing);
/// - its change is *forced* when its baseline placement (date, day part, interpreter, officer)
///   breaks one of the hard rules about a single hearing (1-4 and 9) in the changed roster;
/// - it is *frozen* when its baseline start, at the horizon's `slotTimes` in its `timeZone`, is less
///   than `freezeHours` after *now*: then it keeps its placement unless forced; a fixed hearing is
///   a hard rule too, so where fixed hearings need what frozen ones hold (rules 5-8), as few frozen
///   hearings as possible give way (a forced change each): plans are compared first by how many
///   frozen hearings they keep in place, then by score;
/// - the score is the plain score of every held hearing, minus `changePenalty` for every baseline
///   hearing whose date, day part, interpreter or officer changed or that is not held any more;
/// - at most `maxChanges` baseline hearings change without being forced.
///
/// The interpreting mode and the language are not part of a placement: the spec counts a change of
/// slot, interpreter or officer only.
public struct ReplanOracle: Sendable {
    public let roster: Roster
    public let now: Date
    /// The baseline placement of each baseline hearing, by hearing id.
    public let baseline: [String: HearingChoice.Placement]
    /// Baseline hearings whose placement the changed roster forbids, with the number of the rule.
    public let forcedRule: [String: Int]
    /// Baseline hearings that start less than `freezeHours` after `now` (forced or not).
    public let frozen: Set<String>

    private let reference: ReferenceScore

    public init(roster: Roster, baseline plan: Plan, now: Date) {
        self.roster = roster
        self.now = now
        reference = ReferenceScore(roster: roster)
        // Frozen and forced as `verify` reads them from the spec (PlanVerification), not as the planner does.
        let spec = ReplanReference(roster: roster, baseline: plan, now: now)
        baseline = spec.published.mapValues { a in
            HearingChoice.Placement(
                date: a.date, slot: a.slot, interpreter: a.interpreter, mode: a.interpreterMode, language: a.language, officer: a.officer)
        }
        forcedRule = spec.brokenOnItsOwn.compactMapValues { Int($0.dropFirst("rule ".count)) }
        frozen = spec.frozen
    }

    /// Whether two placements are the same in the spec's sense: date, day part, interpreter, officer.
    public static func isSame(_ a: HearingChoice.Placement, _ b: HearingChoice.Placement) -> Bool {
        a.date == b.date && a.slot == b.slot && a.interpreter == b.interpreter && a.officer == b.officer
    }

    /// The re-planning score of a plan of the changed roster, computed from its assignments.
    public func score(of plan: Plan) -> Double {
        score(of: hearingChoices(of: plan, for: roster))
    }

    /// The re-planning score of one choice per roster hearing.
    public func score(of choices: [HearingChoice]) -> Double {
        let penalty = roster.policy.changePenalty
        var total = 0.0
        for choice in choices {
            let before = baseline[choice.hearing]
            guard let p = choice.placement else {
                if before != nil { total -= penalty }
                continue
            }
            guard let hearing = roster.hearings.first(where: { $0.id == choice.hearing }),
                  let interpreter = roster.interpreters.first(where: { $0.id == p.interpreter }),
                  let officer = roster.officers.first(where: { $0.id == p.officer })
            else { continue }
            total += reference.score(hearing: hearing, date: p.date, interpreter: interpreter, language: p.language, officer: officer)
            if let before, !Self.isSame(before, p) { total -= penalty }
        }
        return total
    }

    /// Baseline hearings that the choices change (moved, other people, or dropped) although their
    /// change is not forced.
    public func unforcedChanges(in choices: [HearingChoice]) -> [String] {
        choices.compactMap { choice in
            // A frozen hearing moves only to give way to a fixed one: forced, not counted here.
            guard let before = baseline[choice.hearing], forcedRule[choice.hearing] == nil, !frozen.contains(choice.hearing)
            else { return nil }
            if let p = choice.placement, Self.isSame(before, p) { return nil }
            return choice.hearing
        }
    }

    /// The best re-planning score and one plan that has it, among the plans that keep the most
    /// frozen unforced hearings in place; nil when no plan keeps every fixed hearing as fixed and
    /// the `maxChanges` cap (frozen hearings that give way are forced and do not count).
    public func optimum() -> BruteForceResult? {
        var search = ReplanSearch(oracle: self, reference: reference)
        return search.run()
    }
}

/// The exhaustive search behind `ReplanOracle.optimum()`: every hearing's options, rules 5-8
/// checked incrementally, a bound that cannot cut off a better plan.
private struct ReplanSearch {
    struct Option {
        var value: Double
        /// The baseline placement itself.
        var isKeep: Bool
        var day: Int
        var firstSlot: Int
        var length: Int
        var interpreter: Int
        /// Interpreters first, then officers.
        var officer: Int
        var isOnsite: Bool
        var location: Int
        var week: Int
        var placement: HearingChoice.Placement
    }

    let hearingCount: Int
    let slotCount: Int
    let dayCount: Int
    let weekCount: Int
    let maxChanges: Int
    /// Per hearing: options, best value first.
    var options: [[Option]] = []
    /// Per hearing: the value of not holding it, or nil when it must be held.
    var unheldValue: [Double?] = []
    /// Per hearing: not holding it, or any option but the baseline, is an unforced change.
    var countsAsChange: [Bool] = []
    /// Per hearing: frozen in place, so that anything but its baseline placement is giving way.
    var isFrozenInPlace: [Bool] = []
    /// What giving way costs in the search: more than any difference of score, so that plans keeping
    /// more frozen hearings always come first (taken back out of the optimum it reports).
    static let givingWay = 1e7
    var order: [Int] = []
    let ids: [String]

    var caps: [Int]
    var rooms: [Int]
    var busy: [Bool]
    var onsiteAt: [Int]
    var onsiteCount: [Int]
    var weekLoad: [Int]
    var roomLoad: [Int]

    var chosen: [Option?]
    var changes = 0
    var nodes = 0
    var best = -Double.infinity
    var bestChosen: [Option?] = []

    init(oracle: ReplanOracle, reference: ReferenceScore) {
        let roster = oracle.roster
        let calendar = reference.calendar
        let days = calendar.workingDays
        let parts = roster.horizon.slots
        var weeks: [ISOWeek] = []
        for day in days where !weeks.contains(day.isoWeek) { weeks.append(day.isoWeek) }
        hearingCount = roster.hearings.count
        dayCount = days.count
        slotCount = days.count * parts.count
        weekCount = max(1, weeks.count)
        maxChanges = roster.policy.maxChanges ?? Int.max
        ids = roster.hearings.map(\.id)
        let interpreterCount = roster.interpreters.count
        let people = interpreterCount + roster.officers.count
        caps = roster.interpreters.map { $0.maxHearingsPerWeek ?? Int.max } + roster.officers.map { $0.maxHearingsPerWeek ?? Int.max }
        rooms = roster.locations.map { $0.rooms ?? Int.max }
        busy = Array(repeating: false, count: people * slotCount)
        onsiteAt = Array(repeating: -1, count: interpreterCount * dayCount)
        onsiteCount = Array(repeating: 0, count: interpreterCount * dayCount)
        weekLoad = Array(repeating: 0, count: people * weekCount)
        roomLoad = Array(repeating: 0, count: roster.locations.count * slotCount)
        chosen = Array(repeating: nil, count: roster.hearings.count)
        let penalty = roster.policy.changePenalty

        for hearing in roster.hearings {
            let before = oracle.baseline[hearing.id]
            let isForced = oracle.forcedRule[hearing.id] != nil
            let isFrozenInPlace = before != nil && !isForced && oracle.frozen.contains(hearing.id)
            countsAsChange.append(before != nil && !isForced && !isFrozenInPlace)
            self.isFrozenInPlace.append(isFrozenInPlace)
            let yieldCost = isFrozenInPlace ? Self.givingWay : 0
            unheldValue.append(hearing.fixed != nil ? nil : (before != nil ? -penalty - yieldCost : 0))
            guard let location = roster.locations.firstIndex(where: { $0.id == hearing.location }) else {
                options.append([])
                continue
            }
            var list: [Option] = []
            let overdue = hearing.latest < roster.horizon.start
            for (d, day) in days.enumerated() where day >= hearing.earliest && (overdue || day <= hearing.latest) {
                for (k, part) in parts.enumerated() where k + hearing.durationSlots <= parts.count {
                    let slots = parts[k..<(k + hearing.durationSlots)].map { SlotName(date: day, part: $0) }
                    for (i, interpreter) in roster.interpreters.enumerated() {
                        let remote = interpreter.remote && hearing.remoteInterpreterAllowed
                        guard !hearing.excludedInterpreters.contains(interpreter.id),
                              remote || interpreter.onsiteLocations.contains(hearing.location),
                              slots.allSatisfy(interpreter.available.contains)
                        else { continue }
                        // The best language this interpreter can use here; the hearing's own on a tie.
                        var language: (code: String, score: Double)?
                        for (o, officer) in roster.officers.enumerated() {
                            guard officer.location == hearing.location,
                                  hearing.requiredTrainings.allSatisfy(officer.trainings.contains),
                                  !hearing.excludedOfficers.contains(officer.id),
                                  slots.allSatisfy(officer.available.contains)
                            else { continue }
                            language = nil
                            for code in [hearing.language] + hearing.fallbackLanguages
                            where interpreter.languages.contains(where: { $0.code == code }) {
                                let s = reference.score(hearing: hearing, date: day, interpreter: interpreter, language: code, officer: officer)
                                if s > language?.score ?? -.infinity { language = (code, s) }
                            }
                            guard let (code, score) = language else { continue }
                            let placement = HearingChoice.Placement(
                                date: day, slot: part, interpreter: interpreter.id, mode: remote ? .remote : .onsite,
                                language: code, officer: officer.id)
                            // Rule 9 as a filter: a fixed hearing only where and with whom it is fixed.
                            if let fixed = hearing.fixed,
                               fixed.date != day || fixed.slot != part || (fixed.interpreter ?? interpreter.id) != interpreter.id
                                || (fixed.officer ?? officer.id) != officer.id
                            {
                                continue
                            }
                            let isKeep = before.map { ReplanOracle.isSame($0, placement) } ?? false
                            // Holding a hearing for a score <= 0 with a change is never better than not
                            // holding it (same change, resources freed); the baseline itself always counts.
                            if hearing.fixed == nil && !isKeep && score <= 0 { continue }
                            let value = score - (before != nil && !isKeep ? penalty : 0) - (isFrozenInPlace && !isKeep ? yieldCost : 0)
                            list.append(Option(
                                value: value, isKeep: isKeep, day: d, firstSlot: d * parts.count + k, length: hearing.durationSlots,
                                interpreter: i, officer: interpreterCount + o, isOnsite: !remote, location: location,
                                week: weeks.firstIndex(of: day.isoWeek) ?? 0, placement: placement))
                        }
                    }
                }
            }
            options.append(list.sorted { $0.value > $1.value })
        }
        let opts = options
        let unheld = unheldValue
        order = roster.hearings.indices.sorted { a, b in
            let ma = unheld[a] == nil, mb = unheld[b] == nil
            if ma != mb { return ma }
            return opts[a].count != opts[b].count ? opts[a].count < opts[b].count : a < b
        }
    }

    mutating func run() -> BruteForceResult? {
        search(depth: 0, value: 0)
        guard best > -.infinity else { return nil }
        let choices = (0..<hearingCount).map { HearingChoice(hearing: ids[$0], placement: bestChosen[$0]?.placement) }
        let givingWay = (0..<hearingCount).filter { isFrozenInPlace[$0] && !(bestChosen[$0]?.isKeep ?? false) }.count
        var result = BruteForceResult(
            optimum: best + Double(givingWay) * Self.givingWay, choices: choices, nodesSearched: nodes)
        result.frozenGivingWay = givingWay
        return result
    }

    private mutating func search(depth: Int, value: Double) {
        nodes += 1
        if depth == order.count {
            if value > best {
                best = value
                bestChosen = chosen
            }
            return
        }
        guard let bound = bound(from: depth), value + bound > best + 1e-9 else { return }
        let h = order[depth]
        for option in options[h] where fits(option) {
            let isChange = countsAsChange[h] && !option.isKeep
            if isChange && changes >= maxChanges { continue }
            take(option, 1)
            chosen[h] = option
            if isChange { changes += 1 }
            search(depth: depth + 1, value: value + option.value)
            if isChange { changes -= 1 }
            chosen[h] = nil
            take(option, -1)
        }
        if let unheld = unheldValue[h] {
            let isChange = countsAsChange[h]
            if isChange && changes >= maxChanges { return }
            if isChange { changes += 1 }
            search(depth: depth + 1, value: value + unheld)
            if isChange { changes -= 1 }
        }
    }

    /// The most the hearings from `depth` on can still add: each its best option that fits now
    /// (fewer fit deeper down) or its unheld value; nil when one that must be held cannot be.
    private func bound(from depth: Int) -> Double? {
        var total = 0.0
        for j in depth..<order.count {
            let h = order[j]
            let held = options[h].first(where: fits)?.value
            switch (held, unheldValue[h]) {
            case (nil, nil): return nil
            case (let a?, nil): total += a
            case (nil, let b?): total += b
            case (let a?, let b?): total += max(a, b)
            }
        }
        return total
    }

    private func fits(_ option: Option) -> Bool {
        for t in option.firstSlot..<(option.firstSlot + option.length) {
            if busy[option.interpreter * slotCount + t] || busy[option.officer * slotCount + t] { return false }
            if roomLoad[option.location * slotCount + t] >= rooms[option.location] { return false }
        }
        if option.isOnsite {
            let site = onsiteAt[option.interpreter * dayCount + option.day]
            if site != -1 && site != option.location { return false }
        }
        return weekLoad[option.interpreter * weekCount + option.week] < caps[option.interpreter]
            && weekLoad[option.officer * weekCount + option.week] < caps[option.officer]
    }

    private mutating func take(_ option: Option, _ sign: Int) {
        for t in option.firstSlot..<(option.firstSlot + option.length) {
            busy[option.interpreter * slotCount + t] = sign > 0
            busy[option.officer * slotCount + t] = sign > 0
            roomLoad[option.location * slotCount + t] += sign
        }
        if option.isOnsite {
            let cell = option.interpreter * dayCount + option.day
            onsiteCount[cell] += sign
            onsiteAt[cell] = onsiteCount[cell] > 0 ? option.location : -1
        }
        weekLoad[option.interpreter * weekCount + option.week] += sign
        weekLoad[option.officer * weekCount + option.week] += sign
    }
}
