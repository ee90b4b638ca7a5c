import Foundation
import Testing

@Suite("Workbooks on the command line: template, convert, validate, plan and export")
struct WorkbookCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sample = root.appendingPathComponent("data/sample/roster.json").path

    static func fixture(_ name: String) -> String {
        root.appendingPathComponent("Tests/WorkbooksTests/Fixtures/\(name)").path
    }

    /// Two JSON files hold the same document, whatever the order of their keys.
    static func sameJSON(_ a: URL, _ b: URL) throws -> Bool {
        let first = try #require(FileManager.default.contents(atPath: a.path))
        let second = try #require(FileManager.default.contents(atPath: b.path))
        let left = try JSONSerialization.jsonObject(with: first) as? NSDictionary
        let right = try JSONSerialization.jsonObject(with: second) as? NSDictionary
        return left != nil && left == right
    }

    @Test("The template validates; a roster goes to a workbook and back, and to a CSV folder, unchanged")
    func templateAndConvert() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let template = try await binary.run(["template", "-o", "roster.xlsx", "--start", "2026-12-07"], in: folder)
            #expect(template.status == 0, "\(template.standardError)")
            let validate = try await binary.run(["validate", "roster.xlsx"], in: folder)
            #expect(validate.status == 0, "\(validate.standardError)")
            #expect(validate.standardOutput.contains("Hearings 1"))

            for step in [[Self.sample, "sample.xlsx"], ["sample.xlsx", "back.json"], ["sample.xlsx", "folder"], ["folder", "again.json"]] {
                let run = try await binary.run(["convert"] + step, in: folder)
                #expect(run.status == 0, "convert \(step): \(run.standardError)")
            }
            let original = URL(fileURLWithPath: Self.sample)
            #expect(try Self.sameJSON(original, folder.appendingPathComponent("back.json")))
            #expect(try Self.sameJSON(original, folder.appendingPathComponent("again.json")))
        }
    }

    @Test("Errors are printed by sheet and cell, in the order of the workbook")
    func errorsByCell() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let run = try await binary.run(["validate", Self.fixture("wrong-cell-type.xlsx")], in: folder)
            #expect(run.status == 2)
            #expect(run.errorLines.map { $0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces) } == ["hearings!D2", "locations!C2"])
        }
    }

    @Test("A zip bomb is refused with what it is, and nothing is written", arguments: [
        ["validate", "BOMB"], ["convert", "BOMB", "out.json"], ["plan", "BOMB", "-o", "plan.json"],
    ])
    func zipBombWritesNothing(arguments: [String]) async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let run = try await binary.run(arguments.map { $0 == "BOMB" ? Self.fixture("bomb.xlsx") : $0 }, in: folder)
            #expect(run.status == 2)
            #expect(run.standardError.contains("bomb.xlsx: the part xl/worksheets/sheet1.xml would unpack to"))
            #expect(folder.entries == [])
        }
    }

    @Test("A plan exported as a workbook and as CSV, in Dutch and English")
    func export() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            try #require(try await binary.run(["convert", Self.sample, "roster.xlsx"], in: folder).status == 0)
            let plan = try await binary.run(["plan", "roster.xlsx", "-o", "plan.json", "--time-limit", "20"], in: folder)
            try #require(plan.status == 0, "\(plan.standardError)")
            let xlsx = try await binary.run(["export", "plan.json", "--roster", "roster.xlsx", "--format", "xlsx", "-o", "plan.xlsx"], in: folder)
            #expect(xlsx.status == 0, "\(xlsx.standardError)")
            #expect(folder.appendingPathComponent("plan.xlsx").bytes?.starts(with: [0x50, 0x4B, 0x03, 0x04]) == true)
            let csv = try await binary.run(["export", "plan.json", "--roster", Self.sample, "--format", "csv", "--lang", "en", "-o", "plan-csv"], in: folder)
            #expect(csv.status == 0, "\(csv.standardError)")
            let files = folder.appendingPathComponent("plan-csv").entries
            #expect(files.contains("hearings.csv") && files.contains("not-held.csv") && files.contains("location-TA.csv"))

            try #require(try await binary.run(["template", "-o", "other.xlsx"], in: folder).status == 0)
            let wrong = try await binary.run(["export", "plan.json", "--roster", "other.xlsx", "-o", "wrong.xlsx"], in: folder)
            #expect(wrong.status != 0)
            #expect(wrong.standardError.contains("does not belong to the plan"))
            #expect(!folder.appendingPathComponent("wrong.xlsx").exists)
        }
    }
}
