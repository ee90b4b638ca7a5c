import Localization
import PlannerModel

/// A plan as sheets people read and print: an overview, a sheet per location (its days and day
/// parts, each hearing with language, interpreter, officer, mode and whether each preference was
/// met), every held hearing in one list, the unmet preferences and the hearings not held with their
/// reasons in words, after a re-plan the changes per person, and a sheet per interpreter and per
/// officer. Every word comes from the catalogue of `language`.
///
/// Sheets meant to be handed to one person (`person`) show no preferences: what an applicant asked
/// for is on the location and list sheets only, for the planners.
public struct PlanExport: Sendable {
    public var plan: Plan
    public var roster: Roster
    public var language: Language
    /// What changed per person, when the plan is a re-plan: against `baseline` when given, else
    /// the plan's own `changesByPerson`, else worked out from its `changes`.
    public var changes: PlanDiff?

    /// What a sheet is for, which decides whether the CSV export holds it.
    public enum SheetKind: Sendable, Equatable {
        case overview, location, list, person
    }

    public init(plan: Plan, roster: Roster, language: Language = .default, baseline: Plan? = nil) {
        self.plan = plan
        self.roster = roster
        self.language = language
        if let baseline {
            changes = PlanDiff(from: baseline, to: plan)
        } else if !plan.changes.isEmpty || !(plan.changesByPerson ?? []).isEmpty {
            var diff = PlanDiff(from: Self.before(plan), to: plan)
            if let byPerson = plan.changesByPerson { diff.people = byPerson }
            changes = diff
        }
    }

    var catalogue: Catalogue { Catalogue.of(language) }

    /// The sheets, in order, each with its kind.
    public func sheets() -> [(kind: SheetKind, sheet: SheetDocument.Sheet)] {
        var names = SheetNames()
        let index = PlanIndex(plan: plan, roster: roster)
        var sheets: [(SheetKind, SheetDocument.Sheet)] = [(.overview, overview(index, names: &names))]
        sheets += locationSheets(index, names: &names).map { (.location, $0) }
        sheets.append((.list, hearingsSheet(index, names: &names)))
        sheets.append((.list, unmetSheet(index, names: &names)))
        sheets.append((.list, unheldSheet(index, names: &names)))
        if let changes, !changes.people.isEmpty {
            sheets.append((.list, changesSheet(changes, names: &names)))
        }
        sheets += personSheets(index, names: &names).map { (.person, $0) }
        return sheets
    }

    /// The whole export as one workbook document.
    public func document() -> SheetDocument {
        SheetDocument(title: catalogue.text("export.title"), sheets: sheets().map(\.sheet))
    }

    /// The plan as the assignments it replaced: each changed hearing where it was before the re-plan.
    static func before(_ plan: Plan) -> Plan {
        var before = plan
        before.changes = []
        let changed = Dictionary(plan.changes.map { ($0.hearing, $0) }, uniquingKeysWith: { first, _ in first })
        before.assignments = plan.assignments.compactMap { assignment in
            guard let change = changed[assignment.hearing] else { return assignment }
            return change.before.map { assignment.placed($0) }
        }
        let held = Set(plan.assignments.map(\.hearing))
        for change in plan.changes where !held.contains(change.hearing) {
            guard let placement = change.before else { continue }
            before.assignments.append(Assignment(
                hearing: change.hearing, date: placement.date, slot: placement.slot, slots: [], location: "",
                interpreter: placement.interpreter, interpreterMode: .onsite, language: "", officer: placement.officer,
                interpreterPreference: .none, officerPreference: .none, delayDays: 0, waitDays: 0, score: 0))
        }
        return before
    }

    // MARK: Overview

    private func overview(_ index: PlanIndex, names: inout SheetNames) -> SheetDocument.Sheet {
        var sheet = SheetDocument.Sheet(name: names.name(catalogue.text("export.sheet.overview")))
        sheet.columnWidths = [34, 60]
        sheet.append([.text(catalogue.text("export.title"), .title)])
        sheet.append([])
        let horizon = roster.horizon
        let requested = index.preferenceCounts
        var rows: [(String, String)] = [
            ("export.overview.period", catalogue.text("export.overview.periodValue", [
                "start": catalogue.day(horizon.start), "end": catalogue.day(horizon.end)])),
            ("export.overview.status", catalogue.text("export.status.\(plan.status.rawValue)")),
            ("export.overview.held", String(plan.assignments.count)),
            ("export.overview.notHeld", String(plan.unscheduled.count)),
            ("export.overview.preferences", catalogue.text("export.overview.preferencesValue", [
                "requested": String(requested.requested), "met": String(requested.met),
                "unmet": String(requested.requested - requested.met)])),
        ]
        if let version = plan.version { rows.insert(("export.overview.version", String(version)), at: 0) }
        if let changes { rows.append(("export.overview.changes", catalogue.text("export.overview.changesValue", [
            "hearings": String(changes.changes.count), "people": String(changes.people.count)]))) }
        for (key, value) in rows {
            sheet.append([.text(catalogue.text(key), .section), .text(value, .wrap)])
        }
        sheet.append([])
        sheet.append([.text(catalogue.text("export.overview.sheets"), .header), .text("", .header)])
        for key in ["location", "hearings", "unmet", "unheld", "changes", "person"] {
            sheet.append([.text(catalogue.text("export.overview.sheet.\(key)")), .text(catalogue.text("export.overview.about.\(key)"), .wrap)])
        }
        sheet.append([])
        sheet.append([.text(""), .text(catalogue.text("export.overview.privacy"), .note)])
        sheet.page.header = catalogue.text("export.title")
        return sheet
    }
}

extension Assignment {
    /// The assignment moved to `placement`'s date, day part and people.
    func placed(_ placement: PlanChange.Placement) -> Assignment {
        var moved = self
        moved.date = placement.date
        moved.slot = placement.slot
        moved.interpreter = placement.interpreter
        moved.officer = placement.officer
        return moved
    }
}
