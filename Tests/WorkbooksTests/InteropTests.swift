import Foundation
import Localization
import PlannerModel
import Testing

@testable import Workbooks

/// Everything the interoperability tests read, made in one go: LibreOffice starts slowly, so its
/// conversions are batched into two runs.
struct InteropFiles: Sendable {
    var folder: URL
    var roster: Roster
    var plan: Plan

    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    static let made: Result<InteropFiles, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearing-planner-interop-\(UUID().uuidString)")
        let manager = FileManager.default
        for sub in ["csv", "inputs", "calc", "exported", "profile"] {
            try manager.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let (roster, plan) = try SamplePlan.made.get()
        for (name, bytes) in try RosterCSV.write(roster) {
            try Data(bytes).write(to: folder.appendingPathComponent("csv/\(name)"))
        }
        // openpyxl: typed workbooks from the CSV folder, and a flat OpenDocument file for LibreOffice.
        let script = scripts.appendingPathComponent("interop.py").path
        try ExternalPrograms.python([script, "inputs", "csv", "inputs"], in: folder)
        // Our own workbooks, for openpyxl and LibreOffice to read.
        try Data(try PlanExport(plan: plan, roster: roster, language: .nl).workbook()).write(to: folder.appendingPathComponent("export.xlsx"))
        let start = roster.horizon.start
        try Data(try XLSXWriter.bytes(of: try RosterDocument.template(start: start))).write(to: folder.appendingPathComponent("template.xlsx"))
        // LibreOffice, run 1: the flat file and openpyxl's formulas saved as .xlsx, formulas worked out.
        let profile = folder.appendingPathComponent("profile")
        try ExternalPrograms.convert(
            [folder.appendingPathComponent("inputs/calc.fods"), folder.appendingPathComponent("inputs/formulas.xlsx")],
            to: "xlsx", into: folder.appendingPathComponent("calc"), profile: profile)
        // LibreOffice, run 2: every sheet of the export as CSV (the last option, -1, asks for all sheets).
        try ExternalPrograms.convert(
            [folder.appendingPathComponent("export.xlsx")],
            to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            into: folder.appendingPathComponent("exported"), profile: profile)
        for name in ["export", "template"] {
            try ExternalPrograms.python([script, "dump", "\(name).xlsx", "\(name).json"], in: folder)
        }
        return InteropFiles(folder: folder, roster: roster, plan: plan)
    }

    func bytes(_ path: String) throws -> [UInt8] {
        Array(try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(path).path), "\(path) was not made"))
    }

    /// A workbook as openpyxl read it.
    struct Dump: Decodable {
        struct Sheet: Decodable {
            struct Validation: Decodable {
                var sqref: String
                var type: String?
                var formula1: String?
            }

            var name: String
            var rows: [[String]]
            var freeze: String?
            var validations: [Validation]
            var landscape: Bool
            var paper: Int?
            var printTitleRows: String?
        }

        var sheets: [Sheet]

        func sheet(_ name: String) throws -> Sheet {
            try #require(sheets.first { $0.name == name }, "openpyxl found no sheet \(name)")
        }
    }

    func dump(_ name: String) throws -> Dump {
        try JSONDecoder().decode(Dump.self, from: Data(try bytes("\(name).json")))
    }
}

@Suite("Workbooks written and read by LibreOffice and openpyxl", .enabled(if: ExternalPrograms.missing == nil, "\(ExternalPrograms.missing ?? "")"))
struct InteropTests {
    @Test("Workbooks of the sample week made by openpyxl and by LibreOffice read to the JSON roster", arguments: [
        "inputs/openpyxl.xlsx", "calc/calc.xlsx", "calc/formulas.xlsx",
    ])
    func theirWorkbooksReadToTheRoster(path: String) throws {
        let files = try InteropFiles.made.get()
        let checked = RosterWorkbook.read(try files.bytes(path)).checked()
        #expect(checked.errors == [])
        #expect(checked.roster == files.roster)
    }

    @Test("Formulas openpyxl wrote without results are refused at their cells, until a spreadsheet works them out")
    func formulasWithoutResults() throws {
        let files = try InteropFiles.made.get()
        let errors = RosterWorkbook.read(try files.bytes("inputs/formulas.xlsx")).checked().errors
        let first = try #require(errors.first { $0.place.hasPrefix("locations!") })
        #expect(first.place == "locations!A2")
        #expect(first.message.contains("has a formula but no saved result"))
    }

    @Test("openpyxl finds in the export exactly the plan's held hearings, unmet preferences and hearings not held")
    func exportAsOpenpyxlReadsIt() throws {
        let files = try InteropFiles.made.get()
        let dump = try files.dump("export")
        let catalogue = Catalogue.of(.nl)
        let hearings = try dump.sheet("gehoren")
        #expect(hearings.freeze == "A3")
        #expect(hearings.landscape && hearings.paper == 9 && hearings.printTitleRows == "$1:$2")
        let rows = hearings.rows.dropFirst(2).map { [$0[0], $0[1], $0[3], $0[5], $0[7]] }
        let expected = files.plan.assignments.map { [$0.hearing, $0.date.description, $0.location, $0.interpreter, $0.officer] }
        #expect(rows.sorted { $0[0] < $1[0] } == expected.sorted { $0[0] < $1[0] })
        let unmet = try dump.sheet("niet gehonoreerd").rows.dropFirst(2).filter { $0.count > 7 }
        #expect(unmet.map { [$0[0], $0[7]] } == files.plan.unmetPreferences.map { [$0.hearing, catalogue.reason($0.reason, role: $0.role)] })
        let unheld = try dump.sheet("niet gehouden").rows.dropFirst(2).filter { $0.count > 7 }
        #expect(unheld.map { [$0[0], $0[6], $0[7]] } == files.plan.unscheduled.map {
            [$0.hearing, catalogue.reasonTitle($0.reason.code), catalogue.reason($0.reason)]
        })
    }

    @Test("LibreOffice converts every sheet of the export to CSV, holding each held hearing once with its people")
    func exportAsLibreOfficeConvertsIt() throws {
        let files = try InteropFiles.made.get()
        let text = String(decoding: try files.bytes("exported/export-gehoren.csv"), as: UTF8.self)
        let rows = text.split(whereSeparator: \.isNewline).dropFirst(2).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let byHearing = Dictionary(rows.map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
        #expect(rows.count == files.plan.assignments.count)
        for assignment in files.plan.assignments {
            let row = try #require(byHearing[assignment.hearing])
            #expect([row[1], row[5], row[7]] == [assignment.date.description, assignment.interpreter, assignment.officer])
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: files.folder.appendingPathComponent("exported").path)
        for location in files.roster.locations {
            #expect(names.contains("export-locatie \(location.id).csv"))
        }
        let reasons = String(decoding: try files.bytes("exported/export-niet gehouden.csv"), as: UTF8.self)
        for unheld in files.plan.unscheduled {
            #expect(reasons.contains(Catalogue.of(.nl).reason(unheld.reason)))
        }
    }

    @Test("openpyxl finds the template's drop-down lists, frozen header rows and explanation sheet")
    func templateAsOpenpyxlReadsIt() throws {
        let dump = try InteropFiles.made.get().dump("template")
        #expect(dump.sheets.map(\.name) == ["uitleg", "horizon", "locations", "hearings", "interpreters", "officers", "availability", "policy"])
        let hearings = try dump.sheet("hearings")
        #expect(hearings.freeze == "A2")
        #expect(hearings.rows.first?.prefix(3) == ["id", "kind", "language"])
        let lists = Set(hearings.validations.filter { $0.type == "list" }.compactMap(\.formula1))
        #expect(lists.contains("\"female,male\"") && lists.contains("\"standard,high\"") && lists.contains("\"true,false\""))
        let interpreters = try dump.sheet("interpreters")
        #expect(interpreters.validations.contains { $0.formula1 == "\"female,male,x\"" })
        let explanation = try dump.sheet("uitleg").rows.flatMap { $0 }
        #expect(explanation.contains(Catalogue.of(.nl).text("template.explain.title")))
        #expect(explanation.contains(Catalogue.of(.en).text("template.explain.title")))
    }
}
