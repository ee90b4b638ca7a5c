import Foundation
import PlannerModel
import Reports
import Testing

/// What every format must do beyond its golden file: the same numbers in CSV and JSON, a valid
/// HTML5 page with nothing from elsewhere, no hearing id, and errors a user can act on.
@Suite("Formats")
struct FormatTests {
    /// One week with its roster, two weeks, and one week without a roster.
    static func report(_ index: Int) throws -> FulfilmentReport {
        switch index {
        case 0: try FulfilmentReport(inputs: [try ReportInput(plan: Fixture.weekOnePlan, roster: Fixture.weekOne)])
        case 1: try FulfilmentReport(inputs: try ReportInput.pair(plans: [Fixture.weekOnePlan, Fixture.weekTwoPlan], rosters: [Fixture.weekOne, Fixture.weekTwo]))
        default: try FulfilmentReport(inputs: [try ReportInput(plan: Fixture.weekOnePlan, roster: nil)], minCell: 2)
        }
    }

    @Test(arguments: 0..<3)
    func csvCarriesTheNumbersOfTheJSON(index: Int) throws {
        let report = try Self.report(index)
        let json = JSONTree.numbers(in: try JSONTree(try report.json()).root).sorted()
        let lines = report.csv().components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        var csv: [Double] = []
        for line in lines {
            let value = try #require(CSVLine.fields(line).last)
            if let number = Double(value) { csv.append(number) }
        }
        #expect(csv.sorted() == json)
    }

    @Test(arguments: 0..<3)
    func htmlIsValidHTML5(index: Int) throws {
        try HTML5Validator.validate(try Self.report(index).html())
    }

    @Test func detailHTMLIsValidHTML5() throws {
        try HTML5Validator.validate(UnmetDetailListing(inputs: [try ReportInput(plan: Fixture.weekOnePlan, roster: Fixture.weekOne)]).html())
    }

    @Test(arguments: 0..<3)
    func htmlIsSelfContained(index: Int) throws {
        let html = try Self.report(index).html()
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("<img"))
        #expect(!html.lowercased().contains("<link"))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        let addresses = html.components(separatedBy: "http").dropFirst().map { "http" + $0.prefix(40) }
        #expect(addresses.allSatisfy { $0.hasPrefix("http://www.w3.org/2000/svg") }, "\(addresses)")
        #expect(html.contains("@media print"))
    }

    @Test func everyChartHasItsTable() throws {
        let html = try Self.report(1).html()
        // Every chart is followed, within its section, by a table.
        for section in html.components(separatedBy: "<section").dropFirst() {
            let body = section.components(separatedBy: "</section>")[0]
            guard let lastFigure = body.range(of: "</figure>", options: .backwards) else { continue }
            #expect(body[lastFigure.upperBound...].contains("<table>"), "a chart without a table: \(body.prefix(60))")
        }
        #expect(html.contains("<section id=\"trend\">"))
        #expect(html.contains("<polyline"))
    }

    @Test(arguments: 0..<3)
    func noHearingIDInAnyFormat(index: Int) throws {
        let report = try Self.report(index)
        let texts = [String(decoding: try report.json(), as: UTF8.self), report.csv(), report.markdown(), report.html()]
        for id in Fixture.hearingIDs {
            #expect(!texts.contains { $0.contains(id) }, "\(id)")
        }
    }

    @Test func theDetailListingSaysWhatItIs() throws {
        let listing = UnmetDetailListing(inputs: [try ReportInput(plan: Fixture.weekOnePlan, roster: Fixture.weekOne)])
        #expect(listing.lines.count == Fixture.weekOnePlan.unmetPreferences.count)
        #expect(listing.markdown().contains(UnmetDetailListing.notice))
        #expect(listing.csv().hasPrefix("# " + UnmetDetailListing.notice))
        #expect(listing.html().contains(UnmetDetailListing.notice))
        #expect(String(decoding: try listing.json(), as: UTF8.self).contains("\"notice\""))
        #expect(listing.markdown().contains("H-A10"))
    }

    @Test func groupingsThatNeedTheRosterSaySo() throws {
        let input = try ReportInput(plan: Fixture.weekOnePlan, roster: nil)
        for dimension in ReportDimension.allCases where dimension.needsRoster {
            do {
                _ = try FulfilmentReport(inputs: [input], groupBy: [dimension])
                Issue.record("\(dimension) without a roster")
            } catch let error as ReportError {
                #expect(error.code == .needsRoster)
                #expect(error.description.contains("--roster"))
            }
        }
        #expect(throws: Never.self) { try FulfilmentReport(inputs: [input], groupBy: [.week, .location, .role]) }
    }

    @Test func aRosterThatIsNotThePlansIsRefused() throws {
        #expect(throws: ReportError.self) { try ReportInput(plan: Fixture.weekOnePlan, roster: Fixture.weekTwo) }
        #expect(throws: ReportError.self) { try ReportInput.pair(plans: [Fixture.weekOnePlan], rosters: [Fixture.weekTwo]) }
        var changed = Fixture.weekOne
        changed.hearings[0].interpreterGender = nil
        #expect(throws: ReportError.self) { try ReportInput(plan: Fixture.weekOnePlan, roster: changed) }
    }

    @Test func aHearingHeldInTwoPlansIsRefused() throws {
        let inputs = [try ReportInput(plan: Fixture.weekOnePlan, roster: nil), try ReportInput(plan: Fixture.weekOnePlan, roster: nil)]
        #expect(throws: ReportError.self) { try FulfilmentReport(inputs: inputs) }
    }

    @Test func groupByParsing() throws {
        #expect(try ReportDimension.list("week, language,week") == [.week, .language])
        #expect(throws: ReportError.self) { try ReportDimension.list("weeks") }
    }
}

/// Splits one CSV line (RFC 4180 quoting).
enum CSVLine {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; if next == "," { fields.append(current); current = "" } else { current.append(next) } }
                    } else { quoted = false }
                } else { current.append(character) }
            } else if character == "\"" { quoted = true
            } else if character == "," { fields.append(current); current = ""
            } else { current.append(character) }
        }
        fields.append(current)
        return fields
    }
}
