import Foundation
import PlannerModel
import PlannerStore
import PostgresNIO

/// The state commands that change stored documents (`state erase`, `state prune`) on a shared
/// database, and `state check`.
///
/// Daemons keep the current roster and plan in memory, so such a command runs only while no
/// daemon is connected, as on SQLite it runs only while the daemon is stopped: every daemon's own
/// session holds the presence lock shared (``Leadership``), the command holds it exclusively on a
/// connection of its own (``MaintenanceHold``), and a daemon that starts meanwhile waits for it to
/// end. The command also raises the maintenance generation in its transaction; a daemon that read
/// the state before (its session was cut while the command ran) finds another generation when it
/// reconnects or writes, and starts afresh.
extension PostgresStore {
    static let maintenanceRunning = StoreError(
        .maintenance, "A state command (erase or prune) is changing the database; daemons wait until it has ended.")

    /// Takes the write transactions' turn and refuses the write when a state command changed the
    /// documents since this store read them; a state command holding the database is not refused.
    func takeWriteTurn(_ session: PostgresSession, holding: Bool = false) throws {
        try session.query("SELECT pg_advisory_xact_lock(\(Self.writeLock))")
        guard try holding || session.value(#"SELECT "generation" FROM "maintenance""#, as: Int64.self) == generation else {
            throw StoreError(
                .maintenance, "A state command changed the database after this daemon read it; nothing was stored, and the daemon starts afresh.")
        }
    }

    /// Holds the database for a state command: refused, naming the daemons connected, unless none is.
    public func holdForMaintenance() throws -> MaintenanceHold {
        let session = PostgresSession(connection: try link.connect(), link: link)
        do {
            guard try session.value("SELECT pg_try_advisory_lock(\(Self.presenceLock))", as: Bool.self) == true else {
                let names = try session.decode(try session.query("""
                    SELECT COALESCE(NULLIF(a.application_name, ''), 'a daemon of another role') AS "name" FROM pg_locks l
                    LEFT JOIN pg_stat_activity a ON a.pid = l.pid
                    WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    AND l.classid = 0 AND l.objid = \(unescaped: String(Self.presenceLock))
                    AND l.objsubid = 1 AND l.granted AND l.pid <> pg_backend_pid()
                    """)) { column in try column("name", as: String.self) }
                throw StoreError(
                    .locked,
                    names.isEmpty
                        ? "Another state command holds the database; try again when it has ended."
                        : "\(names.count) hearing-planner daemon(s) are connected to the database (\(names.sorted().joined(separator: ", "))); "
                            + "stop them all first (systemctl stop hearing-planner on each host).")
            }
            return MaintenanceHold(session: session)
        } catch {
            closeSoon(session.connection)
            throw error
        }
    }

    /// Erases hearings from every stored roster, plan version and event in one transaction
    /// (``HearingErasure``), records the erasure in the audit trail with counts, never the ids,
    /// raises the maintenance generation, and rewrites the tables (`VACUUM FULL`) so that no dead
    /// row of them is left in the database's files. Needs `hold`.
    public func erase(hearings: Set<String>, at time: Date, actor: String, holding hold: MaintenanceHold) throws -> ErasureOutcome {
        let outcome = try self.link.transaction { session -> ErasureOutcome in
            try takeWriteTurn(session, holding: true)
            var outcome = ErasureOutcome()
            let finder = HearingErasure(hearings: hearings)
            var erasedEvents = Set<String>()
            for event in try Self.events(session, try session.query(#"""
                SELECT \#(unescaped: Self.eventColumns) FROM "event"
                """#)) where finder.isAbout(Array(event.document.utf8)) {
                try session.query(#"DELETE FROM "event" WHERE "sequence" = \#(event.sequence ?? 0)"#)
                erasedEvents.insert(event.eventID)
                outcome.events += 1
            }
            let erasure = HearingErasure(hearings: hearings, erasedEvents: erasedEvents)
            for roster in try Self.rosters(session, try session.query(
                #"SELECT \#(unescaped: Self.rosterColumns) FROM "roster""#))
            {
                guard let document = try erasure.erasing(roster.document, what: "roster \(roster.id ?? 0)") else { continue }
                try session.query(#"UPDATE "roster" SET "document" = \#(document) WHERE "id" = \#(roster.id ?? 0)"#)
                outcome.rosters += 1
            }
            for plan in try Self.plans(session, try session.query(#"SELECT \#(unescaped: Self.planColumns) FROM "plan""#)) {
                let document = try erasure.erasing(plan.document, what: "plan version \(plan.version)")
                let rosterDocument = try erasure.erasing(plan.rosterDocument, what: "plan version \(plan.version)")
                guard document != nil || rosterDocument != nil else { continue }
                try session.query(#"""
                    UPDATE "plan" SET "document" = \#(document ?? plan.document), "rosterDocument" = \#(rosterDocument ?? plan.rosterDocument)
                    WHERE "version" = \#(Int64(plan.version))
                    """#)
                outcome.planVersions += 1
            }
            if !outcome.isEmpty {
                try session.query(#"""
                    INSERT INTO "audit" ("time", "tokenName", "action", "outcome")
                    VALUES (\#(time), \#(actor), 'erasure', \#(outcome.auditText(hearings: hearings.count)))
                    """#)
                try session.execute(#"UPDATE "maintenance" SET "generation" = "generation" + 1"#)
            }
            return outcome
        }
        if !outcome.isEmpty {
            // An UPDATE leaves the old row in the table's pages until a vacuum reuses them; a full
            // vacuum writes each table anew, without them.
            try self.link.withConnection { session in try session.execute(#"VACUUM FULL "event", "plan", "roster""#) }
        }
        return outcome
    }

    /// `state prune` on PostgreSQL: ``prune(horizonsEndedBefore:auditBefore:at:actor:)`` with the
    /// generation raised in its transaction, so that a daemon that read the pruned horizon reads
    /// the state again, and the tables written anew.
    public func prune(
        horizonsEndedBefore cutoff: Day, auditBefore: Date?, at time: Date, actor: String, holding hold: MaintenanceHold
    ) throws -> PruneOutcome {
        try prune(horizonsEndedBefore: cutoff, auditBefore: auditBefore, at: time, actor: actor, raisingGeneration: true)
    }

    /// `state check`: every stored document reads back and fits the others (``StateCheck``), in
    /// one snapshot (a repeatable-read transaction) while daemons may write.
    public func check() throws -> StateCheck {
        try self.link.withConnection { session in
            try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { try? session.execute("ROLLBACK") }
            var report = StateCheck()
            let applied = try session.decode(try session.query(#"SELECT "identifier" FROM "schemaMigration""#)) { column in
                try column("identifier", as: String.self)
            }
            let known = Self.migrations.map(\.name)
            report.unknownMigrations = applied.filter { !known.contains($0) }
            report.missingMigrations = known.filter { !applied.contains($0) }
            let rosters = try Self.rosters(session, try session.query(
                #"SELECT \#(unescaped: Self.rosterColumns) FROM "roster" ORDER BY "id""#))
            report.checkDocuments(
                rosters: rosters.map { (id: $0.id ?? 0, document: $0.document) },
                events: try Self.events(session, try session.query(#"""
                    SELECT \#(unescaped: Self.eventColumns)
                    FROM "event" ORDER BY "sequence"
                    """#)),
                plans: try Self.plans(session, try session.query(#"SELECT \#(unescaped: Self.planColumns) FROM "plan" ORDER BY "version""#)))
            report.auditRows = Int(try session.value(#"SELECT COUNT(*) FROM "audit""#, as: Int64.self) ?? 0)
            report.calendarFeeds = Int(try session.value(#"SELECT COUNT(*) FROM "calendarFeed""#, as: Int64.self) ?? 0)
            return report
        }
    }
}

/// A state command's hold on the shared database: no daemon is connected while it lasts.
public final class MaintenanceHold: @unchecked Sendable {
    let session: PostgresSession

    init(session: PostgresSession) { self.session = session }

    /// Ends the hold (closing its connection releases the lock); daemons may start again.
    public func release() { closeSoon(session.connection) }
}
