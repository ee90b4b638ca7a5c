import Foundation
import GRDB

/// The daemon's durable state in one SQLite database: the submitted rosters, the append-only log
/// of change events, the plan versions and the audit trail; since v2 also when each token was
/// last used, the calendar feed links, and the figures kept of pruned horizons.
///
/// Only writes that keep the data consistent are exposed: each is one transaction, so that a
/// crash at any moment leaves either all of it or none. Commits are synchronous to disk
/// (`synchronous = FULL`), so a write that returned survives a power cut as well as a `kill -9`.
public struct AppDatabase: Sendable {
    /// The name of the database file in the state directory.
    public static let fileName = "state.sqlite"

    let writer: any DatabaseWriter

    /// Opens `writer` and brings its schema up to date.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// A database left as it is, without migrations (``openExisting(path:readOnly:)``).
    init(unmigrated writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// A database that lives in memory only, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration))
    }

    /// Opens (or creates) `state.sqlite` in `directory`, creating the directory with mode 0700
    /// and the database file with mode 0600. SQLite gives its `-wal` and `-shm` files the mode of
    /// the database file.
    public static func open(stateDirectory directory: String) throws -> AppDatabase {
        let path = try StateFiles.prepare(directory: directory, file: fileName)
        do {
            let database = try AppDatabase(DatabasePool(path: path, configuration: configuration))
            try database.checkIntegrity()
            return database
        } catch let error as DatabaseError where isDamage(error) {
            throw damaged(path: path, error.message ?? "\(error.resultCode)")
        } catch let error as DatabaseError {
            throw StoreError(.unopenable, "Cannot open the state database \(path): \(error.message ?? "\(error.resultCode)").")
        }
    }

    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // An acknowledged event must survive a power cut, not only a crash of the process.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Deleted rows are overwritten with zeros, not left in free pages (retention, erasure).
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return configuration
    }

    /// The schema, one migration per released change; a migration is never edited once released.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "roster") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document", .text).notNull()
                t.column("digest", .text).notNull()
                t.column("receivedAt", .datetime).notNull()
                t.column("tokenName", .text).notNull()
            }
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("sequence")
                t.belongsTo("roster", onDelete: .restrict).notNull()
                t.column("eventID", .text).notNull()
                t.column("document", .text).notNull()
                t.column("receivedAt", .datetime).notNull()
                t.column("tokenName", .text).notNull()
                t.column("appliedInVersion", .integer)
                t.uniqueKey(["rosterId", "eventID"])
            }
            try db.create(table: "plan") { t in
                t.primaryKey("version", .integer)
                t.belongsTo("roster", onDelete: .restrict).notNull()
                t.column("document", .text).notNull()
                t.column("rosterDocument", .text).notNull()
                t.column("status", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("time", .datetime).notNull()
                t.column("tokenName", .text).notNull()
                t.column("action", .text).notNull()
                t.column("outcome", .text).notNull()
            }
        }
        migrator.registerMigration("v2", migrate: migrateToVersion2)
        return migrator
    }
}
