import Foundation
import GRDB

extension AppDatabase {
    /// The roster submitted last: the one the service plans.
    public func latestRoster() throws -> StoredRoster? {
        try writer.read { db in try StoredRoster.order(Column("id").desc).fetchOne(db) }
    }

    public func roster(id: Int64) throws -> StoredRoster? {
        try writer.read { db in try StoredRoster.fetchOne(db, key: id) }
    }

    public func latestRosterID() throws -> Int64? {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM roster") }
    }

    /// The events of roster `rosterID` after `sequence`, in the order they arrived.
    public func events(rosterID: Int64, after sequence: Int64) throws -> [StoredEvent] {
        try writer.read { db in
            try StoredEvent.filter(Column("rosterId") == rosterID && Column("sequence") > sequence).order(Column("sequence")).fetchAll(db)
        }
    }

    /// How many events of roster `rosterID` no plan has applied yet.
    public func pendingEventCount(rosterID: Int64) throws -> Int {
        try writer.read { db in
            try StoredEvent.filter(Column("rosterId") == rosterID && Column("appliedInVersion") == nil).fetchCount(db)
        }
    }

    /// The newest plan version: the current plan.
    public func latestPlan() throws -> StoredPlan? {
        try writer.read { db in try StoredPlan.order(Column("version").desc).fetchOne(db) }
    }

    public func latestPlanVersion() throws -> Int? {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan") }
    }

    public func plan(version: Int) throws -> StoredPlan? {
        try writer.read { db in try StoredPlan.fetchOne(db, key: version) }
    }

    /// The plan made for the same roster just before `version`, the baseline its changes are
    /// told against; nil for a roster's first plan.
    public func planBefore(version: Int) throws -> StoredPlan? {
        try writer.read { db in
            guard let plan = try StoredPlan.fetchOne(db, key: version) else { return nil }
            return try StoredPlan
                .filter(Column("rosterId") == plan.rosterId && Column("version") < version)
                .order(Column("version").desc).fetchOne(db)
        }
    }

    /// The newest lines of the audit trail, newest first.
    public func auditTrail(limit: Int) throws -> [AuditEntry] {
        try writer.read { db in try AuditEntry.order(Column("id").desc).limit(limit).fetchAll(db) }
    }
}
