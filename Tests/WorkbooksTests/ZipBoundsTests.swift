import Foundation
import PlannerModel
import Testing
import Workbooks

/// A zip that points past its own end used to stop the process inside ZIPFoundation (found by
/// `make fuzz-smoke`, docs/reliability.md); now it is refused as a damaged workbook.
@Suite("Zip records that point past the end")
struct ZipBoundsTests {
    @Test("The fuzzer's file is refused with one error, and the process goes on")
    func pointsPastEnd() throws {
        let bytes = try TestWorkbook.fixture("points-past-end.xlsx")
        #expect(ZipBounds.problem(in: bytes) != nil)
        let checked = RosterWorkbook.read(bytes).checked()
        #expect(checked.roster == nil)
        #expect(checked.errors.count == 1)
        #expect(checked.errors.first?.message.contains("cannot be read") == true)
    }

    @Test("Committed workbooks pass the check", arguments: ["valid.xlsx", "empty-row.xlsx", "merged-header.xlsx", "bomb.xlsx"])
    func wholeFilesPass(_ name: String) throws {
        #expect(ZipBounds.problem(in: try TestWorkbook.fixture(name)) == nil)
    }

    @Test("Every way of cutting a workbook short is refused or read, never a trap")
    func everyCut() throws {
        let bytes = try TestWorkbook.fixture("valid.xlsx")
        for length in stride(from: 0, to: bytes.count, by: 7) {
            _ = RosterWorkbook.read(Array(bytes.prefix(length))).checked()
        }
        // The end record kept, with the bytes before it cut: every offset now points too far.
        let signature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
        let end = try #require((0...(bytes.count - 4)).last { Array(bytes[$0..<($0 + 4)]) == signature })
        for cut in stride(from: 1, to: end, by: 97) {
            let damaged = Array(bytes[cut...])
            #expect(RosterWorkbook.read(damaged).checked().roster == nil)
        }
    }
}
