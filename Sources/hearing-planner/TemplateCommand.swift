import ArgumentParser
import Foundation
import Localization
import PlannerModel
import Workbooks

struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an empty roster workbook (.xlsx) to fill in.",
        discussion: """
            A sheet per part of the roster with its column names, one example row each, drop-down \
            lists for the closed values (sex, preference, priority, day part, yes/no), and an \
            explanation sheet in Dutch and English. docs/formats-xlsx.md says more.
            """)

    @Option(name: .shortAndLong, help: "The workbook to write (.xlsx).")
    var output: String

    @Option(help: "The first day of the example horizon (YYYY-MM-DD); the coming Monday by default.")
    var start: String?

    @Option(help: "The language of the explanation sheet's name and the prompts: nl or en.")
    var lang: Language = .default

    func validate() throws {
        if let start, Day(start) == nil { throw ValidationError("--start must be a date written YYYY-MM-DD.") }
        guard RosterFiles.isWorkbookPath(output) else { throw ValidationError("The template is a workbook: name it ending in .xlsx.") }
    }

    func run() throws {
        let first = start.flatMap(Day.init) ?? Self.comingMonday(after: Date())
        let bytes: [UInt8]
        do {
            bytes = try XLSXWriter.bytes(of: try RosterDocument.template(start: first, language: lang))
        } catch {
            throw ValidationError("The template cannot be written: \(error)")
        }
        try RosterFiles.write(bytes, to: output)
        print("Wrote the roster template \(output).")
    }

    /// The next Monday after `now`'s date in the Netherlands.
    static func comingMonday(after now: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: Horizon.defaultTimeZone) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        let today = Day(year: parts.year ?? 2026, month: parts.month ?? 1, day: parts.day ?? 1) ?? Day(ordinal: 0)
        return today.adding(days: 8 - today.weekday)
    }
}
