import Foundation
import PlannerModel

/// What changed in a plan version, as people are told it: per person the hearings they gain,
/// lose, or that move, in sentences; per hearing before and after.
struct ChangesView {
    let display: Display
    let roster: Roster
    let diff: PlanDiff

    private var locations: [String: String] {
        Dictionary(roster.hearings.map { ($0.id, $0.location) }, uniquingKeysWith: { a, _ in a })
    }

    func people() -> [[String: Any]] {
        diff.people.map { person in
            [
                "id": person.person, "href": ConsoleCore.personPath(person.person), "role": display.role(person.role),
                "lines": lines(person).map(\.text),
            ]
        }
    }

    func hearings() -> [[String: Any]] {
        diff.changes.map { change in
            [
                "hearing": change.hearing, "href": ConsoleCore.hearingPath(change.hearing),
                "before": change.before.map(placement) ?? display.text("changes.none"),
                "after": change.after.map(placement) ?? display.text("changes.dropped"),
                "forced": change.forced ? display.text("changes.forced") : "",
            ]
        }
    }

    /// One row per thing to tell, with the same sentences as the page.
    func csv() -> String {
        let header = ["person", "role", "change", "hearing", "text"].map { display.text("changes.csv.\($0)") }
        var rows = [header]
        for person in diff.people {
            for line in lines(person) {
                rows.append([person.person, display.role(person.role), display.text("changes.kind.\(line.kind)"), line.hearing, line.text])
            }
        }
        return CSVText.lines(rows)
    }

    private func lines(_ person: PlanDiff.PersonChanges) -> [(kind: String, hearing: String, text: String)] {
        var lines: [(String, String, String)] = []
        for change in person.gained {
            guard let after = change.after else { continue }
            lines.append(("gained", change.hearing, display.text("changes.gained", [
                "hearing": change.hearing, "when": display.slot(after.date, after.slot), "location": location(change.hearing),
            ]) + forced(change)))
        }
        for change in person.lost {
            guard let before = change.before else { continue }
            lines.append(("lost", change.hearing, display.text("changes.lost", [
                "hearing": change.hearing, "when": display.slot(before.date, before.slot),
            ]) + forced(change)))
        }
        for move in person.moved {
            lines.append(("moved", move.hearing, display.text("changes.moved", [
                "hearing": move.hearing, "from": display.slot(move.before.date, move.before.slot),
                "to": display.slot(move.after.date, move.after.slot), "location": location(move.hearing),
            ])))
        }
        return lines
    }

    private func forced(_ change: PlanChange) -> String {
        change.forced ? " " + display.text("changes.forcedNote") : ""
    }

    private func location(_ hearing: String) -> String {
        locations[hearing].map(display.location) ?? "–"
    }

    private func placement(_ placement: PlanChange.Placement) -> String {
        display.text("changes.placement", [
            "when": display.slot(placement.date, placement.slot), "interpreter": placement.interpreter, "officer": placement.officer,
        ])
    }
}

/// CSV text as spreadsheets read it: cells quoted when they must be, CRLF line ends.
enum CSVText {
    static func lines(_ rows: [[String]]) -> String {
        rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ text: String) -> String {
        // A leading =, +, - or @ would be run as a formula by a spreadsheet.
        var text = text
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
