import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Creates the state directory and database file with owner-only permissions before SQLite
/// touches them, whatever the process's umask.
enum StateFiles {
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
