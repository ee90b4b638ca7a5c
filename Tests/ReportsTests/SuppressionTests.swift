import Foundation
import PlannerModel
@testable import Reports
import Testing

/// A group with fewer than `minCell` requests shows no count in any format, and no hidden count can
/// be worked out from the counts that are shown.
@Suite("Suppression")
struct SuppressionTests {
    static func report() throws -> FulfilmentReport {
        try FulfilmentReport(inputs: [try ReportInput(plan: Fixture.weekOnePlan, roster: Fixture.weekOne)])
    }

    /// The fixture's French hearings make 4 requests (3 met): the group must show neither number.
    @Test func theFixtureHasAGroupOfFour() throws {
        let french = Fixture.weekOneSpecs.filter { $0.language == "fra" && $0.interpreterGender != nil && $0.interpreter != nil }
        #expect(french.count == 4)
        #expect(Fixture.weekOneSpecs.filter { $0.language == "fra" && $0.officerGender != nil }.isEmpty)
    }

    @Test func json() throws {
        let root = try JSONTree.object(try JSONTree(try Self.report().json()).root)
        let groups = try #require(root["groups"] as? [Any]).map { try JSONTree.object($0) }
        let french = try #require(groups.first { $0["by"] as? String == "language" && $0["key"] as? String == "fra" })
        for role in ["interpreter", "officer", "both"] {
            #expect(JSONTree.isSuppressed(french[role]), "fra \(role)")
        }
        #expect(Set(french.keys) == ["by", "key", "interpreter", "officer", "both"])
        let supply = try #require(root["interpreterSupply"] as? [Any]).map { try JSONTree.object($0) }
        let line = try #require(supply.first { $0["language"] as? String == "fra" })
        #expect(JSONTree.isSuppressed(try JSONTree.object(line["female"])["demand"]))
    }

    @Test func csv() throws {
        let rows = try Self.report().csv().components(separatedBy: "\r\n").filter { $0.contains(",fra,") }
        #expect(!rows.isEmpty)
        for row in rows where row.hasPrefix("fulfilment,") || (row.hasPrefix("interpreterSupply,") && row.contains(",female,")) {
            let fields = row.components(separatedBy: ",")
            let measure = fields[4]
            if row.hasPrefix("fulfilment,") { #expect(measure == "suppressed", "\(row)") }
            if measure == "requests" || measure == "requestedDayParts" { Issue.record("a count of the small group: \(row)") }
        }
    }

    @Test func markdown() throws {
        let text = try Self.report().markdown()
        let rows = text.components(separatedBy: "\n").filter { $0.hasPrefix("| fra |") }
        #expect(rows.count == 2)  // the language table and the interpreter table
        let fulfilment = try #require(rows.first)
        #expect(!fulfilment.contains { $0.isNumber }, "\(fulfilment)")
        let supply = try #require(rows.last)
        #expect(supply.components(separatedBy: "|")[2].trimmingCharacters(in: .whitespaces) == "suppressed")
    }

    @Test func html() throws {
        let text = try Self.report().html()
        let section = try #require(Self.between(text, "<section id=\"by-language\">", "</section>"))
        // The table row.
        let row = try #require(Self.between(section, "<tr><th scope=\"row\">fra</th>", "</tr>"))
        let cells = row.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        #expect(!cells.contains { $0.isNumber }, "\(cells)")
        #expect(cells.contains("suppressed"))
        // The chart: no bar and no number for the group.
        let bars = try #require(Self.between(section, "<g aria-label=\"fra\">", "</g>"))
        #expect(!bars.contains("<rect"))
        let words = bars.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        #expect(!words.contains { $0.isNumber }, "\(words)")
    }

    /// The text between the first `start` and the next `end`.
    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let from = text.range(of: start) else { return nil }
        let rest = text[from.upperBound...]
        guard let to = rest.range(of: end) else { return nil }
        return String(rest[..<to.lowerBound])
    }

    /// The 4 is not the overall minus the other groups: another language's interpreter count is hidden too.
    @Test func theFourCannotBeWorkedOut() throws {
        let report = try Self.report()
        guard case .shown(let requested, _, _, _) = report.overall.interpreter else {
            Issue.record("the overall interpreter figure should show")
            return
        }
        #expect(requested == 22)
        let languages = report.groups.filter { $0.by == .language }
        let hidden = languages.filter { $0.interpreter == .suppressed }
        #expect(hidden.count >= 2, "\(languages.map { ($0.key, $0.interpreter as Any) })")
    }

    // MARK: The algebra

    @Test func aLoneSmallGroupTakesTheNextSmallestWithIt() {
        var table = SuppressionTable()
        let cells = [3, 10, 12].map { table.add($0, cost: 0) }
        let total = table.add(25, cost: 9)
        table.relate(parts: cells, total: total)
        #expect(table.hiddenCells(minCell: 5) == [cells[0], cells[1]])
    }

    @Test func nothingSmallHidesNothing() {
        var table = SuppressionTable()
        let cells = [6, 10, 12].map { table.add($0, cost: 0) }
        table.relate(parts: cells, total: table.add(28, cost: 9))
        #expect(table.hiddenCells(minCell: 5).isEmpty)
    }

    /// Rows and columns: a hidden officer count in a row whose "both" shows must take the "both"
    /// with it, and the column another officer count.
    @Test func rowsAndColumns() {
        var table = SuppressionTable()
        var rows: [(Int, Int, Int)] = []
        for (i, o) in [(20, 2), (15, 9), (30, 12)] {
            let a = table.add(i, cost: 10)
            let b = table.add(o, cost: 10)
            let c = table.add(i + o, cost: 0)
            table.relate(parts: [a, b], total: c)
            rows.append((a, b, c))
        }
        let mi = table.add(65, cost: 30)
        let mo = table.add(23, cost: 30)
        let mb = table.add(88, cost: 20)
        table.relate(parts: [mi, mo], total: mb)
        table.relate(parts: rows.map(\.0), total: mi)
        table.relate(parts: rows.map(\.1), total: mo)
        table.relate(parts: rows.map(\.2), total: mb)
        let hidden = table.hiddenCells(minCell: 5)
        #expect(hidden.contains(rows[0].1))
        #expect(table.determined(hidden).isEmpty)
        #expect(!hidden.contains(mi) && !hidden.contains(mo) && !hidden.contains(mb), "the overall figures stay")
        // Each addition has no lone hidden term.
        for relation in table.relations {
            #expect(relation.filter { hidden.contains($0.cell) }.count != 1)
        }
    }

    @Test func determinedFindsTheDifference() {
        var table = SuppressionTable()
        let a = table.add(3, cost: 0)
        let b = table.add(10, cost: 0)
        table.relate(parts: [a, b], total: table.add(13, cost: 0))
        #expect(table.determined([a]) == [a])
        #expect(table.determined([a, b]).isEmpty)
    }

    @Test(arguments: [1, 5, 10])
    func everyShownCellHasAtLeastMinCellRequests(minCell: Int) throws {
        let report = try FulfilmentReport(inputs: [try ReportInput(plan: Fixture.weekOnePlan, roster: Fixture.weekOne)], minCell: minCell)
        let cells = [report.overall.interpreter, report.overall.officer, report.overall.both]
            + report.groups.flatMap { [$0.interpreter, $0.officer, $0.both].compactMap { $0 } }
            + report.periods.flatMap { [$0.interpreter, $0.officer, $0.both] }
        for case let .shown(requested, _, _, _) in cells { #expect(requested >= minCell) }
    }

    @Test func minCellBelowOneIsRefused() throws {
        #expect(throws: ReportError.self) {
            try FulfilmentReport(inputs: [try ReportInput(plan: Fixture.weekOnePlan, roster: Fixture.weekOne)], minCell: 0)
        }
    }
}
