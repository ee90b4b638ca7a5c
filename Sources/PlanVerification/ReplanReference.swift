import Foundation
import PlannerModel

/// The re-planning section of scheduling-model.md, read plainly: which published hearings are
/// frozen, which changes a hard rule forces on its own, and what each outcome costs.
public struct ReplanReference: Sendable {
    /// The published placement of each hearing the changed roster still has, by hearing.
    public let published: [String: Assignment]
    /// Published hearings no longer in the roster (cancelled).
    public let cancelled: [String]
    /// Published hearings that start less than `freezeHours` after *now*, or have started.
    public let frozen: Set<String>
    /// Published hearings whose placement breaks a hard rule on its own now, with the rule.
    public let brokenOnItsOwn: [String: String]
    public let penalty: Double
    public let maxChanges: Int?

    public init(roster: Roster, baseline: Plan, now: Date) {
        let facts = RosterFacts(roster)
        var published: [String: Assignment] = [:]
        var cancelled: [String] = []
        var frozen = Set<String>()
        var broken: [String: String] = [:]
        let freezeEnd = now.addingTimeInterval(roster.policy.freezeHours * 3600)
        for a in baseline.assignments where published[a.hearing] == nil && !cancelled.contains(a.hearing) {
            guard let hearing = facts.hearings[a.hearing] else {
                cancelled.append(a.hearing)
                continue
            }
            published[a.hearing] = a
            if let start = Self.startInstant(of: a.date, part: a.slot, horizon: roster.horizon), start < freezeEnd {
                frozen.insert(a.hearing)
            }
            if let rule = Self.brokenRule(a, of: hearing, facts: facts) { broken[a.hearing] = rule }
        }
        self.published = published
        self.cancelled = cancelled.sorted()
        self.frozen = frozen
        brokenOnItsOwn = broken
        penalty = roster.policy.changePenalty
        maxChanges = roster.policy.maxChanges
    }

    /// Same date, day part, interpreter and officer: the spec's "unchanged" (mode and language aside).
    public static func isSame(_ a: Assignment, _ b: Assignment) -> Bool {
        a.date == b.date && a.slot == b.slot && a.interpreter == b.interpreter && a.officer == b.officer
    }

    /// Whether a hearing held at `date`/`slot` with these people changed from its published placement.
    func isChange(_ hearing: String, date: Day, slot: String, interpreter: String, officer: String) -> Bool {
        guard let was = published[hearing] else { return false }
        return !(was.date == date && was.slot == slot && was.interpreter == interpreter && was.officer == officer)
    }

    /// What holding the hearing there costs beyond its own score: `changePenalty` for a change.
    func penalty(_ hearing: String, date: Day, slot: String, interpreter: String, officer: String) -> Double {
        isChange(hearing, date: date, slot: slot, interpreter: interpreter, officer: officer) ? penalty : 0
    }

    /// What not holding the hearing scores: `-changePenalty` for a published one, else 0.
    func unheldScore(_ hearing: String) -> Double { published[hearing] == nil ? 0 : -penalty }

    /// When the day part `part` of `date` begins in the horizon's time zone, or nil when the part
    /// has no times or the zone is unknown.
    public static func startInstant(of date: Day, part: String, horizon: Horizon) -> Date? {
        guard let times = horizon.slotTimes[part], let zone = TimeZone(identifier: horizon.timeZone) else { return nil }
        guard let epoch = Day("1970-01-01") else { return nil }
        let seconds = Double(date.ordinal - epoch.ordinal) * 86_400 + Double(times.start.hour * 3600 + times.start.minute * 60)
        // The local time read as UTC, less the zone's offset at that moment.
        let asIfUTC = Date(timeIntervalSince1970: seconds)
        let offset = zone.secondsFromGMT(for: asIfUTC.addingTimeInterval(-Double(zone.secondsFromGMT(for: asIfUTC))))
        return asIfUTC.addingTimeInterval(-Double(offset))
    }

    /// The first hard rule (1, 3, 4 or 9) that the published placement breaks on its own in the
    /// changed roster, as a sentence starting with `rule N`; nil when it breaks none.
    static func brokenRule(_ a: Assignment, of hearing: Hearing, facts: RosterFacts) -> String? {
        guard facts.window(of: hearing).contains(where: { $0.date == a.date && $0.part == a.slot }),
              let slots = facts.calendar.slots(on: a.date, from: a.slot, count: hearing.durationSlots)
        else { return "rule 1" }
        guard let interpreter = facts.interpreters[a.interpreter] else { return "rule 3" }
        let languages = Set([hearing.language] + hearing.fallbackLanguages)
        let modes = facts.modes(interpreter, for: hearing)
        if !interpreter.languages.contains(where: { languages.contains($0.code) }) || !(modes.onsite || modes.remote)
            || hearing.excludedInterpreters.contains(interpreter.id) || !facts.isAvailable(interpreter.id, in: slots)
        {
            return "rule 3"
        }
        guard let officer = facts.officers[a.officer] else { return "rule 4" }
        if officer.location != hearing.location || !hearing.requiredTrainings.allSatisfy(officer.trainings.contains)
            || hearing.excludedOfficers.contains(officer.id) || !facts.isAvailable(officer.id, in: slots)
        {
            return "rule 4"
        }
        if let fixed = hearing.fixed,
           fixed.date != a.date || fixed.slot != a.slot || (fixed.interpreter ?? a.interpreter) != a.interpreter
            || (fixed.officer ?? a.officer) != a.officer
        {
            return "rule 9"
        }
        return nil
    }
}
