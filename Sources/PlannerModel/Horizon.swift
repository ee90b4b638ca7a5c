/// A time of day on the wall clock of the horizon's time zone, such as `09:00`.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (24-hour clock).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }
}

/// When a day part begins and ends.
public struct DayPartTimes: Sendable, Hashable {
    public var start: TimeOfDay
    public var end: TimeOfDay

    public init(start: TimeOfDay, end: TimeOfDay) {
        self.start = start
        self.end = end
    }
}

/// A named slot of the horizon: a date and a day part, written `2026-12-07/AM`.
public struct SlotName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: Day
    public var part: String

    public init(date: Day, part: String) {
        self.date = date
        self.part = part
    }

    /// Parses `DATE/PART`; the part is not checked against a horizon here.
    public init?(_ text: String) {
        guard let slash = text.firstIndex(of: "/"),
              let date = Day(String(text[..<slash]))
        else { return nil }
        let part = String(text[text.index(after: slash)...])
        guard !part.isEmpty, !part.contains("/") else { return nil }
        self.init(date: date, part: part)
    }

    public var description: String { "\(date)/\(part)" }

    public static func < (lhs: SlotName, rhs: SlotName) -> Bool {
        (lhs.date, lhs.part) < (rhs.date, rhs.part)
    }
}

/// The planning horizon: a run of dates, its holidays and the day parts of each working day.
public struct Horizon: Sendable, Equatable {
    public static let defaultSlots = ["AM", "PM"]
    public static let defaultSlotTimes: [String: DayPartTimes] = [
        "AM": DayPartTimes(start: TimeOfDay(hour: 9, minute: 0)!, end: TimeOfDay(hour: 12, minute: 30)!),
        "PM": DayPartTimes(start: TimeOfDay(hour: 13, minute: 30)!, end: TimeOfDay(hour: 17, minute: 0)!),
    ]
    public static let defaultTimeZone = "Europe/Amsterdam"

    public var start: Day
    public var end: Day
    public var holidays: [Day]
    /// The ordered day parts of every working day.
    public var slots: [String]
    public var slotTimes: [String: DayPartTimes]
    /// An IANA time zone name.
    public var timeZone: String

    public init(
        start: Day, end: Day, holidays: [Day] = [], slots: [String] = Horizon.defaultSlots,
        slotTimes: [String: DayPartTimes] = Horizon.defaultSlotTimes,
        timeZone: String = Horizon.defaultTimeZone
    ) {
        self.start = start
        self.end = end
        self.holidays = holidays
        self.slots = slots
        self.slotTimes = slotTimes
        self.timeZone = timeZone
    }
}

/// Working-day arithmetic for one horizon, built once and then cheap to query.
///
/// Working days are Monday to Friday that are not holidays. Slots of the horizon are numbered
/// `dayIndex * partsPerDay + partIndex`, so consecutive day parts of one day have consecutive numbers.
public struct WorkCalendar: Sendable {
    public let horizon: Horizon
    /// The working days of the horizon, in order.
    public let workingDays: [Day]
    /// Weekday holidays, sorted and unique: the only ones that change a working-day count.
    private let weekdayHolidays: [Day]
    private let dayIndexByOrdinal: [Int: Int]
    private let partIndexByName: [String: Int]

    public init(_ horizon: Horizon) {
        self.horizon = horizon
        weekdayHolidays = Array(Set(horizon.holidays.filter { !$0.isWeekend })).sorted()
        let holidaySet = Set(weekdayHolidays)
        var days: [Day] = []
        if horizon.start <= horizon.end {
            for ordinal in horizon.start.ordinal...horizon.end.ordinal {
                let day = Day(ordinal: ordinal)
                if !day.isWeekend && !holidaySet.contains(day) { days.append(day) }
            }
        }
        workingDays = days
        var byOrdinal: [Int: Int] = [:]
        for (index, day) in days.enumerated() { byOrdinal[day.ordinal] = index }
        dayIndexByOrdinal = byOrdinal
        var parts: [String: Int] = [:]
        for (index, part) in horizon.slots.enumerated() where parts[part] == nil { parts[part] = index }
        partIndexByName = parts
    }

    public var partsPerDay: Int { horizon.slots.count }
    public var slotCount: Int { workingDays.count * partsPerDay }

    public func isWorkingDay(_ day: Day) -> Bool {
        !day.isWeekend && !isHoliday(day)
    }

    public func isHoliday(_ day: Day) -> Bool {
        binarySearchCount(weekdayHolidays, below: day.adding(days: 1))
            - binarySearchCount(weekdayHolidays, below: day) > 0
    }

    /// The number of working days `d` with `a <= d < b`; 0 when `b <= a`. Holidays count wherever they fall.
    public func wd(_ a: Day, _ b: Day) -> Int {
        guard a < b else { return 0 }
        return Self.weekdays(from: a, to: b)
            - (binarySearchCount(weekdayHolidays, below: b) - binarySearchCount(weekdayHolidays, below: a))
    }

    /// Index of a working day of the horizon in `workingDays`, or `nil`.
    public func dayIndex(of day: Day) -> Int? { dayIndexByOrdinal[day.ordinal] }

    /// Index of a day part name in `horizon.slots`, or `nil`.
    public func partIndex(of part: String) -> Int? { partIndexByName[part] }

    /// The global slot number of a named slot, or `nil` if it is not a slot of the horizon.
    public func slotIndex(of slot: SlotName) -> Int? {
        guard let d = dayIndex(of: slot.date), let p = partIndex(of: slot.part) else { return nil }
        return d * partsPerDay + p
    }

    public func slotName(at index: Int) -> SlotName {
        SlotName(date: workingDays[index / partsPerDay], part: horizon.slots[index % partsPerDay])
    }

    /// ISO weeks touched by the working days of the horizon, in order.
    public var weeks: [ISOWeek] {
        var result: [ISOWeek] = []
        for day in workingDays where result.last != day.isoWeek { result.append(day.isoWeek) }
        return result
    }

    /// Monday..Friday days in [a, b), ignoring holidays.
    static func weekdays(from a: Day, to b: Day) -> Int {
        let total = b.ordinal - a.ordinal
        var count = (total / 7) * 5
        var weekday = a.weekday
        for _ in 0..<(total % 7) {
            if weekday <= 5 { count += 1 }
            weekday = weekday == 7 ? 1 : weekday + 1
        }
        return count
    }

    private func binarySearchCount(_ sorted: [Day], below day: Day) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < day { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
