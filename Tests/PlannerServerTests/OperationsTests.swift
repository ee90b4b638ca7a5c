import Foundation
import HTTPTypes
import HummingbirdTesting
import Locking
import Logging
import NIOCore
import PlannerModel
import PlannerStore
import Synchronization
import Testing

@testable import PlannerServer

/// Lines a logger wrote, as the journal would get them.
final class LogLines: Sendable {
    private let lines = Locked<[String]>([])

    var logger: Logger {
        var logger = Logger(label: "test") { _ in
            StandardErrorLogHandler(style: .journal) { [self] line in lines.withLock { $0.append(line) } }
        }
        logger.logLevel = .info
        return logger
    }

    var all: [String] { lines.withLock { $0 } }
}

@Suite("What operators see: version, log lines, HTTP rules")
struct OperationsTests {
    @Test("/healthz and /metrics name the version that runs")
    func version() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            let health = try await client.send(.get, "/healthz", token: nil)
            #expect(try health.jsonObject()?["version"] as? String == BuildInfo.version)
            let metrics = try await client.send(.get, "/metrics").text
            #expect(metrics.contains("hearing_planner_build_info{version=\"\(BuildInfo.version)\"} 1"))
        }
        #expect(!BuildInfo.version.isEmpty && BuildInfo.version.first?.isNumber == true)
        #expect(SolverInfo(name: "glpk", version: "5.0", seconds: 1).planner == "hearing-planner \(BuildInfo.version)")
    }

    @Test("A method a path does not have is 405 with Allow; an unknown path stays 404; HEAD works where GET does")
    func methodNotAllowed() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            let delete = try await client.send(.delete, "/v1/plans/current")
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers[.allow] == "GET, HEAD")
            #expect(delete.errorCode == "method-not-allowed")
            let post = try await client.send(.post, "/v1/plans/12/changes", body: "{}")
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET, HEAD")
            let events = try await client.send(.get, "/v1/events")
            #expect(events.headers[.allow] == "POST")
            let calendar = try await client.send(.put, "/v1/calendars/hpf_x.ics")
            #expect(calendar.headers[.allow] == "GET, HEAD")
            #expect(try await client.send(.get, "/v1/nothing-here").status == .notFound)
            #expect(try await client.send(.head, "/healthz", token: nil).status == .ok)
        }
    }

    @Test("The live server refuses a header field above 16 KiB, which its HTTP parser would otherwise take up to 80 KiB")
    func headerLimit() async throws {
        let app = try await buildApplication(try TestServer.parts(), port: 0)
        let checked = Locked(false)
        do {
            try await app.test(.live) { client in
                let small = try await client.execute(uri: "/healthz", method: .get, headers: [HTTPField.Name("X-Note")!: String(repeating: "a", count: 8_000)])
                #expect(small.status == .ok)
                let big = try? await client.execute(uri: "/healthz", method: .get, headers: [HTTPField.Name("X-Note")!: String(repeating: "a", count: 20_000)])
                #expect(big == nil || big?.status != .ok)
                checked.withLock { $0 = true }
            }
        } catch ChannelError.ioOnClosedChannel where checked.withLock({ $0 }) {
            // The server closed the connection of the refused request; the test client, shutting
            // down after the checks, may meet the closed channel (seen on a slow sanitizer build).
        }
        #expect(ConnectionLimits().idleTimeout == .seconds(60))
    }

    @Test("Every answer carries Cache-Control: no-store, errors and plans included")
    func noStore() async throws {
        let app = try await buildApplication(try TestServer.parts())
        try await app.test(.router) { client in
            for (method, path, token) in [
                (HTTPRequest.Method.get, "/healthz", nil), (.get, "/v1/plans/current", TestServer.plannerToken),
                (.get, "/v1/plans/current", nil), (.get, "/v1/nothing", TestServer.plannerToken),
                (.delete, "/v1/plans/current", TestServer.plannerToken), (.get, "/v1/people/I-1/calendar.ics", TestServer.viewerToken),
            ] as [(HTTPRequest.Method, String, String?)] {
                let response = try await client.send(method, path, token: token)
                #expect(response.headers[.cacheControl] == "no-store", "\(method) \(path) answered \(response.status)")
            }
        }
    }

    @Test("One access-log line per request: method, route template, status, time; never an id or a query")
    func accessLog() async throws {
        let log = LogLines()
        var parts = try TestServer.parts()
        parts.logger = log.logger
        let app = try await buildApplication(parts)
        try await app.test(.router) { client in
            _ = try await client.send(.get, "/v1/people/I-SECRET-7/calendar.ics?person=Q-VALUE")
            _ = try await client.send(.get, "/v1/plans/4242")
            _ = try await client.send(.get, "/v1/plans/current", token: "wrong")
            _ = try await client.send(.get, "/v1/calendars/hpf_SECRETVALUE.ics", token: nil)
            _ = try await client.send(.get, "/no/such/thing")
        }
        let http = log.all.filter { $0.hasPrefix("<6>http ") }
        #expect(http.count == 5, "\(log.all)")
        let shapes = http.map { $0.split(separator: " ").dropLast().joined(separator: " ") }
        #expect(shapes == [
            "<6>http GET /v1/people/{id}/calendar.ics 404", "<6>http GET /v1/plans/{version} 404",
            "<6>http GET /v1/plans/current 401", "<6>http GET /v1/calendars/{secret}.ics 404", "<6>http GET (no route) 404",
        ])
        #expect(http.allSatisfy { $0.hasSuffix("ms\n") })
        let everything = log.all.joined()
        for secret in ["I-SECRET-7", "Q-VALUE", "4242", "SECRETVALUE", "wrong"] { #expect(!everything.contains(secret)) }
    }

    @Test("Log lines: a syslog priority and no time for the journal; time and level on a terminal; one line per call")
    func logFormat() throws {
        let time = Date(timeIntervalSince1970: 1_796_169_600)
        #expect(StandardErrorLogHandler.line(level: .warning, message: "no new plan", metadata: ["kind": "re-plan", "a": "1"], style: .journal, time: time)
            == "<4>no new plan a=1 kind=re-plan\n")
        #expect(StandardErrorLogHandler.line(level: .info, message: "two\nlines", metadata: [:], style: .plain, time: time)
            == "2026-12-02T00:00:00Z info two lines\n")
        #expect([Logger.Level.trace, .debug, .info, .notice, .warning, .error, .critical].map(StandardErrorLogHandler.priority) == [7, 7, 6, 5, 4, 3, 2])
        // A failed start's message: each line an error for the journal, as it is on a terminal.
        #expect(StandardErrorLogHandler.report("error: two\n  problems", level: .error, style: .journal) == "<3>error: two\n<3>  problems\n")
        #expect(StandardErrorLogHandler.report("error: two\n  problems", level: .error, style: .plain) == "error: two\n  problems\n")
        // JOURNAL_STREAM that is not this process's standard error (inherited, say) means plain lines.
        #expect(StandardErrorLogHandler.style(environment: ["JOURNAL_STREAM": "1:1"]) == .plain)
        #expect(StandardErrorLogHandler.style(environment: [:]) == .plain)
    }
}
