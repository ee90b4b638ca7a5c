import Foundation
import HTTPTypes
import Hummingbird
import Planning
import PlannerModel
import Reports

/// `GET /v1/hearings/{id}/options`, `POST /v1/tradeoff` and `GET /v1/tradeoff/{job}`: the what-if
/// questions of docs/whatif.md, asked of the current plan.
struct WhatIfRoutes: Sendable {
    let board: PlanBoard
    let desk: OptionsDesk
    let jobs: TradeoffJobs
    let body: BodyReader
    let auditor: Auditor
    /// The most a sweep may take, and what it takes when the request does not say.
    let solveTimeLimit: Duration
    let now: @Sendable () -> Date

    func add(to router: Router<PlannerRequestContext>) {
        router.get("/v1/hearings/{id}/options") { request, context in try await options(request, context) }
        router.post("/v1/tradeoff") { request, context in try await submitTradeoff(request, context) }
        router.get("/v1/tradeoff/{job}") { request, context in try await tradeoff(request, context) }
    }

    /// The options@1 answer for one hearing of the current plan.
    func options(_ request: Request, _ context: PlannerRequestContext) async throws -> Response {
        guard let current = board.plan else { throw PlanRoutes.noPlan }
        let raw = context.parameters.get("id") ?? ""
        let hearing = raw.removingPercentEncoding ?? raw
        let listsAll = try Self.flag(request.uri.queryParameters.get("all"), name: "all")
        do {
            let answer = try await desk.options(for: hearing, in: current, settings: OptionsSettings(listsAll: listsAll))
            return try Answer.json(answer)
        } catch let error as WhatIfError where error.code == .unknownHearing {
            throw APIError(.notFound, code: "unknown-hearing", "The current plan's roster has no hearing with that id.")
        } catch let error as WhatIfError {
            // Cannot happen for a published plan, which is always made from its own roster.
            throw APIError(.conflict, code: "no-options", error.description)
        }
    }

    /// Queues a sweep of the current plan's roster: 202 with the job and its Location.
    func submitTradeoff(_ request: Request, _ context: PlannerRequestContext) async throws -> Response {
        let action = "POST /v1/tradeoff"
        do {
            guard let current = board.plan else {
                throw APIError(.conflict, code: "no-plan", "There is no plan yet, so no roster to sweep: submit a roster to /v1/rosters.")
            }
            let tradeoff = try Self.request(from: try await body.bytes(of: request), solveTimeLimit: solveTimeLimit)
            let points: [Double]
            do {
                points = try TradeoffSweep(penalties: tradeoff.penalties).points(for: current.roster.policy)
            } catch {
                throw APIError(.badRequest, code: "bad-tradeoff", "penalties: \(error.description)")
            }
            guard let job = await jobs.submit(tradeoff, points: points, roster: current.roster, planVersion: current.version, at: now())
            else {
                throw APIError(
                    .conflict, code: "tradeoff-busy",
                    "\(jobs.maxWaiting) sweeps are waiting already; ask again once one of them has started.")
            }
            auditor.record(token: context.auditName, action: action, outcome: "202 sweep \(job.id), \(points.count) points")
            var headers = HTTPFields()
            headers[.location] = "/v1/tradeoff/\(job.id)"
            return try Answer.json(JobDocument(job), status: .accepted, headers: headers)
        } catch let error as APIError {
            auditor.record(token: context.auditName, action: action, outcome: "\(error.status.code) \(error.body.code)")
            throw error
        }
    }

    /// A sweep's status, with its report once done (as JSON inside the status, or as CSV or HTML).
    func tradeoff(_ request: Request, _ context: PlannerRequestContext) async throws -> Response {
        let id = context.parameters.get("job") ?? ""
        guard let job = await jobs.job(id) else {
            throw APIError(.notFound, code: "unknown-job", "There is no tradeoff sweep with that id (finished sweeps are kept, the last \(jobs.keepFinished), until a restart).")
        }
        var format = job.request.format
        if let text = request.uri.queryParameters.get("format") {
            guard let chosen = TradeoffFormat(rawValue: String(text)) else {
                throw APIError(.badRequest, code: "bad-format", "format must be one of json, csv, html.")
            }
            format = chosen
        }
        guard let report = job.report, format != .json else { return try Answer.json(JobDocument(job)) }
        return format == .csv
            ? Answer.bytes(Array(report.csv().utf8), contentType: "text/csv; charset=utf-8")
            : Answer.bytes(Array(report.html().utf8), contentType: "text/html; charset=utf-8")
    }

    /// `true` or `false`; absent is false.
    static func flag(_ text: String?, name: String) throws -> Bool {
        switch text {
        case nil, "false": return false
        case "true": return true
        default: throw APIError(.badRequest, code: "bad-parameter", "\(name) must be true or false.")
        }
    }

    /// At most this many penalties in one sweep: each is a whole plan of the roster.
    static let maxPenalties = 24
    /// The longest `timeLimit` a request may name (a day); the service's solve time limit applies below it.
    static let maxTimeLimit: Double = 86_400
    static let maxGap: Double = 1_000_000

    /// Reads the body of `POST /v1/tradeoff`: an empty body or `{}` asks for the defaults.
    static func request(from bytes: [UInt8], solveTimeLimit: Duration) throws -> TradeoffRequest {
        var result = TradeoffRequest(penalties: TradeoffSweep.defaultPenalties, timeLimit: solveTimeLimit, gap: 0, format: .json)
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return result }
        func bad(_ message: String) -> APIError { APIError(.badRequest, code: "bad-tradeoff", message) }
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: Data(bytes))
        } catch let DecodingError.typeMismatch(_, context) where !context.codingPath.isEmpty {
            throw bad("\(Fields.place(context.codingPath)): \(Fields.expected(context.codingPath)).")
        } catch let DecodingError.valueNotFound(_, context) where !context.codingPath.isEmpty {
            throw bad("\(Fields.place(context.codingPath)): \(Fields.expected(context.codingPath)).")
        } catch {
            throw bad("The body must be a JSON object such as {\"penalties\": [0, 20, 60], \"timeLimit\": 20}, or empty.")
        }
        if let unknown = fields.unknown.first {
            throw bad("\(unknown): not a field of a tradeoff request (penalties, timeLimit, gap, format).")
        }
        if let penalties = fields.penalties {
            guard (1...Self.maxPenalties).contains(penalties.count) else {
                throw bad("penalties must be a list of 1 to \(Self.maxPenalties) numbers.")
            }
            // A penalty beyond the policy's own range would reach the solver as a weight no roster may have.
            if let k = penalties.firstIndex(where: { !($0.isFinite && (0...Policy.maximumWeight).contains($0)) }) {
                throw bad("penalties[\(k)] must be a number from 0 to \(Int(Policy.maximumWeight)).")
            }
            result.penalties = penalties
        }
        if let seconds = fields.timeLimit {
            guard seconds.isFinite, seconds >= 0.001, seconds <= Self.maxTimeLimit else {
                throw bad("timeLimit must be a number of seconds from 0.001 to \(Int(Self.maxTimeLimit)).")
            }
            // Longer than the service's own solve time limit is shortened to it: the job says so.
            result.timeLimit = min(.milliseconds(Int64((seconds * 1000).rounded())), solveTimeLimit)
        }
        if let gap = fields.gap {
            guard gap.isFinite, (0...Self.maxGap).contains(gap) else { throw bad("gap must be a number from 0 to \(Int(Self.maxGap)).") }
            result.gap = gap
        }
        if let text = fields.format {
            guard let format = TradeoffFormat(rawValue: text) else { throw bad("format must be one of json, csv, html.") }
            result.format = format
        }
        return result
    }

    /// The fields of the body as sent, and any the request does not know.
    struct Fields: Decodable {
        var penalties: [Double]?
        var timeLimit: Double?
        var gap: Double?
        var format: String?
        var unknown: [String]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            penalties = try container.decodeIfPresent([Double].self, forKey: Key(stringValue: "penalties"))
            timeLimit = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "timeLimit"))
            gap = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "gap"))
            format = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "format"))
            let known: Set = ["penalties", "timeLimit", "gap", "format"]
            unknown = container.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
        }

        /// `penalties[2]` for the path of a value in the body.
        static func place(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined()
        }

        static func expected(_ path: [any CodingKey]) -> String {
            switch path.first?.stringValue {
            case "penalties": path.count > 1 ? "must be a number" : "must be a list of numbers"
            case "format": "must be one of json, csv, html"
            default: "must be a number"
            }
        }
    }
}

/// A sweep as `POST /v1/tradeoff` and `GET /v1/tradeoff/{job}` tell it.
struct JobDocument: Encodable {
    var job: String
    var status: TradeoffJob.Status
    var planVersion: Int
    var penalties: [Double]
    var timeLimit: Double
    var gap: Double
    var format: TradeoffFormat
    var points: Int
    var pointsDone: Int
    var submittedAt: String
    var startedAt: String?
    var finishedAt: String?
    var reason: String?
    var report: TradeoffReport?

    init(_ job: TradeoffJob) {
        self.job = job.id
        status = job.status
        planVersion = job.planVersion
        penalties = job.points
        timeLimit = job.request.timeLimit.seconds
        gap = job.request.gap
        format = job.request.format
        points = job.points.count
        pointsDone = job.pointsDone
        submittedAt = job.submittedAt.ISO8601Format()
        startedAt = job.startedAt?.ISO8601Format()
        finishedAt = job.finishedAt?.ISO8601Format()
        reason = job.reason
        report = job.report
    }
}
