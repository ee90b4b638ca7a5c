import Localization
import PlannerModel

extension PlanExport {
    static let locationColumns: [(key: String, width: Double)] = [
        ("dayPart", 18), ("hearing", 12), ("language", 9), ("interpreter", 12), ("mode", 16), ("officer", 16),
        ("interpreterPreference", 26), ("officerPreference", 26),
    ]

    /// A sheet per location: each working day of the horizon as a heading, and below it the
    /// location's hearings of that day by day part. Each day begins a new printed page.
    func locationSheets(_ index: PlanIndex, names: inout SheetNames) -> [SheetDocument.Sheet] {
        let byLocation = Dictionary(grouping: index.assignments, by: \.location)
        return index.locations.map { location in
            let title = catalogue.text("export.location.title", ["name": location.name ?? location.id, "id": location.id])
            var sheet = listSheet(
                catalogue.text("export.sheet.location", ["id": location.id]), title: title,
                columns: Self.locationColumns, names: &names)
            sheet.filterRow = nil
            let held = Dictionary(grouping: byLocation[location.id] ?? [], by: \.date)
            for day in Set(workingDays()).union(held.keys).sorted() {
                if sheet.rows.count > 2 { sheet.page.breaksBeforeRows.append(sheet.rows.count) }
                let hearings = held[day] ?? []
                let count = catalogue.text("export.location.count", count: hearings.count)
                sheet.append([.text(catalogue.day(day) + " - " + count, .section)] + Array(repeating: .text("", .section), count: Self.locationColumns.count - 1))
                for assignment in hearings {
                    sheet.append(locationRow(assignment, index))
                }
            }
            return sheet
        }
    }

    private func locationRow(_ assignment: Assignment, _ index: PlanIndex) -> [SheetDocument.Cell] {
        let hearing = index.hearings[assignment.hearing]
        return [
            .text(index.dayParts(of: assignment, catalogue: catalogue)),
            .text(assignment.hearing),
            .text(assignment.language),
            .text(assignment.interpreter),
            .text(catalogue.mode(assignment.interpreterMode)),
            .text(assignment.officer),
            preferenceText(assignment.interpreterPreference, requested: hearing?.interpreterGender, assigned: index.genders[assignment.interpreter]),
            preferenceText(assignment.officerPreference, requested: hearing?.officerGender, assigned: index.genders[assignment.officer]),
        ]
    }

    /// The horizon's working days: weekdays that are not holidays.
    func workingDays() -> [Day] {
        let horizon = roster.horizon
        let holidays = Set(horizon.holidays)
        guard horizon.start <= horizon.end else { return [] }
        return (horizon.start.ordinal...horizon.end.ordinal).map(Day.init(ordinal:))
            .filter { !$0.isWeekend && !holidays.contains($0) }
    }
}
