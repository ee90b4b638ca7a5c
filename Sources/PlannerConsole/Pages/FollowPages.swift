import Foundation
import Hummingbird
import PlannerModel

extension ConsoleCore {
    /// After a change: waits (the page's script polls, or the reader refreshes) until a plan
    /// version includes the event, then goes to what changed in that version.
    func follow(_ request: Request, _ visit: Visit) async throws -> Response {
        let query = request.uri.queryParameters
        let after = query.get("after").flatMap { Int($0) } ?? 0
        let event = query.get("event")
        if let current = backend.currentPlan(), current.version > after {
            if let event {
                for version in (after + 1)...current.version {
                    guard let stored = try await backend.plan(version: version) else { continue }
                    if stored.plan.appliedEvents?.contains(event) == true {
                        return ConsoleAnswer.redirect("/versions/\(version)/changes")
                    }
                }
                // Newer versions, none with this change yet: wait from the newest on.
                return ConsoleAnswer.redirect("/changes/follow?after=\(current.version)&event=\(Self.query(event))")
            } else {
                return ConsoleAnswer.redirect("/versions/\(current.version)/changes")
            }
        }
        let readiness = backend.readiness()
        var page: [String: Any] = [
            "after": after, "status": statusLine(readiness, visit),
            "refresh": visit.target,
        ]
        if readiness.status == .degraded, let reason = readiness.reason { page["failure"] = reason }
        return render("follow", title: visit.text("follow.title"), page: page, visit: visit, section: .change)
    }

    /// What changed in a plan version against the one before it: per person (who must be told
    /// what), and per hearing. Printable; `changes.csv` has the same.
    func versionChanges(_ text: String, _ visit: Visit) async throws -> Response {
        let (version, diff) = try await diff(text)
        let display = Display(visit.catalogue, roster: version.roster)
        let view = ChangesView(display: display, roster: version.roster, diff: diff)
        let page: [String: Any] = [
            "version": version.version,
            "previous": version.previous.map { String($0.version) } ?? "",
            "hasPrevious": version.previous != nil,
            "made": display.moment(version.createdAt),
            "summary": visit.catalogue.text("changes.summary", count: diff.changes.count),
            "people": view.people(),
            "hearings": view.hearings(),
            "isEmpty": diff.changes.isEmpty,
            "csv": "/versions/\(version.version)/changes.csv",
        ]
        return render("changes", title: visit.text("changes.title", ["version": String(version.version)]), page: page, visit: visit, section: .change)
    }

    func versionChangesCSV(_ text: String, _ visit: Visit) async throws -> Response {
        let (version, diff) = try await diff(text)
        let view = ChangesView(display: Display(visit.catalogue, roster: version.roster), roster: version.roster, diff: diff)
        return ConsoleAnswer.download(Array(view.csv().utf8), contentType: "text/csv; charset=utf-8", name: "changes-v\(version.version).csv")
    }

    private func diff(_ text: String) async throws -> (ConsolePlanVersion, PlanDiff) {
        guard let number = Int(text), number >= 1, let version = try await backend.plan(version: number) else {
            throw ConsoleError.notFound
        }
        // A roster's first version is told against nothing: it has no changes to tell.
        var diff = PlanDiff(from: version.previous?.plan ?? version.plan, to: version.plan)
        // A re-plan says itself who must be told what; the comparison above stands in for older plans.
        if version.previous != nil, let people = version.plan.changesByPerson { diff.people = people }
        return (version, diff)
    }
}
