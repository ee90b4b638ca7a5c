import Foundation
import HTTPTypes
import Hummingbird
import Localization

/// The parts of the console in its navigation, in order.
enum Section: String, CaseIterable {
    case overview, schedule, people, notHeld, notMet, roster, change, reports

    var path: String {
        switch self {
        case .overview: "/"
        case .schedule: "/schedule"
        case .people: "/people"
        case .notHeld: "/not-held"
        case .notMet: "/not-met"
        case .roster: "/roster"
        case .change: "/changes/new"
        case .reports: "/reports"
        }
    }
}

extension ConsoleCore {
    /// A page: `template` with `page`, inside the frame every page shares (header, navigation,
    /// language switch, status, notice). `title` is the page's own title, already in words.
    func render(
        _ template: String, title: String, page: [String: Any], visit: Visit, section: Section?,
        status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        let started = ContinuousClock.now
        let html = renderer.render(template, page: page, frame: frame(title: title, visit: visit, section: section), catalogue: visit.catalogue)
        var headers = headers
        let elapsed = (ContinuousClock.now - started).seconds * 1000
        headers.append(HTTPField(name: ConsoleAnswer.serverTiming, value: "render;dur=" + String(format: "%.2f", elapsed)))
        return ConsoleAnswer.html(html, status: status, headers: headers)
    }

    func frame(title: String, visit: Visit, section: Section?) -> [String: Any] {
        let other: Language = visit.language == .nl ? .en : .nl
        var frame: [String: Any] = [
            "lang": visit.language.rawValue,
            "title": title,
            "switch": [
                "href": "/language/\(other.rawValue)?back=" + (visit.target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F"),
                "label": visit.text("switch.\(other.rawValue)"),
                "lang": other.rawValue,
            ],
        ]
        if let session = visit.session {
            frame["session"] = [
                "name": session.holder.name, "role": visit.text("holderRole.\(session.holder.role)"),
                "formToken": session.formToken, "mayChange": session.holder.mayChange,
            ] as [String: Any]
            frame["nav"] = Section.allCases.filter { $0 != .change || session.holder.mayChange }.map { item in
                [
                    "href": item.path, "label": visit.text("nav.\(item.rawValue)"), "isCurrent": item == section,
                ] as [String: Any]
            }
            let readiness = backend.readiness()
            frame["status"] = [
                "version": readiness.version.map(String.init) ?? "–",
                "isSolving": readiness.isSolving,
                "pending": readiness.pendingEvents,
                "text": statusLine(readiness, visit),
            ] as [String: Any]
        }
        if let notice = visit.notice {
            frame["notice"] = ["text": visit.text(notice.key, notice.values), "isError": notice.isError] as [String: Any]
        }
        return frame
    }

    /// "Versie 7 · klaar" or "Versie 7 · opnieuw plannen (2 wijzigingen)".
    func statusLine(_ readiness: ConsoleReadiness, _ visit: Visit) -> String {
        let state: String
        if readiness.isSolving {
            state = visit.text("status.solving")
        } else if readiness.pendingEvents > 0 {
            state = visit.catalogue.text("status.pending", count: readiness.pendingEvents)
        } else {
            state = visit.text("status.\(readiness.status.rawValue)")
        }
        guard let version = readiness.version else { return state }
        return visit.text("status.version", ["version": String(version), "state": state])
    }

    func errorPage(_ request: Request, _ error: ConsoleError) -> Response {
        errorPage(visit(request), error)
    }
}
