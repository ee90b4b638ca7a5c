import ArgumentParser
import Foundation
import Localization
import PlannerModel
import Reports
import Workbooks

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a plan as sheets people read: an .xlsx workbook, or a folder of CSV files.",
        discussion: """
            The workbook has an overview, a sheet per location (each working day with its hearings by \
            day part), every hearing held in one list, the preferences not met and the hearings not \
            held with their reasons in words, after a re-plan the changes per person, and a sheet per \
            interpreter and per officer. The CSV folder holds the same sheets but those of single \
            people, separated by semicolons in Dutch and commas in English. Print-ready: column \
            widths, frozen header rows, A4 page setup.
            """)

    @Argument(help: "The plan (plan@1 JSON).")
    var plan: String

    @Option(help: "The roster the plan was made from (JSON file, CSV folder or .xlsx workbook).")
    var roster: String

    @Option(help: "xlsx (one workbook) or csv (a folder of CSV files).")
    var format: Format = .xlsx

    @Option(name: .shortAndLong, help: "The workbook or folder to write.")
    var output: String

    @Option(help: "The language of the sheets: nl or en.")
    var lang: Language = .default

    @Option(help: "The plan before a re-plan, to tell the changes per person; the plan's own changes otherwise.")
    var baseline: String?

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case xlsx, csv
    }

    func run() throws {
        let plan = try PlanFile.read(plan)
        let roster = try RosterLoader.read(roster)
        do {
            _ = try ReportInput(plan: plan, roster: roster)
        } catch let error as ReportError {
            throw ValidationError(error.description)
        }
        let export = PlanExport(plan: plan, roster: roster, language: lang, baseline: try baseline.map(PlanFile.read))
        switch format {
        case .xlsx:
            let bytes: [UInt8]
            do {
                bytes = try export.workbook()
            } catch {
                throw ValidationError("The plan cannot be written as a workbook: \(error)")
            }
            try RosterFiles.write(bytes, to: output)
            print("Wrote the workbook \(output).")
        case .csv:
            let files = export.csvFiles()
            try RosterFiles.writeFolder(files, to: output)
            print("Wrote the CSV folder \(output) (\(files.count) files).")
        }
    }
}
