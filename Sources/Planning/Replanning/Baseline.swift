import Foundation
import PlannerModel

/// The published plan a re-plan starts from, read against the changed roster: which baseline
/// placements still keep every rule of their own, and which are frozen because they start soon.
struct Baseline: Sendable {
    /// A baseline assignment of a hearing that is still in the roster.
    struct Entry: Sendable {
        let hearing: Int
        let assignment: Assignment
        /// The start slot, when the date and day part are still slots of the horizon.
        let slot: Int?
        /// Starts within `freezeHours` of now, or has started.
        let isFrozen: Bool
        /// The hard rule the placement now breaks on its own, if any: then changing it is forced.
        let brokenRule: String?
    }

    let entries: [Entry]
    /// Baseline hearings that are no longer in the roster (cancelled).
    let cancelled: [String]

    init(plan: Plan, roster: Roster, calendar: WorkCalendar, now: Date, freezeHours: Double) {
        let byID = Dictionary(roster.hearings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let freezeUntil = now.addingTimeInterval(freezeHours * 3600)
        let clock = WallClock(horizon: roster.horizon)
        let people = People(roster)
        var instants: [SlotName: Date?] = [:]  // a few day parts, each asked for many times
        var entries: [Entry] = []
        var cancelled: [String] = []
        for assignment in plan.assignments {
            guard let h = byID[assignment.hearing] else {
                cancelled.append(assignment.hearing)
                continue
            }
            let hearing = roster.hearings[h]
            let slot = calendar.slotIndex(of: SlotName(date: assignment.date, part: assignment.slot))
            let name = SlotName(date: assignment.date, part: assignment.slot)
            let starts: Date?
            if let known = instants[name] {
                starts = known
            } else {
                starts = clock.instant(of: assignment.date, part: assignment.slot)
                instants[name] = starts
            }
            entries.append(Entry(
                hearing: h, assignment: assignment, slot: slot, isFrozen: starts.map { $0 < freezeUntil } ?? false,
                brokenRule: Self.brokenRule(assignment, hearing, slot: slot, roster: roster, people: people, calendar: calendar)))
        }
        self.entries = entries
        self.cancelled = cancelled
    }

    /// The roster's people by id (the first of each id, as a search from the start would find).
    struct People {
        let interpreters: [String: Int]
        let officers: [String: Int]

        init(_ roster: Roster) {
            interpreters = Dictionary(roster.interpreters.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            officers = Dictionary(roster.officers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The first hard rule (1-4, 9) that the placement breaks by itself in the changed roster.
    static func brokenRule(
        _ assignment: Assignment, _ hearing: Hearing, slot: Int?, roster: Roster, people: People, calendar: WorkCalendar
    ) -> String? {
        guard let slot, let part = calendar.partIndex(of: assignment.slot),
              part + hearing.durationSlots <= calendar.partsPerDay
        else {
            return "rule 1: \(assignment.date) \(assignment.slot) is no longer a start the hearing fits in"
        }
        if assignment.date < hearing.earliest || (assignment.date > hearing.latest && hearing.latest >= roster.horizon.start) {
            return "rule 1: \(assignment.date) is outside the hearing's window \(hearing.earliest)..\(hearing.latest)"
        }
        let slots = (slot..<(slot + hearing.durationSlots)).map { calendar.slotName(at: $0) }
        guard let interpreter = people.interpreters[assignment.interpreter].map({ roster.interpreters[$0] }) else {
            return "rule 3: the interpreter \(assignment.interpreter) is no longer in the roster"
        }
        // The language is not part of the placement (the spec counts slot, interpreter and
        // officer): any of the hearing's languages that the interpreter speaks will do.
        let languages = [hearing.language] + hearing.fallbackLanguages
        if !languages.contains(where: { interpreter.skill(for: $0) != nil }) {
            return "rule 3: \(interpreter.id) speaks none of the hearing's languages any more"
        }
        if hearing.excludedInterpreters.contains(interpreter.id) { return "rule 3: \(interpreter.id) is now excluded" }
        if let missing = slots.first(where: { !interpreter.available.contains($0) }) {
            return "rule 3: \(interpreter.id) is not available in \(missing)"
        }
        let onsite = interpreter.onsiteLocations.contains(hearing.location)
        let remote = interpreter.remote && hearing.remoteInterpreterAllowed
        if !(assignment.interpreterMode == .onsite ? onsite || remote : remote || onsite) {
            return "rule 3: \(interpreter.id) can no longer work for \(hearing.location) in any mode"
        }
        guard let officer = people.officers[assignment.officer].map({ roster.officers[$0] }) else {
            return "rule 4: the officer \(assignment.officer) is no longer in the roster"
        }
        if officer.location != hearing.location { return "rule 4: \(officer.id) does not work at \(hearing.location)" }
        if !Set(hearing.requiredTrainings).isSubset(of: officer.trainings) {
            return "rule 4: \(officer.id) lacks a training the hearing now requires"
        }
        if hearing.excludedOfficers.contains(officer.id) { return "rule 4: \(officer.id) is now excluded" }
        if let missing = slots.first(where: { !officer.available.contains($0) }) {
            return "rule 4: \(officer.id) is not available in \(missing)"
        }
        if let fixed = hearing.fixed {
            if fixed.date != assignment.date || fixed.slot != assignment.slot
                || (fixed.interpreter.map { $0 != interpreter.id } ?? false) || (fixed.officer.map { $0 != officer.id } ?? false)
            {
                return "rule 9: the hearing is now fixed elsewhere"
            }
        }
        return nil
    }
}

/// Wall-clock instants of the horizon's day parts, in its time zone.
struct WallClock {
    let horizon: Horizon
    private let calendar: Calendar?

    init(horizon: Horizon) {
        self.horizon = horizon
        var calendar = Calendar(identifier: .gregorian)
        if let zone = TimeZone(identifier: horizon.timeZone) {
            calendar.timeZone = zone
            self.calendar = calendar
        } else {
            self.calendar = nil
        }
    }

    /// When the day part `part` of `date` begins, or nil if the part has no times.
    func instant(of date: Day, part: String) -> Date? {
        guard let calendar, let times = horizon.slotTimes[part] else { return nil }
        let (year, month, day) = date.components
        return calendar.date(from: DateComponents(
            year: year, month: month, day: day, hour: times.start.hour, minute: times.start.minute))
    }
}
