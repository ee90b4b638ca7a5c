import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Several `hearing-planner serve` on one PostgreSQL database, as an organisation runs them behind
/// a load balancer: a throw-away cluster (``TestPostgres``), the real binary, `kill -9`, the
/// cluster stopped and started again.
@Suite(
    "Several daemons on one PostgreSQL database", .serialized,
    .enabled(if: TestPostgres.unavailableReason == nil, "PostgreSQL's server programs are not installed here (make test installs them)"))
struct SharedDatabaseTests {
    /// A daemon on `url`, named `instance`, with its own state directory.
    static func daemon(
        _ binary: HearingPlannerBinary, folder: URL, token: String, url: String, instance: String, debounce: Double = 0.1
    ) async throws -> ServeProcess {
        let config = folder.appendingPathComponent("\(instance).json")
        try config.write(#"{"debounce": \#(debounce), "database": {"url": "\#(url)", "instance": "\#(instance)", "poolSize": 4}}"#)
        return try await ServeProcess(
            binary: binary, folder: folder, token: token, extraArguments: ["--config", config.path], stateDirectory: "state-\(instance)")
    }

    /// `/readyz` of a daemon.
    static func readiness(_ daemon: ServeProcess) async throws -> [String: Any] {
        try await daemon.json("GET", "/readyz").object
    }

    /// Waits until `daemon` says it leads; returns how long that took.
    @discardableResult
    static func leads(_ daemon: ServeProcess, within limit: Duration = .seconds(30)) async throws -> Duration {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < limit {
            if (try? await readiness(daemon))?["role"] as? String == "leader" { return ContinuousClock.now - started }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("\(daemon.port) did not lead within \(limit); it wrote: \(daemon.output)")
        return limit
    }

    /// Events that each take one assignment's officer away from its slots, with their ids.
    static func officerEvents(_ plan: [String: Any], prefix: String, count: Int) throws -> [(id: String, body: Data)] {
        let assignments = try #require(plan["assignments"] as? [[String: Any]])
        return try assignments.prefix(count).enumerated().map { index, assignment in
            let id = "\(prefix)-\(index)"
            let document: [String: Any] = [
                "format": "hearing-planner/events@1",
                "events": [[
                    "id": id, "type": "availability", "person": try #require(assignment["officer"] as? String),
                    "slots": try #require(assignment["slots"] as? [String]), "available": false,
                ]],
            ]
            return (id, try JSONSerialization.data(withJSONObject: document))
        }
    }

    @Test("Two daemons: an event posted to the follower is re-planned by the leader and served by both; /readyz and /metrics say who leads")
    func leaderAndFollower() async throws {
        let binary = try HearingPlannerBinary.located()
        let cluster = try TestPostgres.shared()
        let url = try cluster.newDatabase()
        try await withTemporaryFolder { folder in
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let a = try await Self.daemon(binary, folder: folder, token: token, url: url, instance: "a")
            try await Self.leads(a)
            let b = try await Self.daemon(binary, folder: folder, token: token, url: url, instance: "b")
            // The roster goes to the follower; the leader makes its first plan, the follower answers with it.
            let (created, answer) = try await b.json("POST", "/v1/rosters", body: try Data(contentsOf: ServeCommandTests.sampleRoster))
            #expect(created == 201, "\(answer) \(b.output) \(a.output)")
            let first = try await a.plan(atLeast: 1)
            _ = try await b.plan(atLeast: 1)

            let (event, hearing) = try ServeCommandTests.officerLeaves(first, id: "e-follower")
            let (accepted, acceptance) = try await b.json("POST", "/v1/events", body: event)
            #expect(accepted == 202, "\(acceptance)")
            let fromLeader = try await a.plan(atLeast: 2, within: .seconds(30))
            let fromFollower = try await b.plan(atLeast: 2, within: .seconds(30))
            #expect(fromLeader["version"] as? Int == 2 && fromFollower["version"] as? Int == 2)
            #expect(fromLeader["appliedEvents"] as? [String] == ["e-follower"])
            #expect(fromFollower["appliedEvents"] as? [String] == ["e-follower"])

            let (readyA, readyB) = (try await Self.readiness(a), try await Self.readiness(b))
            #expect(readyA["role"] as? String == "leader" && readyA["instance"] as? String == "a")
            #expect(readyB["role"] as? String == "follower" && readyB["instance"] as? String == "b")
            #expect(readyB["database"] as? String == "reachable")
            let metricsA = String(decoding: try await a.request("GET", "/metrics").body, as: UTF8.self)
            let metricsB = String(decoding: try await b.request("GET", "/metrics").body, as: UTF8.self)
            #expect(metricsA.contains(#"hearing_planner_leader{instance="a"} 1"#))
            #expect(metricsB.contains(#"hearing_planner_leader{instance="b"} 0"#))
            // One version each, and the event applied in version 2, once.
            #expect(try cluster.psql(TestPostgres.databaseName(url), #"SELECT string_agg("version"::text, ',' ORDER BY "version") FROM "plan""#) == "1,2")
            #expect(try cluster.psql(TestPostgres.databaseName(url), #"SELECT "appliedInVersion" FROM "event""#) == "2")
            #expect(a.stop() == 0 && b.stop() == 0)
            #expect(!a.output.contains(hearing) && !b.output.contains(hearing))
        }
    }

    @Test("kill -9 the leader during a re-plan: the follower leads within 10 s, every acknowledged event is applied once, no version twice")
    func failover() async throws {
        let binary = try HearingPlannerBinary.located()
        let cluster = try TestPostgres.shared()
        let url = try cluster.newDatabase()
        try await withTemporaryFolder { folder in
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let a = try await Self.daemon(binary, folder: folder, token: token, url: url, instance: "a", debounce: 0)
            try await Self.leads(a)
            let b = try await Self.daemon(binary, folder: folder, token: token, url: url, instance: "b", debounce: 0)
            let (created, _) = try await a.json("POST", "/v1/rosters", body: try Data(contentsOf: ServeCommandTests.sampleRoster))
            try #require(created == 201, "\(a.output)")
            let first = try await b.plan(atLeast: 1)

            // Events to both daemons until the leader is seen solving; then kill -9 it.
            var acknowledged: [String] = []
            var killedDuringSolve = false
            for (index, event) in try Self.officerEvents(first, prefix: "e-kill", count: 12).enumerated() {
                let target = index.isMultiple(of: 2) ? a : b
                let (status, _) = try await target.json("POST", "/v1/events", body: event.body)
                #expect(status == 202)
                if status == 202 { acknowledged.append(event.id) }
                let deadline = ContinuousClock.now + .seconds(3)
                while ContinuousClock.now < deadline {
                    if (try? await Self.readiness(a))?["isSolving"] as? Bool == true {
                        killedDuringSolve = true
                        break
                    }
                    try await Task.sleep(for: .milliseconds(5))
                }
                if killedDuringSolve { break }
            }
            a.kill9()
            #expect(killedDuringSolve, "the leader was never seen solving; it was killed between solves")
            let takeover = try await Self.leads(b, within: .seconds(10))
            #expect(takeover < .seconds(10))
            FileHandle.standardError.write(Data("failover: the follower led \(takeover) after kill -9 of the leader during a solve\n".utf8))

            // The new leader plans everything pending; each acknowledged event in one version, once.
            let deadline = ContinuousClock.now + .seconds(60)
            var pending = ""
            repeat {
                pending = try cluster.psql(TestPostgres.databaseName(url), #"SELECT COUNT(*) FROM "event" WHERE "appliedInVersion" IS NULL"#)
                if pending == "0" { break }
                try await Task.sleep(for: .milliseconds(100))
            } while ContinuousClock.now < deadline
            #expect(pending == "0", "\(b.output)")
            let stored = try cluster.psql(TestPostgres.databaseName(url), #"SELECT string_agg("eventID", ',' ORDER BY "sequence") FROM "event""#)
            #expect(stored.split(separator: ",").map(String.init) == acknowledged)
            let versions = try cluster.psql(TestPostgres.databaseName(url), #"SELECT COUNT(*) || ',' || COUNT(DISTINCT "version") || ',' || MAX("version") FROM "plan""#)
                .split(separator: ",").compactMap { Int($0) }
            #expect(versions.count == 3 && versions[0] == versions[1] && versions[1] == versions[2], "versions: \(versions)")
            let current = try await b.plan(atLeast: versions.last ?? 1)
            let applied = try #require(current["appliedEvents"] as? [String])
            #expect(applied == acknowledged, "each acknowledged event once, in order")

            // The killed daemon comes back as a follower and serves the same version.
            let again = try await Self.daemon(binary, folder: folder, token: token, url: url, instance: "a", debounce: 0)
            let served = try await again.plan(atLeast: versions.last ?? 1)
            #expect(served["version"] as? Int == versions.last)
            #expect(try await Self.readiness(again)["role"] as? String == "follower")
            #expect(again.stop() == 0 && b.stop() == 0)
        }
    }

    @Test("The database stopped: writes get a clear 503, the last plan is still served, and everything resumes when it is back")
    func outage() async throws {
        let binary = try HearingPlannerBinary.located()
        // A cluster of its own: this test stops it.
        let cluster = try TestPostgres.start()
        defer { cluster.destroy() }
        let url = try cluster.newDatabase()
        try await withTemporaryFolder { folder in
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let a = try await Self.daemon(binary, folder: folder, token: token, url: url, instance: "a")
            try await Self.leads(a)
            let b = try await Self.daemon(binary, folder: folder, token: token, url: url, instance: "b")
            let (created, _) = try await a.json("POST", "/v1/rosters", body: try Data(contentsOf: ServeCommandTests.sampleRoster))
            try #require(created == 201, "\(a.output)")
            let first = try await b.plan(atLeast: 1)
            let events = try Self.officerEvents(first, prefix: "e-outage", count: 2)

            try cluster.stopServer()
            for daemon in [a, b] {
                let (status, answer) = try await daemon.json("POST", "/v1/events", body: events[0].body)
                #expect(status == 503)
                let error = answer["error"] as? [String: Any]
                #expect(error?["code"] as? String == "database-unavailable")
                #expect((error?["message"] as? String)?.contains("database cannot be reached") == true)
                let (read, plan) = try await daemon.json("GET", "/v1/plans/current")
                #expect(read == 200 && plan["version"] as? Int == 1)
            }
            // The sessions notice: /readyz says the database is unreachable.
            let noticed = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < noticed, try await Self.readiness(b)["database"] as? String != "unreachable" {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try await Self.readiness(b)["database"] as? String == "unreachable")

            try cluster.startServer()
            // Writes resume (the first may meet a connection the restart closed: tried for a while).
            var status = 0
            let back = ContinuousClock.now + .seconds(30)
            repeat {
                status = try await b.json("POST", "/v1/events", body: events[1].body).status
                if status == 202 { break }
                try await Task.sleep(for: .milliseconds(200))
            } while ContinuousClock.now < back
            #expect(status == 202)
            let second = try await a.plan(atLeast: 2, within: .seconds(60))
            #expect(second["appliedEvents"] as? [String] == [events[1].id])
            _ = try await b.plan(atLeast: 2, within: .seconds(30))
            #expect(try await Self.readiness(b)["database"] as? String == "reachable")
            #expect(a.stop() == 0 && b.stop() == 0)
        }
    }
}

extension SharedDatabaseTests {
    @Test("State commands on the shared database: erase refused while a daemon is connected, then out of every row and file; check, token use, backup with pg_dump")
    func stateCommands() async throws {
        let binary = try HearingPlannerBinary.located()
        let cluster = try TestPostgres.shared()
        let url = try cluster.newDatabase()
        try await withTemporaryFolder { folder in
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let daemon = try await Self.daemon(binary, folder: folder, token: token, url: url, instance: "east")
            // Documents stored without compression, so that the database's files show an id in clear.
            try cluster.psql(TestPostgres.databaseName(url), """
                ALTER TABLE "roster" ALTER COLUMN "document" SET STORAGE EXTERNAL;
                ALTER TABLE "plan" ALTER COLUMN "document" SET STORAGE EXTERNAL, ALTER COLUMN "rosterDocument" SET STORAGE EXTERNAL
                """)
            let (created, _) = try await daemon.json("POST", "/v1/rosters", body: try Data(contentsOf: ServeCommandTests.sampleRoster))
            try #require(created == 201, "\(daemon.output)")
            let plan = try await daemon.plan(atLeast: 1)
            let hearing = try #require((plan["assignments"] as? [[String: Any]])?.first?["hearing"] as? String)
            let config = ["--config", "east.json"]

            let refused = try await binary.run(["state", "erase", "--hearing", hearing] + config, in: folder)
            #expect(refused.status == 1 && refused.standardError.contains("(hearing-planner east); stop them all first"), "\(refused.standardError)")
            let tokens = try await binary.run(["token", "list", "--tokens", "tokens"] + config, in: folder)
            let line = try #require(tokens.standardOutput.split(separator: "\n").first { $0.hasPrefix("e2e ") })
            #expect(!line.hasSuffix("never") && !line.hasSuffix("unknown"), "\(tokens.standardOutput)")
            #expect(daemon.stop() == 0)
            #expect(try cluster.files(ofDatabase: url).range(of: Data(hearing.utf8)) != nil)

            let erase = try await binary.run(["state", "erase", "--hearing", hearing] + config, in: folder)
            #expect(erase.status == 0, "\(erase.standardError)")
            #expect(erase.standardOutput.contains("Erased 1 hearing(s) from 1 roster(s), 1 plan version(s), 0 event(s). Start the daemons again."))
            #expect(try cluster.files(ofDatabase: url).range(of: Data(hearing.utf8)) == nil)
            let check = try await binary.run(["state", "check"] + config, in: folder)
            #expect(check.status == 0 && check.standardOutput.contains("the shared database: 1 roster(s), 0 event(s) (0 pending), 1 plan version(s)"), "\(check.standardOutput)")
            let backup = try await binary.run(["state", "backup", "copy.sqlite"] + config, in: folder)
            #expect(backup.status == 1 && backup.standardError.contains("pg_dump"))

            // The backup docs/operations.md shows: pg_dump, pg_restore into a new database, state check.
            let dump = folder.appendingPathComponent("state.dump").path
            try cluster.client("pg_dump", ["-Fc", "-f", dump, TestPostgres.databaseName(url)])
            let restored = try cluster.newDatabase()
            try cluster.client("pg_restore", ["--no-owner", "-d", TestPostgres.databaseName(restored), dump])
            try folder.appendingPathComponent("restored.json").write(#"{"database": {"url": "\#(restored)"}}"#)
            let restoredCheck = try await binary.run(["state", "check", "--config", "restored.json"], in: folder)
            #expect(restoredCheck.status == 0 && restoredCheck.standardOutput.contains("1 roster(s)"), "\(restoredCheck.standardOutput)")

            let again = try await Self.daemon(binary, folder: folder, token: token, url: url, instance: "east")
            let after = try await again.plan(atLeast: 1)
            let remaining = try #require(after["assignments"] as? [[String: Any]]).compactMap { $0["hearing"] as? String }
                + (try #require(after["unscheduled"] as? [[String: Any]])).compactMap { $0["hearing"] as? String }
            #expect(remaining.count == 59 && !remaining.contains(hearing))
            #expect(again.stop() == 0)
            #expect(!again.output.contains(hearing) && !daemon.output.contains(hearing))
        }
    }
}

extension SharedDatabaseTests {
    @Test("A daemon on PostgreSQL over verify-full TLS, under the unit's strict sandbox: it leads, plans the sample and serves it")
    func underSandboxWithTLS() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let cluster = try TestPostgres.startWithTLS(certificatesIn: folder.path)
            defer { cluster.destroy() }
            let name = TestPostgres.databaseName(try cluster.newDatabase())
            let url = "postgres://planner@localhost:\(cluster.port)/\(name)?sslmode=verify-full&sslrootcert=\(folder.path)/ca.pem"
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            try folder.appendingPathComponent("tls.json").write(#"{"debounce": 0.1, "database": {"url": "\#(url)", "instance": "sandboxed"}}"#)
            let daemon = try await ServeProcess(
                binary: binary, folder: folder, token: token, extraArguments: ["--config", "tls.json"],
                wrapper: ["python3", SystemdUnitTests.sandbox.path, "--strict", "--"])
            try await Self.leads(daemon)
            let (created, _) = try await daemon.json("POST", "/v1/rosters", body: try Data(contentsOf: ServeCommandTests.sampleRoster))
            #expect(created == 201, "\(daemon.output)")
            let plan = try await daemon.plan(atLeast: 1)
            #expect(plan["version"] as? Int == 1)
            let encrypted = try cluster.psql("postgres", """
                SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
                WHERE a.datname = '\(name)' AND a.backend_type = 'client backend' AND s.ssl
                """)
            #expect((Int(encrypted.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 1)
            #expect(daemon.stop() == 0, "\(daemon.output)")
        }
    }
}
