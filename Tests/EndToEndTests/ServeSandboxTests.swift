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
            let port = try freePort()
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

/// A TCP port that was free a moment ago on 127.0.0.1.
func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
        }
    }
    try #require(bound)
    return Int(UInt16(bigEndian: address.sin_port))
}
