import PlannerModel

/// Seeded random rosters small enough for `bruteForce`, built to exercise every hard rule and every
/// term of the score: two-slot hearings, fallback languages, unregistered interpreters, remote and on-site
/// work, two locations, weekly caps over horizons that span two ISO weeks, single rooms, exclusions,
/// trainings, fixed hearings (sometimes conflicting), overdue hearings, deadlines inside and outside
/// the horizon, holidays, preferences at both priorities, three genders and random integer weights.
///
/// Every roster is structurally valid: unique ids, known references, availability only in working-day
/// slots of the horizon, and every fixed hearing could be held as fixed if it were alone.
public struct TinyRosterGenerator: Sendable {
    public var maxHearings: Int
    public var maxInterpreters: Int
    public var maxOfficers: Int
    /// Probability that a hearing is fixed (when it has a placement it could be fixed to).
    public var fixedProbability: Double
    /// Probability that a roster gets a deliberately conflicting pair of fixed hearings.
    public var conflictProbability: Double
    /// Probability that a person is available in a given slot.
    public var availability: Double

    public init(
        maxHearings: Int = 6, maxInterpreters: Int = 4, maxOfficers: Int = 3,
        fixedProbability: Double = 0.12, conflictProbability: Double = 0.06, availability: Double = 0.75
    ) {
        self.maxHearings = maxHearings
        self.maxInterpreters = maxInterpreters
        self.maxOfficers = maxOfficers
        self.fixedProbability = fixedProbability
        self.conflictProbability = conflictProbability
        self.availability = availability
    }

    /// The roster for `seed`; the same seed always gives the same roster.
    public func roster(seed: UInt64) -> Roster {
        var random = SeededRandom(seed: seed)
        return roster(using: &random)
    }

    public func roster(using random: inout some RandomNumberGenerator) -> Roster {
        let horizon = Self.horizon(using: &random)
        let calendar = ReferenceCalendar(horizon)
        let allSlots = calendar.workingDays.flatMap { day in horizon.slots.map { SlotName(date: day, part: $0) } }
        let policy = random.chance(0.35) ? Self.randomPolicy(using: &random) : Policy()

        let locationCount = random.chance(0.4) ? 1 : 2
        let locations = (1...locationCount).map { n in
            Location(id: "L\(n)", rooms: random.chance(0.4) ? nil : (random.chance(0.7) ? 1 : 2))
        }
        let locationIDs = locations.map(\.id)
        let pool = Array(["tir", "amh", "ara", "fas"].prefix(random.chance(0.5) ? 2 : 3))
        let trainings = ["vulnerable", "minors"]

        let interpreters = (1...Int.random(in: 1...maxInterpreters, using: &random)).map { n in
            let codes = random.subset(of: pool, keeping: 0.55)
            let languages = (codes.isEmpty ? [pool[Int.random(in: 0..<pool.count, using: &random)]] : codes)
                .map { LanguageSkill(code: $0, registered: random.chance(0.75)) }
            return Interpreter(
                id: "I\(n)", gender: Self.gender(using: &random), languages: languages,
                onsiteLocations: random.subset(of: locationIDs, keeping: 0.75), remote: random.chance(0.5),
                available: random.subset(of: allSlots, keeping: availability),
                maxHearingsPerWeek: random.chance(0.25) ? Int.random(in: 1...2, using: &random) : nil)
        }
        let officers = (1...Int.random(in: min(locationCount, maxOfficers)...maxOfficers, using: &random)).map { n in
            Officer(
                id: "O\(n)", gender: Self.gender(using: &random),
                // Every location gets an officer first, so that most hearings can be held somewhere.
                location: n <= locationIDs.count
                    ? locationIDs[n - 1] : locationIDs[Int.random(in: 0..<locationIDs.count, using: &random)],
                trainings: random.subset(of: trainings, keeping: 0.5),
                available: random.subset(of: allSlots, keeping: availability),
                maxHearingsPerWeek: random.chance(0.25) ? Int.random(in: 1...2, using: &random) : nil)
        }

        var hearings: [Hearing] = []
        for n in 1...Int.random(in: 1...maxHearings, using: &random) {
            // Mostly a language someone speaks; sometimes one nobody does.
            let spoken = pool.filter { code in interpreters.contains { $0.languages.contains { $0.code == code } } }
            let choices = random.chance(0.85) ? spoken : pool
            let language = choices[Int.random(in: 0..<choices.count, using: &random)]
            let others = pool.filter { $0 != language }
            let (earliest, latest) = Self.window(horizon, using: &random)
            var hearing = Hearing(
                id: "H\(n)", language: language,
                fallbackLanguages: random.chance(0.35) ? [Self.pick(others, using: &random)] : [],
                location: locationIDs[Int.random(in: 0..<locationIDs.count, using: &random)],
                durationSlots: horizon.slots.count > 1 && random.chance(0.25) ? 2 : 1,
                earliest: earliest, latest: latest,
                interpreterGender: random.chance(0.4) ? (random.chance(0.5) ? .female : .male) : nil,
                officerGender: random.chance(0.3) ? (random.chance(0.5) ? .female : .male) : nil,
                priority: random.chance(0.3) ? .high : .standard,
                requiredTrainings: random.chance(0.15) ? [trainings[Int.random(in: 0..<2, using: &random)]] : [],
                remoteInterpreterAllowed: random.chance(0.8),
                excludedInterpreters: random.chance(0.15) ? [Self.pick(interpreters, using: &random).id] : [],
                excludedOfficers: random.chance(0.1) ? [Self.pick(officers, using: &random).id] : [])
            let candidates = Self.placements(
                of: hearing, calendar: calendar, interpreters: interpreters, officers: officers)
            if !candidates.isEmpty && random.chance(fixedProbability) {
                let pick = candidates[Int.random(in: 0..<candidates.count, using: &random)]
                hearing.fixed = FixedAssignment(
                    date: pick.date, slot: pick.slot,
                    interpreter: random.chance(0.5) ? pick.interpreter : nil,
                    officer: random.chance(0.5) ? pick.officer : nil)
            }
            hearings.append(hearing)
        }
        // A twin of a hearing, both fixed to the same slot and interpreter: the fixed hearings conflict
        // (rule 5), though each could be held as fixed alone.
        if hearings.count < maxHearings, random.chance(conflictProbability) {
            for index in hearings.indices {
                let candidates = Self.placements(
                    of: hearings[index], calendar: calendar, interpreters: interpreters, officers: officers)
                guard !candidates.isEmpty else { continue }
                let pick = candidates[Int.random(in: 0..<candidates.count, using: &random)]
                hearings[index].fixed = FixedAssignment(date: pick.date, slot: pick.slot, interpreter: pick.interpreter)
                var twin = hearings[index]
                twin.id = "H\(hearings.count + 1)"
                hearings.append(twin)
                break
            }
        }
        return Roster(
            horizon: horizon, policy: policy, locations: locations, hearings: hearings,
            interpreters: interpreters, officers: officers)
    }

    /// Every (date, start part, interpreter, officer) that rules 1-4 allow for `hearing` alone.
    static func placements(
        of hearing: Hearing, calendar: ReferenceCalendar, interpreters: [Interpreter], officers: [Officer]
    ) -> [(date: Day, slot: String, interpreter: String, officer: String)] {
        let overdue = hearing.latest < calendar.horizon.start
        var result: [(date: Day, slot: String, interpreter: String, officer: String)] = []
        for day in calendar.workingDays where day >= hearing.earliest && (overdue || day <= hearing.latest) {
            for part in calendar.horizon.slots {
                guard let slots = calendar.slots(on: day, from: part, count: hearing.durationSlots) else { continue }
                let speaks = Set([hearing.language] + hearing.fallbackLanguages)
                for interpreter in interpreters
                where !hearing.excludedInterpreters.contains(interpreter.id)
                    && interpreter.languages.contains(where: { speaks.contains($0.code) })
                    && Set(slots).isSubset(of: interpreter.available)
                    && ((interpreter.remote && hearing.remoteInterpreterAllowed)
                        || interpreter.onsiteLocations.contains(hearing.location)) {
                    for officer in officers
                    where officer.location == hearing.location
                        && hearing.requiredTrainings.allSatisfy(officer.trainings.contains)
                        && !hearing.excludedOfficers.contains(officer.id)
                        && Set(slots).isSubset(of: officer.available) {
                        result.append((day, part, interpreter.id, officer.id))
                    }
                }
            }
        }
        return result
    }

    /// Short horizons of 2 or 3 working days, some across a weekend, an ISO-week or year boundary, or a holiday.
    static func horizon(using random: inout some RandomNumberGenerator) -> Horizon {
        func day(_ text: String) -> Day { Day(text) ?? Day(ordinal: 0) }
        var horizon: Horizon
        switch Int.random(in: 0..<8, using: &random) {
        case 0: horizon = Horizon(start: day("2026-12-07"), end: day("2026-12-08"))                 // Mon-Tue
        case 1: horizon = Horizon(start: day("2026-12-07"), end: day("2026-12-09"))                 // Mon-Wed
        case 2: horizon = Horizon(start: day("2026-12-10"), end: day("2026-12-14"))                 // Thu-Mon
        case 3: horizon = Horizon(start: day("2026-12-10"), end: day("2026-12-15"), holidays: [day("2026-12-11")])
        case 4: horizon = Horizon(start: day("2026-12-07"), end: day("2026-12-10"), holidays: [day("2026-12-09")])
        case 5: horizon = Horizon(start: day("2026-12-31"), end: day("2027-01-04"), holidays: [day("2027-01-01")])
        case 6: horizon = Horizon(start: day("2026-12-05"), end: day("2026-12-08"))                 // Sat-Tue
        default:
            // Three day parts: a middle one between the default morning and afternoon.
            var times = Horizon.defaultSlotTimes
            if let am = times["AM"], let pm = times["PM"] { times["MID"] = DayPartTimes(start: am.end, end: pm.start) }
            horizon = Horizon(
                start: day("2026-12-08"), end: day("2026-12-09"), slots: ["AM", "MID", "PM"], slotTimes: times)
        }
        // Holidays before the start change how long hearings have waited; a Saturday one must change nothing.
        if random.chance(0.3) {
            horizon.holidays.append(horizon.start.adding(days: -Int.random(in: 2...6, using: &random)))
        }
        if random.chance(0.1) { horizon.holidays.append(horizon.end.adding(days: 3)) }
        return horizon
    }

    /// An acceptable window: open past the horizon, a deadline inside it, overdue, or starting inside it.
    static func window(_ horizon: Horizon, using random: inout some RandomNumberGenerator) -> (Day, Day) {
        let start = horizon.start
        let end = horizon.end
        let span = end.ordinal - start.ordinal
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.4 {
            return (start.adding(days: -Int.random(in: 0...10, using: &random)),
                    end.adding(days: Int.random(in: 1...20, using: &random)))
        } else if roll < 0.7 {
            return (start.adding(days: -Int.random(in: 0...10, using: &random)),
                    start.adding(days: Int.random(in: 0...span, using: &random)))
        } else if roll < 0.82 {
            let earliest = start.adding(days: -Int.random(in: 8...25, using: &random))
            let slack = start.ordinal - 1 - earliest.ordinal
            return (earliest, earliest.adding(days: Int.random(in: 0...slack, using: &random)))
        } else {
            let earliest = start.adding(days: Int.random(in: 0...span, using: &random))
            let slack = end.ordinal + 4 - earliest.ordinal
            return (earliest, earliest.adding(days: Int.random(in: 0...slack, using: &random)))
        }
    }

    /// A random element of a non-empty array.
    static func pick<T>(_ items: [T], using random: inout some RandomNumberGenerator) -> T {
        items[Int.random(in: 0..<items.count, using: &random)]
    }

    static func gender(using random: inout some RandomNumberGenerator) -> Gender {
        let roll = Double.random(in: 0..<1, using: &random)
        return roll < 0.45 ? .female : (roll < 0.9 ? .male : .x)
    }

    /// Integer weights that move the trade-offs: sometimes no deadline bonus, a huge fallback penalty, ...
    static func randomPolicy(using random: inout some RandomNumberGenerator) -> Policy {
        var policy = Policy()
        policy.hearingValue = Double(Int.random(in: 0...30, using: &random))
        policy.ageWeight = Double(Int.random(in: 0...3, using: &random))
        policy.delayWeight = Double(Int.random(in: 0...6, using: &random))
        policy.deadlineBonus = [0, 3, 40, 1000][Int.random(in: 0..<4, using: &random)]
        policy.preferencePenalty.standard = Double(Int.random(in: 0...30, using: &random))
        policy.preferencePenalty.high = Double(Int.random(in: 0...80, using: &random))
        policy.unregisteredPenalty = Double(Int.random(in: 0...20, using: &random))
        policy.fallbackLanguagePenalty = random.chance(0.2) ? 500 : Double(Int.random(in: 0...15, using: &random))
        // Weights need not be whole numbers: then no objective step proves optimality, and the
        // search must close the gap itself.
        if random.chance(0.25) {
            policy.delayWeight += 0.5
            policy.preferencePenalty.standard += 0.25
        }
        return policy
    }
}
