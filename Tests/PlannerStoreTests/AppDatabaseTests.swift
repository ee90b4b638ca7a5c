import Foundation
import PlannerModel
import Testing

@testable import PlannerStore

@Suite("The state database")
struct AppDatabaseTests {
    let time = Date(timeIntervalSince1970: 1_796_000_000)

    func roster(_ database: AppDatabase) throws -> StoredRoster {
        try database.saveRoster(StoredRoster(document: "{}", digest: "sha256:00", receivedAt: time, tokenName: "alice"))
    }

    func plan(_ status: Plan.Status = .optimal) -> Plan {
        Plan(rosterDigest: "sha256:00", status: status, objective: 1, bound: 1, gap: 0, solver: SolverInfo(name: "glpk", version: "5.0", seconds: 0.1))
    }

    @Test("Appending events is idempotent by event id, per roster")
    func idempotentEvents() throws {
        let database = try AppDatabase.inMemory()
        let first = try roster(database)
        let id = try #require(first.id)
        let batch = [NewEvent(eventID: "e-1", document: "{\"a\":1}"), NewEvent(eventID: "e-2", document: "{}")]
        let once = try database.appendEvents(batch, rosterID: id, tokenName: "alice", at: time)
        #expect(once == AppendOutcome(accepted: ["e-1", "e-2"], skipped: []))
        let again = try database.appendEvents(
            batch + [NewEvent(eventID: "e-3", document: "{}"), NewEvent(eventID: "e-3", document: "{}")],
            rosterID: id, tokenName: "bob", at: time)
        #expect(again == AppendOutcome(accepted: ["e-3"], skipped: ["e-1", "e-2", "e-3"]))
        let stored = try database.events(rosterID: id)
        #expect(stored.map(\.eventID) == ["e-1", "e-2", "e-3"])
        #expect(stored.map(\.tokenName) == ["alice", "alice", "bob"])
        // The first document stays: a repeated id is skipped whatever it carries.
        #expect(stored[0].document == "{\"a\":1}")

        // Another roster has a log of its own.
        let second = try #require(try roster(database).id)
        #expect(try database.appendEvents(batch, rosterID: second, tokenName: "alice", at: time).accepted == ["e-1", "e-2"])
    }

    @Test("Events for a roster that does not exist are refused and nothing is written")
    func unknownRoster() throws {
        let database = try AppDatabase.inMemory()
        #expect(throws: StoreError.self) {
            try database.appendEvents([NewEvent(eventID: "e-1", document: "{}")], rosterID: 42, tokenName: "alice", at: time)
        }
        #expect(try database.events(rosterID: 42).isEmpty)
    }

    @Test("Plan versions grow by one, carry their version, and mark the events they applied")
    func planVersions() throws {
        let database = try AppDatabase.inMemory()
        let id = try #require(try roster(database).id)
        _ = try database.appendEvents(
            [NewEvent(eventID: "e-1", document: "{}"), NewEvent(eventID: "e-2", document: "{}")], rosterID: id,
            tokenName: "alice", at: time)
        #expect(try database.pendingEventCount(rosterID: id) == 2)

        let v1 = try database.savePlan(plan(), rosterID: id, rosterDocument: "{}", appliedEvents: [], at: time)
        let v2 = try database.savePlan(plan(.feasible), rosterID: id, rosterDocument: "{}", appliedEvents: ["e-1"], at: time)
        #expect((v1.version, v2.version) == (1, 2))
        #expect(v2.status == "feasible")
        let decoded = try JSONDecoder().decode(Plan.self, from: Data(v2.document.utf8))
        #expect(decoded.version == 2)

        let events = try database.events(rosterID: id)
        #expect(events.map(\.appliedInVersion) == [2, nil])
        #expect(try database.pendingEventCount(rosterID: id) == 1)
        // Marking again does not move an event applied before.
        _ = try database.savePlan(plan(), rosterID: id, rosterDocument: "{}", appliedEvents: ["e-1", "e-2"], at: time)
        #expect(try database.events(rosterID: id).map(\.appliedInVersion) == [2, 3])

        #expect(try database.latestPlan()?.version == 3)
        #expect(try database.planBefore(version: 3)?.version == 2)
        #expect(try database.planBefore(version: 1) == nil)
    }

    @Test("A roster's first plan has no baseline, even when an older roster has plans")
    func baselinePerRoster() throws {
        let database = try AppDatabase.inMemory()
        let old = try #require(try roster(database).id)
        _ = try database.savePlan(plan(), rosterID: old, rosterDocument: "{}", appliedEvents: [], at: time)
        let new = try #require(try roster(database).id)
        let first = try database.savePlan(plan(), rosterID: new, rosterDocument: "{}", appliedEvents: [], at: time)
        #expect(first.version == 2)
        #expect(try database.planBefore(version: 2) == nil)
        #expect(try database.latestRoster()?.id == new)
    }

    @Test("The audit trail keeps its lines, newest first")
    func audit() throws {
        let database = try AppDatabase.inMemory()
        try database.recordAudit(AuditEntry(time: time, tokenName: "alice", action: "POST /v1/rosters", outcome: "201"))
        try database.recordAudit(AuditEntry(time: time, tokenName: "(none)", action: "GET /v1/plans/current", outcome: "401"))
        #expect(try database.auditTrail().map(\.outcome) == ["401", "201"])
    }

    @Test("On disk: the directory is 0700 and the database, its -wal and -shm files are 0600")
    func fileModes() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let directory = parent.appendingPathComponent("state").path
        // A permissive umask, so the modes come from the store and not from the test's process.
        let previous = umask(0o022)
        defer { umask(previous) }
        do {
            let database = try AppDatabase.open(stateDirectory: directory)
            let id = try #require(try roster(database).id)
            _ = try database.appendEvents([NewEvent(eventID: "e-1", document: "{}")], rosterID: id, tokenName: "a", at: time)
            func mode(_ path: String) throws -> Int {
                try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            }
            #expect(try mode(directory) == 0o700)
            for suffix in ["", "-wal", "-shm"] {
                let path = directory + "/" + AppDatabase.fileName + suffix
                #expect(FileManager.default.fileExists(atPath: path), "\(suffix)")
                #expect(try mode(path) == 0o600, "\(suffix)")
            }
        }
        // Reopening finds what was written.
        let reopened = try AppDatabase.open(stateDirectory: directory)
        let id = try #require(try reopened.latestRoster()?.id)
        #expect(try reopened.events(rosterID: id).map(\.eventID) == ["e-1"])
    }

    @Test("A state directory that is a file is refused with a sentence")
    func directoryIsFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("store-file-\(UUID().uuidString)")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let error = try #require(throws: StoreError.self) { try AppDatabase.open(stateDirectory: file.path) }
        #expect(error.code == .unopenable)
        #expect(error.message.contains("is a file"))
    }
}
