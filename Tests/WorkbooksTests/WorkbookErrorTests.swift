import PlannerModel
import Testing

@testable import Workbooks

/// A committed workbook (Fixtures/, made by Scripts/make_fixtures.py with openpyxl) and the one
/// error that must come of it.
struct BadWorkbook: Sendable, CustomTestStringConvertible {
    var file: String
    var places: [String]
    var fragment: String

    var testDescription: String { file }
}

@Suite("Workbooks that cannot be read, and rosters with one error")
struct WorkbookErrorTests {
    static let cases: [BadWorkbook] = [
        BadWorkbook(file: "wrong-cell-type.xlsx", places: ["locations!C2", "hearings!D2"], fragment: "is a number, not a date"),
        BadWorkbook(file: "missing-sheet.xlsx", places: ["officers"], fragment: "this sheet is missing"),
        BadWorkbook(file: "merged-header.xlsx", places: ["hearings!A1", "hearings!A1"], fragment: "the cells A1:B1 are merged"),
        BadWorkbook(file: "empty-row.xlsx", places: ["hearings!E4"], fragment: "latest: 'tomorrow' is not a date"),
        BadWorkbook(file: "before-1900.xlsx", places: ["hearings!D2"], fragment: "a date before 1 January 1900"),
        BadWorkbook(file: "renamed-csv.xlsx", places: ["roster.xlsx"], fragment: "a CSV file renamed to .xlsx"),
        BadWorkbook(file: "old-format.xls.xlsx", places: ["roster.xlsx"], fragment: "old Excel 97-2003 workbook (.xls)"),
        BadWorkbook(file: "cut-short.xlsx", places: ["roster.xlsx"], fragment: "cannot be read as one"),
        BadWorkbook(file: "doctype.xlsx", places: ["roster.xlsx"], fragment: "declares a document type"),
        BadWorkbook(file: "bomb.xlsx", places: ["roster.xlsx"], fragment: "as a zip bomb does"),
        BadWorkbook(file: "bomb-lying.xlsx", places: ["roster.xlsx"], fragment: "unpacks to more than"),
        BadWorkbook(file: "bomb-declared.xlsx", places: ["roster.xlsx"], fragment: "unpacks to more than 256 MiB"),
    ]

    @Test(arguments: cases)
    func eachProblemIsReportedAtItsPlace(bad: BadWorkbook) throws {
        let checked = RosterWorkbook.read(try TestWorkbook.fixture(bad.file), source: "roster.xlsx").checked()
        #expect(checked.roster == nil)
        #expect(checked.errors.map(\.place) == bad.places, "\(checked.errors)")
        #expect(checked.errors.contains { $0.message.contains(bad.fragment) }, "\(checked.errors)")
    }

    @Test("The fixtures' roster is valid: each error above comes of its one defect")
    func theBaseIsValid() throws {
        let checked = RosterWorkbook.read(try TestWorkbook.fixture("valid.xlsx")).checked()
        #expect(checked.errors == [])
        #expect(checked.roster?.hearings.map(\.id) == ["H-1", "H-2"])
        #expect(checked.roster?.interpreters.first?.remote == true)
    }

    @Test("A zip bomb is refused by its declared sizes before it is unpacked")
    func bombIsRefusedBeforeUnpacking() throws {
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: WorkbookError.self) { try SpreadsheetFile(try TestWorkbook.fixture("bomb.xlsx")) }
        // Unpacking 64 MiB of the part would take far longer than the refusal does.
        #expect(clock.now - started < .seconds(2))
    }

    @Test("A part that unpacks past what the zip declares is stopped while unpacking")
    func lyingDirectoryIsCaught() throws {
        var file = try SpreadsheetFile(try TestWorkbook.fixture("bomb-lying.xlsx"))
        let hearings = try #require(file.sheets.first { $0.name == "horizon" })
        do {
            _ = try file.table(named: hearings.name)
            Issue.record("the lying part was read")
        } catch {
            #expect(error.code == .tooLarge)
        }
    }

    @Test("Limits can be set lower; a normal workbook passes the standard ones")
    func limits() throws {
        let valid = try TestWorkbook.fixture("valid.xlsx")
        #expect(throws: Never.self) { try SpreadsheetFile(valid) }
        let tight = WorkbookLimits(maxEntries: 3, maxPartBytes: 1 << 20, maxTotalBytes: 1 << 20, maxRatio: 100, ratioFloorBytes: 1 << 20)
        #expect(throws: WorkbookError.self) { try SpreadsheetFile(valid, limits: tight) }
    }
}
