import Foundation
import Locking
import Logging
import PlannerModel
import PlannerStore
import PostgresNIO
import Synchronization

/// The daemon's state in PostgreSQL, for several daemons on one database (`database.url`): the
/// tables and migrations of ``AppDatabase``, each write one transaction, each write announced to
/// the other daemons on a channel (LISTEN/NOTIFY) with what changed, never with data.
///
/// Writes to the log and the plan versions take turns through an advisory lock held for the
/// transaction: an event batch is stored only if it was checked against the newest log
/// (``PlanningStore/appendEvents(_:rosterID:tokenName:at:checkedAfter:)``), and a version is
/// stored only by the leader, while it still holds the leader's lock (``Leadership``).
public final class PostgresStore: PlanningStore, Sendable {
    let link: PostgresLink
    /// The backend of the leader's session while this daemon leads; savePlan checks that this
    /// backend still holds the leader's lock, so that a daemon that lost the lead (its session
    /// cut, another one leading) never stores a version.
    private let leaderBackend = Locked<Int32?>(nil)
    /// Set once leadership is in use: from then on only the leader stores plans.
    private let fenced = Atomic<Bool>(false)
    /// The maintenance generation when this store was opened: a state command that changed the
    /// stored documents since (`state erase`, `state prune`) raised it, and writes are refused.
    let generation: Int64

    public var settings: PostgresSettings { self.link.settings }

    /// Connects (failing at once when the database cannot be reached or refuses the role) and
    /// brings the schema up to date.
    public init(settings: PostgresSettings, logger: Logger) throws {
        link = try PostgresLink(settings: settings, logger: logger)
        generation = try Self.migrate(link)
    }

    /// Closes the pool's idle connections.
    public func close() { self.link.close() }

    func leads(as backend: Int32?) {
        fenced.store(true, ordering: .relaxed)
        leaderBackend.withLock { $0 = backend }
    }

    // MARK: Reads

    public func latestRoster() throws -> StoredRoster? {
        try self.link.withConnection { session in
            try Self.rosters(session, try session.query(
                #"SELECT \#(unescaped: Self.rosterColumns) FROM "roster" ORDER BY "id" DESC LIMIT 1"#)).first
        }
    }

    public func latestRosterID() throws -> Int64? {
        try self.link.withConnection { session in try session.value(#"SELECT MAX("id") FROM "roster""#, as: Int64.self) }
    }

    public func roster(id: Int64) throws -> StoredRoster? {
        try self.link.withConnection { session in
            try Self.rosters(session, try session.query(
                #"SELECT \#(unescaped: Self.rosterColumns) FROM "roster" WHERE "id" = \#(id)"#)).first
        }
    }

    public func events(rosterID: Int64, after sequence: Int64) throws -> [StoredEvent] {
        try self.link.withConnection { session in
            try Self.events(session, try session.query(#"""
                SELECT \#(unescaped: Self.eventColumns)
                FROM "event" WHERE "rosterId" = \#(rosterID) AND "sequence" > \#(sequence) ORDER BY "sequence"
                """#))
        }
    }

    public func pendingEventCount(rosterID: Int64) throws -> Int {
        try self.link.withConnection { session in
            Int(try session.value(
                #"SELECT COUNT(*) FROM "event" WHERE "rosterId" = \#(rosterID) AND "appliedInVersion" IS NULL"#, as: Int64.self) ?? 0)
        }
    }

    public func latestPlan() throws -> StoredPlan? {
        try self.link.withConnection { session in
            try Self.plans(session, try session.query(#"SELECT \#(unescaped: Self.planColumns) FROM "plan" ORDER BY "version" DESC LIMIT 1"#)).first
        }
    }

    public func latestPlanVersion() throws -> Int? {
        try self.link.withConnection { session in try session.value(#"SELECT MAX("version") FROM "plan""#, as: Int64.self).map(Int.init) }
    }

    public func plan(version: Int) throws -> StoredPlan? {
        try self.link.withConnection { session in
            try Self.plans(session, try session.query(#"SELECT \#(unescaped: Self.planColumns) FROM "plan" WHERE "version" = \#(Int64(version))"#)).first
        }
    }

    public func planBefore(version: Int) throws -> StoredPlan? {
        try self.link.withConnection { session in
            try Self.plans(session, try session.query(#"""
                SELECT \#(unescaped: Self.planColumns) FROM "plan"
                WHERE "rosterId" = (SELECT "rosterId" FROM "plan" WHERE "version" = \#(Int64(version))) AND "version" < \#(Int64(version))
                ORDER BY "version" DESC LIMIT 1
                """#)).first
        }
    }

    public func auditTrail(limit: Int) throws -> [AuditEntry] {
        try self.link.withConnection { session in
            try session.decode(
                try session.query(#"SELECT "id", "time", "tokenName", "action", "outcome" FROM "audit" ORDER BY "id" DESC LIMIT \#(Int64(limit))"#)
            ) { column in
                AuditEntry(
                    id: try column("id"), time: try column("time"), tokenName: try column("tokenName"), action: try column("action"),
                    outcome: try column("outcome"))
            }
        }
    }

    // MARK: Writes

    public func saveRoster(_ roster: StoredRoster) throws -> StoredRoster {
        try self.link.transaction { session in
            try takeWriteTurn(session)
            let horizonEnd = HorizonDays.of(roster.document)?.end
            guard let id = try session.value(#"""
                INSERT INTO "roster" ("document", "digest", "receivedAt", "tokenName", "horizonEnd")
                VALUES (\#(roster.document), \#(roster.digest), \#(roster.receivedAt), \#(roster.tokenName), \#(horizonEnd))
                RETURNING "id"
                """#, as: Int64.self) else { throw StoreError(.corrupt, "The roster was stored without an id.") }
            try Self.notify(session, "roster \(id)")
            var stored = roster
            stored.id = id
            return stored
        }
    }

    public func appendEvents(
        _ events: [NewEvent], rosterID: Int64, tokenName: String, at time: Date, checkedAfter sequence: Int64?
    ) throws -> AppendOutcome {
        try self.link.transaction { session in
            try takeWriteTurn(session)
            guard let newest = try session.value(#"SELECT MAX("id") FROM "roster""#, as: Int64.self),
                  try session.value(#"SELECT 1 FROM "roster" WHERE "id" = \#(rosterID)"#, as: Int32.self) != nil
            else { throw StoreError(.unknownRoster, "There is no roster \(rosterID) to add events to.") }
            if let sequence {
                let last = try session.value(#"SELECT MAX("sequence") FROM "event" WHERE "rosterId" = \#(rosterID)"#, as: Int64.self) ?? 0
                guard newest == rosterID, last <= sequence else { throw StoreError.logMoved }
            }
            let known = Set(try session.decode(
                try session.query(#"SELECT "eventID" FROM "event" WHERE "rosterId" = \#(rosterID) AND "eventID" = ANY(\#(events.map(\.eventID)))"#)
            ) { column in try column("eventID", as: String.self) })
            var outcome = AppendOutcome(accepted: [], skipped: [])
            var seen = Set<String>()
            for event in events {
                guard !known.contains(event.eventID), seen.insert(event.eventID).inserted else {
                    outcome.skipped.append(event.eventID)
                    continue
                }
                try session.query(#"""
                    INSERT INTO "event" ("rosterId", "eventID", "document", "receivedAt", "tokenName")
                    VALUES (\#(rosterID), \#(event.eventID), \#(event.document), \#(time), \#(tokenName))
                    """#)
                outcome.accepted.append(event.eventID)
            }
            if !outcome.accepted.isEmpty { try Self.notify(session, "events \(rosterID)") }
            return outcome
        }
    }

    public func savePlan(
        _ plan: Plan, rosterID: Int64, rosterDocument: String, appliedEvents: [String], at time: Date
    ) throws -> StoredPlan {
        try self.link.transaction { session in
            try takeWriteTurn(session)
            if fenced.load(ordering: .relaxed) {
                guard let backend = leaderBackend.withLock({ $0 }),
                      try session.value(#"""
                        SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 0
                        AND objid = \#(unescaped: String(Self.leaderLock)) AND objsubid = 1 AND granted AND pid = \#(backend)
                        """#, as: Int32.self) != nil
                else { throw StoreError(.notLeader, "This daemon no longer leads; another one re-plans, and its plan was not stored.") }
            }
            guard try session.value(#"SELECT 1 FROM "roster" WHERE "id" = \#(rosterID)"#, as: Int32.self) != nil else {
                throw StoreError(.unknownRoster, "There is no roster \(rosterID) to store a plan for.")
            }
            let version = Int(try session.value(#"SELECT MAX("version") FROM "plan""#, as: Int64.self) ?? 0) + 1
            var plan = plan
            plan.version = version
            let stored = StoredPlan(
                version: version, rosterId: rosterID, document: String(decoding: try JSONOutput.encode(plan), as: UTF8.self),
                rosterDocument: rosterDocument, status: plan.status.rawValue, createdAt: time)
            try session.query(#"""
                INSERT INTO "plan" ("version", "rosterId", "document", "rosterDocument", "status", "createdAt")
                VALUES (\#(Int64(version)), \#(rosterID), \#(stored.document), \#(rosterDocument), \#(stored.status), \#(time))
                """#)
            if !appliedEvents.isEmpty {
                try session.query(#"""
                    UPDATE "event" SET "appliedInVersion" = \#(Int64(version))
                    WHERE "rosterId" = \#(rosterID) AND "eventID" = ANY(\#(appliedEvents)) AND "appliedInVersion" IS NULL
                    """#)
            }
            try Self.notify(session, "plan \(version)")
            return stored
        }
    }

    public func recordAudit(_ entry: AuditEntry) throws {
        try self.link.withConnection { session in
            try session.query(#"""
                INSERT INTO "audit" ("time", "tokenName", "action", "outcome")
                VALUES (\#(entry.time), \#(entry.tokenName), \#(entry.action), \#(entry.outcome))
                """#)
        }
    }

    // MARK: Tokens and feeds

    public func recordTokenUse(name: String, at time: Date) throws {
        try self.link.withConnection { session in
            try session.query(#"""
                INSERT INTO "tokenUse" ("name", "lastUsed") VALUES (\#(name), \#(time))
                ON CONFLICT ("name") DO UPDATE SET "lastUsed" = excluded."lastUsed"
                """#)
        }
    }

    public func tokenUses() throws -> [String: Date] {
        try self.link.withConnection { session in
            Dictionary(
                try session.decode(try session.query(#"SELECT "name", "lastUsed" FROM "tokenUse""#)) { column in (try column("name", as: String.self), try column("lastUsed", as: Date.self)) },
                uniquingKeysWith: { $1 })
        }
    }

    public func addFeed(_ feed: CalendarFeed) throws -> CalendarFeed {
        try self.link.withConnection { session in
            var feed = feed
            feed.id = try session.value(#"""
                INSERT INTO "calendarFeed" ("person", "secretHash", "createdAt", "createdBy", "lastUsedAt")
                VALUES (\#(feed.person), \#(feed.secretHash), \#(feed.createdAt), \#(feed.createdBy), \#(feed.lastUsedAt))
                RETURNING "id"
                """#, as: Int64.self)
            return feed
        }
    }

    public func feeds() throws -> [CalendarFeed] {
        try self.link.withConnection { session in
            try Self.feeds(session, try session.query(#"SELECT \#(unescaped: Self.feedColumns) FROM "calendarFeed" ORDER BY "id""#))
        }
    }

    public func feed(secretHash: String) throws -> CalendarFeed? {
        try self.link.withConnection { session in
            try Self.feeds(session, try session.query(
                #"SELECT \#(unescaped: Self.feedColumns) FROM "calendarFeed" WHERE "secretHash" = \#(secretHash)"#)).first
        }
    }

    public func markFeedUsed(id: Int64, at time: Date) throws {
        try self.link.withConnection { session in
            try session.query(#"UPDATE "calendarFeed" SET "lastUsedAt" = \#(time) WHERE "id" = \#(id)"#)
        }
    }

    public func revokeFeed(id: Int64) throws -> Bool {
        try self.link.withConnection { session in
            try session.value(#"DELETE FROM "calendarFeed" WHERE "id" = \#(id) RETURNING "id""#, as: Int64.self) != nil
        }
    }

    // MARK: Retention

    public func prune(horizonsEndedBefore cutoff: Day, auditBefore: Date?, at time: Date, actor: String) throws -> PruneOutcome {
        try prune(horizonsEndedBefore: cutoff, auditBefore: auditBefore, at: time, actor: actor, raisingGeneration: false)
    }

    /// The pruning; a state command's raises the maintenance generation in the same transaction.
    func prune(horizonsEndedBefore cutoff: Day, auditBefore: Date?, at time: Date, actor: String, raisingGeneration: Bool) throws -> PruneOutcome {
        let outcome = try self.link.transaction { session -> PruneOutcome in
            try takeWriteTurn(session, holding: raisingGeneration)
            var outcome = PruneOutcome()
            let due = try session.decode(try session.query(#"SELECT "id", "document" FROM "roster" WHERE "horizonEnd" < \#(cutoff.description) ORDER BY "id""#)) { column in (try column("id", as: Int64.self), try column("document", as: String.self)) }
            for (rosterID, document) in due {
                if let last = try Self.plans(session, try session.query(
                    #"SELECT \#(unescaped: Self.planColumns) FROM "plan" WHERE "rosterId" = \#(rosterID) ORDER BY "version" DESC LIMIT 1"#)).first,
                   let plan = try? JSONDecoder().decode(Plan.self, from: Data(last.document.utf8))
                {
                    let versions = try session.value(#"SELECT COUNT(*) FROM "plan" WHERE "rosterId" = \#(rosterID)"#, as: Int64.self) ?? 0
                    let horizon = HorizonDays.of(document)
                    let figures = RetainedFigures(
                        horizonStart: horizon?.start ?? "", horizonEnd: horizon?.end ?? "", prunedAt: time, planVersions: Int(versions),
                        plan: plan)
                    try session.query(#"""
                        INSERT INTO "retainedFigures" ("horizonStart", "horizonEnd", "prunedAt", "planVersions", "hearings", "held",
                          "interpreterRequested", "interpreterMet", "officerRequested", "officerMet")
                        VALUES (\#(figures.horizonStart), \#(figures.horizonEnd), \#(time), \#(Int64(figures.planVersions)),
                          \#(Int64(figures.hearings)), \#(Int64(figures.held)), \#(Int64(figures.interpreterRequested)),
                          \#(Int64(figures.interpreterMet)), \#(Int64(figures.officerRequested)), \#(Int64(figures.officerMet)))
                        """#)
                }
                outcome.events += try Self.count(session, #"DELETE FROM "event" WHERE "rosterId" = \#(rosterID)"#)
                outcome.planVersions += try Self.count(session, #"DELETE FROM "plan" WHERE "rosterId" = \#(rosterID)"#)
                outcome.rosters += try Self.count(session, #"DELETE FROM "roster" WHERE "id" = \#(rosterID)"#)
            }
            if let auditBefore {
                outcome.auditRows = try Self.count(session, #"DELETE FROM "audit" WHERE "time" < \#(auditBefore)"#)
            }
            if !outcome.isEmpty {
                try session.query(#"""
                    INSERT INTO "audit" ("time", "tokenName", "action", "outcome")
                    VALUES (\#(time), \#(actor), 'retention', \#("pruned horizons ended before \(cutoff): \(outcome.summary)"))
                    """#)
                try Self.notify(session, "pruned")
                if raisingGeneration { try session.execute(#"UPDATE "maintenance" SET "generation" = "generation" + 1"#) }
            }
            return outcome
        }
        if !outcome.isEmpty {
            // Deleted rows stay in the table's pages until a vacuum reuses them; this one runs now.
            try? self.link.withConnection { session in
                try session.execute(raisingGeneration ? #"VACUUM FULL "event", "plan", "roster", "audit""# : #"VACUUM "event", "plan", "roster", "audit""#)
            }
        }
        return outcome
    }

    public func retainedFigures() throws -> [RetainedFigures] {
        try self.link.withConnection { session in
            try session.decode(try session.query(#"SELECT * FROM "retainedFigures" ORDER BY "id""#)) { column in
                RetainedFigures(
                    id: try column("id"), horizonStart: try column("horizonStart"), horizonEnd: try column("horizonEnd"),
                    prunedAt: try column("prunedAt"), planVersions: Int(try column("planVersions", as: Int64.self)),
                    hearings: Int(try column("hearings", as: Int64.self)), held: Int(try column("held", as: Int64.self)),
                    interpreterRequested: Int(try column("interpreterRequested", as: Int64.self)),
                    interpreterMet: Int(try column("interpreterMet", as: Int64.self)),
                    officerRequested: Int(try column("officerRequested", as: Int64.self)),
                    officerMet: Int(try column("officerMet", as: Int64.self)))
            }
        }
    }

    // MARK: Rows

    static let rosterColumns = #""id", "document", "digest", "receivedAt", "tokenName""#
    static let eventColumns = #""sequence", "rosterId", "eventID", "document", "receivedAt", "tokenName", "appliedInVersion""#
    static let planColumns = #""version", "rosterId", "document", "rosterDocument", "status", "createdAt""#
    static let feedColumns = #""id", "person", "secretHash", "createdAt", "createdBy", "lastUsedAt""#

    static func rosters(_ session: PostgresSession, _ rows: [PostgresRow]) throws -> [StoredRoster] {
        try session.decode(rows) { column in
            StoredRoster(
                id: try column("id"), document: try column("document"), digest: try column("digest"),
                receivedAt: try column("receivedAt"), tokenName: try column("tokenName"))
        }
    }

    static func events(_ session: PostgresSession, _ rows: [PostgresRow]) throws -> [StoredEvent] {
        try session.decode(rows) { column in
            StoredEvent(
                sequence: try column("sequence"), rosterId: try column("rosterId"), eventID: try column("eventID"),
                document: try column("document"), receivedAt: try column("receivedAt"), tokenName: try column("tokenName"),
                appliedInVersion: try column("appliedInVersion", as: Int64?.self).map(Int.init))
        }
    }

    static func plans(_ session: PostgresSession, _ rows: [PostgresRow]) throws -> [StoredPlan] {
        try session.decode(rows) { column in
            StoredPlan(
                version: Int(try column("version", as: Int64.self)), rosterId: try column("rosterId"), document: try column("document"),
                rosterDocument: try column("rosterDocument"), status: try column("status"), createdAt: try column("createdAt"))
        }
    }

    static func feeds(_ session: PostgresSession, _ rows: [PostgresRow]) throws -> [CalendarFeed] {
        try session.decode(rows) { column in
            CalendarFeed(
                id: try column("id"), person: try column("person"), secretHash: try column("secretHash"),
                createdAt: try column("createdAt"), createdBy: try column("createdBy"), lastUsedAt: try column("lastUsedAt"))
        }
    }

    static func count(_ session: PostgresSession, _ query: PostgresQuery) throws -> Int {
        let rows = try session.query(PostgresQuery(unsafeSQL: query.sql + #" RETURNING 1"#, binds: query.binds))
        return rows.count
    }

    /// Tells the other daemons, once the transaction commits, what changed: a word and a number.
    static func notify(_ session: PostgresSession, _ payload: String) throws {
        try session.query("SELECT pg_notify(\(channel), \(payload))")
    }
}
