import Foundation
import GRDB
import PlannerModel

/// An event to append: its own id and its events@1 JSON object.
public struct NewEvent: Sendable, Equatable {
    public var eventID: String
    public var document: String

    public init(eventID: String, document: String) {
        self.eventID = eventID
        self.document = document
    }
}

/// What `appendEvents` did with a batch.
public struct AppendOutcome: Sendable, Equatable {
    /// Ids stored now, in order.
    public var accepted: [String]
    /// Ids already in the log for this roster (or twice in the batch), skipped.
    public var skipped: [String]

    public init(accepted: [String], skipped: [String]) {
        self.accepted = accepted
        self.skipped = skipped
    }
}

extension AppDatabase {
    /// Stores a submitted roster and returns it with its id.
    public func saveRoster(_ roster: StoredRoster) throws -> StoredRoster {
        try writer.write { db in
            var roster = roster
            try roster.insert(db)
            // For retention: the end of the roster's horizon, as its document says.
            try db.execute(
                sql: "UPDATE roster SET horizonEnd = CASE WHEN json_valid(document) THEN json_extract(document, '$.horizon.end') END WHERE id = ?", arguments: [roster.id])
            return roster
        }
    }

    /// Appends events to the log of roster `rosterID`, all in one transaction: when this returns,
    /// every accepted event is on disk; when it throws, none is. Idempotent by event id: an id
    /// the roster's log holds already is skipped, whatever it carries now.
    public func appendEvents(_ events: [NewEvent], rosterID: Int64, tokenName: String, at time: Date) throws -> AppendOutcome {
        try writer.write { db in
            guard try StoredRoster.exists(db, key: rosterID) else {
                throw StoreError(.unknownRoster, "There is no roster \(rosterID) to add events to.")
            }
            var outcome = AppendOutcome(accepted: [], skipped: [])
            var seen = Set<String>()
            for event in events {
                let known = try StoredEvent
                    .filter(Column("rosterId") == rosterID && Column("eventID") == event.eventID)
                    .fetchCount(db) > 0
                guard !known, seen.insert(event.eventID).inserted else {
                    outcome.skipped.append(event.eventID)
                    continue
                }
                var stored = StoredEvent(
                    rosterId: rosterID, eventID: event.eventID, document: event.document, receivedAt: time, tokenName: tokenName)
                try stored.insert(db)
                outcome.accepted.append(event.eventID)
            }
            return outcome
        }
    }

    /// Stores `plan` as the next version, made from roster `rosterID` with the events
    /// `appliedEvents` applied (`rosterDocument` is that changed roster as roster@1 JSON), and
    /// marks those events applied in it, in one transaction. Returns the stored plan, whose
    /// document carries its `version`.
    public func savePlan(
        _ plan: Plan, rosterID: Int64, rosterDocument: String, appliedEvents: [String], at time: Date
    ) throws -> StoredPlan {
        try writer.write { db in
            guard try StoredRoster.exists(db, key: rosterID) else {
                throw StoreError(.unknownRoster, "There is no roster \(rosterID) to store a plan for.")
            }
            let last = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan") ?? 0
            var plan = plan
            plan.version = last + 1
            let stored = StoredPlan(
                version: last + 1, rosterId: rosterID, document: String(decoding: try JSONOutput.encode(plan), as: UTF8.self),
                rosterDocument: rosterDocument, status: plan.status.rawValue, createdAt: time)
            try stored.insert(db)
            if !appliedEvents.isEmpty {
                try StoredEvent
                    .filter(Column("rosterId") == rosterID && appliedEvents.contains(Column("eventID")) && Column("appliedInVersion") == nil)
                    .updateAll(db, Column("appliedInVersion").set(to: last + 1))
            }
            return stored
        }
    }

    /// Adds a line to the audit trail.
    public func recordAudit(_ entry: AuditEntry) throws {
        try writer.write { db in
            var entry = entry
            try entry.insert(db)
        }
    }
}
