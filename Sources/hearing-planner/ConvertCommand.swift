import ArgumentParser
import Foundation
import PlannerModel

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a roster between a JSON file and a CSV folder.",
        discussion: """
            A JSON file becomes a CSV folder (OUT is a folder), and a CSV folder becomes a JSON file. \
            The roster is validated first; if it has an error, every error is shown and nothing is written.
            """)

    @Argument(help: "The roster to read: a JSON file or a CSV folder.")
    var input: String

    @Argument(help: "Where to write: a folder when the input is JSON, a .json file when it is a CSV folder.")
    var output: String

    func run() throws {
        var isDirectory: ObjCBool = false
        let inputIsFolder = FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) && isDirectory.boolValue
        let checked = try RosterFiles.read(input).checked()
        report(checked.diagnostics)
        guard let roster = checked.roster else {
            printError("\(checked.errors.count) error(s): nothing was written.")
            throw ExitCodes.invalidRoster
        }
        if inputIsFolder {
            try RosterFiles.write(try RosterJSON.write(roster), to: output)
            print("Wrote the JSON roster \(output).")
        } else {
            let files: [String: [UInt8]]
            do {
                files = try RosterCSV.write(roster)
            } catch {
                throw ValidationError("The roster cannot be written as CSV: \(error)")
            }
            try RosterFiles.writeFolder(files, to: output)
            print("Wrote the CSV folder \(output) (\(files.count) files).")
        }
    }
}
