import PlannerModel
import Testing
@testable import SyntheticRosters

@Suite struct CalendarTests {
    @Test(arguments: [(2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
                      (2038, "2038-04-25")])
    func easterSunday(year: Int, expected: String) {
        #expect(DutchHolidays.easterSunday(of: year) == day(expected))
    }

    @Test(arguments: [(2025, "2025-04-26"), (2026, "2026-04-27"), (2027, "2027-04-27")])
    func kingsDayMovesOffSunday(year: Int, expected: String) {
        #expect(DutchHolidays.holidays(of: year).contains(day(expected)))
    }

    @Test(arguments: [
        (1, nil, "2026-12-07", "2026-12-11", [String]()),
        (4, nil, "2026-12-07", "2027-01-01", ["2026-12-25", "2026-12-26", "2027-01-01"]),
        (1, "2026-12-23", "2026-12-21", "2026-12-25", ["2026-12-25"]),
        (1, "2027-05-09", "2027-05-03", "2027-05-07", ["2027-05-05", "2027-05-06"]),
    ] as [(Int, String?, String, String, [String])])
    func horizonRunsMondayToFridayWithItsHolidays(
        weeks: Int, start: String?, expectedStart: String, expectedEnd: String, holidays: [String]
    ) {
        let roster = RosterGenerator(hearings: 5, weeks: weeks, seed: 1, start: start.map(day)).generate()
        #expect(roster.horizon.start == day(expectedStart))
        #expect(roster.horizon.end == day(expectedEnd))
        #expect(roster.horizon.holidays == holidays.map(day))
        #expect(roster.horizon.slots == ["AM", "PM"])
    }

    @Test func stepperSkipsWeekendsAndHolidays() {
        let stepper = WorkdayStepper(holidays: [day("2026-12-25")])
        #expect(stepper.adding(1, to: day("2026-12-24")) == day("2026-12-28"))
        #expect(stepper.adding(-1, to: day("2026-12-28")) == day("2026-12-24"))
        #expect(stepper.adding(5, to: day("2026-12-07")) == day("2026-12-14"))
        #expect(stepper.adding(0, to: day("2026-12-07")) == day("2026-12-07"))
    }
}
