import Foundation
import GRDB

extension AppDatabase {
    /// The database file's path (empty for a database in memory).
    public var path: String { writer.path }

    /// The refusal to start on a damaged database: it names the file and the command that puts a
    /// backup in its place. Starting anyway could serve a plan that is not the last one
    /// acknowledged, or lose events; the operator decides.
    public static func damaged(path: String, _ detail: String) -> StoreError {
        let directory = (path as NSString).deletingLastPathComponent
        return StoreError(
            .corrupt,
            "The state database \(path) is damaged (\(detail)); the service does not start on it. Keep the file for "
                + "inspection, restore the last backup with `hearing-planner state restore BACKUP --state-dir \(directory)` "
                + "(docs/operations.md), then start the service again; events acknowledged after that backup must be sent again.")
    }

    /// Whether `error` says the database file is damaged or not a database at all.
    public static func isDamage(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return (error as? StoreError)?.code == .corrupt }
        return error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    /// SQLite's `quick_check` of every page and index (linear in the file's size; about a second
    /// per gigabyte): a damaged page is found when the service starts, not at the first read of it.
    func checkIntegrity() throws {
        let problems = try writer.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
        guard problems == ["ok"] else {
            throw Self.damaged(path: path, "SQLite's quick_check: " + problems.joined(separator: "; "))
        }
    }
}

extension AppDatabase {
    /// Whether `error` is SQLite's "database or disk is full": nothing of the write was stored.
    public static func isStorageFull(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.resultCode == .SQLITE_FULL
    }

    /// Whether `error` is a failed read or write of the file itself (SQLITE_IOERR and its kinds).
    public static func isStorageFailure(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.resultCode == .SQLITE_IOERR
    }
}
