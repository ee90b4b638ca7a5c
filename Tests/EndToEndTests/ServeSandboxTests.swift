import Foundation
import Testing
import TestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The daemon under the unit's seccomp filters (systemd/sandbox.py): the Swift runtime, SwiftNIO
/// and SQLite must run with the system calls the unit allows and no writable-executable memory.
/// Enabled once the binary has the `serve` command.
@Suite("serve under the unit's sandbox")
struct ServeSandboxTests {
    /// Whether the built binary lists a `serve` command in its help.
    static var hasServe: Bool {
        guard let binary = try? HearingPlannerBinary.located() else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary.path)
        process.arguments = ["--help"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        let help = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return help.split(separator: "\n").contains { $0.hasPrefix("  serve ") }
    }

    @Test("READY, WATCHDOG, /healthz, then SIGTERM gives STOPPING and exit status 0", .enabled(if: hasServe))
    func serveUnderSandbox() async throws {
        let binary = try HearingPlannerBinary.located()
        try await withTemporaryFolder { folder in
            // SHA-256("abc"): the token is "abc".
            try folder.appendingPathComponent("tokens")
                .write("probe viewer sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n")
            let port = try TestPostgres.freePort()
            let socket = try NotifySocket()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", SystemdUnitTests.sandbox.path, "--", binary.path, "serve",
                "--listen", "127.0.0.1:\(port)", "--state-dir", folder.appendingPathComponent("state").path,
                "--tokens", folder.appendingPathComponent("tokens").path,
            ]
            process.environment = ProcessInfo.processInfo.environment.merging(
                ["NOTIFY_SOCKET": socket.address, "WATCHDOG_USEC": "2000000"]) { $1 }
            process.currentDirectoryURL = folder
            process.standardInput = FileHandle.nullDevice
            let log = folder.appendingPathComponent("serve.log")
            try Data().write(to: log)
            let logHandle = try FileHandle(forWritingTo: log)
            defer { try? logHandle.close() }
            process.standardOutput = logHandle
            process.standardError = logHandle
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

            var messages: [String] = []
            while !messages.contains(where: { $0.contains("READY=1") }), let message = await socket.receive(within: 60) {
                messages.append(message)
            }
            let output = { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
            try #require(messages.contains { $0.contains("READY=1") }, "no READY=1; the daemon wrote: \(output())")
            while !messages.contains("WATCHDOG=1"), let message = await socket.receive(within: 20) { messages.append(message) }
            #expect(messages.contains("WATCHDOG=1"))

            let url = try #require(URL(string: "http://127.0.0.1:\(port)/healthz"))
            let (_, response) = try await URLSession.shared.data(from: url)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)

            process.terminate()  // SIGTERM, as systemctl stop sends
            while !messages.contains("STOPPING=1"), let message = await socket.receive(within: 60) { messages.append(message) }
            #expect(messages.contains { $0.contains("STOPPING=1") })
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(output())")
        }
    }
}
