import Foundation
import Localization
import PlannerModel
import SyntheticRosters
import Testing
import TestSupport

@testable import Workbooks

@Suite("A roster written as a workbook reads back the same")
struct RoundTripTests {
    static func roundTrip(_ roster: Roster) throws -> CheckedRoster {
        let bytes = try XLSXWriter.bytes(of: try RosterDocument.workbook(roster))
        return RosterWorkbook.read(bytes).checked()
    }

    @Test("Every field, quotes and line breaks in text, three day parts, a policy")
    func everyField() throws {
        let roster = try SampleRosters.everyField()
        let checked = try Self.roundTrip(roster)
        #expect(checked.errors == [])
        #expect(checked.roster == roster)
    }

    @Test("The sample week")
    func sampleWeek() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/sample/roster.json")
        let bytes = Array(try #require(FileManager.default.contents(atPath: url.path)))
        let roster = try #require(RosterJSON.read(bytes).checked().roster)
        #expect(try Self.roundTrip(roster).roster == roster)
    }

    @Test("Generated rosters, availability in any order", arguments: [UInt64(1), 2, 3])
    func generated(seed: UInt64) throws {
        var roster = RosterGenerator(hearings: 150, weeks: 2, seed: seed).generate()
        // Slots out of date order read back in the same order.
        if var first = roster.interpreters.first, first.available.count > 2 {
            first.available.reverse()
            roster.interpreters[0] = first
        }
        #expect(try Self.roundTrip(roster).roster == roster)
    }

    @Test("The template reads as a valid roster of one example each, the explanation sheet left alone")
    func template() throws {
        let start = try #require(Day("2027-01-04"))
        for language in Language.allCases {
            let document = try RosterDocument.template(start: start, language: language)
            #expect(document.sheets.map(\.name) == [
                Catalogue.of(language).text("template.explanationSheet"), "horizon", "locations", "hearings",
                "interpreters", "officers", "availability", "policy",
            ])
            let checked = RosterWorkbook.read(try XLSXWriter.bytes(of: document)).checked()
            #expect(checked.errors == [])
            let roster = try #require(checked.roster)
            #expect(roster.hearings.count == 1 && roster.interpreters.count == 1 && roster.officers.count == 1)
            #expect(roster.horizon.start == start)
            #expect(roster.policy == Policy())
        }
    }

    @Test("The template offers the closed values in drop-down lists")
    func dropDowns() throws {
        let document = try RosterDocument.template(start: try #require(Day("2027-01-04")))
        func lists(_ sheet: String) -> [String: [String]] {
            guard let sheet = document.sheets.first(where: { $0.name == sheet }), let header = sheet.rows.first else { return [:] }
            var lists: [String: [String]] = [:]
            for validation in sheet.validations {
                if case .list(let values) = validation.rule, case .text(let name) = header[validation.column].value {
                    lists[name] = values
                }
            }
            return lists
        }
        #expect(lists("hearings")["interpreterGender"] == ["female", "male"])
        #expect(lists("hearings")["priority"] == ["standard", "high"])
        #expect(lists("hearings")["fixedSlot"] == ["AM", "PM"])
        #expect(lists("hearings")["remoteInterpreterAllowed"] == ["true", "false"])
        #expect(lists("interpreters")["gender"] == ["female", "male", "x"])
        #expect(lists("interpreters")["remote"] == ["true", "false"])
        #expect(lists("availability")["slots"] == ["AM;PM", "AM", "PM"])
        let hearings = try #require(document.sheets.first { $0.name == "hearings" })
        #expect(hearings.frozenRows == 1)
        #expect(hearings.rows.count == 2)
    }

    @Test("Dates are stored as dates, numbers as numbers")
    func typedCells() throws {
        let roster = try SampleRosters.everyField()
        let document = try RosterDocument.workbook(roster)
        let hearings = try #require(document.sheets.first { $0.name == "hearings" })
        let header = hearings.rows[0].map(\.value)
        let earliest = try #require(header.firstIndex(of: .text("earliest")))
        let duration = try #require(header.firstIndex(of: .text("durationSlots")))
        #expect(hearings.rows[1][earliest].value == .date(try #require(Day("2026-12-01"))))
        #expect(hearings.rows[1][duration].value == .number(2))
    }
}
