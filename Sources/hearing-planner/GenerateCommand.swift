import ArgumentParser
import Foundation
import PlannerModel
import SyntheticRosters

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic roster that looks like a Dutch asylum week (for tests, demos and benchmarks).",
        discussion: "The same options and seed give the same roster, byte for byte. See docs/generator.md.")

    @Option(help: "How many hearings in the queue.")
    var hearings: Int

    @Option(help: "How many ISO weeks the horizon spans.")
    var weeks = 1

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "How many locations.")
    var locations = 4

    @Option(help: "The Monday the horizon starts (YYYY-MM-DD).")
    var start: String?

    @Option(help: "The share of hearings a planner has fixed (0 to 1).")
    var fixedShare = 0.0

    @Option(name: .shortAndLong, help: "Write to this file (JSON) or folder (CSV, when --csv is given); standard output otherwise.")
    var output: String?

    @Flag(help: "Write a CSV folder instead of a JSON file (needs --output).")
    var csv = false

    func validate() throws {
        guard hearings >= 0 else { throw ValidationError("--hearings must be 0 or more.") }
        guard weeks >= 1, weeks <= 52 else { throw ValidationError("--weeks must be between 1 and 52.") }
        guard locations >= 1 else { throw ValidationError("--locations must be at least 1.") }
        guard (0...1).contains(fixedShare) else { throw ValidationError("--fixed-share must be between 0 and 1.") }
        if let start, Day(start) == nil { throw ValidationError("--start must be a date written YYYY-MM-DD.") }
        if csv && output == nil { throw ValidationError("--csv needs --output FOLDER.") }
    }

    func run() throws {
        let roster = RosterGenerator(
            hearings: hearings, weeks: weeks, seed: seed, locations: locations, start: start.flatMap(Day.init),
            fixedShare: fixedShare
        ).generate()
        if csv, let output {
            try RosterFiles.writeFolder(try RosterCSV.write(roster), to: output)
        } else if let output {
            try RosterFiles.write(try RosterJSON.write(roster), to: output)
        } else {
            FileHandle.standardOutput.write(Data(try RosterJSON.write(roster)))
        }
    }
}
