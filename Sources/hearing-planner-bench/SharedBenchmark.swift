import Foundation
import PlannerModel
import SyntheticRosters
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Section `shared`: two `hearing-planner serve` on one PostgreSQL database (a throw-away cluster
/// of Debian's server, as the tests start it). From a change accepted by the follower to the new
/// version current on both daemons; how long the follower takes to lead after `kill -9` of the
/// leader; `GET /v1/plans/current` under 50 readers on each daemon at once during a re-plan.
struct SharedBenchmark {
    static let hearings = 1_000
    static let readers = 50
    static let kills = 5

    var binary: String
    var runs: Int
    var timeLimit: Double
    var folder: URL

    struct Figures: Codable, Sendable {
        var hearings: Int
        var postgres: String?
        var firstPlanSeconds: Double?
        /// Seconds from the follower's 202 to the new version being current on both daemons.
        var changeToBothSeconds: [Double] = []
        var medianChangeToBothSeconds: Double?
        /// Seconds from `kill -9` of the leader to the other daemon saying it leads.
        var failoverSeconds: [Double] = []
        var medianFailoverSeconds: Double?
        /// 50 readers on each daemon at once, gzip.
        var readsLeader: ServeBenchmark.Reads?
        var readsFollower: ServeBenchmark.Reads?
        var failure: String?
    }

    func run() async -> Figures {
        var figures = Figures(hearings: Self.hearings)
        let work = folder.appendingPathComponent("shared")
        defer { try? FileManager.default.removeItem(at: work) }
        var cluster: TestPostgres?
        defer { cluster?.destroy() }
        do {
            if let reason = TestPostgres.unavailableReason { throw BenchFailure("skipped: \(reason)") }
            note("shared: starting a throw-away PostgreSQL cluster")
            let started = try TestPostgres.start()
            cluster = started
            figures.postgres = try started.psql("postgres", "SHOW server_version")
            let url = try started.newDatabase()
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            note("shared: generating \(Self.hearings) hearings (seed 1)")
            let roster = try RosterJSON.write(RosterGenerator(hearings: Self.hearings, weeks: 1, seed: 1).generate())
            let add = try ChildProcess(
                executable: binary, arguments: ["token", "add", "bench", "--role", "planner", "--tokens", work.path + "/tokens"],
                timeout: .seconds(30), scratchFolder: work
            ).run()
            let token = add.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            guard add.isSuccess, !token.isEmpty else { throw BenchFailure("token add: \(add.termination)") }
            for name in ["a", "b"] {
                let home = work.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: work.appendingPathComponent("tokens"), to: home.appendingPathComponent("tokens"))
                try Data(#"""
                    {"solveTimeLimit": \#(timeLimit), "debounce": 0.25, "logLevel": "notice",
                     "database": {"url": "\#(url)", "instance": "\#(name)", "poolSize": 8}}
                    """#.utf8).write(to: home.appendingPathComponent("config.json"))
            }
            func start(_ name: String) async throws -> Server {
                try await Server(binary: binary, folder: work.appendingPathComponent(name), token: token)
            }
            var servers = ["a": try await start("a")]
            _ = try await Self.waitToLead(servers["a"]!, within: 30)
            servers["b"] = try await start("b")
            defer { servers.values.forEach { $0.stop() } }
            var leader = "a"
            var follower = "b"

            note("shared: submitting the roster to the follower")
            let begun = ContinuousClock.now
            let (status, _) = try await servers[follower]!.send("POST", "/v1/rosters", body: Data(roster), timeout: timeLimit * 3 + 60)
            guard status == 201 else { throw BenchFailure("POST /v1/rosters answered \(status)") }
            figures.firstPlanSeconds = (ContinuousClock.now - begun).seconds

            var change = 0
            for run in 0..<runs {
                note("shared: change \(run + 1) of \(runs), posted to the follower")
                let version = try await servers[leader]!.currentVersion()
                let accepted = try await servers[follower]!.postChange(id: "shared-\(change)", assignment: change)
                change += 1
                let (leading, following) = (servers[leader]!, servers[follower]!)
                let within = timeLimit * 2 + 30
                async let onLeader: Void = leading.waitForVersion(above: version, within: within)
                async let onFollower: Void = following.waitForVersion(above: version, within: within)
                _ = try await (onLeader, onFollower)
                figures.changeToBothSeconds.append((ContinuousClock.now - accepted).seconds)
            }
            figures.medianChangeToBothSeconds = Median.of(figures.changeToBothSeconds)

            note("shared: \(Self.readers) readers on each daemon while a re-plan runs")
            let version = try await servers[leader]!.currentVersion()
            _ = try await servers[follower]!.postChange(id: "shared-\(change)", assignment: change)
            change += 1
            let (leading, following) = (servers[leader]!, servers[follower]!)
            let leadingReaders = PlanReaders(port: leading.port, token: token, count: Self.readers, acceptsGzip: true, isConditional: false)
            let followingReaders = PlanReaders(port: following.port, token: token, count: Self.readers, acceptsGzip: true, isConditional: false)
            async let leaderReads = leading.read(leadingReaders, until: version, minimum: .seconds(1))
            async let followerReads = following.read(followingReaders, until: version, minimum: .seconds(1))
            (figures.readsLeader, figures.readsFollower) = try await (leaderReads, followerReads)

            for kill in 0..<Self.kills {
                note("shared: kill -9 of the leader, \(kill + 1) of \(Self.kills)")
                let killed = servers[leader]!
                Glibc.kill(killed.process.processIdentifier, SIGKILL)
                killed.process.waitUntilExit()
                let took = try await Self.waitToLead(servers[follower]!, within: 60)
                figures.failoverSeconds.append(took)
                // The killed daemon comes back, as the follower.
                servers[leader] = try await start(leader)
                swap(&leader, &follower)
                _ = try await servers[follower]!.waitForVersion(above: 0, within: 60)
            }
            figures.medianFailoverSeconds = Median.of(figures.failoverSeconds)
        } catch {
            figures.failure = "\(error)"
        }
        return figures
    }

    /// Seconds until `server`'s /readyz says it leads.
    static func waitToLead(_ server: Server, within seconds: Double) async throws -> Double {
        let started = ContinuousClock.now
        while (ContinuousClock.now - started).seconds < seconds {
            if let (_, body) = try? await server.send("GET", "/readyz", timeout: 5),
               let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any], object["role"] as? String == "leader"
            {
                return (ContinuousClock.now - started).seconds
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw BenchFailure("no daemon led within \(Int(seconds)) s")
    }

    static func table(_ figures: Figures) -> TextTable {
        var table = TextTable([.left("measure"), .right("value")])
        table.append(["hearings", Format.count(figures.hearings)])
        table.append(["PostgreSQL", figures.postgres ?? "-"])
        table.append(["first plan (POST /v1/rosters to the follower), s", Format.seconds(figures.firstPlanSeconds)])
        table.append(["change accepted by the follower -> new version current on both, median s", Format.seconds(figures.medianChangeToBothSeconds)])
        table.append(["  each run, s", figures.changeToBothSeconds.map { String(format: "%.2f", $0) }.joined(separator: ", ")])
        table.append(["kill -9 of the leader -> the other leads, median of \(figures.failoverSeconds.count) s", Format.seconds(figures.medianFailoverSeconds)])
        table.append(["  each kill, s", figures.failoverSeconds.map { String(format: "%.2f", $0) }.joined(separator: ", ")])
        for (label, reads) in [("leader", figures.readsLeader), ("follower", figures.readsFollower)] {
            table.append(["GET /v1/plans/current, \(Self.readers) readers on the \(label) (both at once, gzip), requests", Format.count(reads?.requests)])
            table.append(["    median ms", reads?.medianMilliseconds.map { String(format: "%.1f", $0) } ?? "-"])
            table.append(["    p99 ms", reads?.p99Milliseconds.map { String(format: "%.1f", $0) } ?? "-"])
            if let failures = reads?.failures, failures > 0 { table.append(["    failed requests", Format.count(failures)]) }
        }
        if let failure = figures.failure { table.append(["failure", failure]) }
        return table
    }
}
