import ArgumentParser
import Foundation
import Localization
import PlannerModel
import Workbooks

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a roster between a JSON file, a CSV folder and an .xlsx workbook.",
        discussion: """
            OUT ending in .xlsx is written as a workbook, OUT ending in .json as a JSON file, and any \
            other OUT as a CSV folder; a CSV folder given without either ending becomes JSON. The \
            roster is validated first; if it has an error, every error is shown and nothing is written.
            """)

    @Argument(help: "The roster to read: a JSON file, a CSV folder or an .xlsx workbook.")
    var input: String

    @Argument(help: "Where to write: an .xlsx workbook, a .json file, or a folder of CSV files.")
    var output: String

    @Option(help: "The language of a workbook's explanation sheet and prompts: nl or en.")
    var lang: Language = .default

    enum Form {
        case json, folder, workbook
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        let inputIsFolder = FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) && isDirectory.boolValue
        let checked = try RosterFiles.read(input).checked()
        report(checked.diagnostics)
        guard let roster = checked.roster else {
            printError("\(checked.errors.count) error(s): nothing was written.")
            throw ExitCodes.invalidRoster
        }
        switch Self.form(of: output, inputIsFolder: inputIsFolder) {
        case .json:
            try RosterFiles.write(try RosterJSON.write(roster), to: output)
            print("Wrote the JSON roster \(output).")
        case .workbook:
            let bytes: [UInt8]
            do {
                bytes = try XLSXWriter.bytes(of: try RosterDocument.workbook(roster, language: lang))
            } catch {
                throw ValidationError("The roster cannot be written as a workbook: \(error)")
            }
            try RosterFiles.write(bytes, to: output)
            print("Wrote the workbook \(output).")
        case .folder:
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

    static func form(of output: String, inputIsFolder: Bool) -> Form {
        if RosterFiles.isWorkbookPath(output) { return .workbook }
        if (output as NSString).pathExtension.lowercased() == "json" || inputIsFolder { return .json }
        return .folder
    }
}
