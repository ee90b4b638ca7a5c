import PlannerModel
import TestSupport

/// A date literal of a test; a typo is a bug in the test itself.
func day(_ text: String) -> Day {
    guard let day = Day(text) else { preconditionFailure("'\(text)' is not a date") }
    return day
}

/// Slot literals such as `"2026-12-07/AM"`.
func slots(_ names: String...) -> [SlotName] {
    names.map { name in
        guard let slot = SlotName(name) else { preconditionFailure("'\(name)' is not a slot") }
        return slot
    }
}

/// Matches the slot written `text`, e.g. `"2026-12-07/AM"`.
func named(_ text: String) -> (SlotName) -> Bool {
    { $0.description == text }
}

/// An `unscheduled` entry whose reason does not matter to the checker.
func unscheduledEntry(_ hearing: String) -> Unscheduled {
    Unscheduled(hearing: hearing, deadlineInHorizon: false, reason: Reason(code: .deferred, detail: ""))
}

extension Roster {
    mutating func editHearing(_ id: String, _ edit: (inout Hearing) -> Void) {
        guard let index = hearings.firstIndex(where: { $0.id == id }) else { preconditionFailure("no hearing \(id)") }
        edit(&hearings[index])
    }

    mutating func editInterpreter(_ id: String, _ edit: (inout Interpreter) -> Void) {
        guard let index = interpreters.firstIndex(where: { $0.id == id }) else {
            preconditionFailure("no interpreter \(id)")
        }
        edit(&interpreters[index])
    }

    mutating func editOfficer(_ id: String, _ edit: (inout Officer) -> Void) {
        guard let index = officers.firstIndex(where: { $0.id == id }) else { preconditionFailure("no officer \(id)") }
        edit(&officers[index])
    }

    mutating func editLocation(_ id: String, _ edit: (inout Location) -> Void) {
        guard let index = locations.firstIndex(where: { $0.id == id }) else { preconditionFailure("no location \(id)") }
        edit(&locations[index])
    }
}

extension Plan {
    mutating func editAssignment(_ hearing: String, _ edit: (inout Assignment) -> Void) {
        guard let index = assignments.firstIndex(where: { $0.hearing == hearing }) else {
            preconditionFailure("\(hearing) is not held")
        }
        edit(&assignments[index])
    }

    func assignment(_ hearing: String) -> Assignment? {
        assignments.first { $0.hearing == hearing }
    }
}

extension Array where Element == HearingChoice {
    /// Holds `hearing` as placed, replacing whatever was chosen for it.
    mutating func hold(_ hearing: String, _ placement: HearingChoice.Placement) {
        guard let index = firstIndex(where: { $0.hearing == hearing }) else {
            preconditionFailure("no choice for \(hearing)")
        }
        self[index].placement = placement
    }

    mutating func editPlacement(_ hearing: String, _ edit: (inout HearingChoice.Placement) -> Void) {
        guard let index = firstIndex(where: { $0.hearing == hearing }), var placement = self[index].placement else {
            preconditionFailure("\(hearing) is not held")
        }
        edit(&placement)
        self[index].placement = placement
    }

    func placement(_ hearing: String) -> HearingChoice.Placement? {
        first { $0.hearing == hearing }?.placement
    }
}

/// The usual two-day horizon of the fixtures: Monday 2026-12-07 and Tuesday 2026-12-08.
let monTue = Horizon(start: day("2026-12-07"), end: day("2026-12-08"))
let allMonTue = slots("2026-12-07/AM", "2026-12-07/PM", "2026-12-08/AM", "2026-12-08/PM")
