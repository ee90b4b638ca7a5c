import Foundation
import GRDB
import PlannerModel

#if canImport(Glibc)
import Glibc
#endif

extension AppDatabase {
    /// Opens an existing database file as it is, without migrating it: for `state backup` and
    /// `state check`, which may run while the daemon writes, and for reading a backup.
    public static func openExisting(path: String, readOnly: Bool = true) throws -> AppDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.unopenable, "There is no database at \(path).")
        }
        var configuration = configuration
        configuration.readonly = readOnly
        do {
            return AppDatabase(unmigrated: try DatabaseQueue(path: path, configuration: configuration))
        } catch let error as DatabaseError {
            throw StoreError(.unopenable, "Cannot open the database \(path): \(error.message ?? "\(error.resultCode)").")
        }
    }

    /// Copies the database, as one consistent snapshot, to a new file at `path` (mode 0600) with
    /// SQLite's online backup: writers go on meanwhile, and the copy holds every transaction
    /// committed before it began. The file appears at `path` only once complete and on disk.
    public func backup(to path: String) throws {
        let temporary = "\(path).partial-\(getpid())"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError(.unopenable, "Cannot create \(temporary): \(String(cString: strerror(errno))).")
        }
        _ = fchmod(descriptor, 0o600)
        close(descriptor)
        var isDone = false
        defer { if !isDone { unlink(temporary) } }
        do {
            let destination = try DatabaseQueue(path: temporary)
            try writer.backup(to: destination)
            // One self-contained file, whatever the journal mode of the original.
            try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
        } catch let error as DatabaseError {
            throw StoreError(.unopenable, "The backup to \(path) failed: \(error.message ?? "\(error.resultCode)").")
        }
        try Self.flush(temporary)
        guard rename(temporary, path) == 0 else {
            throw StoreError(.unopenable, "Cannot move the backup to \(path): \(String(cString: strerror(errno))).")
        }
        isDone = true
        try? Self.flush((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
    }

    /// Replaces the whole content of this database with that of `backup`, in one transaction
    /// (SQLite's backup API, into this database), and empties the write-ahead log. The file keeps
    /// its owner and mode. The daemon must not be running (``StateLock``).
    public func restore(from backup: AppDatabase) throws {
        do {
            try backup.writer.backup(to: writer)
            try writer.writeWithoutTransaction { db in _ = try? db.checkpoint(.truncate) }
        } catch let error as DatabaseError {
            throw StoreError(.unopenable, "The restore failed: \(error.message ?? "\(error.resultCode)").")
        }
    }

    private static func flush(_ path: String) throws {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw StoreError(.unopenable, "Cannot flush \(path) to disk: \(String(cString: strerror(errno))).")
        }
    }
}
