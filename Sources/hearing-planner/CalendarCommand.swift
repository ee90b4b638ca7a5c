import ArgumentParser
import Foundation
import PlannerModel
import Reports

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Write one interpreter's or officer's hearings as an iCalendar (.ics) file.",
        discussion: """
            Times are in UTC, computed from the horizon's day-part times in its time zone; the local \
            times are in each event's description. Events name the hearing, the other person and the \
            place, never what the applicant asked for. DTSTAMP is --stamp, else the plan file's \
            modification time, so the same plan gives the same file.
            """)

    @Argument(help: "The plan (plan@1 JSON).")
    var plan: String

    @Option(help: "The roster the plan was made from (JSON file or CSV folder).")
    var roster: String

    @Option(help: "The interpreter's or officer's id.")
    var person: String

    @Option(help: "DTSTAMP as an ISO 8601 UTC time, e.g. 2026-12-04T16:00:00Z.")
    var stamp: String?

    @Option(name: .shortAndLong, help: "Write to this .ics file; standard output otherwise.")
    var output: String?

    func validate() throws {
        if let stamp, Self.parse(stamp) == nil { throw ValidationError("--stamp must be an ISO 8601 UTC time such as 2026-12-04T16:00:00Z.") }
    }

    static func parse(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle().parse(text)
    }

    func run() throws {
        let plan = try PlanFile.read(plan)
        let roster = try RosterLoader.read(roster)
        let modified = (try? FileManager.default.attributesOfItem(atPath: self.plan)[.modificationDate]) as? Date
        let when = stamp.flatMap(Self.parse) ?? modified ?? Date()
        let text: String
        do {
            text = try HearingCalendar(plan: plan, roster: roster, person: person, stamp: when).ics()
        } catch let error as ReportError {
            throw ValidationError(error.description)
        }
        if let output {
            try RosterFiles.write(Array(text.utf8), to: output)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
