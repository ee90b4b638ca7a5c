import ArgumentParser
import Foundation

@main
struct HearingPlannerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hearing-planner-bench",
        abstract: "Time the hearing-planner binary on generated rosters and print the figures.",
        discussion: """
            Sections, run in this order: plan (planning one-week rosters of 200, 1,000 and 2,500 \
            hearings and four weeks of 10,000, each against issue 4's target, with glpsol and HiGHS on \
            the same model as references when they are installed) \
            decode (reading and validating 10,000 hearings, JSON and CSV), sheets (the same roster as an \
            .xlsx workbook, read and validated; the export of a plan of it as a workbook), replan (a 2,500-hearing week \
            after one interpreter loses two days, against planning it from scratch), whatif (options \
            for one hearing of a 2,500-hearing week, the trade-off sweep of a 1,000-hearing week) and \
            serve (the service on the 2,500-hearing week: from an accepted change to the new plan version, \
            and GET /v1/plans/current under 50 concurrent readers during a re-plan), shared (two daemons on \
            one PostgreSQL database: a change accepted by the follower until the new version is current \
            on both, failover after kill -9 of the leader, 50 readers on each) and soak (the serve week \
            for --soak-minutes with a change every 5 s and 50 readers, then a burst of 1,000 events). Each figure is the \
            median of --runs runs. The tables go to standard output, progress to standard error. See docs/performance.md.
            """)

    enum Section: String, CaseIterable, ExpressibleByArgument {
        case plan, techniques, decode, sheets, replan, whatif, serve, shared, soak
    }

    @Option(help: ArgumentHelp("The hearing-planner executable to time.", valueName: "path"))
    var binary = ".build/release/hearing-planner"

    @Option(help: ArgumentHelp("How many times to run each measurement; the median is reported.", valueName: "n"))
    var runs = 3

    @Option(
        help: ArgumentHelp("The sections to run, separated by commas (plan, techniques, decode, sheets, replan, whatif, serve, shared, soak); all by default.", valueName: "names"),
        transform: { text in
            try text.split(separator: ",").map { name in
                guard let section = Section(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("there is no section '\(name)'; the sections are \(Section.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return section
            }
        })
    var only: [Section] = Section.allCases

    @Option(help: ArgumentHelp("The time limit of each planning run and reference solver of the plan section: long enough for the 1,000-hearing week to be proven optimal (2-3 minutes).", valueName: "seconds"))
    var planTimeLimit = 300.0

    @Option(
        help: ArgumentHelp("The rosters of the plan section, by their number of hearings, separated by commas (200, 1000, 2500, 10000); all by default.", valueName: "counts"),
        transform: { text in
            try text.split(separator: ",").map { count in
                let known = PlanBenchmark.rosters.map(\.hearings)
                guard let hearings = Int(count.trimmingCharacters(in: .whitespaces)), known.contains(hearings) else {
                    throw ValidationError("there is no roster of '\(count)' hearings; the rosters have \(known.map(String.init).joined(separator: ", ")).")
                }
                return hearings
            }
        })
    var planHearings: [Int]?

    @Option(help: ArgumentHelp("The time limit of each planning run of the other sections.", valueName: "seconds"))
    var timeLimit = 120.0

    @Option(help: ArgumentHelp("How long the soak section runs, in minutes.", valueName: "minutes"))
    var soakMinutes = 30.0

    @Option(help: ArgumentHelp("Also write the figures to this file as JSON.", valueName: "file"))
    var json: String?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1.") }
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be a positive number of seconds.") }
        guard planTimeLimit > 0 else { throw ValidationError("--plan-time-limit must be a positive number of seconds.") }
        guard !only.isEmpty else { throw ValidationError("--only needs at least one section.") }
        guard isExecutableOnPath(binary) else {
            throw ValidationError("There is no executable at \(binary): build it first (swift build -c release).")
        }
    }

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearing-planner-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A path is made absolute, so that it does not depend on where the children run; a bare
        // name is looked up on PATH.
        let binary = binary.contains("/") ? URL(fileURLWithPath: binary).standardizedFileURL.path : binary

        var report = BenchReport(
            context: RunContext.current(scratchFolder: folder), runs: runs, timeLimitSeconds: timeLimit,
            planTimeLimitSeconds: planTimeLimit)
        print(report.context.header)
        // Planning first: this process grows with the 10,000-hearing roster of `decode` and does not
        // shrink again, and its size is a floor under its children's peak memory.
        if only.contains(.plan) {
            let references = ReferenceSolvers.detect(folder: folder)
            let figures = PlanBenchmark(
                binary: binary, runs: runs, timeLimit: planTimeLimit, folder: folder, references: references,
                hearings: planHearings
            ).run()
            report.plan = figures
            printSection(
                "plan: the rosters of issue 4, time limit \(Format.number(planTimeLimit)) s (at most \(Format.number(PlanBenchmark.rosters.compactMap(\.timeCap).min() ?? planTimeLimit)) s for four weeks), median of \(runs) run(s); references run once",
                PlanBenchmark.tables(figures))
        }
        if only.contains(.techniques) {
            let figures = TechniqueBenchmark(binary: binary, runs: runs, timeLimit: timeLimit, folder: folder).run()
            report.techniques = figures
            printSection(
                "techniques: \(TechniqueBenchmark.hearings) hearings, each variant median of \(runs) run(s), time limit \(Format.number(timeLimit)) s",
                [TechniqueBenchmark.table(figures)])
        }
        if only.contains(.decode) {
            let figures = DecodeBenchmark(binary: binary, runs: runs, folder: folder).run()
            report.decode = figures
            printSection(
                "decode: \(Format.count(DecodeBenchmark.hearings)) hearings over \(DecodeBenchmark.weeks) weeks, median of \(runs) run(s)",
                [DecodeBenchmark.table(figures)])
        }
        if only.contains(.sheets) {
            let figures = SheetsBenchmark(binary: binary, runs: runs, folder: folder).run()
            report.sheets = figures
            printSection(
                "sheets: \(Format.count(SheetsBenchmark.hearings)) hearings over \(SheetsBenchmark.weeks) weeks as a workbook, and the export of a plan of it; median of \(runs) run(s)",
                SheetsBenchmark.table(figures))
        }
        if only.contains(.replan) {
            report.replan = ReplanBenchmark(binary: binary, runs: runs, timeLimit: timeLimit, folder: folder).run()
            printSection("replan: \(Format.count(ReplanBenchmark.hearings)) hearings, one interpreter loses two days; replan median of \(runs) run(s), plans run once with time limit \(Format.number(timeLimit)) s", ReplanBenchmark.table(report.replan!))
        }
        if only.contains(.whatif) {
            let bench = WhatIfBenchmark(binary: binary, runs: runs, folder: folder)
            report.whatif = await bench.run()
            printSection("whatif: options on a one-week roster, the trade-off sweep on another; median of \(runs) run(s)", [WhatIfBenchmark.table(report.whatif!)])
        }
        if only.contains(.serve) {
            let figures = await ServeBenchmark(binary: binary, runs: runs, timeLimit: timeLimit, folder: folder).run()
            report.serve = figures
            printSection(
                "serve: the service on \(Format.count(ServeBenchmark.hearings)) hearings, solve time limit \(Format.number(timeLimit)) s, \(runs) change(s), \(ServeBenchmark.readers) readers",
                [ServeBenchmark.table(figures)])
        }
        if only.contains(.shared) {
            let figures = await SharedBenchmark(binary: binary, runs: runs, timeLimit: timeLimit, folder: folder).run()
            report.shared = figures
            printSection(
                "shared: two daemons on one PostgreSQL database, \(Format.count(SharedBenchmark.hearings)) hearings, solve time limit \(Format.number(timeLimit)) s, \(runs) change(s), \(SharedBenchmark.kills) kills",
                [SharedBenchmark.table(figures)])
        }
        if only.contains(.soak) {
            let figures = await SoakBenchmark(binary: binary, minutes: soakMinutes, timeLimit: timeLimit, folder: folder).run()
            report.soak = figures
            printSection(
                "soak: the service on \(Format.count(SoakBenchmark.hearings)) hearings for \(Format.number(soakMinutes)) min, a change every 5 s, \(SoakBenchmark.readers) readers; then \(SoakBenchmark.burstEvents) events in \(Format.number(SoakBenchmark.burstSeconds)) s",
                [SoakBenchmark.table(figures)])
        }
        if let json {
            do {
                try report.json().write(to: URL(fileURLWithPath: json))
            } catch {
                throw ValidationError("Cannot write \(json): \(error.localizedDescription)")
            }
        }
    }

    private func printSection(_ title: String, _ tables: [TextTable]) {
        print("\n" + title + "\n")
        print(tables.map(\.text).joined(separator: "\n\n"))
        // Standard output to a file is buffered: a section's figures are kept even if a later one
        // is interrupted.
        fflush(nil)
    }
}

/// Every figure of a run, for `--json`.
struct BenchReport: Codable, Sendable {
    var context: RunContext
    var runs: Int
    var timeLimitSeconds: Double
    var planTimeLimitSeconds: Double
    var decode: [DecodeBenchmark.Figures]?
    var sheets: SheetsBenchmark.Figures?
    var plan: [PlanBenchmark.Figures]?
    var techniques: [TechniqueBenchmark.Figures]?
    var replan: ReplanBenchmark.Figures?
    var whatif: WhatIfBenchmark.Figures?
    var serve: ServeBenchmark.Figures?
    var shared: SharedBenchmark.Figures?
    var soak: SoakBenchmark.Figures?

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
