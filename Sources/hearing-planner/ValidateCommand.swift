import ArgumentParser
import Foundation
import PlannerModel

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a roster and print what a planner needs to know before planning.",
        discussion: """
            Reports every problem at once, each with its place (a JSON path with line and column, \
            or file:line:column in a CSV folder). Exits 2 when there is an error; warnings do not fail.
            """)

    @Argument(help: "A roster: a JSON file or a CSV folder.")
    var roster: String

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        let checked = try RosterFiles.read(roster).checked()
        report(checked.diagnostics)
        guard let valid = checked.roster else {
            printError("\(checked.errors.count) error(s), \(checked.warnings.count) warning(s): the roster cannot be planned until the errors are fixed.")
            throw ExitCodes.invalidRoster
        }
        let summary = RosterSummary(valid)
        if json {
            FileHandle.standardOutput.write(Data(try JSONOutput.encode(summary)))
        } else {
            print(summary.text)
            if !checked.warnings.isEmpty { print("\n\(checked.warnings.count) warning(s), no errors.") }
        }
    }
}
