import Foundation
import PlannerModel

/// Which day parts a re-plan moves only when forced: those starting before `now + freezeHours`
/// (the roster's policy), by the horizon's day-part times in its time zone. The what-if options
/// do not know the clock: the console marks an option that would move a hearing in this window,
/// and offers none that starts in a day part that has begun.
struct FreezeWindow {
    let until: Date
    let now: Date
    private let horizon: Horizon
    private let calendar: Calendar?

    init(roster: Roster, now: Date) {
        self.now = now
        until = now.addingTimeInterval(roster.policy.freezeHours * 3600)
        horizon = roster.horizon
        var calendar = Calendar(identifier: .gregorian)
        if let zone = TimeZone(identifier: roster.horizon.timeZone) {
            calendar.timeZone = zone
            self.calendar = calendar
        } else {
            self.calendar = nil
        }
    }

    /// When the day part `part` of `date` starts, if the horizon gives it times.
    func start(_ date: Day, _ part: String) -> Date? {
        guard let calendar, let times = horizon.slotTimes[part] else { return nil }
        let (year, month, day) = date.components
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: times.start.hour, minute: times.start.minute))
    }

    /// Whether a hearing starting then is frozen (or has begun).
    func isFrozen(_ date: Day, _ part: String) -> Bool {
        start(date, part).map { $0 < until } ?? false
    }

    /// Whether the day part has begun already.
    func hasBegun(_ date: Day, _ part: String) -> Bool {
        start(date, part).map { $0 <= now } ?? false
    }
}
