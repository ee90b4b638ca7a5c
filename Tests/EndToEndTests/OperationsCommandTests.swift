import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What an operator does with the real binary: the version, the journal's priorities, reloading
/// tokens, one daemon per state directory, and the state commands.
@Suite("Operations with the real binary")
struct OperationsCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

    @Test("--version prints the version of the file VERSION")
    func version() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let run = try await binary.run(["--version"], in: folder)
            let expected = try String(contentsOf: Self.repository.appendingPathComponent("VERSION"), encoding: .utf8)
            #expect(run.status == 0)
            #expect(run.standardOutput == expected.split(separator: "\n").first.map { "\($0)\n" })
        }
    }

    @Test("Under JOURNAL_STREAM every line carries its syslog priority and no time; SIGHUP reloads the tokens, a broken file is an error and changes nothing")
    func journalAndReload() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let first = try await ServeCommandTests.plannerToken(binary, in: folder)
            // The log file is the daemon's standard error: JOURNAL_STREAM names its device and inode.
            let log = folder.appendingPathComponent("journal.log")
            try Data().write(to: log)
            var status = stat()
            #expect(stat(log.path, &status) == 0)
            let server = try await ServeProcess(
                binary: binary, folder: folder, token: first, environment: ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"],
                logFile: log)
            #expect(try await server.request("GET", "/readyz", token: first) == 503)

            let tokens = folder.appendingPathComponent("tokens")
            let good = try String(contentsOf: tokens, encoding: .utf8)
            try (good + "broken line\n").write(to: tokens, atomically: true, encoding: .utf8)
            server.signal(SIGHUP)
            try await server.waitForLog("the token file was not reloaded")
            #expect(try await server.request("GET", "/readyz", token: first) == 503)  // still accepted

            try good.write(to: tokens, atomically: true, encoding: .utf8)
            let added = try await binary.run(["token", "add", "second", "--role", "viewer", "--tokens", "tokens"], in: folder)
            let second = added.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            let revoked = try await binary.run(["token", "revoke", "e2e", "--tokens", "tokens"], in: folder)
            #expect(revoked.status == 0, "\(revoked.standardError)")
            #expect(try await server.request("GET", "/readyz", token: first) == 503)  // until the reload
            server.signal(SIGHUP)
            try await server.waitForLog("reloaded the token file")
            #expect(try await server.request("GET", "/readyz", token: first) == 401)
            #expect(try await server.request("GET", "/readyz", token: second) == 503)
            #expect(server.stop() == 0)

            let lines = server.output.split(separator: "\n")
            #expect(lines.count >= 6)
            for line in lines {
                #expect(line.range(of: #"^<[2-7]>[^<\d]"#, options: .regularExpression) != nil, "not a journal line: \(line)")
            }
            func priority(of text: String) -> String? { lines.first { $0.contains(text) }.map { String($0.prefix(3)) } }
            #expect(priority(of: "listening address=") == "<5>")
            #expect(priority(of: "http GET /readyz 503") == "<6>")
            #expect(priority(of: "http GET /readyz 401") == "<6>")
            #expect(priority(of: "the token file was not reloaded") == "<3>")
            #expect(priority(of: "reloaded the token file tokens=1") == "<5>")
            #expect(!server.output.contains(first) && !server.output.contains(second))
        }
    }

    @Test("A second serve on the same state directory refuses to start, naming the directory and the running process")
    func oneDaemonPerDirectory() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let server = try await ServeProcess(binary: binary, folder: folder, token: token)
            let state = folder.appendingPathComponent("state").path
            let second = try await binary.run(
                ["serve", "--listen", "127.0.0.1:0", "--state-dir", state, "--tokens", "tokens"], in: folder)
            #expect(second.status == 1)
            #expect(second.standardError.contains(state))
            #expect(second.standardError.contains("process \(server.process.processIdentifier), serve"))
            // The state commands that change the database refuse in the same way; check reads alongside.
            let prune = try await binary.run(["state", "prune", "--before", "2100-01-01", "--state-dir", state], in: folder)
            #expect(prune.status == 1)
            #expect(prune.standardError.contains("process \(server.process.processIdentifier)"))
            let check = try await binary.run(["state", "check", "--state-dir", state], in: folder)
            #expect(check.status == 0, "\(check.standardError)")
            #expect(server.stop() == 0)
            let after = try await ServeProcess(binary: binary, folder: folder, token: token)
            #expect(after.stop() == 0)
        }
    }

    @Test("token list shows names, roles, created, expiry and the last use the daemon recorded")
    func tokenList() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let temporary = try await binary.run(["token", "add", "temp", "--role", "viewer", "--expires-in", "7", "--tokens", "tokens"], in: folder)
            #expect(temporary.status == 0)
            let server = try await ServeProcess(binary: binary, folder: folder, token: token)
            #expect(try await server.request("GET", "/readyz", token: token) == 503)
            #expect(server.stop() == 0)
            let list = try await binary.run(["token", "list", "--tokens", "tokens", "--state-dir", "state"], in: folder)
            #expect(list.status == 0, "\(list.standardError)")
            let rows = list.standardOutput.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(rows.first == ["NAME", "ROLE", "CREATED", "EXPIRES", "LAST", "USED"])
            let e2e = try #require(rows.first { $0.first == "e2e" })
            let temp = try #require(rows.first { $0.first == "temp" })
            #expect(e2e[1] == "planner" && e2e[3] == "never" && e2e[4].hasSuffix("Z"))
            #expect(temp[1] == "viewer" && temp[3].hasSuffix("Z") && temp[4] == "never")
        }
    }
}

extension OperationsCommandTests {
    @Test("state erase takes one applicant's hearing out of the state and the file; state prune deletes whole horizons")
    func eraseAndPrune() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let server = try await ServeProcess(binary: binary, folder: folder, token: token)
            let (created, _) = try await server.json("POST", "/v1/rosters", body: try Data(contentsOf: ServeCommandTests.sampleRoster))
            try #require(created == 201)
            let plan = try await server.plan(atLeast: 1)
            let held = try #require(plan["assignments"] as? [[String: Any]]).compactMap { $0["hearing"] as? String }
            let hearing = try #require(held.first)
            #expect(server.stop() == 0)
            let state = folder.appendingPathComponent("state")
            func stateBytes() throws -> Data {
                try FileManager.default.contentsOfDirectory(atPath: state.path).reduce(into: Data()) { all, name in
                    all.append(FileManager.default.contents(atPath: state.appendingPathComponent(name).path) ?? Data())
                }
            }
            #expect(try stateBytes().range(of: Data(hearing.utf8)) != nil)

            let erase = try await binary.run(["state", "erase", "--hearing", hearing, "--state-dir", "state"], in: folder)
            #expect(erase.status == 0, "\(erase.standardError)")
            #expect(erase.standardOutput.contains("Erased 1 hearing(s) from 1 roster(s), 1 plan version(s), 0 event(s)"))
            #expect(try stateBytes().range(of: Data(hearing.utf8)) == nil)
            let again = try await binary.run(["state", "erase", "--hearing", hearing, "--state-dir", "state"], in: folder)
            #expect(again.status == 1)

            let restarted = try await ServeProcess(binary: binary, folder: folder, token: token)
            let after = try await restarted.plan(atLeast: 1)
            let remaining = try #require(after["assignments"] as? [[String: Any]]).compactMap { $0["hearing"] as? String }
                + (try #require(after["unscheduled"] as? [[String: Any]])).compactMap { $0["hearing"] as? String }
            #expect(remaining.count == 59 && !remaining.contains(hearing))
            let (_, trail) = try await restarted.request("GET", "/readyz")
            #expect(!String(decoding: trail, as: UTF8.self).contains(hearing))
            #expect(restarted.stop() == 0)
            #expect(!restarted.output.contains(hearing))

            let prune = try await binary.run(["state", "prune", "--before", "2100-01-01", "--state-dir", "state"], in: folder)
            #expect(prune.status == 0, "\(prune.standardError)")
            #expect(prune.standardOutput.contains("Pruned horizons that ended before 2100-01-01: 1 roster(s), 1 plan version(s), 0 event(s)"))
            let check = try await binary.run(["state", "check", "--state-dir", "state"], in: folder)
            #expect(check.standardOutput.contains("0 roster(s), 0 event(s) (0 pending), 0 plan version(s)"))
            #expect(check.status == 0)
        }
    }
}

extension ServeProcess {
    /// Waits until the log has `text`.
    func waitForLog(_ text: String, within timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if output.contains(text) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the log never said \"\(text)\": \(output)")
    }
}
