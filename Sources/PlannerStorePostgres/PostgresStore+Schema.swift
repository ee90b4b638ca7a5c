import PlannerStore
import PostgresNIO

extension PostgresStore {
    /// The schema, one migration per released change, with the names and columns of the SQLite
    /// store's (``AppDatabase/knownMigrations``), so that the same rows mean the same on both. Names
    /// are quoted to keep their capitals. A migration is never edited once released.
    static let migrations: [(name: String, statements: [String])] = [
        ("v1", [
            """
            CREATE TABLE "roster" (
              "id" BIGSERIAL PRIMARY KEY,
              "document" TEXT NOT NULL,
              "digest" TEXT NOT NULL,
              "receivedAt" TIMESTAMPTZ NOT NULL,
              "tokenName" TEXT NOT NULL)
            """,
            """
            CREATE TABLE "event" (
              "sequence" BIGSERIAL PRIMARY KEY,
              "rosterId" BIGINT NOT NULL REFERENCES "roster"("id") ON DELETE RESTRICT,
              "eventID" TEXT NOT NULL,
              "document" TEXT NOT NULL,
              "receivedAt" TIMESTAMPTZ NOT NULL,
              "tokenName" TEXT NOT NULL,
              "appliedInVersion" BIGINT,
              UNIQUE ("rosterId", "eventID"))
            """,
            #"CREATE INDEX "event_on_rosterId" ON "event"("rosterId")"#,
            """
            CREATE TABLE "plan" (
              "version" BIGINT PRIMARY KEY,
              "rosterId" BIGINT NOT NULL REFERENCES "roster"("id") ON DELETE RESTRICT,
              "document" TEXT NOT NULL,
              "rosterDocument" TEXT NOT NULL,
              "status" TEXT NOT NULL,
              "createdAt" TIMESTAMPTZ NOT NULL)
            """,
            #"CREATE INDEX "plan_on_rosterId" ON "plan"("rosterId")"#,
            """
            CREATE TABLE "audit" (
              "id" BIGSERIAL PRIMARY KEY,
              "time" TIMESTAMPTZ NOT NULL,
              "tokenName" TEXT NOT NULL,
              "action" TEXT NOT NULL,
              "outcome" TEXT NOT NULL)
            """,
        ]),
        ("v2", [
            #"ALTER TABLE "roster" ADD COLUMN "horizonEnd" TEXT"#,
            #"CREATE INDEX "roster_horizonEnd" ON "roster"("horizonEnd")"#,
            """
            CREATE TABLE "tokenUse" (
              "name" TEXT PRIMARY KEY,
              "lastUsed" TIMESTAMPTZ NOT NULL)
            """,
            """
            CREATE TABLE "calendarFeed" (
              "id" BIGSERIAL PRIMARY KEY,
              "person" TEXT NOT NULL,
              "secretHash" TEXT NOT NULL UNIQUE,
              "createdAt" TIMESTAMPTZ NOT NULL,
              "createdBy" TEXT NOT NULL,
              "lastUsedAt" TIMESTAMPTZ)
            """,
            """
            CREATE TABLE "retainedFigures" (
              "id" BIGSERIAL PRIMARY KEY,
              "horizonStart" TEXT NOT NULL,
              "horizonEnd" TEXT NOT NULL,
              "prunedAt" TIMESTAMPTZ NOT NULL,
              "planVersions" BIGINT NOT NULL,
              "hearings" BIGINT NOT NULL,
              "held" BIGINT NOT NULL,
              "interpreterRequested" BIGINT NOT NULL,
              "interpreterMet" BIGINT NOT NULL,
              "officerRequested" BIGINT NOT NULL,
              "officerMet" BIGINT NOT NULL)
            """,
        ]),
        // PostgreSQL's alone: state commands that change stored documents while no daemon is
        // connected raise the generation, so that a daemon that read the state before learns that
        // it must read it again (PostgresStore+Maintenance.swift).
        ("v3-maintenance", [
            #"CREATE TABLE "maintenance" ("generation" BIGINT NOT NULL)"#,
            #"INSERT INTO "maintenance" ("generation") VALUES (0)"#,
        ]),
    ]

    /// Brings the schema up to date in one transaction; daemons starting together take turns
    /// (an advisory lock held for the transaction), so each migration runs once. Refuses while a
    /// state command holds the database; returns the maintenance generation.
    static func migrate(_ link: PostgresLink) throws -> Int64 {
        try link.transaction { session in
            guard try session.value("SELECT pg_try_advisory_xact_lock_shared(\(Self.presenceLock))", as: Bool.self) == true else {
                throw Self.maintenanceRunning
            }
            try session.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            try session.execute(#"CREATE TABLE IF NOT EXISTS "schemaMigration" ("identifier" TEXT PRIMARY KEY)"#)
            let done = Set(try session.decode(try session.query(#"SELECT "identifier" FROM "schemaMigration""#)) { column in try column("identifier", as: String.self) })
            let known = Set(Self.migrations.map(\.name))
            if let unknown = done.subtracting(known).sorted().first {
                throw StoreError(
                    .unopenable,
                    "The database was migrated by a newer hearing-planner (migration \(unknown)); this version cannot use it.")
            }
            for migration in Self.migrations where !done.contains(migration.name) {
                for statement in migration.statements { try session.execute(statement) }
                try session.query(#"INSERT INTO "schemaMigration" ("identifier") VALUES (\#(migration.name))"#)
            }
            return try session.value(#"SELECT "generation" FROM "maintenance""#, as: Int64.self) ?? 0
        }
    }

    /// The migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try self.link.withConnection { session in
            try session.decode(try session.query(#"SELECT "identifier" FROM "schemaMigration" ORDER BY "identifier""#)) { column in try column("identifier", as: String.self) }
        }
    }

    // Advisory lock keys: fixed numbers, the same in every daemon of this program.
    /// Held by the leader's own session for as long as it leads.
    static let leaderLock: Int64 = 0x4850_4C44  // "HPLD"
    /// Held for a write transaction's time: writes to the log and the versions take turns.
    static let writeLock: Int64 = 0x4850_5752  // "HPWR"
    static let migrationLock: Int64 = 0x4850_4D47  // "HPMG"
    /// Held shared by every daemon's own session, exclusively by a state command that changes
    /// stored documents: either daemons run or such a command does.
    static let presenceLock: Int64 = 0x4850_5052  // "HPPR"

    /// The channel on which every write tells the other daemons what changed.
    static let channel = "hearing_planner"
}
