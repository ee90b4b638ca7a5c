import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PlannerModel
import PlannerStore

/// `GET /v1/plans/current`, `/v1/plans/{version}` and `/v1/plans/{version}/changes`.
struct PlanRoutes: Sendable {
    let database: any PlanningStore
    let board: PlanBoard

    /// What changed in a plan version against the one before it for the same roster.
    struct ChangesAnswer: Encodable {
        var version: Int
        /// The version the changes are told against; nil for a roster's first plan.
        var baselineVersion: Int?
        var changes: [PlanChange]
        var people: [PlanDiff.PersonChanges]

        enum CodingKeys: String, CodingKey { case version, baselineVersion, changes, people }

        /// `baselineVersion` is written as null for a roster's first plan, not left out (docs/openapi.yaml).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(version, forKey: .version)
            try container.encode(baselineVersion, forKey: .baselineVersion)
            try container.encode(changes, forKey: .changes)
            try container.encode(people, forKey: .people)
        }
    }

    static let json = "application/json; charset=utf-8"

    func add(to router: Router<PlannerRequestContext>) {
        router.get("/v1/plans/current") { request, _ in
            guard let current = board.plan else { throw Self.noPlan }
            if Self.isUnchanged(request, version: current.version) { return Self.notModified(current.version) }
            return Self.answer(current.body, version: current.version, to: request)
        }
        router.get("/v1/plans/{version}") { request, context in
            let version = try Self.version(context)
            // A plan version never changes once made.
            if Self.isUnchanged(request, version: version) { return Self.notModified(version) }
            if let current = board.plan, current.version == version {
                return Self.answer(current.body, version: version, to: request)
            }
            guard let stored = try database.plan(version: version) else { throw Self.unknown(version) }
            // Older versions are read rarely: compacted per request, not compressed.
            return Answer.buffer(PlanBody.identity(stored.document), contentType: Self.json, headers: Self.headers(version))
        }
        router.get("/v1/plans/{version}/changes") { _, context in
            let version = try Self.version(context)
            guard let stored = try database.plan(version: version) else { throw Self.unknown(version) }
            let plan = try PlanningState.plan(of: stored)
            guard let before = try database.planBefore(version: version) else {
                return try Answer.json(ChangesAnswer(version: version, baselineVersion: nil, changes: [], people: []))
            }
            let diff = PlanDiff(from: try PlanningState.plan(of: before), to: plan)
            // A re-plan carries its own per-person list (plan@1 `changesByPerson`): the same as the diff.
            return try Answer.json(ChangesAnswer(
                version: version, baselineVersion: before.version, changes: diff.changes, people: plan.changesByPerson ?? diff.people))
        }
    }

    static let noPlan = APIError(.notFound, code: "no-plan", "There is no plan yet: submit a roster to /v1/rosters.")

    static func unknown(_ version: Int) -> APIError {
        .notFound("There is no plan version \(version).")
    }

    static func version(_ context: PlannerRequestContext) throws -> Int {
        guard let text = context.parameters.get("version"), let version = Int(text), version >= 1 else {
            throw APIError(.badRequest, code: "bad-version", "A plan version is a whole number from 1.")
        }
        return version
    }

    /// Whether the request's `If-None-Match` names this version's entity tag (or is `*`): a client
    /// polling the current plan then gets 304 and no body until a new version exists.
    static func isUnchanged(_ request: Request, version: Int) -> Bool {
        guard let header = request.headers[.ifNoneMatch] else { return false }
        let tag = "\"plan-\(version)\""
        return header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == tag || trimmed == "W/" + tag
        }
    }

    /// The current version's bytes, gzip-compressed when the client accepts it. Both encodings
    /// carry the same entity tag: it names the plan version, and the service serves no ranges, so a
    /// tag never stands for bytes of the other encoding.
    static func answer(_ body: PlanBody, version: Int, to request: Request) -> Response {
        var headers = headers(version)
        if let gzip = body.gzip, ContentCoding.acceptsGzip(request.headers[.acceptEncoding]) {
            headers[.contentEncoding] = "gzip"
            return Answer.buffer(gzip, contentType: Self.json, headers: headers)
        }
        return Answer.buffer(body.identity, contentType: Self.json, headers: headers)
    }

    static func notModified(_ version: Int) -> Response {
        Response(status: .notModified, headers: headers(version), body: ResponseBody())
    }

    /// The entity tag, and `Vary: Accept-Encoding` on every plan answer (a 304 too, as RFC 9110
    /// asks): a cache must not hand gzip to a client that did not ask for it.
    static func headers(_ version: Int) -> HTTPFields {
        var headers = HTTPFields()
        headers[.eTag] = "\"plan-\(version)\""
        headers[.vary] = "Accept-Encoding"
        return headers
    }
}
