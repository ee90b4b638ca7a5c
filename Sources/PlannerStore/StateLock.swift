import Foundation
import Locking
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The claim of one process on a state directory: an exclusive `flock` on the file `state.lock`
/// in it, holding the process id, kept until the process ends or ``release()`` is called.
///
/// `serve` takes it for as long as it runs, so that a second daemon on the same directory
/// refuses to start instead of running beside the first with its own idea of the current plan;
/// the `state` commands that change the database (`restore`, `prune`, `erase`) take it too. The
/// kernel drops the lock when the process ends, however it ends, so a crash leaves none behind.
public final class StateLock: Sendable {
    /// The name of the lock file in the state directory.
    public static let fileName = "state.lock"

    /// Nil once released.
    private let descriptor: Locked<Int32?>
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = Locked(descriptor)
        self.path = path
    }

    deinit { release() }

    /// Takes the lock of `directory` (created with mode 0700 if missing), or throws
    /// ``StoreError/Code/locked`` naming the directory and the process that holds it.
    public static func acquire(directory: String, purpose: String) throws -> StateLock {
        let path = try StateFiles.prepare(directory: directory, file: fileName)
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw StoreError(.unopenable, "Cannot open the lock file \(path): \(String(cString: strerror(errno))).")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let holder = Self.holder(descriptor)
            close(descriptor)
            guard reason == EWOULDBLOCK else {
                throw StoreError(.unopenable, "Cannot lock the state directory \(directory): \(String(cString: strerror(reason))).")
            }
            throw StoreError(
                .locked,
                "The state directory \(directory) is in use by another hearing-planner (\(holder ?? "process unknown")); "
                    + "\(purpose) needs it alone. Stop the other process first (systemctl stop hearing-planner).")
        }
        let text = Array("\(getpid()) \(purpose)\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return StateLock(descriptor: descriptor, path: path)
    }

    /// "process 1234, serve" from the lock file's text.
    private static func holder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = text.split(separator: " ", maxSplits: 1)
        guard let pid = parts.first, Int(pid) != nil else { return nil }
        return parts.count > 1 ? "process \(pid), \(parts[1])" : "process \(pid)"
    }

    /// Gives the lock up; closing the descriptor releases the `flock`.
    public func release() {
        descriptor.withLock { held in
            guard let open = held else { return }
            _ = ftruncate(open, 0)
            close(open)
            held = nil
        }
    }
}
