import PlannerModel

/// Realistic synthetic rosters of a Dutch asylum queue, for tests, demos and benchmarks.
///
/// The data is made up: ids are opaque references (`H-000123`, `I-17`, `O-2`) and nothing in it
/// describes a real person. The same generator (same parameters, same seed) always gives the same
/// roster, byte for byte once written. docs/generator.md lists the distributions.
///
/// ```swift
/// let roster = RosterGenerator(hearings: 2_500, seed: 7).generate()
/// ```
public struct RosterGenerator: Sendable, Equatable {
    /// Monday 7 December 2026, the start when none is given.
    public static let defaultStart = Day(year: 2026, month: 12, day: 7)!

    /// How many hearings the queue holds (0 or more).
    public let hearings: Int
    /// How many ISO weeks the horizon spans, Monday to Friday (1 or more).
    public let weeks: Int
    public let seed: UInt64
    /// How many hearing locations (1 or more): Ter Apel, Zevenaar, Budel, Den Bosch, Schiphol,
    /// Zwolle, Rijswijk, Eindhoven, Utrecht, then numbered extra sites.
    public let locations: Int
    /// The Monday the horizon starts on.
    public let start: Day
    /// The share of hearings (0...1) to pin with a `fixed` date, slot, interpreter and officer.
    /// Hearings for which no free, valid combination is found stay unpinned, so the realised
    /// share may be a little lower.
    public let fixedShare: Double

    /// A generator; a `start` that is not a Monday is moved back to the Monday of its ISO week.
    ///
    /// - Precondition: `hearings >= 0`, `weeks >= 1`, `locations >= 1`, `0 <= fixedShare <= 1`.
    public init(
        hearings: Int, weeks: Int = 1, seed: UInt64, locations: Int = 4, start: Day? = nil,
        fixedShare: Double = 0
    ) {
        precondition(hearings >= 0, "the number of hearings cannot be negative")
        precondition(weeks >= 1, "the horizon needs at least one week")
        precondition(locations >= 1, "there must be at least one location")
        precondition((0...1).contains(fixedShare), "fixedShare is a share between 0 and 1")
        let day = start ?? Self.defaultStart
        self.hearings = hearings
        self.weeks = weeks
        self.seed = seed
        self.locations = locations
        self.start = day.adding(days: 1 - day.weekday)
        self.fixedShare = fixedShare
    }

    /// The roster for these parameters and this seed.
    public func generate() -> Roster { sample().roster }

    /// The roster together with what it does not record (the applicants' sex), for tests.
    func sample() -> GeneratedSample {
        let end = start.adding(days: 7 * weeks - 3)
        let holidays = DutchHolidays.holidays(in: start...end)
        let horizon = Horizon(start: start, end: end, holidays: holidays)
        let calendar = WorkCalendar(horizon)
        let stepper = WorkdayStepper(holidays: Set(holidays))
        let places = Catalogue.places(locations)

        var hearingDrafter = HearingDrafter(
            calendar: calendar, stepper: stepper, places: places,
            random: SeededRandom(seed: seed, stream: Stream.hearings.rawValue))
        let drafts = hearingDrafter.draft(count: hearings)
        var queue = drafts.map(\.hearing)

        let weekdays = (0..<weeks).map { week in (0..<5).map { start.adding(days: 7 * week + $0) } }
        var staff = StaffDrafter(
            weekdays: weekdays, parts: horizon.slots, holidays: Set(holidays),
            occupancy: Self.meanOccupancy(queue),
            random: SeededRandom(seed: seed, stream: Stream.staff.rawValue))
        let interpreters = staff.interpreters(for: queue)
        let officers = staff.officers(for: queue, at: places)
        // A small queue may have no interpreter for a rare fallback; a planner would not list it.
        let spoken = Set(interpreters.flatMap { $0.languages.map(\.code) })
        for index in queue.indices { queue[index].fallbackLanguages.removeAll { !spoken.contains($0) } }

        var roster = Roster(
            horizon: horizon,
            locations: Self.locations(places, queue: queue, calendar: calendar),
            hearings: queue, interpreters: interpreters, officers: officers)
        var pinner = Pinner(
            roster: roster, calendar: calendar,
            random: SeededRandom(seed: seed, stream: Stream.pins.rawValue))
        pinner.addExclusions(to: &roster)
        if fixedShare > 0 { pinner.pin(share: fixedShare, in: &roster) }
        return GeneratedSample(roster: roster, applicantIsFemale: drafts.map(\.applicantIsFemale))
    }

    /// Independent random streams, so that changing one part does not reshuffle the others.
    private enum Stream: UInt64 {
        case hearings = 1, staff, pins
    }

    static func meanOccupancy(_ queue: [Hearing]) -> Double {
        guard !queue.isEmpty else { return 1 }
        return Double(queue.reduce(0) { $0 + $1.durationSlots }) / Double(queue.count)
    }

    /// Rooms sized to the location's share of the queue, a little above the average load per slot.
    static func locations(_ places: [Catalogue.Place], queue: [Hearing], calendar: WorkCalendar) -> [Location] {
        let slotCount = max(1, calendar.slotCount)
        return places.map { place in
            let slotUses = queue.reduce(0) { $0 + ($1.location == place.id ? $1.durationSlots : 0) }
            let rooms = (Tuning.roomSupply * Double(slotUses) / Double(slotCount)).rounded(.up)
            return Location(id: place.id, name: place.name, rooms: max(1, Int(rooms)))
        }
    }
}

/// The knobs that set capacity against demand (see docs/generator.md).
enum Tuning {
    /// Interpreter capacity per hearing in the interpreter's first language.
    static let interpreterSupply = 1.0
    /// Officer capacity per hearing at the officer's location.
    static let officerSupply = 0.9
    /// Rooms per average slot load of a location.
    static let roomSupply = 1.2
}

/// A generated roster with the applicants' sex, which a roster never records.
struct GeneratedSample: Sendable {
    var roster: Roster
    /// Per hearing, in roster order.
    var applicantIsFemale: [Bool]
}
