import Foundation
import GRDB
import PlannerModel

/// How long personal data is kept: the rosters, events and plans of a horizon are deleted
/// `days` after the horizon's last day. Pure: the day is passed in.
public struct RetentionRule: Sendable, Equatable {
    /// Days kept after a horizon ends; the default is documented in docs/privacy.md.
    public var days: Int
    /// Days the audit trail is kept (it names tokens, never applicants).
    public var auditDays: Int

    public static let defaultDays = 90
    public static let defaultAuditDays = 730

    public init(days: Int = defaultDays, auditDays: Int = defaultAuditDays) {
        self.days = days
        self.auditDays = auditDays
    }

    /// Horizons that ended before this day are due on `today`: the last day kept is
    /// horizon end + `days`.
    public func cutoff(today: Day) -> Day {
        today.adding(days: -days)
    }

    /// The day of `date` in UTC: retention counts whole days, and a day's difference in where
    /// midnight falls does not matter to it.
    public static func day(of date: Date) -> Day {
        Day(ordinal: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// Audit rows older than this are due at `now`.
    public func auditCutoff(now: Date) -> Date {
        now.addingTimeInterval(-Double(auditDays) * 86_400)
    }
}

/// What one pruning deleted: counts only.
public struct PruneOutcome: Sendable, Equatable {
    public var rosters = 0
    public var planVersions = 0
    public var events = 0
    public var auditRows = 0

    public init(rosters: Int = 0, planVersions: Int = 0, events: Int = 0, auditRows: Int = 0) {
        self.rosters = rosters
        self.planVersions = planVersions
        self.events = events
        self.auditRows = auditRows
    }

    public var isEmpty: Bool { rosters == 0 && planVersions == 0 && events == 0 && auditRows == 0 }

    /// "2 roster(s), 5 plan version(s), 37 event(s), 0 audit row(s)".
    public var summary: String {
        "\(rosters) roster(s), \(planVersions) plan version(s), \(events) event(s), \(auditRows) audit row(s)"
    }
}

/// The figures kept of a pruned roster's last plan: counts without ids.
public struct RetainedFigures: Sendable, Equatable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "retainedFigures"

    public var id: Int64?
    public var horizonStart: String
    public var horizonEnd: String
    public var prunedAt: Date
    public var planVersions: Int
    public var hearings: Int
    public var held: Int
    public var interpreterRequested: Int
    public var interpreterMet: Int
    public var officerRequested: Int
    public var officerMet: Int

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AppDatabase {
    /// Deletes the rosters whose horizon ended before `cutoff`, with their events and plan
    /// versions, and the audit rows older than `auditBefore`, in one transaction; keeps the
    /// figures of each pruned roster's last plan and records the pruning in the audit trail
    /// (counts, never ids) as `actor`. Then the file is compacted, so that what was deleted is gone
    /// from it (`secure_delete`, `VACUUM`, the write-ahead log truncated).
    public func prune(horizonsEndedBefore cutoff: Day, auditBefore: Date?, at time: Date, actor: String) throws -> PruneOutcome {
        let outcome = try writer.write { db -> PruneOutcome in
            var outcome = PruneOutcome()
            let due = try Int64.fetchAll(db, sql: "SELECT id FROM roster WHERE horizonEnd < ? ORDER BY id", arguments: [cutoff.description])
            for rosterID in due {
                if var figures = try Self.figures(db, rosterID: rosterID) {
                    figures.prunedAt = time
                    try figures.insert(db)
                }
                outcome.events += try StoredEvent.filter(Column("rosterId") == rosterID).deleteAll(db)
                outcome.planVersions += try StoredPlan.filter(Column("rosterId") == rosterID).deleteAll(db)
                outcome.rosters += try StoredRoster.deleteAll(db, keys: [rosterID])
            }
            if let auditBefore {
                outcome.auditRows = try AuditEntry.filter(Column("time") < auditBefore).deleteAll(db)
            }
            if !outcome.isEmpty {
                var entry = AuditEntry(
                    time: time, tokenName: actor, action: "retention",
                    outcome: "pruned horizons ended before \(cutoff): \(outcome.summary)")
                try entry.insert(db)
            }
            return outcome
        }
        if !outcome.isEmpty { try compact() }
        return outcome
    }

    /// Rewrites the file without free pages and empties the write-ahead log, so that deleted
    /// data is in neither (it is already overwritten in place by `secure_delete`).
    public func compact() throws {
        try writer.vacuum()
        try writer.writeWithoutTransaction { db in
            _ = try? db.checkpoint(.truncate)
        }
    }

    /// The figures kept when pruning.
    public func retainedFigures() throws -> [RetainedFigures] {
        try writer.read { db in try RetainedFigures.order(Column("id")).fetchAll(db) }
    }

    /// The figures of a roster's last plan, or nil when it has none.
    static func figures(_ db: Database, rosterID: Int64) throws -> RetainedFigures? {
        guard let last = try StoredPlan.filter(Column("rosterId") == rosterID).order(Column("version").desc).fetchOne(db),
              let plan = try? JSONDecoder().decode(Plan.self, from: Data(last.document.utf8))
        else { return nil }
        let versions = try StoredPlan.filter(Column("rosterId") == rosterID).fetchCount(db)
        let start = try String.fetchOne(
            db, sql: "SELECT CASE WHEN json_valid(document) THEN json_extract(document, '$.horizon.start') END FROM roster WHERE id = ?",
            arguments: [rosterID]) ?? ""
        let end = try String.fetchOne(db, sql: "SELECT horizonEnd FROM roster WHERE id = ?", arguments: [rosterID]) ?? ""
        let interpreter = plan.assignments.map(\.interpreterPreference).filter { $0 != .none }
        let officer = plan.assignments.map(\.officerPreference).filter { $0 != .none }
        return RetainedFigures(
            horizonStart: start, horizonEnd: end, prunedAt: Date(timeIntervalSince1970: 0), planVersions: versions,
            hearings: plan.assignments.count + plan.unscheduled.count, held: plan.assignments.count,
            interpreterRequested: interpreter.count, interpreterMet: interpreter.filter { $0 == .met }.count,
            officerRequested: officer.count, officerMet: officer.filter { $0 == .met }.count)
    }
}
