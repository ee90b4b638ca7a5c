import Foundation
import PlannerModel
import SyntheticRosters

/// Section `replan`: the 2,500-hearing week is planned, then the interpreter with the most hearings
/// loses the two days on which they have the most; `hearing-planner replan` is timed on that, and
/// the changed roster is also planned from scratch, to compare how much of the published plan each
/// keeps. Every run is a child process of the real binary.
struct ReplanBenchmark {
    static let hearings = 2_500
    static let seed: UInt64 = 1

    var binary: String
    var runs: Int
    var timeLimit: Double
    var folder: URL

    struct Figures: Codable, Sendable {
        var hearings: Int
        /// The baseline: one `plan` run with the bench's time limit.
        var baselineSeconds: Double?
        var baselineStatus: String?
        var baselineHeld: Int?
        /// The interpreter's hearings in the baseline, and the slots they lose.
        var interpreterHearings: Int?
        var slotsLost: Int?
        /// Baseline hearings of that interpreter on those two days.
        var directlyAffected: Int?
        /// Median wall seconds of the `replan` runs, and what the median run wrote.
        var replanSeconds: Double?
        var replanCPUSeconds: Double?
        var replanStatus: String?
        var replanObjective: Double?
        var replanGap: Double?
        var replanHeld: Int?
        var changed: Int?
        var forced: Int?
        var unforced: Int?
        /// The changed roster planned from scratch (one run), compared with the baseline.
        var scratchSeconds: Double?
        var scratchStatus: String?
        var scratchObjective: Double?
        var scratchHeld: Int?
        var scratchChanged: Int?
        var peak: PeakMemory?
        var failure: String?
    }

    func run() -> Figures {
        var figures = Figures(hearings: Self.hearings)
        do {
            try measure(into: &figures)
        } catch {
            figures.failure = "failed: \(error)"
        }
        return figures
    }

    private func measure(into figures: inout Figures) throws {
        let work = folder.appendingPathComponent("replan-\(Self.hearings)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let roster = work.appendingPathComponent("roster.json")
        note("replan: generating \(Self.hearings) hearings (seed \(Self.seed))")
        let generated = RosterGenerator(hearings: Self.hearings, weeks: 1, seed: Self.seed).generate()
        try Data(try RosterJSON.write(generated)).write(to: roster)

        // The published plan.
        let baselineURL = work.appendingPathComponent("baseline.json")
        note("replan: planning the baseline (time limit \(Format.number(timeLimit)) s)")
        let baselineRun = try plan(roster, to: baselineURL)
        figures.baselineSeconds = baselineRun.wallSeconds
        let baseline = try Self.readPlan(baselineURL, run: baselineRun)
        figures.baselineStatus = baseline.status.rawValue
        figures.baselineHeld = baseline.assignments.count

        // The change: one interpreter, two days.
        let change = try Self.change(baseline: baseline, roster: generated)
        figures.interpreterHearings = change.interpreterHearings
        figures.slotsLost = change.slots.count
        figures.directlyAffected = change.directlyAffected
        let events = work.appendingPathComponent("events.json")
        try Self.eventsJSON(person: change.person, slots: change.slots).write(to: events)
        // Before the week: nothing is frozen, every change is the planner's choice or forced.
        let now = Self.isoTime(generated.horizon.start.adding(days: -3))

        let newPlan = work.appendingPathComponent("replan.json")
        let child = ChildProcess(
            executable: binary,
            arguments: [
                "replan", "--roster", roster.path, "--baseline", baselineURL.path, "--events", events.path,
                "--now", now, "-o", newPlan.path, "--time-limit", "\(timeLimit)",
            ],
            timeout: ReferenceSolvers.timeout(timeLimit), scratchFolder: work)
        let replans = RepeatedRuns<Plan?>.measure(
            child, count: runs, label: "replan \(Self.hearings)",
            prepare: { try? FileManager.default.removeItem(at: newPlan) },
            inspect: { _ in Self.decode(newPlan) })
        figures.replanSeconds = replans.medianSeconds
        figures.peak = replans.peak
        figures.failure = replans.failure
        if let median = replans.medianRun, let replanned = median.detail {
            figures.replanCPUSeconds = median.outcome.cpuSeconds
            figures.replanStatus = replanned.status.rawValue
            figures.replanObjective = replanned.objective
            figures.replanGap = replanned.gap
            figures.replanHeld = replanned.assignments.count
            figures.changed = replanned.changes.count
            figures.forced = replanned.changes.filter(\.forced).count
            figures.unforced = replanned.changes.filter { !$0.forced }.count
        }

        // The same change, planned from scratch.
        let changedRoster = work.appendingPathComponent("changed-roster.json")
        let record = EventRecord(id: "bench-1", change: .availability(person: change.person, slots: change.slots, available: false))
        guard case .success(let applied) = generated.applying([record]) else {
            throw BenchFailure("the change does not fit the generated roster")
        }
        try Data(try RosterJSON.write(applied.roster)).write(to: changedRoster)
        let scratchURL = work.appendingPathComponent("scratch.json")
        note("replan: planning the changed roster from scratch (time limit \(Format.number(timeLimit)) s)")
        let scratchRun = try plan(changedRoster, to: scratchURL)
        figures.scratchSeconds = scratchRun.wallSeconds
        let scratch = try Self.readPlan(scratchURL, run: scratchRun)
        figures.scratchStatus = scratch.status.rawValue
        figures.scratchObjective = scratch.objective
        figures.scratchHeld = scratch.assignments.count
        figures.scratchChanged = PlanDiff(from: baseline, to: scratch).changes.count
    }

    private func plan(_ roster: URL, to output: URL) throws -> ChildOutcome {
        try ChildProcess(
            executable: binary, arguments: ["plan", roster.path, "-o", output.path, "--time-limit", "\(timeLimit)"],
            timeout: ReferenceSolvers.timeout(timeLimit), scratchFolder: folder
        ).run()
    }

    private static func readPlan(_ url: URL, run: ChildOutcome) throws -> Plan {
        guard run.isSuccess, let plan = decode(url) else { throw BenchFailure("plan: \(run.termination), no plan written") }
        return plan
    }

    private static func decode(_ url: URL) -> Plan? {
        FileManager.default.contents(atPath: url.path).flatMap { try? JSONDecoder().decode(Plan.self, from: $0) }
    }

    /// The interpreter with the most hearings in the baseline (the first id on a tie), and the two
    /// days on which they have the most (the earlier on a tie); all their slots of those days.
    struct Change {
        var person: String
        var slots: [SlotName]
        var interpreterHearings: Int
        var directlyAffected: Int
    }

    static func change(baseline: Plan, roster: Roster) throws -> Change {
        let byInterpreter = Dictionary(grouping: baseline.assignments, by: \.interpreter)
        guard let (person, hearings) = byInterpreter.max(by: { a, b in
            (a.value.count, b.key) < (b.value.count, a.key)
        }) else { throw BenchFailure("the baseline holds no hearing") }
        let byDay = Dictionary(grouping: hearings, by: \.date)
        let days = byDay.keys.sorted { a, b in
            (byDay[a]!.count, b) > (byDay[b]!.count, a)
        }.prefix(2).sorted()
        let slots = days.flatMap { day in roster.horizon.slots.map { SlotName(date: day, part: $0) } }
        return Change(
            person: person, slots: slots, interpreterHearings: hearings.count,
            directlyAffected: days.reduce(0) { $0 + byDay[$1]!.count })
    }

    static func eventsJSON(person: String, slots: [SlotName]) throws -> Data {
        let document: [String: Any] = [
            "format": "hearing-planner/events@1",
            "events": [[
                "id": "bench-1", "type": "availability", "person": person,
                "slots": slots.map { "\($0.date)/\($0.part)" }, "available": false,
            ]],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }

    /// Noon UTC of `day`, in ISO 8601.
    static func isoTime(_ day: Day) -> String { "\(day)T12:00:00Z" }

    static func table(_ f: Figures) -> [TextTable] {
        var change = TextTable([
            .right("hearings"), .left("baseline"), .right("held"), .right("interpreter's"), .right("slots lost"),
            .right("directly affected"),
        ])
        change.append([
            Format.count(f.hearings), f.baselineStatus ?? "-", Format.count(f.baselineHeld), Format.count(f.interpreterHearings),
            Format.count(f.slotsLost), Format.count(f.directlyAffected),
        ])
        var results = TextTable([
            .left("run"), .right("seconds"), .right("cpu s"), .left("status"), .right("objective"), .right("gap"),
            .right("held"), .right("changed"), .right("forced"), .right("unforced"), .right("peak MiB"),
        ])
        let replanStatus = [f.failure, f.replanStatus].compactMap { $0 }.joined(separator: ", ")
        results.append([
            "replan (median of runs)", Format.seconds(f.replanSeconds), Format.seconds(f.replanCPUSeconds),
            replanStatus.isEmpty ? "-" : replanStatus, Format.number(f.replanObjective), Format.gap(f.replanGap),
            Format.count(f.replanHeld), Format.count(f.changed), Format.count(f.forced), Format.count(f.unforced),
            Format.mebibytes(f.peak),
        ])
        results.append([
            "plan from scratch (one run)", Format.seconds(f.scratchSeconds), "", f.scratchStatus ?? "-",
            Format.number(f.scratchObjective), "", Format.count(f.scratchHeld), Format.count(f.scratchChanged), "", "", "",
        ])
        return [change, results]
    }
}

/// A step of a bench section that could not be done.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
