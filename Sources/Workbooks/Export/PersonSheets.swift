import Localization
import PlannerModel

extension PlanExport {
    static let personColumns: [(key: String, width: Double)] = [
        ("date", 26), ("dayPart", 18), ("hearing", 12), ("location", 22), ("language", 9), ("mode", 16), ("colleague", 14),
    ]

    /// A sheet per interpreter and per officer with hearings: what to hand that person. It names
    /// the hearings, places, times and the other person, never what an applicant asked for.
    func personSheets(_ index: PlanIndex, names: inout SheetNames) -> [SheetDocument.Sheet] {
        let locationNames = Dictionary(index.locations.map { ($0.id, $0.name ?? $0.id) }, uniquingKeysWith: { first, _ in first })
        var sheets: [SheetDocument.Sheet] = []
        for role in Role.allCases {
            let people = role == .interpreter ? roster.interpreters.map(\.id) : roster.officers.map(\.id)
            let byPerson = Dictionary(grouping: index.assignments, by: { role == .interpreter ? $0.interpreter : $0.officer })
            for person in people {
                guard let hearings = byPerson[person], !hearings.isEmpty else { continue }
                let values = ["id": person, "role": catalogue.role(role)]
                var sheet = listSheet(
                    catalogue.text("export.sheet.\(role.rawValue)", values),
                    title: catalogue.text("export.person.title", values), columns: Self.personColumns, names: &names)
                sheet.filterRow = nil
                sheet.page.isLandscape = false
                sheet.rows[1][6] = .text(catalogue.text(role == .interpreter ? "export.column.officer" : "export.column.interpreter"), .header)
                for assignment in hearings {
                    sheet.append([
                        .text(catalogue.day(assignment.date)), .text(index.dayParts(of: assignment, catalogue: catalogue)),
                        .text(assignment.hearing), .text(locationNames[assignment.location] ?? assignment.location),
                        .text(assignment.language), .text(catalogue.mode(assignment.interpreterMode)),
                        .text(role == .interpreter ? assignment.officer : assignment.interpreter),
                    ])
                }
                sheets.append(sheet)
            }
        }
        return sheets
    }
}
