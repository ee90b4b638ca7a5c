import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `hearing-planner serve` running as a child process on a free port, with its log in a file.
final class ServeProcess: Sendable {
    let process: Process
    let log: URL
    let port: Int
    let token: String

    /// Starts the service in `folder` (state in `folder/state`) and waits until it listens.
    init(
        binary: HearingPlannerBinary, folder: URL, token: String, extraArguments: [String] = [],
        environment: [String: String] = [:], stateDirectory: String = "state", logFile: URL? = nil, wrapper: [String] = []
    ) async throws {
        let log = logFile ?? folder.appendingPathComponent("serve-\(UUID().uuidString).log")
        if logFile == nil { try Data().write(to: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        // A wrapper (the unit's sandbox) runs the binary in its own process (execv).
        process.executableURL = URL(fileURLWithPath: wrapper.isEmpty ? binary.path : "/usr/bin/env")
        process.arguments = (wrapper.isEmpty ? [] : wrapper + [binary.path]) + [
            "serve", "--listen", "127.0.0.1:0", "--state-dir", folder.appendingPathComponent(stateDirectory).path,
            "--tokens", folder.appendingPathComponent("tokens").path,
        ] + extraArguments
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        try process.run()
        self.process = process
        self.log = log
        self.token = token
        // The service logs `address=HOST:PORT ... listening` once it serves.
        var port: Int?
        // Generous: on a loaded machine with tests in parallel a start may take a minute or more.
        let deadline = ContinuousClock.now + .seconds(240)
        while port == nil, process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.contains("listening") && $0.contains("address=") }),
               let address = line.split(separator: " ").first(where: { $0.hasPrefix("address=") })
            {
                port = address.split(separator: ":").last.flatMap { Int($0) }
            }
        }
        if port == nil, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        self.port = try #require(port, "the service did not start; it wrote: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Sends a request with the token; returns the status and the body.
    func request(_ method: String, _ path: String, body: Data? = nil) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (try #require(response as? HTTPURLResponse).statusCode, data)
    }

    func json(_ method: String, _ path: String, body: Data? = nil) async throws -> (status: Int, object: [String: Any]) {
        let (status, data) = try await request(method, path, body: body)
        return (status, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
    }

    /// Polls the current plan until its version is at least `version`.
    func plan(atLeast version: Int, within timeout: Duration = .seconds(60)) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (status, plan) = try await json("GET", "/v1/plans/current")
            if status == 200, let current = plan["version"] as? Int, current >= version { return plan }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no plan version \(version) within \(timeout); the service wrote: \(output)")
        return [:]
    }

    /// Sends a signal, such as SIGHUP.
    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Sends a request with another token, or none.
    func request(_ method: String, _ path: String, token: String?) async throws -> Int {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (_, response) = try await URLSession.shared.data(for: request)
        return try #require(response as? HTTPURLResponse).statusCode
    }

    /// Kills the process at once, as a crash or `kill -9` would.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, and waits; returns the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
