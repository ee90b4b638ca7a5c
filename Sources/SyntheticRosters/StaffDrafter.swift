import PlannerModel

/// Draws interpreters and officers until their capacity covers the queue's demand.
///
/// A person's capacity is, per week, the smaller of the weekly cap and the available day parts
/// divided by the queue's mean hearing length. It is counted on the availability pattern before
/// holidays are taken out, so that a holiday week has less capacity rather than more people.
struct StaffDrafter {
    /// Monday to Friday of each week of the horizon, holidays included.
    let weekdays: [[Day]]
    let parts: [String]
    let holidays: Set<Day>
    /// The mean `durationSlots` of the queue.
    let occupancy: Double
    var random: SeededRandom

    // MARK: Interpreters

    static let interpreterExtraLanguages = [55, 35, 10]  // weights of 0, 1 and 2 more languages
    static let registeredShare = (first: 0.92, other: 0.6)
    static let workModes = (onsiteOnly: 0.55, onsiteAndRemote: 0.25)  // the rest: remote only
    static let twoLocationsShare = 0.3
    static let uncappedInterpreterShare = 0.15
    static let interpreterDaysPerWeek = [0, 0, 25, 30, 25, 20]  // weights of 0...5 days
    static let interpreterWeekOffShare = 0.08
    static let genderXShare = 0.01

    /// Interpreters for every language of the queue, in an order unrelated to their languages.
    mutating func interpreters(for queue: [Hearing]) -> [Interpreter] {
        let places = Array(Set(queue.map(\.location))).sorted()
        // Hearings per language and location: interpreters work on site where their language is needed.
        var demand = Array(repeating: Array(repeating: 0, count: places.count), count: Catalogue.languages.count)
        for hearing in queue {
            if let language = Catalogue.languageIndex(of: hearing.language),
               let place = places.firstIndex(of: hearing.location)
            {
                demand[language][place] += 1
            }
        }

        var result: [Interpreter] = []
        for (index, language) in Catalogue.languages.enumerated() {
            let weights = demand[index]
            let total = weights.reduce(0, +)
            guard total > 0 else { continue }
            let target = Tuning.interpreterSupply * Double(total)
            var supplied = 0.0
            repeat {
                let (interpreter, capacity) = interpreter(speaking: language, places: places, weights: weights)
                result.append(interpreter)
                supplied += capacity
            } while supplied < target
        }
        random.shuffle(&result)
        for index in result.indices { result[index].id = "I-\(index + 1)" }
        return result
    }

    private mutating func interpreter(
        speaking language: Catalogue.Language, places: [String], weights: [Int]
    ) -> (Interpreter, capacity: Double) {
        var skills = [LanguageSkill(code: language.code, registered: random.chance(Self.registeredShare.first))]
        var companions = language.companions
        for _ in 0..<random.weightedIndex(Self.interpreterExtraLanguages) where !companions.isEmpty {
            let code = companions.remove(at: random.below(companions.count))
            skills.append(LanguageSkill(code: code, registered: random.chance(Self.registeredShare.other)))
        }
        let gender: Gender = random.chance(language.femaleInterpreterShare)
            ? .female : random.chance(Self.genderXShare) ? .x : .male

        let mode = random.unit()
        var remote = mode >= Self.workModes.onsiteOnly
        var onsite: [String] = []
        if mode < Self.workModes.onsiteOnly + Self.workModes.onsiteAndRemote {
            let count = places.count > 1 && random.chance(Self.twoLocationsShare) ? 2 : 1
            onsite = pickPlaces(count, from: places, weights: weights)
        }
        if onsite.isEmpty { remote = true }
        let cap: Int? = random.chance(Self.uncappedInterpreterShare) ? nil : random.int(in: 4...10)

        var grid: [[Bool]] = []
        for _ in weekdays {
            var week = Array(repeating: false, count: 5 * parts.count)
            if !random.chance(Self.interpreterWeekOffShare) {
                for day in random.sample(random.weightedIndex(Self.interpreterDaysPerWeek), of: 5) {
                    markDay(day, in: &week, dayPart: random.unit())
                }
            }
            grid.append(week)
        }
        let interpreter = Interpreter(
            id: "", gender: gender, languages: skills, onsiteLocations: onsite, remote: remote,
            available: slotNames(grid), maxHearingsPerWeek: cap)
        return (interpreter, capacity(grid, cap: cap))
    }

    /// A whole day (60 %), the morning only (20 %) or the afternoon only (20 %), for two day parts;
    /// with other day parts, the whole day.
    private func markDay(_ day: Int, in week: inout [Bool], dayPart r: Double) {
        let base = day * parts.count
        if parts.count == 2 && r >= 0.6 {
            week[base + (r < 0.8 ? 0 : 1)] = true
        } else {
            for part in parts.indices { week[base + part] = true }
        }
    }

    private mutating func pickPlaces(_ count: Int, from places: [String], weights: [Int]) -> [String] {
        var ids = places
        var w = weights
        var picked: [String] = []
        while picked.count < count, !ids.isEmpty, w.contains(where: { $0 > 0 }) {
            let index = random.weightedIndex(w)
            picked.append(ids.remove(at: index))
            w.remove(at: index)
        }
        return picked.sorted()
    }

    // MARK: Officers

    static let femaleOfficerShare = 0.60
    static let officerDaysPerWeek = [0, 0, 0, 15, 40, 45]  // weights of 0...5 days (a fixed pattern)
    static let officerWeekOffShare = 0.06
    static let officerSlotShare = 0.9
    static let officerCaps = [0, 0, 0, 10, 35, 35, 20]  // weights of caps 0...6
    static let trainingShares = [(Catalogue.vulnerablePersons, 0.35), (Catalogue.minors, 0.20)]

    /// Officers for every location, so that every training a location's queue needs is held there.
    mutating func officers(for queue: [Hearing], at places: [Catalogue.Place]) -> [Officer] {
        var result: [Officer] = []
        for place in places {
            let here = queue.filter { $0.location == place.id }
            let target = Tuning.officerSupply * Double(here.count)
            var staff: [Officer] = []
            var supplied = 0.0
            repeat {
                let (officer, capacity) = officer(at: place.id)
                staff.append(officer)
                supplied += capacity
            } while supplied < target
            let needed = Set(here.flatMap(\.requiredTrainings))
            for (training, _) in Self.trainingShares where needed.contains(training) {
                if !staff.contains(where: { $0.trainings.contains(training) }) {
                    staff[random.below(staff.count)].trainings.append(training)
                }
            }
            result += staff
        }
        random.shuffle(&result)
        for index in result.indices { result[index].id = "O-\(index + 1)" }
        return result
    }

    private mutating func officer(at place: String) -> (Officer, capacity: Double) {
        let gender: Gender = random.chance(Self.femaleOfficerShare)
            ? .female : random.chance(Self.genderXShare) ? .x : .male
        let trainings = Self.trainingShares.compactMap { random.chance($0.1) ? $0.0 : nil }
        let workdays = Set(random.sample(random.weightedIndex(Self.officerDaysPerWeek), of: 5))
        var cap = random.weightedIndex(Self.officerCaps)
        if workdays.count <= 3 { cap = min(cap, 4) }

        var grid: [[Bool]] = []
        for _ in weekdays {
            var week = Array(repeating: false, count: 5 * parts.count)
            if !random.chance(Self.officerWeekOffShare) {
                for day in 0..<5 where workdays.contains(day) {
                    for part in parts.indices where random.chance(Self.officerSlotShare) {
                        week[day * parts.count + part] = true
                    }
                }
            }
            grid.append(week)
        }
        let officer = Officer(
            id: "", gender: gender, location: place, trainings: trainings, available: slotNames(grid),
            maxHearingsPerWeek: cap)
        return (officer, capacity(grid, cap: cap))
    }

    // MARK: Shared

    /// The available slots of a weekly grid, holidays left out.
    private func slotNames(_ grid: [[Bool]]) -> [SlotName] {
        var names: [SlotName] = []
        for (week, days) in weekdays.enumerated() {
            for (dayIndex, day) in days.enumerated() where !holidays.contains(day) {
                for (partIndex, part) in parts.enumerated() where grid[week][dayIndex * parts.count + partIndex] {
                    names.append(SlotName(date: day, part: part))
                }
            }
        }
        return names
    }

    private func capacity(_ grid: [[Bool]], cap: Int?) -> Double {
        grid.reduce(0.0) { total, week in
            let slots = Double(week.filter { $0 }.count) / occupancy
            return total + min(slots, Double(cap ?? Int.max))
        }
    }
}
