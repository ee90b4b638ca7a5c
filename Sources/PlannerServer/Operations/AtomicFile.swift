#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a small file so that a reader sees either the old or the new contents, never a
/// mixture, and no other user can read it in between.
enum AtomicFile {
    /// Writes `bytes` to a new file beside `path` with mode 0600, flushes it to disk, renames it
    /// over `path`, and flushes the folder so that the rename survives a crash. A file replaced
    /// keeps its owner and group, and its mode less anything beyond the owner's read and write and
    /// the group's read (a token file the service's group reads stays readable to it).
    static func store(_ bytes: [UInt8], at path: String) throws {
        let folder = folderOf(path)
        var existing = stat()
        let isReplacing = stat(path, &existing) == 0
        let temporary = "\(path).tmp-\(String(UInt32.random(in: .min ... .max), radix: 16))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("create", temporary) }
        var isRenamed = false
        defer {
            if !isRenamed { unlink(temporary) }
        }
        do {
            defer { close(descriptor) }
            // The mode given to open() is reduced by the umask, never widened: this makes it exact.
            guard fchmod(descriptor, 0o600) == 0 else { throw failure("set the mode of", temporary) }
            if isReplacing {
                // Owner first: a change of owner may clear the mode's special bits.
                if existing.st_uid != geteuid() || existing.st_gid != getegid() {
                    guard fchown(descriptor, existing.st_uid, existing.st_gid) == 0 else { throw failure("keep the owner of", path) }
                }
                // The group may keep reading (the service's group reads the token file); others never.
                guard fchmod(descriptor, existing.st_mode & 0o640) == 0 else { throw failure("keep the mode of", path) }
            }
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { buffer in
                    write(descriptor, buffer.baseAddress! + written, bytes.count - written)
                }
                if result < 0 {
                    if errno == EINTR { continue }
                    throw failure("write", temporary)
                }
                written += result
            }
            guard fsync(descriptor) == 0 else { throw failure("flush", temporary) }
        }
        guard rename(temporary, path) == 0 else { throw failure("replace", path) }
        isRenamed = true
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    private static func folderOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func failure(_ action: String, _ path: String) -> TokenFileError {
        let reason = String(cString: strerror(errno))
        return TokenFileError(code: .unwritable, message: "Cannot \(action) \(path): \(reason).")
    }
}
