import Foundation
import GRDB
import PlannerModel
import Testing

@testable import PlannerStore

#if canImport(Glibc)
import Glibc
#endif

@Suite("Backup, restore, check and the state lock")
struct MaintenanceTests {
    @Test("A backup is one self-contained 0600 file that checks healthy, and restoring it brings back exactly its state")
    func backupAndRestore() throws {
        let folder = try StoreFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try AppDatabase.open(stateDirectory: folder + "/state")
        try StoreFixture.store(database, start: "2026-12-07", end: "2026-12-11", hearings: ["H-1", "H-2"])

        let backup = folder + "/backup.sqlite"
        try database.backup(to: backup)
        var status = stat()
        #expect(stat(backup, &status) == 0 && status.st_mode & 0o777 == 0o600)
        #expect(!FileManager.default.fileExists(atPath: backup + "-wal"))
        let copy = try AppDatabase.openExisting(path: backup)
        let report = try copy.check()
        #expect(report.isHealthy, "\(report.problems)")
        #expect([report.rosters, report.events, report.planVersions] as [Int] == [1, 2, 1])
        #expect(report.missingMigrations.isEmpty)

        // After the backup: another roster and plan, then the restore takes them away again.
        try StoreFixture.store(database, start: "2026-12-14", end: "2026-12-18", hearings: ["H-3"])
        #expect(try database.check().planVersions == 2)
        try database.restore(from: copy)
        let restored = try database.check()
        #expect(restored.isHealthy)
        #expect([restored.rosters, restored.events, restored.planVersions] as [Int] == [1, 2, 1])
        #expect(try database.latestPlan()?.version == 1)
    }

    @Test("check names what does not fit: a plan that cannot be read, events marked applied in another roster's plan")
    func checkFindsProblems() throws {
        let database = try AppDatabase.inMemory()
        try StoreFixture.store(database, start: "2026-12-07", end: "2026-12-11", hearings: ["H-1"])
        try StoreFixture.store(database, start: "2026-12-14", end: "2026-12-18", hearings: ["H-2"])
        #expect(try database.check().isHealthy)
        try database.writer.write { db in
            try db.execute(sql: "UPDATE plan SET document = '{\"broken\": true}' WHERE version = 1")
            try db.execute(sql: "UPDATE event SET appliedInVersion = 2 WHERE rosterId = 1")
        }
        let report = try database.check()
        #expect(!report.isHealthy)
        #expect(report.problems.contains("plan version 1 cannot be read back"))
        #expect(report.problems.contains { $0.contains("marked applied in plan version 2") })
        #expect(!report.problems.joined().contains("H-"))
    }

    @Test("A database made by a newer version is told apart: its unknown migrations are listed")
    func newerVersion() throws {
        let database = try AppDatabase.inMemory()
        try database.writer.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        let report = try database.check()
        #expect(report.unknownMigrations == ["v99"])
        #expect(!report.isHealthy)
    }

    @Test("The state lock: a second claim on the directory is refused with its path and the holder's process and purpose")
    func lock() throws {
        let folder = try StoreFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try StateLock.acquire(directory: folder, purpose: "serve")
        // flock belongs to the open file: a second open in the same process conflicts like another process.
        let error = try #require(throws: StoreError.self) { try StateLock.acquire(directory: folder, purpose: "state prune") }
        #expect(error.code == .locked)
        #expect(error.message.contains(folder))
        #expect(error.message.contains("process \(getpid()), serve"))
        first.release()
        let second = try StateLock.acquire(directory: folder, purpose: "state prune")
        second.release()
    }

    @Test("Token uses and calendar feeds: stored, read back, revoked")
    func accessRecords() throws {
        let database = try AppDatabase.inMemory()
        try database.recordTokenUse(name: "office", at: StoreFixture.time)
        try database.recordTokenUse(name: "office", at: StoreFixture.time.addingTimeInterval(60))
        #expect(try database.tokenUses() == ["office": StoreFixture.time.addingTimeInterval(60)])
        let feed = try database.addFeed(CalendarFeed(person: "I-1", secretHash: "sha256:ab", createdAt: StoreFixture.time, createdBy: "alice"))
        let id = try #require(feed.id)
        #expect(try database.feed(secretHash: "sha256:ab")?.person == "I-1")
        try database.markFeedUsed(id: id, at: StoreFixture.time)
        #expect(try database.feeds().first?.lastUsedAt == StoreFixture.time)
        #expect(try database.revokeFeed(id: id))
        #expect(try database.feed(secretHash: "sha256:ab") == nil)
        #expect(try !database.revokeFeed(id: id))
    }
}
