import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Creates the state directory and database file with owner-only permissions before SQLite
/// touches them, whatever the process's umask.
public enum StateFiles {
    /// Returns the path of `file` in `directory`, both created if missing: the directory 0700,
    /// the file 0600. Existing ones are narrowed to those modes.
    static func prepare(directory: String, file: String) throws -> String {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError(.unopenable, "The state directory \(directory) is a file, not a directory.")
            }
        } else {
            do {
                try manager.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError(.unopenable, "Cannot create the state directory \(directory): \(error.localizedDescription)")
            }
        }
        guard chmod(directory, 0o700) == 0 else {
            throw StoreError(.unopenable, "Cannot make the state directory \(directory) private (mode 0700): \(String(cString: strerror(errno))).")
        }
        let path = (directory as NSString).appendingPathComponent(file)
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError(.unopenable, "Cannot create the state database \(path): \(String(cString: strerror(errno))).")
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else {
            throw StoreError(.unopenable, "Cannot make the state database \(path) private (mode 0600): \(String(cString: strerror(errno))).")
        }
        return path
    }
}

extension StateFiles {
    /// Files of a state directory that a command may create beside the database.
    static let names = ["state.sqlite", "state.sqlite-wal", "state.sqlite-shm", "state.sqlite-journal", "state.lock"]

    /// Run as root on the service's state directory, a command creates files root owns, which the
    /// service's user could then not open: give them to the directory's owner. Does nothing for
    /// any other user.
    public static func giveToOwner(directory: String) {
        guard geteuid() == 0 else { return }
        var folder = stat()
        guard stat(directory, &folder) == 0 else { return }
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            var file = stat()
            guard lstat(path, &file) == 0, file.st_uid != folder.st_uid || file.st_gid != folder.st_gid else { continue }
            _ = lchown(path, folder.st_uid, folder.st_gid)
        }
    }
}
