import PlannerModel

/// The public holidays on which Dutch government offices (the IND among them) are closed.
enum DutchHolidays {
    /// The holidays that fall in `range` (weekends included, since a listed weekend holiday is harmless).
    static func holidays(in range: ClosedRange<Day>) -> [Day] {
        let first = range.lowerBound.components.year
        let last = range.upperBound.components.year
        var result: [Day] = []
        for year in first...last {
            result += holidays(of: year).filter { range.contains($0) }
        }
        return result.sorted()
    }

    /// New Year, Easter Monday, King's Day, Liberation Day (a day off for central government
    /// every year), Ascension Day, Whit Monday and the two days of Christmas.
    static func holidays(of year: Int) -> [Day] {
        let easter = easterSunday(of: year)
        let april27 = Day(year: year, month: 4, day: 27)!
        // King's Day moves to the Saturday before when the 27th is a Sunday.
        let kingsDay = april27.weekday == 7 ? april27.adding(days: -1) : april27
        return [
            Day(year: year, month: 1, day: 1)!,
            easter.adding(days: 1),
            kingsDay,
            Day(year: year, month: 5, day: 5)!,
            easter.adding(days: 39),
            easter.adding(days: 50),
            Day(year: year, month: 12, day: 25)!,
            Day(year: year, month: 12, day: 26)!,
        ].sorted()
    }

    /// Easter Sunday of the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm).
    static func easterSunday(of year: Int) -> Day {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return Day(year: year, month: month, day: day)!
    }
}

/// Steps over working days (Monday to Friday that are not listed holidays), also outside the horizon.
struct WorkdayStepper {
    let holidays: Set<Day>

    func isWorkingDay(_ day: Day) -> Bool { !day.isWeekend && !holidays.contains(day) }

    /// The working day `count` working days after `day` (before it when `count` is negative).
    func adding(_ count: Int, to day: Day) -> Day {
        var result = day
        var remaining = abs(count)
        let step = count < 0 ? -1 : 1
        while remaining > 0 {
            result = result.adding(days: step)
            if isWorkingDay(result) { remaining -= 1 }
        }
        return result
    }
}
