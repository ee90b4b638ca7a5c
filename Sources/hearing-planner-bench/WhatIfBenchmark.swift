import Foundation
import PlannerModel
import SyntheticRosters

/// Section `whatif`: `hearing-planner options` on a 2,500-hearing week (target: under 1 s per
/// answer, everything included), the same questions asked of `hearing-planner serve` through
/// `GET /v1/hearings/{id}/options`, and `hearing-planner tradeoff` on a 1,000-hearing week (target:
/// the whole sweep under 30 s), each a child process.
struct WhatIfBenchmark {
    static let optionsHearings = 2_500
    static let tradeoffHearings = 1_000
    static let seed: UInt64 = 1
    /// How many hearings `options` is asked about: the first held ones that request a preference.
    static let questions = 5

    /// The sweep's `--time-limit` (shared by its points), and that of the plan the questions are asked of.
    static let sweepSeconds = 25.0
    static let planSeconds = 20.0

    var binary: String
    var runs: Int
    var folder: URL
    var sweepSeconds: Double { Self.sweepSeconds }
    var planSeconds: Double { Self.planSeconds }

    struct Figures: Codable, Sendable {
        var optionsHearings = WhatIfBenchmark.optionsHearings
        /// Median wall seconds of `options`, over every run of every question.
        var optionsMedianSeconds: Double?
        var optionsMaxSeconds: Double?
        var optionsQuestions = 0
        var optionsFailure: String?
        /// The service's answer to the first question about its plan (which lays the plan out), and
        /// the median and maximum of the others, in seconds as the client sees them.
        var routeFirstSeconds: Double?
        var routeMedianSeconds: Double?
        var routeMaxSeconds: Double?
        var routeFailure: String?
        var tradeoffHearings = WhatIfBenchmark.tradeoffHearings
        var tradeoffSeconds: Double?
        var tradeoffPoints: Int?
        /// Status of each point, ascending penalty.
        var tradeoffStatuses: [String]?
        var tradeoffMaxGap: Double?
        var tradeoffFailure: String?
    }

    func run() async -> Figures {
        var figures = Figures()
        measureOptions(into: &figures)
        await measureRoute(into: &figures)
        measureTradeoff(into: &figures)
        return figures
    }

    private func write(_ hearings: Int, to url: URL) throws {
        note("whatif: generating \(hearings) hearings (seed \(Self.seed))")
        let roster = RosterGenerator(hearings: hearings, weeks: 1, seed: Self.seed).generate()
        try Data(try RosterJSON.write(roster)).write(to: url)
    }

    private func measureOptions(into figures: inout Figures) {
        let roster = folder.appendingPathComponent("whatif-roster-\(Self.optionsHearings).json")
        let plan = folder.appendingPathComponent("whatif-plan-\(Self.optionsHearings).json")
        defer { for url in [roster, plan] { try? FileManager.default.removeItem(at: url) } }
        do {
            try write(Self.optionsHearings, to: roster)
        } catch {
            figures.optionsFailure = "failed: cannot write the roster: \(error)"
            return
        }
        note("whatif: planning \(Self.optionsHearings) hearings once (not timed)")
        let planning = ChildProcess(
            executable: binary, arguments: ["plan", roster.path, "-o", plan.path, "--time-limit", "\(planSeconds)"],
            timeout: .seconds(planSeconds * 3 + 60), scratchFolder: folder)
        guard (try? planning.run())?.isSuccess == true, let data = FileManager.default.contents(atPath: plan.path),
              let document = try? JSONDecoder().decode(PlanHearings.self, from: data)
        else {
            figures.optionsFailure = "failed: the plan to ask about was not made"
            return
        }
        let asked = document.assignments.filter { $0.interpreterPreference != "none" || $0.officerPreference != "none" }
            .prefix(Self.questions).map(\.hearing)
        var seconds: [Double] = []
        for (k, hearing) in asked.enumerated() {
            let child = ChildProcess(
                executable: binary, arguments: ["options", plan.path, "--roster", roster.path, "--hearing", hearing, "--json"],
                timeout: .seconds(120), scratchFolder: folder)
            let measured = RepeatedRuns<Void>.measure(child, count: runs, label: "options, question \(k + 1)", inspect: { _ in })
            if let failure = measured.failure { figures.optionsFailure = failure }
            seconds += measured.runs.filter(\.outcome.isSuccess).map(\.outcome.wallSeconds)
        }
        figures.optionsQuestions = asked.count
        figures.optionsMedianSeconds = Median.of(seconds)
        figures.optionsMaxSeconds = seconds.max()
    }

    /// The service plans the same week itself (within `planSeconds`), then answers the first
    /// `questions` held hearings with a preference, `runs` times each.
    private func measureRoute(into figures: inout Figures) async {
        let work = folder.appendingPathComponent("whatif-serve")
        defer { try? FileManager.default.removeItem(at: work) }
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            let roster = try RosterJSON.write(RosterGenerator(hearings: Self.optionsHearings, weeks: 1, seed: Self.seed).generate())
            let add = try ChildProcess(
                executable: binary, arguments: ["token", "add", "bench", "--role", "planner", "--tokens", work.path + "/tokens"],
                timeout: .seconds(30), scratchFolder: work
            ).run()
            let token = add.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            guard add.isSuccess, !token.isEmpty else { throw BenchFailure("token add: \(add.termination)") }
            try Data(#"{"solveTimeLimit": \#(planSeconds), "logLevel": "notice"}"#.utf8)
                .write(to: work.appendingPathComponent("config.json"))
            let server = try await Server(binary: binary, folder: work, token: token)
            defer { server.stop() }
            note("whatif: the service plans \(Self.optionsHearings) hearings (not timed)")
            let (status, _) = try await server.send("POST", "/v1/rosters", body: Data(roster), timeout: planSeconds * 3 + 60)
            guard status == 201 else { throw BenchFailure("POST /v1/rosters answered \(status)") }
            let (_, body) = try await server.send("GET", "/v1/plans/current")
            let plan = try JSONDecoder().decode(PlanHearings.self, from: body)
            let asked = plan.assignments.filter { $0.interpreterPreference != "none" || $0.officerPreference != "none" }
                .prefix(Self.questions).map(\.hearing)
            var seconds: [Double] = []
            for hearing in asked {
                for _ in 0..<runs {
                    let started = ContinuousClock.now
                    let (status, _) = try await server.send("GET", "/v1/hearings/\(hearing)/options")
                    guard status == 200 else { throw BenchFailure("GET /v1/hearings/{id}/options answered \(status)") }
                    seconds.append((ContinuousClock.now - started).seconds)
                }
            }
            figures.routeFirstSeconds = seconds.first
            figures.routeMedianSeconds = Median.of(Array(seconds.dropFirst()))
            figures.routeMaxSeconds = seconds.dropFirst().max()
        } catch {
            figures.routeFailure = "failed: \(error)"
        }
    }

    private func measureTradeoff(into figures: inout Figures) {
        let roster = folder.appendingPathComponent("whatif-roster-\(Self.tradeoffHearings).json")
        let output = folder.appendingPathComponent("whatif-tradeoff.json")
        defer { for url in [roster, output] { try? FileManager.default.removeItem(at: url) } }
        do {
            try write(Self.tradeoffHearings, to: roster)
        } catch {
            figures.tradeoffFailure = "failed: cannot write the roster: \(error)"
            return
        }
        let child = ChildProcess(
            executable: binary,
            arguments: ["tradeoff", roster.path, "--format", "json", "-o", output.path, "--time-limit", "\(sweepSeconds)"],
            timeout: .seconds(sweepSeconds * 3 + 60), scratchFolder: folder)
        let measured = RepeatedRuns<TradeoffRuns?>.measure(
            child, count: runs, label: "tradeoff \(Self.tradeoffHearings)",
            prepare: { try? FileManager.default.removeItem(at: output) },
            inspect: { _ in FileManager.default.contents(atPath: output.path).flatMap { try? JSONDecoder().decode(TradeoffRuns.self, from: $0) } })
        figures.tradeoffSeconds = measured.medianSeconds
        figures.tradeoffFailure = measured.failure
        if let report = measured.medianRun?.detail {
            figures.tradeoffPoints = report.runs.count
            figures.tradeoffStatuses = report.runs.map(\.status)
            figures.tradeoffMaxGap = report.runs.compactMap(\.gap).max()
        }
    }

    static func table(_ figures: Figures) -> TextTable {
        var table = TextTable([.left("measure"), .right("hearings"), .right("seconds"), .left("target"), .left("detail")])
        table.append([
            "options (median, max)", Format.count(figures.optionsHearings),
            "\(Format.seconds(figures.optionsMedianSeconds)), \(Format.seconds(figures.optionsMaxSeconds))",
            figures.optionsMaxSeconds.map { $0 < 1 ? "< 1 s: met" : "< 1 s: NOT met" } ?? "-",
            figures.optionsFailure ?? "\(figures.optionsQuestions) hearings asked about",
        ])
        table.append([
            "options, GET /v1/hearings/{id}/options (first; median, max)", Format.count(figures.optionsHearings),
            "\(Format.seconds(figures.routeFirstSeconds)); \(Format.seconds(figures.routeMedianSeconds)), \(Format.seconds(figures.routeMaxSeconds))",
            figures.routeMaxSeconds.map { $0 < 1 ? "< 1 s: met" : "< 1 s: NOT met" } ?? "-",
            figures.routeFailure ?? "the first question lays the plan out; the service's own plan",
        ])
        let statuses = figures.tradeoffStatuses.map { Dictionary(grouping: $0, by: { $0 }).map { "\($1.count) \($0)" }.sorted().joined(separator: ", ") }
        table.append([
            "tradeoff sweep", Format.count(figures.tradeoffHearings), Format.seconds(figures.tradeoffSeconds),
            figures.tradeoffSeconds.map { $0 < 30 ? "< 30 s: met" : "< 30 s: NOT met" } ?? "-",
            figures.tradeoffFailure
                ?? "\(figures.tradeoffPoints ?? 0) points (\(statuses ?? "-")), max gap \(Format.gap(figures.tradeoffMaxGap)), --time-limit \(Format.number(Self.sweepSeconds))",
        ])
        return table
    }

    /// The fields of a plan the bench reads to choose its questions.
    struct PlanHearings: Decodable {
        struct Entry: Decodable {
            var hearing: String
            var interpreterPreference: String
            var officerPreference: String
        }

        var assignments: [Entry]
    }

    /// The fields of a tradeoff@1 report the bench reports.
    struct TradeoffRuns: Decodable {
        struct Run: Decodable {
            var status: String
            var gap: Double?
        }

        var runs: [Run]
    }
}
