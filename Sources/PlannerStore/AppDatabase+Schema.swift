import Foundation
import GRDB

extension AppDatabase {
    /// Retention, tokens and feeds: the roster's horizon end (read from its document, so that
    /// pruning needs no JSON), when each token was last used, the calendar feed links, and the
    /// figures kept of pruned horizons.
    static func migrateToVersion2(_ db: Database) throws {
        try db.alter(table: "roster") { t in t.add(column: "horizonEnd", .text) }
        try db.execute(sql: "UPDATE roster SET horizonEnd = CASE WHEN json_valid(document) THEN json_extract(document, '$.horizon.end') END")
        try db.create(index: "roster_horizonEnd", on: "roster", columns: ["horizonEnd"])
        try db.create(table: "tokenUse") { t in
            t.primaryKey("name", .text)
            t.column("lastUsed", .datetime).notNull()
        }
        try db.create(table: "calendarFeed") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("person", .text).notNull()
            t.column("secretHash", .text).notNull().unique()
            t.column("createdAt", .datetime).notNull()
            t.column("createdBy", .text).notNull()
            t.column("lastUsedAt", .datetime)
        }
        try db.create(table: "retainedFigures") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("horizonStart", .text).notNull()
            t.column("horizonEnd", .text).notNull()
            t.column("prunedAt", .datetime).notNull()
            t.column("planVersions", .integer).notNull()
            t.column("hearings", .integer).notNull()
            t.column("held", .integer).notNull()
            t.column("interpreterRequested", .integer).notNull()
            t.column("interpreterMet", .integer).notNull()
            t.column("officerRequested", .integer).notNull()
            t.column("officerMet", .integer).notNull()
        }
    }

    /// The names of the migrations this version knows, oldest first.
    public static var knownMigrations: [String] { migrator.migrations }
}
