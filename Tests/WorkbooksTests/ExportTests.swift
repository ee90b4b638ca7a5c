import Foundation
import Localization
import PlannerModel
import Testing

@testable import Workbooks

@Suite("The plan as sheets people read")
struct ExportTests {
    static func sheet(_ name: String, in sheets: [(kind: PlanExport.SheetKind, sheet: SheetDocument.Sheet)]) throws -> SheetDocument.Sheet {
        try #require(sheets.first { $0.sheet.name == name }?.sheet, "no sheet \(name) among \(sheets.map(\.sheet.name))")
    }

    /// The text of a cell, or the date's `YYYY-MM-DD`.
    static func text(_ cell: SheetDocument.Cell?) -> String {
        switch cell?.value {
        case .text(let text): text
        case .date(let day): day.description
        case .number(let number): number.decimalText
        case .boolean(let flag): flag ? "true" : "false"
        case .empty, nil: ""
        }
    }

    @Test("Each location sheet holds its hearings under their day, each hearing of the plan once")
    func locationSheets() throws {
        let (roster, plan) = try SamplePlan.made.get()
        let export = PlanExport(plan: plan, roster: roster, language: .nl)
        let sheets = export.sheets()
        let locations = sheets.filter { $0.kind == .location }.map(\.sheet)
        #expect(locations.map(\.name) == roster.locations.map { "locatie \($0.id)" })
        let catalogue = Catalogue.of(.nl)
        var seen: [String: (location: String, day: String)] = [:]
        for (location, sheet) in zip(roster.locations, locations) {
            #expect(sheet.frozenRows == 2 && sheet.page.repeatedRows == 2)
            var day = ""
            for row in sheet.rows.dropFirst(2) {
                if row.first?.style == .section {
                    day = String(Self.text(row.first).prefix { $0 != "-" }).trimmingCharacters(in: .whitespaces)
                } else {
                    #expect(seen[Self.text(row[1])] == nil, "\(Self.text(row[1])) twice")
                    seen[Self.text(row[1])] = (location.id, day)
                }
            }
            // One printed page per working day.
            #expect(sheet.page.breaksBeforeRows.count == export.workingDays().count - 1)
        }
        #expect(seen.count == plan.assignments.count)
        for assignment in plan.assignments {
            #expect(seen[assignment.hearing]?.location == assignment.location)
            #expect(seen[assignment.hearing]?.day == catalogue.day(assignment.date))
        }
    }

    @Test("The list of hearings, the unmet preferences and the hearings not held hold exactly the plan's")
    func lists() throws {
        let (roster, plan) = try SamplePlan.made.get()
        let sheets = PlanExport(plan: plan, roster: roster, language: .en).sheets()
        let hearings = try Self.sheet("hearings", in: sheets)
        #expect(hearings.rows.dropFirst(2).map { Self.text($0.first) }.sorted() == plan.assignments.map(\.hearing).sorted())
        let unmet = try Self.sheet("unmet preferences", in: sheets)
        let catalogue = Catalogue.of(.en)
        let expected = plan.unmetPreferences.map { [$0.hearing, catalogue.role($0.role), catalogue.reason($0.reason, role: $0.role)] }
        #expect(unmet.rows.dropFirst(2).map { [Self.text($0[0]), Self.text($0[3]), Self.text($0[7])] } == expected)
        let unheld = try Self.sheet("not held", in: sheets)
        let expectedUnheld = plan.unscheduled.map { [$0.hearing, catalogue.reasonTitle($0.reason.code), catalogue.reason($0.reason)] }
        let rows = unheld.rows.dropFirst(2).filter { $0.count > 1 }
        #expect(rows.map { [Self.text($0[0]), Self.text($0[6]), Self.text($0[7])] } == expectedUnheld)
    }

    @Test("A person's sheet lists their hearings and nothing an applicant asked for")
    func personSheets() throws {
        let (roster, plan) = try SamplePlan.made.get()
        let sheets = PlanExport(plan: plan, roster: roster, language: .nl).sheets()
        let people = sheets.filter { $0.kind == .person }.map(\.sheet)
        let busy = Set(plan.assignments.map(\.interpreter)).union(plan.assignments.map(\.officer))
        #expect(people.count == busy.count)
        let words = ["gehonoreerd", "vrouw", "man"]
        for sheet in people {
            let texts = sheet.rows.flatMap { $0.map { Self.text($0) } }
            #expect(!texts.contains { text in words.contains { text.contains($0) } }, "\(sheet.name)")
        }
        let interpreter = try #require(plan.assignments.first?.interpreter)
        let own = try Self.sheet("tolk \(interpreter)", in: sheets)
        #expect(own.rows.count - 2 == plan.assignments.filter { $0.interpreter == interpreter }.count)
    }

    @Test("After a re-plan, the changes per person")
    func changes() throws {
        let (roster, before, plan) = try SamplePlan.replanned.get()
        try #require(!plan.changes.isEmpty)
        for export in [PlanExport(plan: plan, roster: roster, language: .en), PlanExport(plan: plan, roster: roster, language: .en, baseline: before)] {
            let diff = try #require(export.changes)
            let sheet = try Self.sheet("changes", in: export.sheets())
            let count = diff.people.reduce(0) { $0 + $1.gained.count + $1.lost.count + $1.moved.count }
            #expect(sheet.rows.count - 2 == count)
            #expect(Set(sheet.rows.dropFirst(2).map { Self.text($0.first) }) == Set(diff.people.map(\.person)))
        }
        #expect(PlanExport(plan: plan, roster: roster).changes == PlanDiff(from: before, to: plan))
    }

    @Test("CSV for people: Dutch with semicolons, English with commas, a byte-order mark, the header first")
    func csv() throws {
        let (roster, plan) = try SamplePlan.made.get()
        let dutch = PlanExport(plan: plan, roster: roster, language: .nl).csvFiles()
        #expect(dutch.keys.contains("gehoren.csv") && dutch.keys.contains("locatie-TA.csv"))
        #expect(!dutch.keys.contains { $0.hasPrefix("tolk") })
        let hearings = try #require(dutch["gehoren.csv"])
        #expect(hearings.starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: hearings.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("Gehoor;Datum;Dagdeel;") == true)
        #expect(lines.count == plan.assignments.count + 1)
        let english = PlanExport(plan: plan, roster: roster, language: .en).csvFiles()
        let header = String(decoding: try #require(english["hearings.csv"]).dropFirst(3), as: UTF8.self).prefix { $0 != "\r" }
        #expect(header.hasPrefix("Hearing,Date,Day part,"))
    }

    @Test("The workbook written reads back, sheet by sheet, with the cells of the document")
    func workbookReadsBack() throws {
        let (roster, plan) = try SamplePlan.made.get()
        let export = PlanExport(plan: plan, roster: roster, language: .nl)
        var file = try SpreadsheetFile(try export.workbook())
        let document = export.document()
        #expect(file.sheets.map(\.name) == document.sheets.map(\.name))
        let hearings = try file.table(named: "gehoren")
        let expected = try #require(document.sheets.first { $0.name == "gehoren" })
        #expect(hearings.records.map { $0.cells.map(\.text) } == expected.rows.map { row in
            Array(row.map { Self.text($0) }.reversed().drop { $0.isEmpty }.reversed())
        })
    }

    @Test("Evidence in words, whatever fields a reason carries")
    func evidence() throws {
        let (roster, plan) = try SamplePlan.made.get()
        let export = PlanExport(plan: plan, roster: roster, language: .nl)
        #expect(export.evidence(Reason(code: .deferred, detail: "")) == "")
        let reason = Reason(
            code: .capacity, detail: "x", candidatesChecked: 3, counts: ["interpreter.language": 2, "windowStarts": 4],
            takenBy: ["H-1", "H-2"], bestScoreNow: 2.5, ranOut: ["rooms", "something new"])
        #expect(export.evidence(reason) == "3 kandidaten bekeken; geschikt per eis: tolk: taal 2, begintijden in de termijn 4; kandidaten bezet door H-1, H-2; vol: zalen, something new; beste score nu 2.5")
        let busy = Reason(code: .capacity, detail: "", takenBy: (1...25).map { "H-\($0)" })
        #expect(export.evidence(busy) == "kandidaten bezet door H-1, H-2, H-3, H-4, H-5, H-6, H-7, H-8, H-9, H-10 en nog 15")
        #expect(XLSXWriter.fitting(String(repeating: "x", count: 40_000)).count < 32_768)
        let day = try #require(Day("2026-12-08"))
        let spot = Alternative.Spot(date: day, slot: "PM", interpreter: "I-3", interpreterMode: .onsite, language: "ara", officer: "O-2")
        var outweighed = Reason(code: .outweighed, detail: "")
        outweighed.alternative = Alternative(
            spot: spot, score: 900, moves: [Alternative.Move(hearing: "H-7", to: nil, scoreBefore: 50, scoreAfter: 0)],
            scoreAsPlanned: 1000, scoreWithPreference: 900)
        outweighed.scoreIfNotHeld = -10
        #expect(export.evidence(outweighed) == "niet houden scoort -10; beste andere manier: di 8 dec 2026, middag met I-3 en O-2, 1 ander gehoor wijkt, het plan scoort 100 minder")
    }

    @Test("Sheet names as spreadsheets allow them")
    func sheetNames() {
        var names = SheetNames()
        #expect(names.name("tolk I/4") == "tolk I_4")
        #expect(names.name("Tolk I_4") == "Tolk I_4 (2)")
        #expect(names.name(String(repeating: "a", count: 40)).count == 31)
        #expect(names.name("'quoted'") == "quoted")
    }
}
