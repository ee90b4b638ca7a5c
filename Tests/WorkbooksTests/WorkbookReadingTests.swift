import PlannerModel
import Testing

@testable import Workbooks

@Suite("Reading a roster workbook")
struct WorkbookReadingTests {
    static let header = TestWorkbook.row(1, ["id", "language", "location", "earliest", "latest", "interpreterGender"])

    /// The roster of a workbook whose hearings sheet is `rows` after the header.
    static func read(_ rows: String, edit: (inout TestWorkbook) -> Void = { _ in }) throws -> RosterSource {
        var workbook = TestWorkbook.roster(hearings: header + rows)
        edit(&workbook)
        return RosterWorkbook.read(try workbook.bytes(), source: "test.xlsx")
    }

    @Test("Shared strings, inline strings, formulas by their results, and dates three ways")
    func cellsOfEveryKind() throws {
        let rows = """
            <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="str"><f>"T"&amp;"A"</f><v>TA</v></c>\
            <c r="D2" s="1"><v>46357</v></c><c r="E2" t="inlineStr"><is><t>2026-12-22</t></is></c><c r="F2" t="s"><v>2</v></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><r><t>H-</t></r><r><t>2</t></r><rPh><t>x</t></rPh></is></c>\
            <c r="B3" t="inlineStr"><is><t>tir</t></is></c><c r="C3" t="inlineStr"><is><t> TA </t></is></c>\
            <c r="D3" t="d"><v>2026-12-03T00:00:00</v></c><c r="E3" s="1"><f>D3+27</f><v>46386</v></c></row>
            """
        let source = try Self.read(rows) { $0.sharedStrings = ["H-1", "tir", "female"] }
        let checked = source.checked()
        #expect(checked.errors == [])
        let hearings = try #require(checked.roster?.hearings)
        #expect(hearings.map(\.id) == ["H-1", "H-2"])
        #expect(hearings.map(\.location) == ["TA", "TA"])
        #expect(hearings.map(\.earliest.description) == ["2026-12-01", "2026-12-03"])
        #expect(hearings.map(\.latest.description) == ["2026-12-22", "2026-12-30"])
        #expect(hearings[0].interpreterGender == .female)
    }

    @Test("The 1904 date system counts from 1 January 1904")
    func dates1904() throws {
        let rows = TestWorkbook.row(2, ["H-1", "tir", "TA"]).replacingOccurrences(of: "</row>", with: "")
            + #"<c r="D2" s="1"><v>44895</v></c><c r="E2" s="1"><v>44916</v></c></row>"#
        let roster = try #require(try Self.read(rows) { $0.is1904 = true }.checked().roster)
        #expect(roster.hearings[0].earliest.description == "2026-12-01")
        #expect(roster.hearings[0].latest.description == "2026-12-22")
    }

    @Test("Each problem of a cell is named by sheet and cell, with the sentences of the CSV folder")
    func placesAreCells() throws {
        let rows = TestWorkbook.row(2, ["H-1", "tir", "TA", "2026-12-01", "2026-12-32"])
            + TestWorkbook.row(14, ["H-2", "", "TA", "2026-12-01", "2026-12-22", "woman"])
        let errors = try Self.read(rows).checked().errors
        #expect(errors.map(\.place) == ["hearings!E2", "hearings!B14", "hearings!F14"])
        #expect(errors[0].message == "latest: '2026-12-32' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-07 (format the column as text in a spreadsheet)")
        #expect(errors[1].message == "language is required but empty")
        #expect(errors[2].message == "interpreterGender: 'woman' is not one of female, male")
    }

    @Test("Cells that hold no value a roster can use are errors at the cell")
    func unusableCells() throws {
        let rows = """
            <row r="2"><c r="A2" t="e"><v>#N/A</v></c><c r="B2" t="inlineStr"><is><t>tir</t></is></c>\
            <c r="C2" t="inlineStr"><is><t>TA</t></is></c><c r="D2"><f>TODAY()</f></c><c r="E2" s="1"><v>60</v></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>H-3</t></is></c><c r="B3" t="b"><v>1</v></c>\
            <c r="C3" t="inlineStr"><is><t>TA</t></is></c><c r="D3"><v>46357</v></c><c r="E3" s="1"><v>-3</v></c></row>
            """
        let errors = try Self.read(rows).checked().errors
        #expect(errors.map(\.place) == ["hearings!A2", "hearings!D2", "hearings!E2", "hearings!D3", "hearings!E3"])
        #expect(errors[0].message.contains("shows the error #N/A"))
        #expect(errors[1].message.contains("has a formula but no saved result"))
        #expect(errors[2].message.contains("29 February 1900, a day that never was"))
        #expect(errors[3].message.contains("46357 is a number, not a date"))
        #expect(errors[4].message.contains("before 1 January 1900"))
    }

    @Test("An empty row in the middle is skipped, and the rows below keep their numbers")
    func emptyRowInTheMiddle() throws {
        let rows = TestWorkbook.row(2, ["H-1", "tir", "TA", "2026-12-01", "2026-12-22"])
            + #"<row r="3"><c r="A3" s="1"/></row>"#
            + TestWorkbook.row(5, ["H-2", "tir", "TA", "2026-12-01", "tomorrow"])
        let checked = try Self.read(rows).checked()
        #expect(checked.errors.map(\.place) == ["hearings!E5"])
        let fixed = try Self.read(rows.replacingOccurrences(of: "tomorrow", with: "2026-12-22")).checked()
        #expect(fixed.roster?.hearings.map(\.id) == ["H-1", "H-2"])
    }

    @Test("Merged cells are refused where they are")
    func mergedCells() throws {
        let rows = TestWorkbook.row(2, ["H-1", "tir", "TA", "2026-12-01", "2026-12-22"])
        let errors = try Self.read(rows) {
            $0.afterData["hearings"] = #"<mergeCells count="1"><mergeCell ref="D1:E1"/></mergeCells>"#
        }.checked().errors
        #expect(errors.first?.place == "hearings!D1")
        #expect(errors.first?.message.contains("the cells D1:E1 are merged") == true)
    }

    @Test("Sheets are found without regard to case; others are left alone unless named almost as a roster sheet")
    func otherSheets() throws {
        var workbook = TestWorkbook.roster(hearings: Self.header + TestWorkbook.row(2, ["H-1", "tir", "TA", "2026-12-01", "2026-12-22"]))
        workbook.sheets[2].name = "Hearings"
        workbook.sheets.append(("notes", TestWorkbook.row(1, ["anything"])))
        #expect(RosterWorkbook.read(try workbook.bytes()).checked().errors == [])
        workbook.sheets.append(("polcy", TestWorkbook.row(1, ["key", "value"])))
        let errors = RosterWorkbook.read(try workbook.bytes()).checked().errors
        #expect(errors.map(\.place) == ["polcy"])
        #expect(errors.first?.message.contains("did you mean \"policy\"?") == true)
    }

    @Test("A missing sheet names the sheets there are")
    func missingSheet() throws {
        var workbook = TestWorkbook.roster(hearings: Self.header)
        workbook.sheets[4].name = "Blad1"
        let errors = RosterWorkbook.read(try workbook.bytes()).checked().errors
        #expect(errors.map(\.place) == ["officers"])
        #expect(errors.first?.message.contains("its other sheets are Blad1") == true)
    }

    @Test("Spreadsheet escapes in text are read as the characters they stand for")
    func escapes() {
        #expect(SpreadsheetText.unescaped("a_x000D_b") == "a\rb")
        #expect(SpreadsheetText.unescaped("_x005F_x0041_") == "_x0041_")
        #expect(SpreadsheetText.unescaped("_xZZZZ_") == "_xZZZZ_")
    }
}
