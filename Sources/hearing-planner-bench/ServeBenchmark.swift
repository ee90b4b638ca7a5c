import Foundation
import PlannerModel
import SyntheticRosters
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Section `serve`: `hearing-planner serve` on the 2,500-hearing week. How long from an accepted
/// availability change (the 202) until the new plan version is current, and how fast
/// `GET /v1/plans/current` answers 50 concurrent readers while a re-plan runs.
struct ServeBenchmark {
    static let hearings = 2_500
    static let readers = 50
    static let pageRequests = 200

    var binary: String
    var runs: Int
    var timeLimit: Double
    var folder: URL

    struct Figures: Codable, Sendable {
        var hearings: Int
        var firstPlanSeconds: Double?
        /// Seconds from the 202 of an availability change to the new version being current, each run.
        var changeToPlanSeconds: [Double] = []
        var medianChangeToPlanSeconds: Double?
        /// 50 readers of the whole plan, asking for gzip (the figure of the target).
        var reads: Reads?
        /// The same, sending the ETag of the plan they have (304 until it changes, then the new plan once).
        var conditionalReads: Reads?
        /// The same as `reads` without `Accept-Encoding`: the compact identity body.
        var identityReads: Reads?
        /// The same as `reads` through Foundation's `URLSession`, which decompresses each body.
        var urlSessionReads: Reads?
        /// The served plan: identity bytes, and gzip bytes.
        var planBytes: Int?
        var gzipBytes: Int?
        /// The console's schedule page (its first location) and overview, one request at a time, no re-plan running.
        var consolePages: [ConsolePages.Times]?
        var failure: String?
    }

    /// Request times of one group of readers.
    struct Reads: Codable, Sendable {
        var requests: Int
        var medianMilliseconds: Double?
        var p99Milliseconds: Double?
        var failures: Int

        init(_ latencies: [Double], failures: Int) {
            let sorted = latencies.sorted()
            requests = sorted.count
            medianMilliseconds = Median.of(sorted).map { $0 * 1000 }
            p99Milliseconds = sorted.isEmpty ? nil : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))] * 1000
            self.failures = failures
        }
    }

    func run() async -> Figures {
        var figures = Figures(hearings: Self.hearings)
        let work = folder.appendingPathComponent("serve")
        defer { try? FileManager.default.removeItem(at: work) }
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            note("serve: generating \(Self.hearings) hearings (seed 1)")
            let roster = try RosterJSON.write(RosterGenerator(hearings: Self.hearings, weeks: 1, seed: 1).generate())
            let add = try ChildProcess(
                executable: binary, arguments: ["token", "add", "bench", "--role", "planner", "--tokens", work.path + "/tokens"],
                timeout: .seconds(30), scratchFolder: work
            ).run()
            let token = add.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            guard add.isSuccess, !token.isEmpty else { throw BenchFailure("token add: \(add.termination)") }
            try Data(#"{"solveTimeLimit": \#(timeLimit), "debounce": 0.25, "logLevel": "notice"}"#.utf8)
                .write(to: work.appendingPathComponent("config.json"))
            let server = try await Server(binary: binary, folder: work, token: token)
            defer { server.stop() }

            note("serve: submitting the roster (its first plan may take the time limit)")
            let started = ContinuousClock.now
            let (status, _) = try await server.send("POST", "/v1/rosters", body: Data(roster), timeout: timeLimit * 3 + 60)
            guard status == 201 else { throw BenchFailure("POST /v1/rosters answered \(status)") }
            figures.firstPlanSeconds = (ContinuousClock.now - started).seconds

            note("serve: the console's schedule page and overview, \(Self.pageRequests) requests each")
            figures.consolePages = try await ConsolePages(port: server.port, token: token)
                .measure(paths: ["/schedule", "/"], requests: Self.pageRequests)

            for run in 0..<runs {
                note("serve: change \(run + 1) of \(runs)")
                let version = try await server.currentVersion()
                let accepted = try await server.postChange(id: "bench-\(run)", assignment: run)
                try await server.waitForVersion(above: version, within: timeLimit * 2 + 30)
                figures.changeToPlanSeconds.append((ContinuousClock.now - accepted).seconds)
            }
            figures.medianChangeToPlanSeconds = Median.of(figures.changeToPlanSeconds)

            let readers = PlanReaders(port: server.port, token: server.token, count: Self.readers, acceptsGzip: true, isConditional: false)
            var change = runs
            /// Posts a change, then reads with `readers` until its plan is current.
            func readDuringReplan(_ label: String, _ read: (Int) async throws -> Reads) async throws -> Reads {
                note("serve: \(Self.readers) readers \(label) while a re-plan runs")
                let version = try await server.currentVersion()
                _ = try await server.postChange(id: "bench-readers-\(change)", assignment: change)
                change += 1
                return try await read(version)
            }
            figures.reads = try await readDuringReplan("of the whole plan (gzip)") { version in
                try await server.read(readers, until: version, minimum: .seconds(1))
            }
            var conditional = readers
            conditional.isConditional = true
            figures.conditionalReads = try await readDuringReplan("sending If-None-Match (gzip)") { version in
                try await server.read(conditional, until: version, minimum: .seconds(1))
            }
            var identity = readers
            identity.acceptsGzip = false
            figures.identityReads = try await readDuringReplan("of the whole plan (identity)") { version in
                try await server.read(identity, until: version, minimum: .seconds(1))
            }
            figures.urlSessionReads = try await readDuringReplan("through URLSession") { version in
                try await server.readWithURLSession(readers: Self.readers, until: version, minimum: .seconds(1))
            }
            let sizes = try await server.bodySizes(readers)
            (figures.planBytes, figures.gzipBytes) = (sizes.identity, sizes.gzip)
        } catch {
            figures.failure = "failed: \(error)"
        }
        return figures
    }

    static func table(_ figures: Figures) -> TextTable {
        var table = TextTable([.left("measure"), .right("value")])
        table.append(["hearings", Format.count(figures.hearings)])
        table.append(["first plan (POST /v1/rosters), s", Format.seconds(figures.firstPlanSeconds)])
        table.append(["change accepted -> new version current, median s", Format.seconds(figures.medianChangeToPlanSeconds)])
        table.append(["  each run, s", figures.changeToPlanSeconds.map { String(format: "%.2f", $0) }.joined(separator: ", ")])
        table.append(["GET /v1/plans/current by \(Self.readers) readers during a re-plan:", ""])
        let groups: [(String, Reads?)] = [
            ("whole plan, gzip (the target: p99 under 50 ms)", figures.reads),
            ("If-None-Match, gzip (304 until it changes)", figures.conditionalReads),
            ("whole plan, identity (no Accept-Encoding)", figures.identityReads),
            ("whole plan through URLSession (gzip, decompressed)", figures.urlSessionReads),
        ]
        for (label, reads) in groups {
            table.append(["  " + label + ", requests", Format.count(reads?.requests)])
            table.append(["    median ms", reads?.medianMilliseconds.map { String(format: "%.1f", $0) } ?? "-"])
            table.append(["    p99 ms", reads?.p99Milliseconds.map { String(format: "%.1f", $0) } ?? "-"])
            if let failures = reads?.failures, failures > 0 { table.append(["    failed requests", Format.count(failures)]) }
        }
        for page in figures.consolePages ?? [] {
            let name = page.path == "/" ? "overview (/)" : "schedule page (\(page.path), its first location)"
            let target = page.path == "/" ? "" : " (the target: median under 50, p99 under 150)"
            table.append(["console \(name), \(page.requests) requests one at a time, server time\(target):", ""])
            table.append(["    median ms", page.medianMilliseconds.map { String(format: "%.1f", $0) } ?? "-"])
            table.append(["    p99 ms", page.p99Milliseconds.map { String(format: "%.1f", $0) } ?? "-"])
            table.append(["    median ms at the client", page.medianClientMilliseconds.map { String(format: "%.1f", $0) } ?? "-"])
            table.append(["    page KiB", page.bytes.map { "\($0 / 1024)" } ?? "-"])
        }
        table.append(["plan size served, KiB: identity / gzip", "\(figures.planBytes.map { "\($0 / 1024)" } ?? "-") / \(figures.gzipBytes.map { "\($0 / 1024)" } ?? "-")"])
        if let failure = figures.failure { table.append(["failure", failure]) }
        return table
    }
}

/// The service as a child process, and a client for it (the `whatif` section asks it too).
final class Server: Sendable {
    let process: Process
    let port: Int
    let token: String
    let session: URLSession

    init(binary: String, folder: URL, token: String) async throws {
        let log = folder.appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "serve", "--config", folder.path + "/config.json", "--listen", "127.0.0.1:0", "--state-dir", folder.path + "/state",
            "--tokens", folder.path + "/tokens",
        ]
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        self.token = token
        let configuration = URLSessionConfiguration.ephemeral
        // No client cache: every request reaches the service, and a 304 stays a 304.
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = ServeBenchmark.readers
        configuration.timeoutIntervalForRequest = 600
        session = URLSession(configuration: configuration)
        var port: Int?
        let deadline = ContinuousClock.now + .seconds(60)
        while port == nil, process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            let text = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.contains("listening") && $0.contains("address=") }),
               let address = line.split(separator: " ").first(where: { $0.hasPrefix("address=") })
            {
                port = address.split(separator: ":").last.flatMap { Int($0) }
            }
        }
        guard let port else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw BenchFailure("the service did not start")
        }
        self.port = port
    }

    func send(
        _ method: String, _ path: String, body: Data? = nil, timeout: Double = 60, ifNoneMatch: String? = nil
    ) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw BenchFailure("bad path \(path)") }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let ifNoneMatch { request.setValue(ifNoneMatch, forHTTPHeaderField: "If-None-Match") }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    func currentVersion() async throws -> Int {
        let (_, body) = try await send("GET", "/readyz")
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any], let version = object["version"] as? Int else {
            throw BenchFailure("/readyz has no version")
        }
        return version
    }

    /// Takes the officer of the plan's `assignment`-th assignment away from its slots; returns when the 202 came.
    func postChange(id: String, assignment: Int) async throws -> ContinuousClock.Instant {
        let (_, body) = try await send("GET", "/v1/plans/current")
        guard let plan = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              let assignments = plan["assignments"] as? [[String: Any]], !assignments.isEmpty
        else { throw BenchFailure("the plan has no assignments") }
        let chosen = assignments[(assignment * 97) % assignments.count]
        let event: [String: Any] = [
            "format": "hearing-planner/events@1",
            "events": [["id": id, "type": "availability", "person": chosen["officer"] ?? "", "slots": chosen["slots"] ?? [], "available": false]],
        ]
        let (status, _) = try await send("POST", "/v1/events", body: try JSONSerialization.data(withJSONObject: event))
        guard status == 202 else { throw BenchFailure("POST /v1/events answered \(status)") }
        return ContinuousClock.now
    }

    func waitForVersion(above version: Int, within seconds: Double) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await currentVersion() > version { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw BenchFailure("no new plan version within \(Int(seconds)) s")
    }

    /// Runs `readers` until the version passes `version` and at least `minimum` has passed. A
    /// watcher polls /readyz for the new version, so the readers themselves only count bytes.
    func read(_ readers: PlanReaders, until version: Int, minimum: Duration) async throws -> ServeBenchmark.Reads {
        let stop = StopFlag()
        async let outcome = readers.read(until: stop, firstTag: "\"plan-\(version)\"")
        await watch(until: version, minimum: minimum, stop: stop)
        let result = try await outcome
        return ServeBenchmark.Reads(result.latencies, failures: result.failures)
    }

    /// The same readers through `URLSession` (curl underneath), which asks for gzip and
    /// decompresses each body: what a Foundation client sees, client work included.
    func readWithURLSession(readers: Int, until version: Int, minimum: Duration) async throws -> ServeBenchmark.Reads {
        let stop = StopFlag()
        return await withTaskGroup(of: ([Double], Int).self) { group in
            group.addTask {
                await self.watch(until: version, minimum: minimum, stop: stop)
                return ([], 0)
            }
            for _ in 0..<readers {
                group.addTask {
                    var latencies: [Double] = []
                    while !stop.isSet {
                        let before = ContinuousClock.now
                        guard let (status, _) = try? await self.send("GET", "/v1/plans/current"), status == 200 else { return (latencies, 1) }
                        latencies.append((ContinuousClock.now - before).seconds)
                    }
                    return (latencies, 0)
                }
            }
            var all: [Double] = []
            var failures = 0
            for await (latencies, failed) in group {
                all += latencies
                failures += failed
            }
            return ServeBenchmark.Reads(all, failures: failures)
        }
    }

    /// Sets `stop` once the version passed `version` and at least `minimum` has passed.
    private func watch(until version: Int, minimum: Duration, stop: StopFlag) async {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(600) {
            if ContinuousClock.now - started >= minimum, let current = try? await currentVersion(), current > version { break }
            try? await Task.sleep(for: .milliseconds(10))
        }
        stop.set()
    }

    /// The bytes of the current plan as served: identity, and with gzip.
    func bodySizes(_ readers: PlanReaders) async throws -> (identity: Int, gzip: Int) {
        var sizes: [Int] = []
        for acceptsGzip in [false, true] {
            var one = readers
            one.count = 1
            one.acceptsGzip = acceptsGzip
            let stop = StopFlag()
            stop.set()
            sizes.append(try await one.read(until: stop, firstTag: nil).bodyBytes)
        }
        return (sizes[0], sizes[1])
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
