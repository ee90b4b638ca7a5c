import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A datagram socket of the test's own, standing in for systemd's notification socket: point
/// `NOTIFY_SOCKET` at ``address`` and read what the notifier sends with ``receive(within:)``.
public final class NotifySocket: Sendable {
    /// The value for `NOTIFY_SOCKET`: a path, or `@name` for the abstract namespace.
    public let address: String
    private let descriptor: Int32
    private let path: String?

    /// A socket could not be made.
    public struct SetupError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Binds a socket file in /tmp, or an abstract name when `abstract` is true.
    public init(abstract: Bool = false) throws {
        let name = "hp-notify-\(UUID().uuidString.prefix(12))"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SetupError(description: "socket: \(String(cString: strerror(errno)))") }
        let pathBytes: [UInt8]
        if abstract {
            address = "@" + name
            path = nil
            pathBytes = [0] + Array(name.utf8)
        } else {
            address = "/tmp/\(name).sock"
            path = address
            pathBytes = Array(address.utf8)
        }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { buffer in
            for (index, byte) in pathBytes.enumerated() { buffer[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + pathBytes.count)
        let descriptor = self.descriptor
        let result = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard result == 0 else {
            close(descriptor)
            throw SetupError(description: "bind \(address): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(descriptor)
        if let path { unlink(path) }
    }

    /// The next datagram, or nil if none arrives within `seconds` (a bound against hanging, not a
    /// timing check: on 2 cores, tests that plan synchronously can hold the cooperative pool, which
    /// the sender needs, for minutes when other builds share the machine; 300 s was seen to run
    /// out). The wait happens on a thread of its own, never on the cooperative pool.
    public func receive(within seconds: Int32 = 900) async -> String? {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: self.waitForDatagram(seconds: seconds)) }
            thread.start()
        }
    }

    private func waitForDatagram(seconds: Int32) -> String? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, seconds * 1000) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// Whether a datagram is waiting right now.
    public var hasPending: Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) == 1
    }
}
