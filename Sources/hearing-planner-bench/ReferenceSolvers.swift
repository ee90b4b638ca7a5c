import Foundation

/// Other solvers run on the model that `hearing-planner plan --export-model` wrote, as a yardstick
/// for the planner's own time. Both are optional: the bench only says when one is missing.
struct ReferenceSolvers {
    var isGLPSolAvailable: Bool
    var isHighsAvailable: Bool
    var folder: URL

    static let glpsolMissing = "glpsol not installed"
    static let highsMissing = "highspy not installed (pip install highspy)"

    /// Looks for `glpsol` on PATH and asks `python3` whether it can import `highspy`.
    static func detect(folder: URL) -> ReferenceSolvers {
        let highs = try? ChildProcess(
            executable: "python3", arguments: ["-c", "import highspy"], timeout: .seconds(60), scratchFolder: folder
        ).run()
        return ReferenceSolvers(
            isGLPSolAvailable: isExecutableOnPath("glpsol"), isHighsAvailable: highs?.isSuccess ?? false, folder: folder)
    }

    /// What one reference run gave.
    struct Figures: Codable, Sendable {
        var solver: String
        var isAvailable: Bool
        var note: String?
        var seconds: Double?
        var status: String?
        var objective: Double?
        var peak: PeakMemory?
        /// The planner's median seconds divided by this solver's seconds.
        var ratio: Double?
        var failure: String?

        static func missing(_ solver: String, _ note: String) -> Figures {
            Figures(solver: solver, isAvailable: false, note: note)
        }
    }

    /// `glpsol --lp MODEL --tmlim T`; the time is the child's wall time, reading the file included.
    func glpsol(model: URL, timeLimit: Double) -> Figures {
        var figures = Figures(solver: "glpsol", isAvailable: true)
        let solution = folder.appendingPathComponent("glpsol-solution.txt")
        defer { try? FileManager.default.removeItem(at: solution) }
        let child = ChildProcess(
            executable: "glpsol",
            arguments: ["--lp", model.path, "--tmlim", "\(Int(timeLimit.rounded(.up)))", "-o", solution.path],
            timeout: Self.timeout(timeLimit), scratchFolder: folder)
        note("plan: glpsol reference")
        let outcome: ChildOutcome
        do {
            outcome = try child.run()
        } catch {
            figures.failure = "failed: \(error)"
            return figures
        }
        figures.seconds = outcome.wallSeconds
        figures.peak = outcome.peak
        guard outcome.isSuccess else {
            figures.failure = "failed: \(outcome.termination)"
            return figures
        }
        let report = (try? String(contentsOf: solution, encoding: .utf8)) ?? ""
        let isTimeUp = outcome.standardOutput.contains("TIME LIMIT EXCEEDED")
        figures.status = Self.glpsolStatus(report, isTimeUp: isTimeUp)
        // Without an integer solution glpsol still prints `score = 0`.
        if ["optimal", "feasible"].contains(figures.status) {
            figures.objective = Self.glpsolObjective(report)
        }
        return figures
    }

    /// The solve of the exported MPS file by HiGHS in a child `python3`; the time is measured by
    /// the script around reading and solving, so that starting Python is not counted.
    func highs(model: URL, timeLimit: Double) -> Figures {
        var figures = Figures(solver: "highspy", isAvailable: true)
        let script = folder.appendingPathComponent("highs_reference.py")
        do {
            try Data(Self.highsScript.utf8).write(to: script)
        } catch {
            figures.failure = "failed: cannot write the script: \(error)"
            return figures
        }
        let child = ChildProcess(
            executable: "python3", arguments: [script.path, model.path, "\(timeLimit)"],
            timeout: Self.timeout(timeLimit), scratchFolder: folder)
        note("plan: HiGHS reference")
        let outcome: ChildOutcome
        do {
            outcome = try child.run()
        } catch {
            figures.failure = "failed: \(error)"
            return figures
        }
        figures.peak = outcome.peak
        guard outcome.isSuccess else {
            figures.failure = "failed: \(outcome.termination)"
            return figures
        }
        let lastLine = outcome.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        guard let result = try? JSONDecoder().decode(HighsResult.self, from: Data(lastLine.utf8)) else {
            figures.failure = "failed: unreadable output"
            return figures
        }
        figures.seconds = result.seconds
        figures.status = result.status
        figures.objective = result.objective
        return figures
    }

    /// Generous: the time limit is checked between steps, and reading a large file comes first.
    static func timeout(_ timeLimit: Double) -> Duration {
        .seconds(timeLimit * 2 + 300)
    }

    /// The `Status:` line of glpsol's report, in the words of a plan's status.
    static func glpsolStatus(_ report: String, isTimeUp: Bool) -> String? {
        guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("Status:") }) else { return nil }
        let status = line.dropFirst("Status:".count).trimmingCharacters(in: .whitespaces)
        switch status {
        case "INTEGER OPTIMAL": return "optimal"
        case "INTEGER NON-OPTIMAL": return "feasible"
        case "INTEGER EMPTY": return "infeasible"
        case "INTEGER UNDEFINED": return isTimeUp ? "timeLimit" : "undefined"
        default: return status.lowercased()
        }
    }

    /// The value in `Objective:  score = 6310 (MAXimum)`.
    static func glpsolObjective(_ report: String) -> Double? {
        guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
              let equals = line.firstIndex(of: "=")
        else { return nil }
        let value = line[line.index(after: equals)...].split(separator: " ").first
        return value.flatMap { Double($0) }
    }

    private struct HighsResult: Decodable {
        var seconds: Double
        var status: String
        var objective: Double?
    }

    /// Reads the MPS file, maximises (free MPS carries no objective sense, and GLPK's writer leaves
    /// it out), and prints one JSON line, last (HiGHS prints a banner first).
    static let highsScript = """
        import json, math, sys, time
        import highspy

        path, limit = sys.argv[1], float(sys.argv[2])
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        started = time.perf_counter()
        if highs.readModel(path) == highspy.HighsStatus.kError:
            sys.exit("cannot read " + path)
        # Set after reading: HiGHS applies the time limit to reading the file too.
        highs.setOptionValue("time_limit", limit)
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
        highs.run()
        seconds = time.perf_counter() - started
        status = highs.modelStatusToString(highs.getModelStatus())
        objective = highs.getInfo().objective_function_value
        print(json.dumps({
            "seconds": seconds,
            "status": status,
            "objective": objective if math.isfinite(objective) else None,
        }))

        """
}
