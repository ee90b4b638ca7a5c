import Foundation
import GLPKSolver
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Planning
import PlannerModel
import PlannerStore
import Testing

@testable import PlannerServer

/// The service built as the executable builds it, on an in-memory database, with two tokens.
enum TestServer {
    static let plannerToken = "planner-secret"
    static let viewerToken = "viewer-secret"
    /// Before the fixture's horizon, so no hearing is frozen.
    static let now = Date(timeIntervalSince1970: 1_796_400_000)  // 2026-12-02

    static func authenticate(_ bearer: String) -> TokenRecord? {
        switch bearer {
        case plannerToken: TokenRecord(name: "alice", role: .planner)
        case viewerToken: TokenRecord(name: "victor", role: .viewer)
        default: nil
        }
    }

    static func parts(
        database: AppDatabase? = nil, settings: ServerSettings = ServerSettings(debounce: .milliseconds(20)),
        planMaker: PlanMaker? = nil, metrics: ServerMetrics = ServerMetrics()
    ) throws -> ServerParts {
        ServerParts(
            database: try database ?? AppDatabase.inMemory(), settings: settings, authenticate: authenticate,
            engine: engine, planMaker: planMaker, metrics: metrics, logger: quiet, now: { now })
    }

    static var quiet: Logger {
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return logger
    }

    /// The tests plan with GLPK, as the executable does.
    static let engine = PlanningEngine(
        makePlanner: { Planner(solver: GLPKSolver(logger: quiet), logger: quiet) }, threadFinished: { GLPKSolver.releaseThreadMemory() })

    /// A plan maker that plans first plans with GLPK and gives no plan for re-plans.
    static let failingReplans = PlanMaker { roster, baseline, now, options in
        if let baseline {
            var plan = baseline
            plan.status = .timeLimit
            plan.assignments = []
            return plan
        }
        return try PlanMaker.standard(engine).make(roster, nil, now, options)
    }

    struct SolverBroke: Error {}

    /// Plans a roster's first plan; every re-plan fails with an error (a solver that breaks).
    static let throwingReplans = PlanMaker { roster, baseline, now, options in
        if baseline != nil { throw SolverBroke() }
        return try PlanMaker.standard(engine).make(roster, nil, now, options)
    }
}

extension TestClientProtocol {
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = TestServer.plannerToken, body: String? = nil
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// Polls the current plan until its version is at least `version`.
    func waitForVersion(_ version: Int, timeout: Duration = .seconds(30)) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let response = try await send(.get, "/v1/plans/current")
            if response.status == .ok, let plan = try response.jsonObject(), let current = plan["version"] as? Int, current >= version {
                return plan
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("no plan version \(version) within \(timeout)")
        return [:]
    }
}

extension TestResponse {
    func jsonObject() throws -> [String: Any]? {
        try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
    }

    var text: String { String(buffer: body) }

    /// The `error.code` of an error answer.
    var errorCode: String? {
        ((try? jsonObject())?["error"] as? [String: Any])?["code"] as? String
    }
}

/// Small hand-checked documents.
enum Documents {
    /// Two hearings, two interpreters, one officer; H-1 and H-2 both fit on Monday and Tuesday.
    static let roster = """
        {
          "format": "hearing-planner/roster@1",
          "horizon": {"start": "2026-12-07", "end": "2026-12-11"},
          "locations": [{"id": "TA", "name": "Ter Apel", "rooms": 2}],
          "hearings": [
            {"id": "H-1", "language": "ara", "location": "TA", "earliest": "2026-12-07", "latest": "2026-12-11"},
            {"id": "H-2", "language": "ara", "location": "TA", "earliest": "2026-12-07", "latest": "2026-12-11",
             "interpreterGender": "female"}
          ],
          "interpreters": [
            {"id": "I-1", "gender": "female", "languages": [{"code": "ara"}], "onsiteLocations": ["TA"],
             "available": ["2026-12-07/AM", "2026-12-07/PM", "2026-12-08/AM", "2026-12-08/PM"]},
            {"id": "I-2", "gender": "male", "languages": [{"code": "ara"}], "onsiteLocations": ["TA"],
             "available": ["2026-12-07/AM", "2026-12-07/PM", "2026-12-08/AM", "2026-12-08/PM"]}
          ],
          "officers": [
            {"id": "O-1", "gender": "male", "location": "TA",
             "available": ["2026-12-07/AM", "2026-12-07/PM", "2026-12-08/AM", "2026-12-08/PM"]}
          ]
        }
        """

    /// Three errors, at `threeErrorPlaces`.
    static let threeErrors = """
        {
          "format": "hearing-planner/roster@1",
          "horizon": {"start": "2026-12-07", "end": "2026-12-11"},
          "locations": [{"id": "TA", "name": "Ter Apel", "rooms": 2}],
          "hearings": [
            {"id": "H-1", "language": "ara", "location": "TA", "earliest": "2026-12-09", "latest": "2026-12-08"},
            {"id": "H-2", "language": "ara", "location": "XX", "earliest": "2026-12-01", "latest": "2026-12-22"}
          ],
          "interpreters": [
            {"id": "I-1", "gender": "female", "languages": [{"code": "ara"}], "onsiteLocations": ["TA"],
             "available": ["2026-12-07/AM"]}
          ],
          "officers": [
            {"id": "O-1", "gender": "male", "location": "TA", "available": ["2026-12-07/AM", "2026-12-14/AM"]}
          ]
        }
        """

    static let threeErrorPlaces = ["hearings[0].latest", "hearings[1].location", "officers[0].available[1]"]

    /// `person` becomes unavailable in `slots`.
    static func unavailable(_ id: String, person: String, slots: [String]) -> String {
        let list = slots.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {"format": "hearing-planner/events@1", "events": [
              {"id": "\(id)", "type": "availability", "person": "\(person)", "slots": [\(list)], "available": false}
            ]}
            """
    }
}
