import Foundation
import PlannerModel

/// The daemon's durable state as the server sees it, whatever keeps it: ``AppDatabase`` (one
/// SQLite file, one daemon) or the PostgreSQL store (several daemons on one database).
///
/// Every write is one transaction: when it returns, all of it is durable; when it throws, none of
/// it is. Events are idempotent by id within a roster; plan versions grow by one and are never
/// reused. Calls block the calling thread for the time of one short transaction, as SQLite does.
public protocol PlanningStore: Sendable {
    // MARK: Reads

    /// The roster submitted last: the one the service plans.
    func latestRoster() throws -> StoredRoster?
    /// The id of the roster submitted last, without its document.
    func latestRosterID() throws -> Int64?
    func roster(id: Int64) throws -> StoredRoster?
    /// Every event of roster `rosterID` whose sequence is above `sequence`, in the order they arrived.
    func events(rosterID: Int64, after sequence: Int64) throws -> [StoredEvent]
    /// How many events of roster `rosterID` no plan has applied yet.
    func pendingEventCount(rosterID: Int64) throws -> Int
    /// The newest plan version: the current plan.
    func latestPlan() throws -> StoredPlan?
    /// The number of the newest plan version, without its documents.
    func latestPlanVersion() throws -> Int?
    func plan(version: Int) throws -> StoredPlan?
    /// The plan made for the same roster just before `version`; nil for a roster's first plan.
    func planBefore(version: Int) throws -> StoredPlan?
    /// The newest lines of the audit trail, newest first.
    func auditTrail(limit: Int) throws -> [AuditEntry]

    // MARK: Writes

    /// Stores a submitted roster and returns it with its id.
    func saveRoster(_ roster: StoredRoster) throws -> StoredRoster
    /// Appends events to the log of roster `rosterID` in one transaction, skipping ids the log
    /// holds already. With `checkedAfter`, the batch was checked against the roster with its events
    /// up to that sequence: when another writer has since added an event to the roster, or
    /// submitted a newer roster, nothing is stored and ``StoreError/Code/logMoved`` is thrown, so
    /// that the caller catches up and checks again.
    func appendEvents(
        _ events: [NewEvent], rosterID: Int64, tokenName: String, at time: Date, checkedAfter sequence: Int64?
    ) throws -> AppendOutcome
    /// Stores `plan` as the next version and marks `appliedEvents` applied in it, in one transaction.
    func savePlan(_ plan: Plan, rosterID: Int64, rosterDocument: String, appliedEvents: [String], at time: Date) throws -> StoredPlan
    func recordAudit(_ entry: AuditEntry) throws

    // MARK: Tokens and calendar feeds

    func recordTokenUse(name: String, at time: Date) throws
    func tokenUses() throws -> [String: Date]
    func addFeed(_ feed: CalendarFeed) throws -> CalendarFeed
    func feeds() throws -> [CalendarFeed]
    func feed(secretHash: String) throws -> CalendarFeed?
    func markFeedUsed(id: Int64, at time: Date) throws
    func revokeFeed(id: Int64) throws -> Bool

    // MARK: Retention

    /// Deletes the horizons ended before `cutoff` with their events and plans, and audit rows
    /// older than `auditBefore`, in one transaction; keeps their figures (``RetainedFigures``).
    func prune(horizonsEndedBefore cutoff: Day, auditBefore: Date?, at time: Date, actor: String) throws -> PruneOutcome
    func retainedFigures() throws -> [RetainedFigures]
}

extension PlanningStore {
    /// Every event of roster `rosterID`, in the order they arrived.
    public func events(rosterID: Int64) throws -> [StoredEvent] {
        try events(rosterID: rosterID, after: 0)
    }

    /// Appends without a check of what the batch was checked against (one writer).
    public func appendEvents(_ events: [NewEvent], rosterID: Int64, tokenName: String, at time: Date) throws -> AppendOutcome {
        try appendEvents(events, rosterID: rosterID, tokenName: tokenName, at: time, checkedAfter: nil)
    }

    public func auditTrail() throws -> [AuditEntry] { try auditTrail(limit: 100) }
}

/// The end (and start) of a roster document's horizon, read without checking the rest of it, for
/// retention; nil when the document is not JSON or has no horizon.
public struct HorizonDays: Decodable, Sendable, Equatable {
    struct Horizon: Decodable, Equatable { var start: String?; var end: String? }
    private var horizon: Horizon?

    public var start: String? { horizon?.start }
    public var end: String? { horizon?.end }

    public static func of(_ document: String) -> HorizonDays? {
        try? JSONDecoder().decode(HorizonDays.self, from: Data(document.utf8))
    }
}
extension AppDatabase: PlanningStore {}
