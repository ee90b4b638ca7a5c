import Foundation
import Locking
import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import PlannerServer
import TestSupport

@Suite("systemd notifier")
struct SystemdNotifierTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test("READY, STATUS and STOPPING reach the socket, to a path or an abstract name", arguments: [false, true])
    func messages(abstract: Bool) async throws {
        let socket = try NotifySocket(abstract: abstract)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.address], logger: logger)
        #expect(notifier.isEnabled)
        #expect(notifier.watchdogInterval == nil)

        notifier.ready(status: "serving plan version 3")
        #expect(await socket.receive() == "READY=1\nSTATUS=serving plan version 3")
        notifier.status("degraded:\nthe last solve failed")
        #expect(await socket.receive() == "STATUS=degraded: the last solve failed")
        notifier.stopping()
        #expect(await socket.receive() == "STOPPING=1")
        #expect(!socket.hasPending)
    }

    @Test("The watchdog is pinged every half of WATCHDOG_USEC until shutdown, then STOPPING=1")
    func watchdog() async throws {
        let socket = try NotifySocket()
        let sleeps = Locked<[Duration]>([])
        let notifier = SystemdNotifier(
            environment: ["NOTIFY_SOCKET": socket.address, "WATCHDOG_USEC": "3000000", "WATCHDOG_PID": "4242"],
            processID: 4242, logger: logger
        ) { duration in
            // The first two sleeps return at once; the third lasts until the shutdown cancels it.
            let count = sleeps.withLock { $0.append(duration); return $0.count }
            if count >= 3 { try await Task.sleep(for: .seconds(3600)) }
        }
        #expect(notifier.watchdogInterval == .milliseconds(1500))

        let group = ServiceGroup(configuration: .init(services: [notifier], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for _ in 0..<3 { #expect(await socket.receive() == "WATCHDOG=1") }
            await group.triggerGracefulShutdown()
            #expect(await socket.receive() == "STOPPING=1")
            try await tasks.waitForAll()
        }
        #expect(!socket.hasPending)
        #expect(sleeps.withLock { $0 } == [.milliseconds(1500), .milliseconds(1500), .milliseconds(1500)])
    }

    @Test("Without a watchdog, run() waits for the shutdown and then sends STOPPING=1 only")
    func noWatchdog() async throws {
        let socket = try NotifySocket()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.address], logger: logger)
        let group = ServiceGroup(configuration: .init(services: [notifier], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await group.triggerGracefulShutdown()
            #expect(await socket.receive() == "STOPPING=1")
            try await tasks.waitForAll()
        }
        #expect(!socket.hasPending)
    }

    @Test("Without NOTIFY_SOCKET the notifier is off, and run() still lasts until the shutdown")
    func disabled() async throws {
        let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": "1000000"], logger: logger)
        #expect(!notifier.isEnabled)
        notifier.ready(status: "ignored")
        let finished = Locked(false)
        let group = ServiceGroup(configuration: .init(services: [notifier], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                try await group.run()
                finished.withLock { $0 = true }
            }
            // A service that returned at once would end the group; give it the chance to.
            try await Task.sleep(for: .milliseconds(200))
            #expect(!finished.withLock { $0 })
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(finished.withLock { $0 })
    }

    @Test("The watchdog belongs to another process, or WATCHDOG_USEC is not a positive number: no pings", arguments: [
        ["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "1"], ["WATCHDOG_USEC": "0"], ["WATCHDOG_USEC": "ten"],
        ["WATCHDOG_USEC": "-5"],
    ])
    func noWatchdogFor(environment: [String: String]) throws {
        let notifier = SystemdNotifier(
            environment: environment.merging(["NOTIFY_SOCKET": "/run/systemd/notify"]) { $1 }, processID: 4242, logger: logger
        ) { _ in }
        #expect(notifier.watchdogInterval == nil)
        #expect(notifier.isEnabled)
    }

    @Test("A socket that is gone is logged as a warning without the status text, and nothing is thrown")
    func unreachableSocket() {
        let recorder = LogRecorder()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/notify"], logger: recorder.logger())
        notifier.ready(status: "plan version 7")
        let records = recorder.records
        #expect(records.count == 1)
        #expect(records.first?.level == .warning)
        let logged = records.map { "\($0.message) \($0.metadata)" }.joined()
        #expect(!logged.contains("plan version 7"))
        #expect(logged.contains("READY"))
    }

    @Test("A NOTIFY_SOCKET that is neither a path nor @name turns the notifier off", arguments: ["vsock:2:1234", "relative/path"])
    func unsupportedAddress(value: String) {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": value], logger: logger)
        #expect(!notifier.isEnabled)
    }
}

/// Keeps log records in memory, so tests can read what a component logged.
final class LogRecorder: Sendable {
    struct Record: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata
    }

    private let storage = Locked<[Record]>([])

    var records: [Record] { storage.withLock { $0 } }

    func logger() -> Logger {
        var logger = Logger(label: "test") { _ in Handler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ record: Record) { storage.withLock { $0.append(record) } }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.append(Record(level: event.level, message: "\(event.message)", metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
        }
    }
}
