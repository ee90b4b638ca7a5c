import Foundation
import GRDB
import PlannerModel
import Testing

@testable import PlannerStore

@Suite("Retention and erasure")
struct RetentionTests {
    @Test("The cutoff is the day retention.days before today: a horizon is kept through its end plus that many days")
    func cutoff() throws {
        let rule = RetentionRule(days: 90)
        let today = try #require(Day("2027-03-19"))
        let cutoff = rule.cutoff(today: today)
        #expect(cutoff.description == "2026-12-19")
        // A horizon that ended on 2026-12-18 is due on 2027-03-19 (90 days after), not a day before.
        #expect(try #require(Day("2026-12-18")) < cutoff)
        #expect(!(try #require(Day("2026-12-18")) < rule.cutoff(today: today.adding(days: -1))))
        #expect(RetentionRule.day(of: Date(timeIntervalSince1970: 1_796_169_600 + 86_399)).description == "2026-12-02")
        #expect(RetentionRule().days == 90 && RetentionRule().auditDays == 730)
    }

    @Test("Pruning deletes the due horizons' rosters, events and plans, keeps their figures, audits counts, and leaves no byte of them in the file")
    func prune() throws {
        let folder = try StoreFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try AppDatabase.open(stateDirectory: folder)
        try StoreFixture.store(database, start: "2026-09-07", end: "2026-09-11", hearings: ["H-OLD-SEPT-1", "H-OLD-SEPT-2"])
        let kept = try StoreFixture.store(database, start: "2026-12-07", end: "2026-12-11", hearings: ["H-DEC-1"])
        try database.recordAudit(AuditEntry(time: StoreFixture.time.addingTimeInterval(-800 * 86_400), tokenName: "alice", action: "old", outcome: "x"))
        #expect(try StoreFixture.bytes(ofDatabaseIn: folder).range(of: Data("H-OLD-SEPT-1".utf8)) != nil)

        // The test clock: 2026-12-20, retention 90 days: September's horizon is due, December's is not.
        let now = Date(timeIntervalSince1970: 1_797_724_800)  // 2026-12-20T00:00:00Z
        let rule = RetentionRule(days: 90, auditDays: 730)
        let outcome = try database.prune(
            horizonsEndedBefore: rule.cutoff(today: RetentionRule.day(of: now)), auditBefore: rule.auditCutoff(now: now), at: now,
            actor: "retention")
        #expect(outcome == PruneOutcome(rosters: 1, planVersions: 1, events: 2, auditRows: 1))

        #expect(try database.latestRoster()?.id == kept)
        #expect(try database.plan(version: 1) == nil)
        #expect(try database.plan(version: 2) != nil)
        let figures = try database.retainedFigures()
        #expect(figures.count == 1)
        #expect(figures.first.map { [$0.hearings, $0.held, $0.interpreterRequested, $0.interpreterMet] } == [2, 2, 1, 0])
        #expect(figures.first?.horizonEnd == "2026-09-11")
        let audit = try #require(try database.auditTrail().first)
        #expect(audit.action == "retention")
        #expect(audit.outcome.contains("1 roster(s), 1 plan version(s), 2 event(s), 1 audit row(s)"))
        #expect(!audit.outcome.contains("H-"))

        // secure_delete, VACUUM and an emptied write-ahead log: the ids are gone from the files.
        let bytes = try StoreFixture.bytes(ofDatabaseIn: folder)
        #expect(bytes.range(of: Data("H-OLD-SEPT".utf8)) == nil)
        #expect(bytes.range(of: Data("H-DEC-1".utf8)) != nil)

        // Nothing more is due the same day.
        #expect(try database.prune(horizonsEndedBefore: rule.cutoff(today: RetentionRule.day(of: now)), auditBefore: nil, at: now, actor: "retention").isEmpty)
    }

    @Test("Erasing one applicant's hearing takes it out of every roster, plan and event, and out of the file")
    func erase() throws {
        let folder = try StoreFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try AppDatabase.open(stateDirectory: folder)
        try StoreFixture.store(database, start: "2026-12-07", end: "2026-12-11", hearings: ["H-KEEP-1", "H-ERASE-2", "H-KEEP-3"])
        try StoreFixture.store(database, start: "2026-12-07", end: "2026-12-11", hearings: ["H-ERASE-2", "H-KEEP-4"])

        let outcome = try database.erase(hearings: ["H-ERASE-2"], at: StoreFixture.time, actor: "state erase")
        #expect(outcome == ErasureOutcome(rosters: 2, planVersions: 2, events: 2))
        #expect(try StoreFixture.bytes(ofDatabaseIn: folder).range(of: Data("H-ERASE-2".utf8)) == nil)

        let first = try PlanFixtureReader.plan(database, version: 1)
        #expect(first.assignments.map(\.hearing) == ["H-KEEP-1", "H-KEEP-3"])
        // The evidence of another hearing that named it: the sentence and the list no longer do.
        #expect(first.unmetPreferences.first?.hearing == "H-KEEP-1")
        #expect(first.unmetPreferences.first?.reason.detail == "The candidate was taken by (erased), worth more.")
        #expect(first.unmetPreferences.first?.reason.takenBy == [])
        #expect(first.appliedEvents == ["e-H-KEEP-1", "e-H-KEEP-3"])
        let stored = try #require(try database.roster(id: 1))
        let roster = try #require(RosterJSON.read(Array(stored.document.utf8)).checked().roster)
        #expect(roster.hearings.map(\.id) == ["H-KEEP-1", "H-KEEP-3"])
        #expect(try database.events(rosterID: 1).map(\.eventID) == ["e-H-KEEP-1", "e-H-KEEP-3"])
        #expect(try database.check().isHealthy)
        let audit = try #require(try database.auditTrail().first)
        #expect(audit.action == "erasure" && !audit.outcome.contains("H-"))

        #expect(try database.erase(hearings: ["H-NOBODY"], at: StoreFixture.time, actor: "state erase").isEmpty)
    }
}

enum PlanFixtureReader {
    static func plan(_ database: AppDatabase, version: Int) throws -> Plan {
        let stored = try require(try database.plan(version: version))
        return try JSONDecoder().decode(Plan.self, from: Data(stored.document.utf8))
    }
}
