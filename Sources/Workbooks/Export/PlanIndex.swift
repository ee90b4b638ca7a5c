import Localization
import PlannerModel

/// The plan and its roster looked up by id, the assignments in the order people read them.
struct PlanIndex {
    let hearings: [String: Hearing]
    /// The sex of each interpreter and officer.
    let genders: [String: Gender]
    let locations: [Location]
    /// Assignments by date, then day part in the horizon's order, then hearing id.
    let assignments: [Assignment]
    let preferenceCounts: (requested: Int, met: Int)
    private let partOrder: [String: Int]

    init(plan: Plan, roster: Roster) {
        hearings = Dictionary(roster.hearings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        genders = Dictionary(
            roster.interpreters.map { ($0.id, $0.gender) } + roster.officers.map { ($0.id, $0.gender) },
            uniquingKeysWith: { first, _ in first })
        let partOrder = Dictionary(roster.horizon.slots.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        self.partOrder = partOrder
        assignments = plan.assignments.sorted {
            ($0.date, partOrder[$0.slot] ?? Int.max, $0.hearing) < ($1.date, partOrder[$1.slot] ?? Int.max, $1.hearing)
        }
        var counts = (requested: 0, met: 0)
        for assignment in plan.assignments {
            for state in [assignment.interpreterPreference, assignment.officerPreference] where state != .none {
                counts.requested += 1
                if state == .met { counts.met += 1 }
            }
        }
        preferenceCounts = counts
        // The roster's locations in its order, and any location only the plan names after them.
        var locations = roster.locations
        let known = Set(locations.map(\.id))
        for id in Set(plan.assignments.map(\.location)).subtracting(known).sorted() {
            locations.append(Location(id: id, name: nil, rooms: nil))
        }
        self.locations = locations
    }

    /// The day parts of an assignment on its date, in the horizon's order: `ochtend + middag`.
    func dayParts(of assignment: Assignment, catalogue: Catalogue) -> String {
        let parts = assignment.slots.filter { $0.date == assignment.date }.map(\.part)
        let shown = parts.isEmpty ? [assignment.slot] : parts.sorted { (partOrder[$0] ?? .max) < (partOrder[$1] ?? .max) }
        return shown.map(catalogue.dayPart).joined(separator: " + ")
    }
}

extension PlanExport {
    /// A preference as people read it: "vrouw: gehonoreerd", "vrouw: niet gehonoreerd (man)",
    /// empty when none was asked.
    func preferenceText(
        _ state: PreferenceState, requested: GenderPreference?, assigned: Gender?
    ) -> SheetDocument.Cell {
        guard state != .none, let requested else { return .text("") }
        var values = ["requested": catalogue.gender(requested.rawValue), "state": catalogue.preference(state)]
        if state == .unmet, let assigned {
            values["assigned"] = catalogue.gender(assigned.rawValue)
            return .text(catalogue.text("export.preference.unmet", values), .attention)
        }
        return .text(catalogue.text("export.preference.state", values))
    }

    func yesNo(_ flag: Bool) -> String { catalogue.text(flag ? "export.yes" : "export.no") }

    /// A header row of cells.
    func header(_ keys: [String]) -> [SheetDocument.Cell] {
        keys.map { .text(catalogue.text("export.column.\($0)"), .header) }
    }

    /// A list sheet: a title row, a header row frozen with it and printed on every page, a filter,
    /// landscape and one page wide.
    func listSheet(
        _ name: String, title: String, columns: [(key: String, width: Double)], names: inout SheetNames
    ) -> SheetDocument.Sheet {
        var sheet = SheetDocument.Sheet(name: names.name(name))
        sheet.append([.text(title, .title)])
        sheet.append(header(columns.map(\.key)))
        sheet.columnWidths = columns.map(\.width)
        sheet.frozenRows = 2
        sheet.filterRow = 1
        sheet.page.isLandscape = true
        sheet.page.repeatedRows = 2
        sheet.page.header = catalogue.text("export.title")
        return sheet
    }
}
