import Foundation
import GRDB
import PlannerModel

/// What `state check` found: SQLite's own checks, then the service's: every stored document reads
/// back, and events, plans and rosters refer to each other as the service wrote them.
public struct StateCheck: Sendable, Equatable {
    public var rosters = 0
    public var events = 0
    public var pendingEvents = 0
    public var planVersions = 0
    public var latestVersion: Int?
    public var auditRows = 0
    public var calendarFeeds = 0
    /// Migrations recorded in the file that this version does not know: made by a newer version.
    public var unknownMigrations: [String] = []
    /// Migrations this version has that the file lacks: applied when the daemon next starts.
    public var missingMigrations: [String] = []
    /// Each problem in a sentence; none for a healthy database. Never an id of a hearing or person.
    public var problems: [String] = []

    public var isHealthy: Bool { problems.isEmpty && unknownMigrations.isEmpty }

    public init() {}
}

extension AppDatabase {
    /// Runs every check in one read transaction (a consistent snapshot, while the daemon may write).
    public func check() throws -> StateCheck {
        try writer.read { db in
            var report = StateCheck()
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] {
                report.problems += integrity.prefix(20).map { "SQLite integrity check: \($0)" }
                return report
            }
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            if !foreignKeys.isEmpty { report.problems.append("\(foreignKeys.count) row(s) refer to rows that do not exist") }
            let applied = (try? String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) ?? []
            report.unknownMigrations = applied.filter { !Self.knownMigrations.contains($0) }
            report.missingMigrations = Self.knownMigrations.filter { !applied.contains($0) }
            guard try db.tableExists("roster") else {
                report.problems.append("the database has no tables of hearing-planner")
                return report
            }
            try checkDocuments(db, into: &report)
            report.auditRows = try AuditEntry.fetchCount(db)
            if try db.tableExists("calendarFeed") {
                report.calendarFeeds = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calendarFeed") ?? 0
            }
            return report
        }
    }

    private func checkDocuments(_ db: Database, into report: inout StateCheck) throws {
        let rosters = try Row.fetchAll(db, sql: "SELECT id, document FROM roster ORDER BY id").map { row in
            (id: row["id"] as Int64, document: row["document"] as String)
        }
        report.checkDocuments(
            rosters: rosters, events: try StoredEvent.order(Column("sequence")).fetchAll(db),
            plans: try StoredPlan.order(Column("version")).fetchAll(db))
    }
}

extension StateCheck {
    /// The service's checks of the stored documents, whatever store they come from: every roster,
    /// event and plan reads back, and they refer to each other as the service wrote them. Counts
    /// them on the way; `plans` in the order of their versions.
    public mutating func checkDocuments(rosters: [(id: Int64, document: String)], events: [StoredEvent], plans: [StoredPlan]) {
        self.rosters = rosters.count
        for (id, document) in rosters where RosterJSON.read(Array(document.utf8)).checked().roster == nil {
            problems.append("roster \(id) is no longer a valid roster")
        }
        var eventsByRoster: [Int64: Set<String>] = [:]
        var appliedIn: [(rosterID: Int64, version: Int)] = []
        for event in events {
            self.events += 1
            eventsByRoster[event.rosterId, default: []].insert(event.eventID)
            if let version = event.appliedInVersion { appliedIn.append((event.rosterId, version)) } else { pendingEvents += 1 }
            if EventsJSON.records(of: [event.document])?.first?.id != event.eventID {
                problems.append("event \(event.sequence ?? 0) cannot be read back as the event it was")
            }
        }
        var planRoster: [Int: Int64] = [:]
        for plan in plans {
            planVersions += 1
            latestVersion = plan.version
            planRoster[plan.version] = plan.rosterId
            guard let decoded = try? JSONDecoder().decode(Plan.self, from: Data(plan.document.utf8)) else {
                problems.append("plan version \(plan.version) cannot be read back")
                continue
            }
            if decoded.version != plan.version {
                problems.append("plan version \(plan.version) says it is version \(decoded.version.map(String.init) ?? "none")")
            }
            let known = eventsByRoster[plan.rosterId] ?? []
            let missing = (decoded.appliedEvents ?? []).filter { !known.contains($0) }.count
            if missing > 0 {
                problems.append("plan version \(plan.version) includes \(missing) event(s) that are not in the event log")
            }
            if RosterJSON.read(Array(plan.rosterDocument.utf8)).checked().roster == nil {
                problems.append("the roster of plan version \(plan.version) is no longer a valid roster")
            }
        }
        for (rosterID, version) in appliedIn where planRoster[version] != rosterID {
            problems.append("an event of roster \(rosterID) is marked applied in plan version \(version), which is not a plan of that roster")
        }
    }
}
