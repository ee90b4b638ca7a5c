import Foundation
import PlannerModel
import Reports
import Testing

/// Every format of the report, the detail listing and a calendar, on the hand-made fixture.
@Suite("Golden files")
struct GoldenTests {
    static func oneWeek() throws -> FulfilmentReport {
        try FulfilmentReport(inputs: [try ReportInput(plan: Fixture.weekOnePlan, roster: Fixture.weekOne)])
    }

    static func twoWeeks() throws -> FulfilmentReport {
        let inputs = try ReportInput.pair(plans: [Fixture.weekOnePlan, Fixture.weekTwoPlan], rosters: [Fixture.weekTwo, Fixture.weekOne])
        return try FulfilmentReport(inputs: inputs)
    }

    @Test func json() throws {
        try GoldenFiles.check(String(decoding: try Self.oneWeek().json(), as: UTF8.self), "report.json")
    }

    @Test func csv() throws {
        try GoldenFiles.check(try Self.oneWeek().csv(), "report.csv")
    }

    @Test func markdown() throws {
        try GoldenFiles.check(try Self.oneWeek().markdown(), "report.md")
    }

    @Test func html() throws {
        try GoldenFiles.check(try Self.oneWeek().html(), "report.html")
    }

    @Test func twoWeeksHTML() throws {
        try GoldenFiles.check(try Self.twoWeeks().html(), "two-weeks.html")
    }

    @Test func twoWeeksJSON() throws {
        try GoldenFiles.check(String(decoding: try Self.twoWeeks().json(), as: UTF8.self), "two-weeks.json")
    }

    @Test func withoutRoster() throws {
        let report = try FulfilmentReport(inputs: [try ReportInput(plan: Fixture.weekOnePlan, roster: nil)])
        try GoldenFiles.check(report.markdown(), "without-roster.md")
    }

    @Test func detailListing() throws {
        let listing = UnmetDetailListing(inputs: [try ReportInput(plan: Fixture.weekOnePlan, roster: Fixture.weekOne)])
        try GoldenFiles.check(listing.markdown(), "detail.md")
        try GoldenFiles.check(listing.csv(), "detail.csv")
    }

    @Test func calendar() throws {
        let stamp = try #require(ISO8601DateFormatter().date(from: "2026-12-04T16:00:00Z"))
        let calendar = try HearingCalendar(plan: Fixture.weekOnePlan, roster: Fixture.weekOne, person: "I-5", stamp: stamp)
        try GoldenFiles.check(calendar.ics(), "I-5.ics")
    }

    /// The same report is the same bytes, whatever order the plans and rosters come in.
    @Test func stableBytes() throws {
        let again = try FulfilmentReport(inputs: try ReportInput.pair(
            plans: [Fixture.weekTwoPlan, Fixture.weekOnePlan], rosters: [Fixture.weekOne, Fixture.weekTwo]))
        #expect(try again.json() == (try Self.twoWeeks().json()))
        #expect(again.html() == (try Self.twoWeeks().html()))
    }
}
