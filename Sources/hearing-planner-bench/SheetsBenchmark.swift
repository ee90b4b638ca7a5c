import Foundation
import PlannerModel
import SyntheticRosters
import Workbooks

/// Section `sheets`: the month-long roster of `decode` (10,000 hearings) as one .xlsx workbook,
/// read and validated, in this process and through `hearing-planner validate`; then the export of
/// a plan of it as a workbook, in this process and through `hearing-planner export`.
struct SheetsBenchmark {
    static let hearings = DecodeBenchmark.hearings
    static let weeks = DecodeBenchmark.weeks
    static let seed = DecodeBenchmark.seed
    /// Reading: as for the JSON file, the wait a planner should not notice.
    static let targetSeconds = DecodeBenchmark.targetSeconds
    /// The plan to export is made once with this limit: any plan of the roster will do.
    static let planSeconds = 30.0

    var binary: String
    var runs: Int
    var folder: URL

    struct Figures: Codable, Sendable {
        var hearings: Int
        var workbookBytes: Int?
        /// Median seconds of writing the roster as a workbook in this process.
        var writeRosterSeconds: Double?
        /// Median seconds of reading and validating the workbook in this process.
        var readSeconds: Double?
        /// Median wall seconds of `hearing-planner validate roster.xlsx`.
        var validateSeconds: Double?
        var validatePeak: PeakMemory?
        var targetSeconds: Double
        var heldHearings: Int?
        var exportBytes: Int?
        var exportSheets: Int?
        /// Median seconds of writing the export workbook in this process.
        var exportSeconds: Double?
        /// Median wall seconds of `hearing-planner export PLAN --roster R --format xlsx`.
        var exportCommandSeconds: Double?
        var exportPeak: PeakMemory?
        var failure: String?
        var exportFailure: String?

        var isWithinTarget: Bool? { (validateSeconds ?? readSeconds).map { $0 < targetSeconds } }
    }

    func run() -> Figures {
        note("sheets: generating \(Self.hearings) hearings over \(Self.weeks) weeks (seed \(Self.seed))")
        let roster = RosterGenerator(hearings: Self.hearings, weeks: Self.weeks, seed: Self.seed).generate()
        var figures = Figures(hearings: roster.hearings.count, targetSeconds: Self.targetSeconds)
        let workbookPath = folder.appendingPathComponent("roster.xlsx")
        let jsonPath = folder.appendingPathComponent("roster-sheets.json")
        let workbook: [UInt8]
        do {
            let document = try RosterDocument.workbook(roster)
            var written: [UInt8] = []
            figures.writeRosterSeconds = time(label: "sheets: writing the roster workbook in-process") {
                written = (try? XLSXWriter.bytes(of: document)) ?? []
            }
            guard !written.isEmpty else {
                figures.failure = "failed: the roster workbook could not be written"
                return figures
            }
            workbook = written
            try Data(workbook).write(to: workbookPath)
            try Data(try RosterJSON.write(roster)).write(to: jsonPath)
            figures.workbookBytes = workbook.count
        } catch {
            figures.failure = "failed: cannot write the roster: \(error)"
            return figures
        }
        measure(["validate", workbookPath.path], label: "sheets: validate roster.xlsx") {
            figures.validateSeconds = $0.medianSeconds
            figures.validatePeak = $0.peak
            figures.failure = $0.failure
        }
        var errors = 0
        figures.readSeconds = time(label: "sheets: reading the workbook in-process") {
            errors = RosterWorkbook.read(workbook).checked().errors.count
        }
        if errors > 0 { figures.failure = "failed: the workbook read back with \(errors) error(s)" }
        exportFigures(roster: roster, rosterPath: jsonPath, into: &figures)
        return figures
    }

    private func exportFigures(roster: Roster, rosterPath: URL, into figures: inout Figures) {
        let planPath = folder.appendingPathComponent("plan-sheets.json")
        note("sheets: planning the roster once (time limit \(Int(Self.planSeconds)) s) for the export")
        let planning = ChildProcess(
            executable: binary,
            arguments: ["plan", rosterPath.path, "-o", planPath.path, "--time-limit", String(Self.planSeconds)],
            timeout: .seconds(Self.planSeconds + 300), scratchFolder: folder)
        guard (try? planning.run())?.isSuccess == true,
              let data = FileManager.default.contents(atPath: planPath.path),
              let plan = try? JSONDecoder().decode(Plan.self, from: data)
        else {
            figures.exportFailure = "failed: no plan of the roster to export"
            return
        }
        figures.heldHearings = plan.assignments.count
        let export = PlanExport(plan: plan, roster: roster, language: .nl)
        var bytes: [UInt8] = []
        var problem: String?
        figures.exportSeconds = time(label: "sheets: writing the export in-process") {
            do {
                bytes = try export.workbook()
            } catch {
                problem = "failed: \(error)"
            }
        }
        figures.exportFailure = problem
        figures.exportBytes = bytes.count
        figures.exportSheets = export.sheets().count
        let output = folder.appendingPathComponent("plan-sheets.xlsx")
        measure(["export", planPath.path, "--roster", rosterPath.path, "--format", "xlsx", "-o", output.path],
                label: "sheets: export --format xlsx") {
            figures.exportCommandSeconds = $0.medianSeconds
            figures.exportPeak = $0.peak
            figures.exportFailure = figures.exportFailure ?? $0.failure
        }
    }

    private func measure(_ arguments: [String], label: String, _ read: (RepeatedRuns<Void>) -> Void) {
        let child = ChildProcess(executable: binary, arguments: arguments, timeout: .seconds(600), scratchFolder: folder)
        read(RepeatedRuns<Void>.measure(child, count: runs, label: label) { _ in })
    }

    /// The median seconds of `body` over the runs.
    private func time(label: String, _ body: () -> Void) -> Double? {
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for run in 1...runs {
            note("\(label): run \(run) of \(runs)")
            let started = clock.now
            body()
            seconds.append((clock.now - started).seconds)
        }
        return Median.of(seconds)
    }

    static func table(_ figures: Figures) -> [TextTable] {
        var reading = TextTable([
            .left("workbook"), .right("hearings"), .right("MB"), .right("write s"), .right("read s"),
            .right("validate s"), .right("peak MiB"), .left("target"),
        ])
        let target = figures.isWithinTarget.map { $0 ? "under \(Int(figures.targetSeconds)) s: met" : "under \(Int(figures.targetSeconds)) s: MISSED" }
        reading.append([
            "roster .xlsx", Format.count(figures.hearings), Format.megabytes(bytes: figures.workbookBytes ?? 0),
            Format.seconds(figures.writeRosterSeconds), Format.seconds(figures.readSeconds), Format.seconds(figures.validateSeconds),
            Format.mebibytes(figures.validatePeak), figures.failure ?? target ?? "-",
        ])
        var export = TextTable([
            .left("export"), .right("held"), .right("sheets"), .right("MB"), .right("write s"), .right("command s"), .right("peak MiB"),
            .left("result"),
        ])
        export.append([
            "plan .xlsx", Format.count(figures.heldHearings), Format.count(figures.exportSheets),
            Format.megabytes(bytes: figures.exportBytes ?? 0), Format.seconds(figures.exportSeconds),
            Format.seconds(figures.exportCommandSeconds), Format.mebibytes(figures.exportPeak), figures.exportFailure ?? "written",
        ])
        return [reading, export]
    }
}
