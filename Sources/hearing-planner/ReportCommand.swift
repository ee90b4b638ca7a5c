import ArgumentParser
import Foundation
import PlannerModel
import Reports

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report how often preferences for an interpreter or officer of a sex were met, for whom, and why not.",
        discussion: """
            Reads one plan or several (one per week) and, with --roster, the roster each was made from \
            (matched by the hearings they name). No hearing id and no group with fewer than --min-cell \
            preference requests is shown as a number. --detail writes instead the listing of unmet \
            preferences with their hearing ids, for planners only. See docs/reports.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, json, csv, md
    }

    @Argument(help: "The plans (plan@1 JSON), one per week.")
    var plans: [String]

    @Option(name: .long, help: "The roster a plan was made from (JSON file or CSV folder); repeat for several weeks.")
    var roster: [String] = []

    @Option(help: "html, json, csv or md (default: from the output file's extension, else md).")
    var format: Format?

    @Option(help: "Comma-separated breakdowns: week, language, location, priority, kind, role, sex. Language, priority, kind and sex need --roster.")
    var groupBy: String?

    @Option(help: "Groups with fewer preference requests than this show no numbers.")
    var minCell: Int = FulfilmentReport.defaultMinCell

    @Flag(help: "Write the listing of unmet preferences with hearing ids and reasons, for planners (not for publication).")
    var detail = false

    @Option(name: .shortAndLong, help: "Write to this file; standard output otherwise.")
    var output: String?

    func validate() throws {
        if plans.isEmpty { throw ValidationError("Give at least one plan.") }
        if minCell < 1 { throw ValidationError("--min-cell must be 1 or more.") }
        if let groupBy {
            do { _ = try ReportDimension.list(groupBy) } catch let error as ReportError { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        let plans = try self.plans.map(PlanFile.read)
        let rosters = try roster.map(RosterLoader.read)
        let chosen = format ?? output.flatMap { Format(rawValue: (($0 as NSString).pathExtension).lowercased()) }
            ?? .md
        let text: String
        do {
            let inputs = try ReportInput.pair(plans: plans, rosters: rosters)
            if detail {
                let listing = UnmetDetailListing(inputs: inputs)
                switch chosen {
                case .html: text = listing.html()
                case .json: text = String(decoding: try listing.json(), as: UTF8.self)
                case .csv: text = listing.csv()
                case .md: text = listing.markdown()
                }
            } else {
                let dimensions = try groupBy.map(ReportDimension.list)
                let report = try FulfilmentReport(inputs: inputs, groupBy: dimensions, minCell: minCell)
                switch chosen {
                case .html: text = report.html()
                case .json: text = String(decoding: try report.json(), as: UTF8.self)
                case .csv: text = report.csv()
                case .md: text = report.markdown()
                }
            }
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

/// Reads plan@1 files.
enum PlanFile {
    static func read(_ path: String) throws -> Plan {
        let bytes = try RosterFiles.bytes(of: path)
        do {
            return try JSONDecoder().decode(Plan.self, from: Data(bytes))
        } catch {
            throw ValidationError("\(path) is not a plan (plan@1 JSON): \(error.localizedDescription)")
        }
    }
}

/// Reads a roster for a report or a calendar: it must be valid, as the planner required.
enum RosterLoader {
    static func read(_ path: String) throws -> Roster {
        let checked = try RosterFiles.read(path).checked()
        guard let roster = checked.roster else {
            report(checked.diagnostics)
            throw ValidationError("\(path) has \(checked.errors.count) error(s); a report needs the valid roster the plan was made from.")
        }
        return roster
    }
}
