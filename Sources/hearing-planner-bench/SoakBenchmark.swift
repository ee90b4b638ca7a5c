import Foundation
import PlannerModel
import SyntheticRosters

#if canImport(Glibc)
import Glibc
#endif

/// Section `soak`: the service on the 2,500-hearing week for `minutes` (30 by default) with a
/// change every 5 s and 50 readers of the whole plan: errors, events lost, the p99 read latency and
/// the daemon's resident memory at the start and the end; then a burst of 1,000 events in 10 s:
/// all applied, in how many re-plans, and how long until the plan is current. Loopback only,
/// bounded in time (docs/reliability.md).
struct SoakBenchmark {
    static let hearings = 2_500
    static let readers = 50
    static let changeEvery: Duration = .seconds(5)
    static let burstEvents = 1_000
    static let burstSeconds = 10.0

    var binary: String
    var minutes: Double
    var timeLimit: Double
    var folder: URL

    struct Figures: Codable, Sendable {
        var minutes: Double
        var changesPosted = 0
        var changesAcknowledged = 0
        var postErrors = 0
        var eventsLost: Int?
        var planVersions: Int?
        var reads: ServeBenchmark.Reads?
        var residentStartMiB: Double?
        var residentEndMiB: Double?
        var residentGrowthPercent: Double?
        /// The resident memory every five minutes of the soak, to tell a leak from growth that levels off.
        var residentEveryFiveMinutesMiB: [Double] = []
        var burstAcknowledged = 0
        var burstErrors = 0
        var burstPostSeconds: Double?
        var burstReplans: Int?
        var burstEventsApplied: Int?
        var burstCurrentAfterSeconds: Double?
        var failure: String?
    }

    func run() async -> Figures {
        var figures = Figures(minutes: minutes)
        let work = folder.appendingPathComponent("soak")
        defer { try? FileManager.default.removeItem(at: work) }
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            note("soak: generating \(Self.hearings) hearings (seed 1)")
            let roster = try RosterJSON.write(RosterGenerator(hearings: Self.hearings, weeks: 1, seed: 1).generate())
            let add = try ChildProcess(
                executable: binary, arguments: ["token", "add", "bench", "--role", "planner", "--tokens", work.path + "/tokens"],
                timeout: .seconds(30), scratchFolder: work
            ).run()
            let token = add.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            guard add.isSuccess, !token.isEmpty else { throw BenchFailure("token add: \(add.termination)") }
            try Data(#"{"solveTimeLimit": \#(timeLimit), "debounce": 0.25, "logLevel": "notice"}"#.utf8)
                .write(to: work.appendingPathComponent("config.json"))
            let server = try await Server(binary: binary, folder: work, token: token)
            defer { server.stop() }
            let (status, _) = try await server.send("POST", "/v1/rosters", body: Data(roster), timeout: timeLimit * 3 + 60)
            guard status == 201 else { throw BenchFailure("POST /v1/rosters answered \(status)") }
            let firstVersion = try await server.currentVersion()
            let (_, planBody) = try await server.send("GET", "/v1/plans/current")
            let people = try Self.people(planBody)

            note("soak: \(Self.readers) readers and a change every 5 s for \(Format.number(minutes)) min")
            let stop = StopFlag()
            let readers = PlanReaders(port: server.port, token: token, count: Self.readers, acceptsGzip: true, isConditional: false)
            async let reading = readers.read(until: stop, firstTag: nil)
            try await Task.sleep(for: .seconds(5))
            figures.residentStartMiB = Self.residentMiB(server.process.processIdentifier)
            var acknowledged: [String] = []
            let end = ContinuousClock.now + .milliseconds(Int64(minutes * 60_000))
            var n = 0
            var nextSample = ContinuousClock.now + .seconds(300)
            while ContinuousClock.now < end {
                if ContinuousClock.now >= nextSample, let resident = Self.residentMiB(server.process.processIdentifier) {
                    figures.residentEveryFiveMinutesMiB.append(resident)
                    nextSample = nextSample + .seconds(300)
                }
                let next = ContinuousClock.now + Self.changeEvery
                n += 1
                figures.changesPosted += 1
                let id = "soak-\(n)"
                if let status = try? await server.send("POST", "/v1/events", body: Self.event(id, people, n)).status, status == 202 {
                    acknowledged.append(id)
                } else {
                    figures.postErrors += 1
                }
                try await Task.sleep(until: next, clock: .continuous)
            }
            figures.changesAcknowledged = acknowledged.count
            figures.residentEndMiB = Self.residentMiB(server.process.processIdentifier)
            stop.set()
            let outcome = try await reading
            figures.reads = ServeBenchmark.Reads(outcome.latencies, failures: outcome.failures)
            if let start = figures.residentStartMiB, let end = figures.residentEndMiB, start > 0 {
                figures.residentGrowthPercent = (end - start) / start * 100
            }
            let settled = try await Self.settled(server)
            let applied = Set(settled["appliedEvents"] as? [String] ?? [])
            figures.eventsLost = acknowledged.filter { !applied.contains($0) }.count
            let soakVersion = settled["version"] as? Int ?? firstVersion
            figures.planVersions = soakVersion - firstVersion

            note("soak: a burst of \(Self.burstEvents) events in \(Format.number(Self.burstSeconds)) s")
            let burstStart = ContinuousClock.now
            let interval = Self.burstSeconds / Double(Self.burstEvents)
            var burstIDs: [String] = []
            await withTaskGroup(of: (String, Bool).self) { group in
                for k in 0..<Self.burstEvents {
                    let at = burstStart + .milliseconds(Int64(Double(k) * interval * 1000))
                    group.addTask {
                        try? await Task.sleep(until: at, clock: .continuous)
                        let id = "burst-\(k)"
                        let status = try? await server.send("POST", "/v1/events", body: Self.event(id, people, k), timeout: 120).status
                        return (id, status == 202)
                    }
                }
                for await (id, ok) in group {
                    if ok { burstIDs.append(id) } else { figures.burstErrors += 1 }
                }
            }
            let lastAcknowledged = ContinuousClock.now
            figures.burstAcknowledged = burstIDs.count
            figures.burstPostSeconds = (lastAcknowledged - burstStart).seconds
            let afterBurst = try await Self.settled(server)
            figures.burstCurrentAfterSeconds = (ContinuousClock.now - lastAcknowledged).seconds
            let appliedAfter = Set(afterBurst["appliedEvents"] as? [String] ?? [])
            figures.burstEventsApplied = burstIDs.filter(appliedAfter.contains).count
            figures.burstReplans = (afterBurst["version"] as? Int ?? soakVersion) - soakVersion
        } catch {
            figures.failure = "failed: \(error)"
        }
        return figures
    }

    /// Interpreters and their available slots, from the plan's assignments (the roster's people).
    static func people(_ planBody: Data) throws -> [(person: String, slots: [String])] {
        guard let plan = try JSONSerialization.jsonObject(with: planBody) as? [String: Any],
              let assignments = plan["assignments"] as? [[String: Any]], !assignments.isEmpty
        else { throw BenchFailure("the plan has no assignments") }
        return assignments.compactMap { a in (a["interpreter"] as? String).map { ($0, a["slots"] as? [String] ?? []) } }
    }

    /// An availability change: an interpreter of the plan loses, or gets back, the slots of one hearing.
    static func event(_ id: String, _ people: [(person: String, slots: [String])], _ n: Int) -> Data {
        let chosen = people[(n * 97) % people.count]
        let event: [String: Any] = [
            "format": "hearing-planner/events@1",
            "events": [["id": id, "type": "availability", "person": chosen.person, "slots": chosen.slots, "available": n % 3 == 0]],
        ]
        return (try? JSONSerialization.data(withJSONObject: event)) ?? Data()
    }

    /// Waits until nothing is pending and no solve runs; returns the current plan.
    static func settled(_ server: Server) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + .seconds(600)
        var last: [String: Any] = [:]
        while ContinuousClock.now < deadline {
            let (_, body) = try await server.send("GET", "/readyz")
            let readiness = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
            last = readiness
            if readiness["pendingEvents"] as? Int == 0, readiness["isSolving"] as? Bool == false {
                let (_, plan) = try await server.send("GET", "/v1/plans/current")
                return try JSONSerialization.jsonObject(with: plan) as? [String: Any] ?? [:]
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        // What the service said last: why it has not planned them (its reason names no data).
        let said = ["status", "reason", "pendingEvents", "isSolving"].map { "\($0)=\(last[$0].map { "\($0)" } ?? "-")" }
        throw BenchFailure("events still pending after ten minutes; /readyz: \(said.joined(separator: ", "))")
    }

    /// The process's resident memory (VmRSS), MiB.
    static func residentMiB(_ pid: Int32) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kib / 1024
    }

    static func table(_ figures: Figures) -> TextTable {
        var table = TextTable([.left("measure"), .right("value")])
        table.append(["minutes", Format.number(figures.minutes)])
        table.append(["changes posted / acknowledged / errors", "\(figures.changesPosted) / \(figures.changesAcknowledged) / \(figures.postErrors)"])
        table.append(["acknowledged events missing from the plan (target 0)", figures.eventsLost.map(String.init) ?? "-"])
        table.append(["plan versions made", figures.planVersions.map(String.init) ?? "-"])
        table.append(["reads of the whole plan (gzip) by \(readers) readers", Format.count(figures.reads?.requests)])
        table.append(["  failed reads (target 0)", Format.count(figures.reads?.failures)])
        table.append(["  median ms", figures.reads?.medianMilliseconds.map { String(format: "%.1f", $0) } ?? "-"])
        table.append(["  p99 ms", figures.reads?.p99Milliseconds.map { String(format: "%.1f", $0) } ?? "-"])
        table.append(["resident memory at the start / end, MiB", "\(figures.residentStartMiB.map { String(format: "%.0f", $0) } ?? "-") / \(figures.residentEndMiB.map { String(format: "%.0f", $0) } ?? "-")"])
        table.append(["  growth, % (target under 10)", figures.residentGrowthPercent.map { String(format: "%.1f", $0) } ?? "-"])
        table.append(["  every five minutes, MiB", figures.residentEveryFiveMinutesMiB.map { String(format: "%.0f", $0) }.joined(separator: " ")])
        table.append(["burst: events acknowledged / errors", "\(figures.burstAcknowledged) / \(figures.burstErrors)"])
        table.append(["  seconds to post them", Format.seconds(figures.burstPostSeconds)])
        table.append(["  applied in the plan", figures.burstEventsApplied.map(String.init) ?? "-"])
        table.append(["  re-plans", figures.burstReplans.map(String.init) ?? "-"])
        table.append(["  plan current after the last 202, s", Format.seconds(figures.burstCurrentAfterSeconds)])
        if let failure = figures.failure { table.append(["failure", failure]) }
        return table
    }
}
