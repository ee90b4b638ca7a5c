import Foundation
import Logging
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Tells systemd how the daemon is doing, with the `sd_notify` protocol: `READY=1` once it
/// serves, `STATUS=` lines, `WATCHDOG=1` pings, and `STOPPING=1` on shutdown.
///
/// A message is one datagram of `KEY=VALUE` lines sent to the `AF_UNIX` socket named in
/// `NOTIFY_SOCKET` (a leading `@` names the abstract namespace), so no systemd library is needed.
/// Without `NOTIFY_SOCKET` (not started by systemd, or `Type=simple`) every method does nothing.
///
/// As a `Service`, it pings the watchdog every half of `WATCHDOG_USEC` until graceful shutdown,
/// then sends `STOPPING=1`. A `ServiceGroup` tells its services to shut down in the reverse of
/// their order and waits for each, so list the notifier **first**: it is told last, and the
/// watchdog keeps being pinged while the HTTP server and the re-plan service finish. To tell
/// systemd at once that a shutdown began, call ``stopping()`` as well; a second `STOPPING=1` is
/// harmless. (When systemd itself sent the SIGTERM, it knows already.)
public struct SystemdNotifier: Service {
    /// Where the messages go.
    enum Destination: Sendable, Equatable {
        /// A socket file.
        case path(String)
        /// A name in Linux's abstract socket namespace (written `@name` in `NOTIFY_SOCKET`).
        case abstract(String)
    }

    let destination: Destination?
    /// How often `run()` pings the watchdog: half of `WATCHDOG_USEC`, or nil for no watchdog.
    public let watchdogInterval: Duration?
    private let logger: Logger
    private let sleep: @Sendable (Duration) async throws -> Void

    /// A notifier configured from systemd's variables: `NOTIFY_SOCKET`, `WATCHDOG_USEC`, and
    /// `WATCHDOG_PID` (the watchdog is ours only if it is unset or our process id).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) {
        self.init(environment: environment, processID: Int(getpid()), logger: logger) { try await Task.sleep(for: $0) }
    }

    /// The same, with the process id and the sleep given, for tests.
    init(
        environment: [String: String], processID: Int, logger: Logger,
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.logger = logger
        self.sleep = sleep
        destination = Self.destination(environment["NOTIFY_SOCKET"], logger: logger)
        watchdogInterval = Self.watchdogInterval(environment, processID: processID, logger: logger)
    }

    /// Whether messages are sent at all (`NOTIFY_SOCKET` names a usable socket).
    public var isEnabled: Bool { destination != nil }

    /// Tells systemd the service is up (`READY=1`), with a status line.
    public func ready(status: String) {
        send("READY=1\nSTATUS=\(Self.oneLine(status))")
    }

    /// Tells systemd a reload began (`RELOADING=1`, with the monotonic time newer systemd asks
    /// for); ``ready(status:)`` tells it the reload is done.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        send("RELOADING=1\nMONOTONIC_USEC=\(Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000)")
    }

    /// Replaces the status line `systemctl status` shows, such as "serving plan version 12".
    public func status(_ text: String) {
        send("STATUS=\(Self.oneLine(text))")
    }

    /// Tells systemd the service is shutting down (`STOPPING=1`).
    public func stopping() {
        send("STOPPING=1")
    }

    /// Pings the watchdog until graceful shutdown, then sends `STOPPING=1`. Without a watchdog it
    /// only waits for the shutdown; without `NOTIFY_SOCKET` it waits and sends nothing.
    public func run() async throws {
        guard isEnabled else {
            // Returning early would make the ServiceGroup shut everything down, so wait.
            try? await gracefulShutdown()
            return
        }
        if let interval = watchdogInterval {
            let sleep = self.sleep
            let notifier = self
            try? await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    notifier.send("WATCHDOG=1")
                    try await sleep(interval)
                }
            }
        } else {
            try? await gracefulShutdown()
        }
        stopping()
    }

    /// Sends one datagram; failures are logged (without the message) and otherwise ignored, as
    /// `sd_notify` does: systemd's bookkeeping must never stop the service.
    func send(_ message: String) {
        guard let destination else { return }
        let key = message.prefix { $0 != "=" }
        do {
            try Self.sendDatagram(Array(message.utf8), to: destination)
        } catch {
            logger.warning("Could not notify systemd", metadata: ["message": "\(key)", "error": "\(error)"])
        }
    }

    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    private static func destination(_ value: String?, logger: Logger) -> Destination? {
        guard let value, !value.isEmpty else { return nil }
        if value.hasPrefix("@") { return .abstract(String(value.dropFirst())) }
        if value.hasPrefix("/") { return .path(value) }
        logger.warning("NOTIFY_SOCKET is neither a path nor an abstract socket name; systemd will not be notified")
        return nil
    }

    private static func watchdogInterval(_ environment: [String: String], processID: Int, logger: Logger) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"] else { return nil }
        if let owner = environment["WATCHDOG_PID"], Int(owner) != processID { return nil }
        guard let microseconds = UInt64(text), microseconds > 0 else {
            logger.warning("WATCHDOG_USEC is not a positive whole number; the watchdog will not be pinged")
            return nil
        }
        return .microseconds(Int64(clamping: microseconds / 2))
    }

    private static func sendDatagram(_ bytes: [UInt8], to destination: Destination) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes: [UInt8]
        switch destination {
        case .path(let path): pathBytes = Array(path.utf8)
        case .abstract(let name): pathBytes = [0] + Array(name.utf8)
        }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        // A file path needs room for its terminating zero; an abstract name has none.
        guard pathBytes.count < capacity || (pathBytes.first == 0 && pathBytes.count <= capacity) else {
            throw NotifyError(reason: "the socket name is longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in pathBytes.enumerated() { buffer[index] = byte }
        }
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + pathBytes.count
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw NotifyError(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    sendto(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), socketAddress, socklen_t(length))
                }
            }
        }
        guard sent == bytes.count else { throw NotifyError(reason: sent < 0 ? String(cString: strerror(errno)) : "the message was cut short") }
    }
}

/// A message could not be handed to systemd's socket.
struct NotifyError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
