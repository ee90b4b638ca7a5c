import PlannerModel
import Testing

@Suite("Days, working days and ISO weeks")
struct CalendarTests {
    @Test(arguments: ["2026-12-07", "2024-02-29", "2000-01-01", "1970-01-01", "1969-12-31", "2100-12-31"])
    func dayTextRoundTrips(_ text: String) throws {
        let day = try #require(Day(text))
        #expect(day.description == text)
        #expect(Day(ordinal: day.ordinal) == day)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "", "2026-01-32"])
    func impossibleDatesAreRejected(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test func weekdays() throws {
        #expect(try #require(Day("2026-12-07")).weekday == 1)  // Monday
        #expect(try #require(Day("2026-12-12")).weekday == 6)
        #expect(try #require(Day("2026-12-13")).weekday == 7)
        #expect(try #require(Day("1970-01-01")).weekday == 4)
    }

    @Test(arguments: [
        ("2026-12-07", 2026, 50), ("2026-12-31", 2026, 53), ("2027-01-03", 2026, 53), ("2027-01-04", 2027, 1),
        ("2024-12-30", 2025, 1), ("2021-01-03", 2020, 53), ("2026-01-01", 2026, 1),
    ])
    func isoWeeks(day: String, year: Int, week: Int) throws {
        #expect(try #require(Day(day)).isoWeek == ISOWeek(year: year, week: week))
    }

    static let calendar = WorkCalendar(Horizon(
        start: Day("2026-12-07")!, end: Day("2026-12-31")!,
        holidays: [Day("2026-12-25")!, Day("2026-12-26")!, Day("2026-11-30")!, Day("2026-12-25")!]))

    /// Hand-counted working days in [a, b), with Christmas (a Friday), Boxing Day (a Saturday, so
    /// no effect) and a holiday outside the horizon (2026-11-30, a Monday: it still counts).
    @Test(arguments: [
        ("2026-12-07", "2026-12-07", 0), ("2026-12-07", "2026-12-08", 1), ("2026-12-07", "2026-12-14", 5),
        ("2026-12-11", "2026-12-14", 1), ("2026-12-12", "2026-12-14", 0), ("2026-12-14", "2026-12-07", 0),
        ("2026-12-21", "2026-12-28", 4), ("2026-12-24", "2026-12-29", 2), ("2026-11-30", "2026-12-07", 4),
        ("2026-11-23", "2026-12-07", 9), ("2026-12-01", "2026-12-08", 5),
    ])
    func workingDaysBetween(a: String, b: String, expected: Int) throws {
        let calendar = Self.calendar
        #expect(calendar.wd(try #require(Day(a)), try #require(Day(b))) == expected)
    }

    @Test func workingDaysAgreeWithCountingOneByOne() {
        let calendar = Self.calendar
        let base = Day("2026-11-16")!
        for from in 0..<40 {
            for length in 0..<40 {
                let a = base.adding(days: from)
                let b = a.adding(days: length)
                let counted = (a.ordinal..<b.ordinal).filter { calendar.isWorkingDay(Day(ordinal: $0)) }.count
                #expect(calendar.wd(a, b) == counted)
            }
        }
    }

    @Test func slotsOfTheHorizon() throws {
        let calendar = Self.calendar
        #expect(calendar.workingDays.count == 18)  // 19 weekdays, less Christmas
        #expect(calendar.slotCount == 36)
        let slot = try #require(SlotName("2026-12-08/PM"))
        #expect(calendar.slotIndex(of: slot) == 3)
        #expect(calendar.slotName(at: 3) == slot)
        #expect(calendar.slotIndex(of: try #require(SlotName("2026-12-25/AM"))) == nil)
        #expect(calendar.slotIndex(of: try #require(SlotName("2026-12-08/EVE"))) == nil)
        #expect(calendar.weeks.map(\.description) == ["2026-W50", "2026-W51", "2026-W52", "2026-W53"])
    }
}
