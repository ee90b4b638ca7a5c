import Foundation
import Locking
import Synchronization
import Testing

/// `state backup` while events are being posted, then `state restore` and a restart: every event
/// acknowledged before the backup began is there, none acknowledged after it ended is, and the
/// current plan includes exactly the events the restored state holds.
@Suite("Backup and restore under load")
struct BackupUnderLoadTests {
    /// Availability events for the sample week: interpreter after interpreter loses one of their slots.
    static func events(count: Int) throws -> [(id: String, body: Data)] {
        let roster = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: ServeCommandTests.sampleRoster)) as? [String: Any])
        let interpreters = try #require(roster["interpreters"] as? [[String: Any]])
        let people: [(String, [String])] = interpreters.compactMap { person in
            guard let id = person["id"] as? String, let slots = person["available"] as? [String], !slots.isEmpty else { return nil }
            return (id, slots)
        }
        return try (0..<count).map { n in
            let (person, slots) = people[n % people.count]
            let slot = slots[(n / people.count) % slots.count]
            let document: [String: Any] = [
                "format": "hearing-planner/events@1",
                "events": [["id": "load-\(n)", "type": "availability", "person": person, "slots": [slot], "available": n % 2 == 0]],
            ]
            return ("load-\(n)", try JSONSerialization.data(withJSONObject: document))
        }
    }

    @Test("Every event acknowledged before the backup is restored, none acknowledged after it, and the plan holds them all")
    func backupWhilePosting() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            let token = try await ServeCommandTests.plannerToken(binary, in: folder)
            let server = try await ServeProcess(binary: binary, folder: folder, token: token)
            let (created, _) = try await server.json("POST", "/v1/rosters", body: try Data(contentsOf: ServeCommandTests.sampleRoster))
            try #require(created == 201, "\(server.output)")

            let events = try Self.events(count: 400)
            let acknowledged = Locked<[(id: String, at: ContinuousClock.Instant)]>([])
            let poster = Task {
                for event in events where !Task.isCancelled {
                    guard let (status, _) = try? await server.request("POST", "/v1/events", body: event.body) else { continue }
                    if status == 202 { acknowledged.withLock { $0.append((event.id, ContinuousClock.now)) } }
                }
            }
            // However loaded the machine: some events before the backup, some after it.
            try await Self.wait(atLeast: 10) { acknowledged.withLock { $0.count } }
            let started = ContinuousClock.now
            let backup = try await binary.run(["state", "backup", "backup.sqlite", "--state-dir", "state"], in: folder)
            let ended = ContinuousClock.now
            try await Self.wait(atLeast: 5) { acknowledged.withLock { $0.filter { $0.at > ended }.count } }
            poster.cancel()
            await poster.value
            #expect(backup.status == 0, "\(backup.standardError)")
            let acks = acknowledged.withLock { $0 }
            let before = Set(acks.filter { $0.at < started }.map(\.id))
            let after = Set(acks.filter { $0.at > ended }.map(\.id))
            #expect(before.count >= 10, "too few events before the backup to test anything: \(acks.count) in all")
            #expect(!after.isEmpty, "no event after the backup: the posting stopped too early")
            #expect(server.stop() == 0)

            let restore = try await binary.run(["state", "restore", "backup.sqlite", "--state-dir", "state"], in: folder)
            #expect(restore.status == 0, "\(restore.standardError)")
            let check = try await binary.run(["state", "check", "--state-dir", "state"], in: folder)
            #expect(check.status == 0, "\(check.standardError)")
            #expect(check.standardOutput.hasSuffix("ok\n"))
            let stored = try #require(Self.count(of: "event(s)", in: check.standardOutput))

            let restarted = try await ServeProcess(binary: binary, folder: folder, token: token)
            let deadline = ContinuousClock.now + .seconds(90)
            var readiness: [String: Any] = [:]
            while ContinuousClock.now < deadline {
                readiness = try await restarted.json("GET", "/readyz").object
                if readiness["status"] as? String == "ready", readiness["pendingEvents"] as? Int == 0 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(readiness["status"] as? String == "ready", "\(readiness) \(restarted.output)")
            let (_, plan) = try await restarted.json("GET", "/v1/plans/current")
            let applied = Set(try #require(plan["appliedEvents"] as? [String]))
            #expect(before.isSubset(of: applied), "missing: \(before.subtracting(applied).sorted())")
            #expect(applied.isDisjoint(with: after), "restored though acknowledged after the backup: \(applied.intersection(after).sorted())")
            #expect(applied.count == stored)
            #expect(restarted.stop() == 0)
        }
    }

    /// Waits until `count()` reaches `least`, for at most two minutes.
    static func wait(atLeast least: Int, _ count: @Sendable () -> Int) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while count() < least, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// 12 in "..., 12 event(s) (0 pending), ...".
    static func count(of noun: String, in text: String) -> Int? {
        guard let range = text.range(of: " " + noun) else { return nil }
        let digits = text[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }
}
