import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import PlannerStore
import Reports

/// Calendar feed links: calendar programs subscribe to a URL and cannot send a bearer token, so
/// a planner makes one link per person whose secret is the credential, and can list and revoke
/// them (docs/api.md; the trade-off in docs/privacy.md).
///
/// - `POST /v1/people/{id}/feeds` (planner): a new link, its secret shown once;
/// - `GET /v1/feeds` (planner): every link, without secrets;
/// - `DELETE /v1/feeds/{feed}` (planner): revokes a link at once;
/// - `GET /v1/calendars/{secret}.ics` (no token): the person's hearings in the current plan.
struct FeedRoutes: Sendable {
    let database: any PlanningStore
    let board: PlanBoard
    let auditor: Auditor
    let now: @Sendable () -> Date

    struct FeedAnswer: Encodable {
        var feed: Int64
        var person: String
        var createdAt: String
        var createdBy: String
        var lastUsedAt: String?
        /// Only when the link is made: the path with its secret.
        var url: String?
    }

    struct FeedList: Encodable { var feeds: [FeedAnswer] }

    /// The route that needs no token: it must be added before the bearer-token middleware, which
    /// then does not apply to it (Hummingbird applies a middleware to routes added after it).
    func addOpenRoute(to router: Router<PlannerRequestContext>) {
        router.get("/v1/calendars/{secret}.ics") { _, context in try calendar(context) }
    }

    func add(to router: Router<PlannerRequestContext>) {
        router.post("/v1/people/{id}/feeds") { _, context in try create(context) }
        router.get("/v1/feeds") { _, context in
            try Self.requirePlanner(context, auditor: auditor, action: "GET /v1/feeds")
            return try Answer.json(FeedList(feeds: try database.feeds().map { Self.answer($0) }))
        }
        router.delete("/v1/feeds/{feed}") { _, context in
            guard let text = context.parameters.get("feed"), let id = Int64(text) else {
                throw APIError(.badRequest, code: "bad-feed", "A feed is named by its number, as GET /v1/feeds lists them.")
            }
            guard try database.revokeFeed(id: id) else { throw APIError.notFound("There is no feed link \(id).") }
            auditor.record(token: context.auditName, action: "DELETE /v1/feeds/{feed}", outcome: "204 feed \(id) revoked")
            return Response(status: .noContent)
        }
    }

    private func create(_ context: PlannerRequestContext) throws -> Response {
        let action = "POST /v1/people/{id}/feeds"
        guard let current = board.plan else { throw PlanRoutes.noPlan }
        let person = context.parameters.get("id") ?? ""
        let isKnown = current.roster.interpreters.contains { $0.id == person } || current.roster.officers.contains { $0.id == person }
        guard isKnown else {
            auditor.record(token: context.auditName, action: action, outcome: "404 unknown person")
            throw APIError.notFound("There is no interpreter or officer with that id in the current plan's roster.")
        }
        let secret = Self.makeSecret()
        let feed = try database.addFeed(CalendarFeed(
            person: person, secretHash: Self.hash(secret), createdAt: now(), createdBy: context.auditName))
        auditor.record(token: context.auditName, action: action, outcome: "201 feed \(feed.id ?? 0)")
        var answer = Self.answer(feed)
        answer.url = "/v1/calendars/\(secret).ics"
        return try Answer.json(answer, status: .created)
    }

    private func calendar(_ context: PlannerRequestContext) throws -> Response {
        let secret = context.parameters.get("secret") ?? ""
        guard Self.isWellFormed(secret), let feed = try database.feed(secretHash: Self.hash(secret)) else {
            auditor.recordRefusal(action: "GET /v1/calendars/{secret}.ics", outcome: "404 unknown feed")
            throw APIError.notFound("There is no such calendar feed; it may have been revoked.")
        }
        let time = now()
        if let id = feed.id, feed.lastUsedAt.map({ time.timeIntervalSince($0) >= 60 }) ?? true {
            try? database.markFeedUsed(id: id, at: time)
        }
        guard let current = board.plan else { throw PlanRoutes.noPlan }
        do {
            let ics = try HearingCalendar(plan: current.plan, roster: current.roster, person: feed.person, stamp: current.createdAt).ics()
            return Answer.bytes(Array(ics.utf8), contentType: "text/calendar; charset=utf-8")
        } catch let error as ReportError where error.code == .unknownPerson {
            throw APIError.notFound("The person of this feed is not in the current plan's roster.")
        }
    }

    static func requirePlanner(_ context: PlannerRequestContext, auditor: Auditor, action: String) throws {
        guard let token = context.token, token.role.mayWrite else {
            auditor.record(token: context.auditName, action: action, outcome: "403 only planners")
            throw APIError(.forbidden, code: "forbidden", "Only a planner's token may list calendar feed links.")
        }
    }

    static func answer(_ feed: CalendarFeed) -> FeedAnswer {
        FeedAnswer(
            feed: feed.id ?? 0, person: feed.person, createdAt: feed.createdAt.formatted(.iso8601), createdBy: feed.createdBy,
            lastUsedAt: feed.lastUsedAt?.formatted(.iso8601))
    }

    /// `hpf_` and 32 random bytes in base64url.
    static func makeSecret() -> String {
        return "hpf_" + String(TokenFile.makeToken().dropFirst("hpt_".count))
    }

    static func isWellFormed(_ secret: String) -> Bool {
        secret.hasPrefix("hpf_") && secret.count == 47
            && secret.utf8.dropFirst(4).allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    static func hash(_ secret: String) -> String {
        "sha256:" + SHA256.hash(data: Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}
