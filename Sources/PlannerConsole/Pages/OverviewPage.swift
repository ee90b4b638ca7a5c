import Foundation
import Hummingbird
import PlannerModel

extension ConsoleCore {
    /// At most this many hearings are listed under "needs attention"; the lists have them all.
    static let attentionLimit = 15

    /// The week at a glance: the version and its state, what was held, preferences met per role,
    /// pending changes, and what needs a planner's attention.
    func overview(_ visit: Visit) throws -> Response {
        let readiness = backend.readiness()
        var page: [String: Any] = [
            "readiness": [
                "text": statusLine(readiness, visit),
                "reason": readiness.reason ?? "",
                "isDegraded": readiness.status == .degraded,
                "pending": visit.catalogue.text("overview.pending", count: readiness.pendingEvents),
            ] as [String: Any],
            "mayChange": visit.mayChange,
        ]
        guard let current = backend.currentPlan() else {
            page["noPlan"] = true
            return render("overview", title: visit.text("overview.title"), page: page, visit: visit, section: .overview)
        }
        let display = Display(visit.catalogue, roster: current.roster)
        let plan = current.plan
        let hearings = Dictionary(current.roster.hearings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        page["plan"] = [
            "version": current.version,
            "made": display.moment(current.createdAt),
            "status": visit.text("planStatus.\(plan.status.rawValue)"),
            "gap": plan.gap.map { display.decimal($0 * 100, places: 2) + "%" } ?? "–",
            "horizon": visit.text("overview.horizon", [
                "start": display.day(current.roster.horizon.start), "end": display.day(current.roster.horizon.end),
            ]),
            "held": plan.assignments.count,
            "notHeld": plan.unscheduled.count,
            "hearings": current.roster.hearings.count,
        ] as [String: Any]
        page["roles"] = Role.allCases.map { role -> [String: Any] in
            let states = plan.assignments.map { role == .interpreter ? $0.interpreterPreference : $0.officerPreference }
            let requested = states.filter { $0 != .none }.count
            let met = states.filter { $0 == .met }.count
            return [
                "role": display.roleTitle(role),
                "requested": requested,
                "met": met,
                "rate": requested > 0 ? display.percent(Double(met) / Double(requested)) : "–",
            ]
        }
        let late = plan.unscheduled.filter(\.deadlineInHorizon)
        page["deadlines"] = attention(late.map { unheld in
            [
                "hearing": unheld.hearing, "href": Self.hearingPath(unheld.hearing),
                "what": display.text("overview.deadlineLine", [
                    "latest": hearings[unheld.hearing].map { display.day($0.latest) } ?? "–",
                    "reason": visit.catalogue.reasonTitle(unheld.reason.code),
                ]),
            ]
        }, total: late.count, list: "/not-held", visit: visit)
        let high = plan.unmetPreferences.filter { hearings[$0.hearing]?.priority == .high }
        page["highUnmet"] = attention(high.map { unmet in
            [
                "hearing": unmet.hearing, "href": Self.hearingPath(unmet.hearing),
                "what": display.text("overview.unmetLine", [
                    "role": display.role(unmet.role), "requested": display.gender(unmet.requested.rawValue),
                    "reason": visit.catalogue.reasonTitle(unmet.reason.code),
                ]),
            ]
        }, total: high.count, list: "/not-met?priority=high", visit: visit)
        return render("overview", title: visit.text("overview.title"), page: page, visit: visit, section: .overview)
    }

    private func attention(_ items: [[String: Any]], total: Int, list: String, visit: Visit) -> [String: Any] {
        [
            "items": Array(items.prefix(Self.attentionLimit)),
            "isEmpty": items.isEmpty,
            "more": total > Self.attentionLimit
                ? visit.text("overview.more", ["count": String(total - Self.attentionLimit)]) : "",
            "hasMore": total > Self.attentionLimit,
            "list": list,
            "count": total,
        ]
    }

    /// What the page's script polls: the version and whether a re-plan is under way.
    func statusJSON(_ visit: Visit) -> Response {
        struct Status: Encodable {
            var version: Int?
            var status: String
            var isSolving: Bool
            var pendingEvents: Int
            var text: String
        }
        let readiness = backend.readiness()
        let status = Status(
            version: readiness.version, status: readiness.status.rawValue, isSolving: readiness.isSolving,
            pendingEvents: readiness.pendingEvents, text: statusLine(readiness, visit))
        let data = (try? JSONEncoder().encode(status)) ?? Data("{}".utf8)
        return ConsoleAnswer.json(String(decoding: data, as: UTF8.self))
    }

    static func hearingPath(_ id: String) -> String { "/hearings/" + pathSegment(id) }

    static func personPath(_ id: String) -> String { "/people/" + pathSegment(id) }

    /// An id as one segment of a path: as it is when it holds only letters, digits, `-`, `_` and
    /// `.` (as ids do), percent-encoded otherwise.
    static func pathSegment(_ id: String) -> String {
        let isPlain = !id.isEmpty && id != "." && id != ".." && id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        if isPlain { return id }
        return id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."])) ?? ""
    }

    /// The current plan, or the "no plan yet" page.
    func requirePlan() throws -> ConsolePlan {
        guard let current = backend.currentPlan() else { throw ConsoleError.noPlan }
        return current
    }
}
