import Foundation
import PlannerModel

/// The pre-planning summary as a planner reads it: the week's size, and per language the
/// requests for an interpreter of each sex against the day parts such interpreters are available,
/// with the shortages named in words (not only by colour).
struct SummaryView {
    let display: Display
    let summary: RosterSummary

    func page() -> [String: Any] {
        let facts: [[String: String]] = [
            ["label": display.text("summary.horizon"), "value": display.text("overview.horizon", [
                "start": display.day(summary.start), "end": display.day(summary.end),
            ])],
            ["label": display.text("summary.workingDays"), "value": String(summary.workingDays)],
            ["label": display.text("summary.locations"), "value": String(summary.locations)],
            ["label": display.text("summary.hearings"), "value": String(summary.hearings)],
            ["label": display.text("summary.deadlines"), "value": String(summary.hearingsWithDeadlineInHorizon)],
            ["label": display.text("summary.overdue"), "value": String(summary.overdueHearings)],
            ["label": display.text("summary.fixed"), "value": String(summary.fixedHearings)],
            ["label": display.text("summary.high"), "value": String(summary.highPriority)],
            ["label": display.text("summary.preferences"), "value": display.text("summary.preferencesValue", [
                "interpreter": String(summary.interpreterPreferences), "officer": String(summary.officerPreferences),
            ])],
            ["label": display.text("summary.interpreters"), "value": String(summary.interpreters)],
            ["label": display.text("summary.officers"), "value": String(summary.officers)],
        ]
        let lines = summary.languages.map { line -> [String: Any] in
            let femaleSlots = line.availableSlots["female"] ?? 0, maleSlots = line.availableSlots["male"] ?? 0
            var shortages: [String] = []
            if line.askFemaleInterpreter > femaleSlots {
                shortages.append(display.text("summary.shortage", ["sex": display.gender("female")]))
            }
            if line.askMaleInterpreter > maleSlots {
                shortages.append(display.text("summary.shortage", ["sex": display.gender("male")]))
            }
            return [
                "language": display.language(line.language), "code": line.language,
                "hearings": line.hearings, "parts": line.hearingSlots,
                "askFemale": line.askFemaleInterpreter, "askMale": line.askMaleInterpreter,
                "female": line.interpreters["female"] ?? 0, "male": line.interpreters["male"] ?? 0,
                "femaleSlots": femaleSlots, "maleSlots": maleSlots,
                "shortage": shortages.joined(separator: "; "), "isShort": !shortages.isEmpty,
            ]
        }
        let short = lines.filter { $0["isShort"] as? Bool == true }.count
        return [
            "facts": facts, "languages": lines,
            "shortages": display.catalogue.text("summary.shortages", count: short),
        ]
    }
}
