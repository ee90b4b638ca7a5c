import PlannerModel
import Testing
import TestSupport

/// wd(a, b) by hand: holidays on Wednesday 2026-12-09, Saturday 2026-12-12, Friday 2026-12-25 and
/// Friday 2027-01-01; the horizon itself (one week) does not limit where holidays count.
@Suite struct WorkingDayTests {
    static let horizon = Horizon(
        start: day("2026-12-07"), end: day("2026-12-11"),
        holidays: [day("2026-12-09"), day("2026-12-12"), day("2026-12-25"), day("2027-01-01")])

    @Test(arguments: [
        ("2026-12-07", "2026-12-07", 0),    // empty range
        ("2026-12-08", "2026-12-07", 0),    // b before a
        ("2026-12-07", "2026-12-08", 1),    // Monday only
        ("2026-12-07", "2026-12-14", 4),    // a week minus the Wednesday holiday
        ("2026-12-09", "2026-12-10", 0),    // the holiday itself
        ("2026-12-11", "2026-12-14", 1),    // Friday, then a weekend
        ("2026-12-12", "2026-12-14", 0),    // a Saturday holiday changes nothing
        ("2026-12-12", "2026-12-15", 1),    // from a weekend to Tuesday: Monday
        ("2026-12-13", "2026-12-13", 0),
        ("2026-11-30", "2026-12-14", 9),    // two weeks minus one holiday
        ("2026-12-21", "2026-12-28", 4),    // Christmas, outside the horizon, still counts
        ("2026-12-31", "2027-01-04", 1),    // Thursday; New Year is a holiday; weekend
        ("2026-11-23", "2026-12-07", 10),   // before the horizon, no holidays there
        ("2026-01-01", "2027-01-01", 259),  // 2026 has 261 weekdays, two are holidays
    ])
    func handCounted(from: String, to: String, expected: Int) {
        let calendar = ReferenceCalendar(Self.horizon)
        #expect(calendar.wd(day(from), day(to)) == expected)
    }

    @Test func workingDaysOfTheHorizonSkipHolidaysAndWeekends() {
        let calendar = ReferenceCalendar(
            Horizon(start: day("2026-12-10"), end: day("2026-12-15"), holidays: [day("2026-12-11")]))
        #expect(calendar.workingDays == [day("2026-12-10"), day("2026-12-14"), day("2026-12-15")])
        #expect(calendar.isWorkingDayOfHorizon(day("2026-12-14")))
        #expect(!calendar.isWorkingDayOfHorizon(day("2026-12-11")))
        #expect(!calendar.isWorkingDayOfHorizon(day("2026-12-16")))
        #expect(calendar.isWorkingDay(day("2026-12-16")))
    }

    @Test func runsOfDayPartsStayWithinOneDay() {
        let calendar = ReferenceCalendar(monTue)
        #expect(calendar.slots(on: day("2026-12-07"), from: "AM", count: 2) == slots("2026-12-07/AM", "2026-12-07/PM"))
        #expect(calendar.slots(on: day("2026-12-07"), from: "PM", count: 2) == nil)
        #expect(calendar.slots(on: day("2026-12-07"), from: "EVE", count: 1) == nil)
    }

    /// The model's WorkCalendar (which the planner uses) must agree with the plain count.
    @Test func agreesWithTheModelsWorkCalendar() {
        var random = SeededRandom(seed: 7)
        let reference = ReferenceCalendar(Self.horizon)
        let model = WorkCalendar(Self.horizon)
        for _ in 0..<2000 {
            let a = day("2026-11-01").adding(days: Int.random(in: 0...90, using: &random))
            let b = day("2026-11-01").adding(days: Int.random(in: 0...90, using: &random))
            #expect(reference.wd(a, b) == model.wd(a, b), "wd(\(a), \(b))")
        }
        #expect(reference.workingDays == model.workingDays)
    }
}
