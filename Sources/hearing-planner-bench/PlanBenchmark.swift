import Foundation
import PlannerModel
import SyntheticRosters

/// Section `plan`: `hearing-planner plan` on generated rosters, each run a child process, with
/// glpsol and HiGHS on the exported model as references; each roster against issue 4's target.
struct PlanBenchmark {
    /// A generated roster and what issue 4 asks of it.
    struct RosterCase: Sendable {
        var hearings: Int
        var weeks: Int
        /// At most this many seconds for the run, whatever `--plan-time-limit` says (nil: no cap).
        var timeCap: Double?
        var target: Target?
    }

    /// Issue 4's target: a proven gap within so many seconds, under so much memory.
    struct Target: Sendable {
        var seconds: Double
        var gap: Double
        var peakMegabytes: Double?

        var text: String {
            let gapText = gap == 0 ? "optimal" : "gap <= \(Format.gap(gap))"
            return "\(gapText) < \(Format.number(seconds)) s" + (peakMegabytes.map { ", < \(Format.number($0)) MB" } ?? "")
        }

        func isMet(by row: Figures) -> Bool {
            guard let seconds = row.seconds, let gap = row.gap, row.failure == nil,
                  ["optimal", "feasible"].contains(row.status)
            else { return false }
            let gapMet = self.gap == 0 ? row.status == "optimal" : gap <= self.gap
            let peakMet = peakMegabytes.map { limit in row.peak.map { Double($0.kibibytes) * 1024 / 1e6 < limit } ?? false } ?? true
            return seconds < self.seconds && gapMet && peakMet
        }
    }

    static let rosters = [
        RosterCase(hearings: 200, weeks: 1),
        RosterCase(hearings: 1_000, weeks: 1, target: Target(seconds: 2, gap: 0)),
        RosterCase(hearings: 2_500, weeks: 1, target: Target(seconds: 10, gap: 1e-4, peakMegabytes: 300)),
        // The target is the whole run's wall time: the planner gets 55 s of the 60, and reading the
        // 5.5 MB roster, writing the plan with its evidence (45 MB) and starting take 2.2 to 3.2 s
        // (56 s was tried: 59.3 s of wall time, too near the target on a machine that varies).
        RosterCase(hearings: 10_000, weeks: 4, timeCap: 55, target: Target(seconds: 60, gap: 1e-3)),
    ]
    static let seed: UInt64 = 1

    var binary: String
    var runs: Int
    var timeLimit: Double
    var folder: URL
    var references: ReferenceSolvers
    /// The rosters to run, by their number of hearings; nil for all.
    var hearings: [Int]?

    /// The figures of one roster.
    struct Figures: Codable, Sendable {
        var hearings: Int
        var weeks = 1
        /// The time limit the runs had.
        var timeLimit: Double?
        /// Issue 4's target for this roster, and whether the median run met it.
        var target: String?
        var targetMet: Bool?
        var columns: Int?
        var rows: Int?
        var nonzeros: Int?
        /// Median wall seconds of the `plan` child process.
        var seconds: Double?
        /// User and system seconds of the median run.
        var cpuSeconds: Double?
        /// From the plan of the median run.
        var status: String?
        var objective: Double?
        var bound: Double?
        var gap: Double?
        var solverSeconds: Double?
        var held: Int?
        /// The largest peak memory of the runs.
        var peak: PeakMemory?
        var failure: String?
        /// The size of the plan file (issue 21: the four-week plan at most 15 MB).
        var planBytes: Int?
        /// Median wall seconds of `hearing-planner verify` on the plan (issue 21: under 2 s on the
        /// 2,500-hearing week), and whether it passed.
        var verifySeconds: Double?
        var verifyPassed: Bool?
        var glpsol: ReferenceSolvers.Figures
        var highs: ReferenceSolvers.Figures
    }

    func run() -> [Figures] {
        Self.rosters.filter { hearings?.contains($0.hearings) ?? true }.map { roster in
            var figures = measure(roster)
            figures.targetMet = roster.target?.isMet(by: figures)
            return figures
        }
    }

    private func measure(_ setting: RosterCase) -> Figures {
        let hearings = setting.hearings
        let timeLimit = min(self.timeLimit, setting.timeCap ?? .infinity)
        let rosterFolder = folder.appendingPathComponent("plan-\(hearings)")
        defer { try? FileManager.default.removeItem(at: rosterFolder) }
        var figures = Figures(
            hearings: hearings, weeks: setting.weeks, timeLimit: timeLimit, target: setting.target?.text,
            glpsol: .missing("glpsol", ReferenceSolvers.glpsolMissing),
            highs: .missing("highspy", ReferenceSolvers.highsMissing))
        let roster = rosterFolder.appendingPathComponent("roster.json")
        do {
            note("plan: generating \(hearings) hearings over \(setting.weeks) week(s) (seed \(Self.seed))")
            let generated = RosterGenerator(hearings: hearings, weeks: setting.weeks, seed: Self.seed).generate()
            try FileManager.default.createDirectory(at: rosterFolder, withIntermediateDirectories: true)
            try Data(try RosterJSON.write(generated)).write(to: roster)
        } catch {
            figures.failure = "failed: cannot write the roster: \(error)"
            return figures
        }

        let plan = rosterFolder.appendingPathComponent("plan.json")
        let child = ChildProcess(
            executable: binary,
            arguments: ["plan", roster.path, "-o", plan.path, "--time-limit", "\(timeLimit)", "--verbose"],
            timeout: ReferenceSolvers.timeout(timeLimit), scratchFolder: rosterFolder)
        let runs = RepeatedRuns<PlanRun>.measure(
            child, count: runs, label: "plan \(hearings)",
            prepare: { try? FileManager.default.removeItem(at: plan) },
            inspect: { PlanRun(log: $0.standardError, plan: plan) })
        figures.seconds = runs.medianSeconds
        figures.peak = runs.peak
        figures.failure = runs.failure
        if let median = runs.medianRun {
            figures.cpuSeconds = median.outcome.cpuSeconds
            let model = median.detail.model
            (figures.columns, figures.rows, figures.nonzeros) = (model?.columns, model?.rows, model?.nonzeros)
            if let document = median.detail.document {
                figures.status = document.status
                figures.objective = document.objective
                figures.bound = document.bound
                figures.gap = document.gap
                figures.solverSeconds = document.solver?.seconds
                figures.held = document.assignments?.count
            }
        }

        if let size = (try? FileManager.default.attributesOfItem(atPath: plan.path))?[.size] as? Int {
            figures.planBytes = size
            let verify = ChildProcess(
                executable: binary, arguments: ["verify", roster.path, plan.path], timeout: .seconds(600), scratchFolder: rosterFolder)
            let checks = RepeatedRuns<Void>.measure(verify, count: self.runs, label: "verify \(hearings)", inspect: { _ in () })
            figures.verifySeconds = checks.medianSeconds
            figures.verifyPassed = checks.failure == nil && !checks.runs.isEmpty
        }

        if references.isGLPSolAvailable {
            figures.glpsol = reference("glpsol", roster: roster, model: rosterFolder.appendingPathComponent("model.lp")) {
                references.glpsol(model: $0, timeLimit: timeLimit)
            }
        }
        if references.isHighsAvailable {
            figures.highs = reference("highspy", roster: roster, model: rosterFolder.appendingPathComponent("model.mps")) {
                references.highs(model: $0, timeLimit: timeLimit)
            }
        }
        for keyPath in [\Figures.glpsol, \Figures.highs] {
            if let ours = figures.seconds, let theirs = figures[keyPath: keyPath].seconds, theirs > 0 {
                figures[keyPath: keyPath].ratio = ours / theirs
            }
        }
        return figures
    }

    /// Exports the roster's model with a run that is not timed, then runs `solve` on the file.
    private func reference(
        _ solver: String, roster: URL, model: URL, solve: (URL) -> ReferenceSolvers.Figures
    ) -> ReferenceSolvers.Figures {
        defer { try? FileManager.default.removeItem(at: model) }
        note("plan: exporting \(model.lastPathComponent)")
        // The export is written before solving starts; a tiny time limit ends the solve soon
        // after, so the run's exit status (often 4) does not matter.
        let export = ChildProcess(
            executable: binary, arguments: ["plan", roster.path, "--time-limit", "0.01", "--export-model", model.path],
            timeout: ReferenceSolvers.timeout(timeLimit), scratchFolder: folder)
        let outcome = Result { try export.run() }
        guard FileManager.default.fileExists(atPath: model.path) else {
            let reason = switch outcome {
            case .success(let outcome): "\(outcome.termination)"
            case .failure(let error): "\(error)"
            }
            var figures = ReferenceSolvers.Figures(solver: solver, isAvailable: true)
            figures.failure = "failed: no model was exported (\(reason))"
            return figures
        }
        return solve(model)
    }

    static func tables(_ figures: [Figures]) -> [TextTable] {
        var ours = TextTable([
            .right("hearings"), .right("weeks"), .right("limit s"), .right("columns"), .right("rows"), .right("nonzeros"), .right("seconds"),
            .right("cpu s"), .right("solver s"), .left("status"), .right("objective"), .right("gap"),
            .right("held"), .right("peak MiB"), .right("plan MB"), .right("verify s"), .left("issue 4 target"),
        ])
        for row in figures {
            let status = [row.failure, row.status].compactMap { $0 }.joined(separator: ", ")
            let target = row.target.map { "\($0): \(row.targetMet == true ? "met" : "not met")" } ?? "-"
            ours.append([
                Format.count(row.hearings), Format.count(row.weeks), Format.seconds(row.timeLimit), Format.count(row.columns), Format.count(row.rows),
                Format.count(row.nonzeros), Format.seconds(row.seconds), Format.seconds(row.cpuSeconds),
                Format.seconds(row.solverSeconds), status.isEmpty ? "-" : status,
                // A plan without a solution (time limit, infeasible) carries objective 0.
                ["optimal", "feasible"].contains(row.status) ? Format.number(row.objective) : "-",
                Format.gap(row.gap), Format.count(row.held), Format.mebibytes(row.peak),
                row.planBytes.map { Format.number(Double($0) / 1e6) } ?? "-",
                row.verifySeconds.map { Format.seconds($0) + (row.verifyPassed == true ? "" : " (failed)") } ?? "-", target,
            ])
        }
        var references = TextTable([
            .right("hearings"), .right("ours s"), .left("reference"), .right("seconds"), .left("status"),
            .right("objective"), .right("peak MiB"), .right("ours/ref"),
        ])
        for row in figures {
            for reference in [row.glpsol, row.highs] {
                guard reference.isAvailable else {
                    references.append([Format.count(row.hearings), Format.seconds(row.seconds), reference.note ?? reference.solver])
                    continue
                }
                references.append([
                    Format.count(row.hearings), Format.seconds(row.seconds), reference.solver,
                    Format.seconds(reference.seconds), reference.failure ?? reference.status ?? "-",
                    Format.number(reference.objective), Format.mebibytes(reference.peak),
                    Format.ratio(reference.ratio),
                ])
            }
        }
        return [ours, references]
    }
}

/// What one `plan` run wrote: the model size from its verbose log, and its plan file.
struct PlanRun {
    struct ModelSize {
        var columns: Int
        var rows: Int
        var nonzeros: Int
    }

    /// The fields of a plan@1 document the bench reports.
    struct Document: Decodable {
        struct Solver: Decodable {
            var seconds: Double?
        }

        struct Entry: Decodable {}

        var status: String?
        var objective: Double?
        var bound: Double?
        var gap: Double?
        var solver: Solver?
        var assignments: [Entry]?
    }

    var model: ModelSize?
    var document: Document?

    init(log: String, plan: URL) {
        model = Self.modelSize(inLog: log)
        document = FileManager.default.contents(atPath: plan.path).flatMap { try? JSONDecoder().decode(Document.self, from: $0) }
    }

    /// Reads `columns=… rows=… nonzeros=…` from the log line that ends `model built`.
    static func modelSize(inLog log: String) -> ModelSize? {
        guard let line = log.split(separator: "\n").first(where: { $0.contains("model built") }) else { return nil }
        var values: [Substring: Int] = [:]
        for token in line.split(separator: " ") {
            let parts = token.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Int(parts[1]) { values[parts[0]] = value }
        }
        guard let columns = values["columns"], let rows = values["rows"], let nonzeros = values["nonzeros"] else { return nil }
        return ModelSize(columns: columns, rows: rows, nonzeros: nonzeros)
    }
}
