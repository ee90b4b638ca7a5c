import PlannerModel

/// The spec's working-day arithmetic, written plainly (day by day) so that it is independent of
/// `WorkCalendar`, which the planner uses.
public struct ReferenceCalendar: Sendable {
    public let horizon: Horizon
    /// The working days of the horizon, in order.
    public let workingDays: [Day]
    private let holidays: Set<Day>

    public init(_ horizon: Horizon) {
        self.horizon = horizon
        let holidays = Set(horizon.holidays)
        self.holidays = holidays
        var days: [Day] = []
        var day = horizon.start
        while day <= horizon.end {
            if Self.isWorkingDay(day, holidays: holidays) { days.append(day) }
            day = day.adding(days: 1)
        }
        workingDays = days
    }

    /// Monday to Friday and not a holiday; holidays count wherever they fall, also outside the horizon.
    public func isWorkingDay(_ day: Day) -> Bool {
        Self.isWorkingDay(day, holidays: holidays)
    }

    /// A working day from the horizon's start to its end.
    public func isWorkingDayOfHorizon(_ day: Day) -> Bool {
        day >= horizon.start && day <= horizon.end && isWorkingDay(day)
    }

    /// The number of working days `d` with `a <= d < b`; 0 when `b <= a`.
    public func wd(_ a: Day, _ b: Day) -> Int {
        var count = 0
        var day = a
        while day < b {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// The `count` consecutive slots of `date` starting at day part `part`, or `nil` when the part is
    /// not one of the horizon's or the run would leave the day.
    public func slots(on date: Day, from part: String, count: Int) -> [SlotName]? {
        guard count >= 1, let first = horizon.slots.firstIndex(of: part),
              first + count <= horizon.slots.count
        else { return nil }
        return horizon.slots[first..<(first + count)].map { SlotName(date: date, part: $0) }
    }

    private static func isWorkingDay(_ day: Day, holidays: Set<Day>) -> Bool {
        // Day.weekday is ISO: 1 = Monday ... 7 = Sunday.
        day.weekday <= 5 && !holidays.contains(day)
    }
}
