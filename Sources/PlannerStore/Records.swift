import Foundation
import GRDB

/// A roster@1 document as it was submitted.
public struct StoredRoster: Sendable, Equatable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "roster"

    public var id: Int64?
    /// The roster@1 JSON as submitted.
    public var document: String
    /// `sha256:` of the roster's canonical JSON, as plans name it.
    public var digest: String
    public var receivedAt: Date
    /// The name of the token that submitted it, never the token itself.
    public var tokenName: String

    public init(id: Int64? = nil, document: String, digest: String, receivedAt: Date, tokenName: String) {
        self.id = id
        self.document = document
        self.digest = digest
        self.receivedAt = receivedAt
        self.tokenName = tokenName
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One change event of the append-only log, for the roster it was posted against.
public struct StoredEvent: Sendable, Equatable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "event"

    /// The order of arrival; events apply in this order.
    public var sequence: Int64?
    public var rosterId: Int64
    /// The event's own `id`, unique per roster.
    public var eventID: String
    /// The event as an events@1 event object (JSON).
    public var document: String
    public var receivedAt: Date
    public var tokenName: String
    /// The plan version whose roster first included the event; nil while it is pending.
    public var appliedInVersion: Int?

    public init(
        sequence: Int64? = nil, rosterId: Int64, eventID: String, document: String, receivedAt: Date, tokenName: String,
        appliedInVersion: Int? = nil
    ) {
        self.sequence = sequence
        self.rosterId = rosterId
        self.eventID = eventID
        self.document = document
        self.receivedAt = receivedAt
        self.tokenName = tokenName
        self.appliedInVersion = appliedInVersion
    }

    public var isPending: Bool { appliedInVersion == nil }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        sequence = inserted.rowID
    }
}

/// A plan version: the plan@1 document and the roster (with its events applied) it was made from.
public struct StoredPlan: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "plan"

    /// Grows by one with every new plan.
    public var version: Int
    public var rosterId: Int64
    /// plan@1 JSON with its top-level `version`.
    public var document: String
    /// The roster@1 JSON the plan was made from: the submitted roster with its events applied.
    public var rosterDocument: String
    /// The plan's status (`optimal` or `feasible`).
    public var status: String
    public var createdAt: Date

    public init(version: Int, rosterId: Int64, document: String, rosterDocument: String, status: String, createdAt: Date) {
        self.version = version
        self.rosterId = rosterId
        self.document = document
        self.rosterDocument = rosterDocument
        self.status = status
        self.createdAt = createdAt
    }
}

/// One line of the audit trail: who did what, when, and how it ended. No personal data: the
/// action and outcome are fixed words and counts, never an id of a hearing or person.
public struct AuditEntry: Sendable, Equatable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit"

    public var id: Int64?
    public var time: Date
    /// The token's name, or a fixed word such as `(none)` or `replan-service`.
    public var tokenName: String
    /// Such as `POST /v1/events`, or `replan`.
    public var action: String
    /// Such as `202 accepted 3, skipped 1`, or `401 unknown token`.
    public var outcome: String

    public init(id: Int64? = nil, time: Date, tokenName: String, action: String, outcome: String) {
        self.id = id
        self.time = time
        self.tokenName = tokenName
        self.action = action
        self.outcome = outcome
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
