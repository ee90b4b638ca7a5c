import ArgumentParser
import Foundation
import Planning
import PlannerModel

struct OptionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "options",
        abstract: "The ways one hearing could be held, given everybody else's assignments, best first.",
        discussion: """
            For each way (start, whether each requested preference is met, language, interpreting mode) \
            the best placement, its own score, and which other hearings would have to move or be left \
            unheld to make room, at what loss of score. Then the earliest slot at which each requested \
            preference could be met (or why it cannot be in this horizon) and a recommendation. \
            Without --all, only the ways no other way beats on score, start and preferences together \
            are listed. See docs/whatif.md.
            """)

    @Argument(help: "The plan (plan@1 JSON).")
    var plan: String

    @Option(help: "The roster the plan was made from (JSON file or CSV folder).")
    var roster: String

    @Option(help: "The hearing's id.")
    var hearing: String

    @Flag(help: "List every distinct way, not only the best ones.")
    var all = false

    @Flag(help: "Prove every option best, however long it takes (by default an option not proven best is marked).")
    var exhaustive = false

    @Flag(help: "Write the answer as JSON (options@1).")
    var json = false

    @Option(name: .shortAndLong, help: "Write to this file; standard output otherwise.")
    var output: String?

    func run() throws {
        let roster = try RosterLoader.read(self.roster)
        let plan = try PlanFile.read(self.plan)
        let answer: HearingOptions
        do {
            answer = try WhatIf.options(for: hearing, roster: roster, plan: plan, settings: exhaustive ? .exhaustive(listsAll: all) : OptionsSettings(listsAll: all))
        } catch {
            throw ValidationError(error.description)
        }
        let bytes = json ? try JSONOutput.encode(answer) : Array(OptionsText(answer: answer).text.utf8)
        if let output {
            try RosterFiles.write(bytes, to: output)
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}

/// The answer as a planner reads it on a terminal.
struct OptionsText {
    let answer: HearingOptions

    var text: String {
        var lines: [String] = []
        if let current = answer.current, let score = answer.currentScore {
            lines.append("Hearing \(answer.hearing): held on \(current.date) \(current.slot) with \(current.interpreter) and \(current.officer), score \(score.decimalText).")
        } else {
            lines.append("Hearing \(answer.hearing): not held in this plan.")
        }
        let asked = answer.preferences.map { "\($0.requested.rawValue) \($0.role.rawValue)" }
        lines.append(asked.isEmpty ? "No preference requested." : "Requested: " + asked.joined(separator: ", ") + ".")
        lines.append("")
        if answer.options.isEmpty {
            lines.append("No way to hold it in this horizon, even by moving other hearings.")
            if let reason = answer.reason { lines.append("Why: \(reason.code.rawValue): \(reason.detail)") }
        } else {
            let scope = answer.listing == .all
                ? "all \(answer.waysFound) ways" : "\(answer.options.count) of \(answer.waysFound) ways; --all lists every one"
            lines.append("Options, best first (\(scope)):")
            var table: [[String]] = [["#", "start", "interpreter", "officer", "language", "mode", "score", "moves", "value", "change", ""]]
            for (k, option) in answer.options.enumerated() {
                let moves = option.moves.isEmpty ? "none" : option.moves.map(Self.move).joined(separator: "; ")
                table.append([
                    "\(k + 1)", "\(option.spot.date) \(option.spot.slot)",
                    Self.person(option.interpreterPreference, option.spot.interpreter),
                    Self.person(option.officerPreference, option.spot.officer), option.spot.language,
                    option.spot.interpreterMode.rawValue, option.score.decimalText, moves, option.value.decimalText,
                    Self.signed(option.objectiveChange),
                    (option.isCurrent ? "current" : "") + (answer.recommended == k ? (option.isCurrent ? ", " : "") + "recommended" : "")
                        + (option.isExact ? "" : " (not proven best)"),
                ])
            }
            lines += Self.columns(table)
        }
        lines.append("")
        for outlook in answer.preferences {
            let name = "\(outlook.role == .interpreter ? "Interpreter" : "Officer") preference (\(outlook.requested.rawValue))"
            if let earliest = outlook.earliest {
                let free = outlook.earliestWithoutMoves.map { $0 == earliest ? ", without moving anyone" : "; without moving anyone from \($0.date) \($0.part)" }
                    ?? "; only by moving other hearings"
                lines.append("\(name): can be met from \(earliest.date) \(earliest.part)\(free).")
            } else if let reason = outlook.reason {
                lines.append("\(name): cannot be met in this horizon (\(reason.code.rawValue)): \(reason.detail)")
            }
        }
        if !answer.preferences.isEmpty { lines.append("") }
        lines.append("Recommendation: \(answer.recommendation)")
        return lines.joined(separator: "\n") + "\n"
    }

    static func person(_ state: PreferenceState, _ id: String) -> String {
        state == .none ? id : "\(id) (\(state.rawValue))"
    }

    static func move(_ move: HearingOptions.Move) -> String {
        guard let to = move.to else { return "\(move.hearing) left unheld (\(signed(move.scoreChange)))" }
        var changes: [String] = []
        if to.date != move.from.date || to.slot != move.from.slot { changes.append("to \(to.date) \(to.slot)") }
        var people: [String] = []
        if to.interpreter != move.from.interpreter { people.append(to.interpreter) }
        if to.officer != move.from.officer { people.append(to.officer) }
        if !people.isEmpty { changes.append("with " + people.joined(separator: " and ")) }
        if to.interpreterMode != move.from.interpreterMode { changes.append(to.interpreterMode == .remote ? "by video" : "on site") }
        return "\(move.hearing) \(changes.joined(separator: " ")) (\(signed(move.scoreChange)))"
    }

    static func signed(_ value: Double) -> String {
        value > 0 ? "+" + value.decimalText : value.decimalText
    }

    /// Left-aligned columns, two spaces apart.
    static func columns(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
