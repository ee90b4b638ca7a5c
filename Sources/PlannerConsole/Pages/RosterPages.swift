import Foundation
import Hummingbird
import PlannerModel

extension ConsoleCore {
    /// The roster being planned, summarised, and (for a planner) the form to upload a new week.
    func rosterPage(_ visit: Visit) -> Response {
        var page: [String: Any] = ["mayChange": visit.mayChange]
        if let current = backend.currentPlan() {
            page["current"] = SummaryView(display: Display(visit.catalogue, roster: current.roster), summary: RosterSummary(current.roster)).page()
        }
        return render("roster", title: visit.text("roster.title"), page: page, visit: visit, section: .roster)
    }

    /// Reads and checks an uploaded roster. With errors: every problem in a table with its place,
    /// nothing replaced. Without: the pre-planning summary and a form to confirm.
    func uploadRoster(_ visit: Visit, _ form: FormFields) throws -> Response {
        guard let session = visit.session else { throw ConsoleError(status: .forbidden, key: "error.viewer") }
        func again(_ key: String, _ values: [String: String] = [:], problems: [Diagnostic] = []) -> Response {
            var page: [String: Any] = [
                "mayChange": true,
                "fileError": visit.text(key, values),
                "errorSummary": [["href": problems.isEmpty ? "#roster-file" : "#problems", "text": visit.text(key, values)]],
            ]
            if !problems.isEmpty {
                page["hasProblems"] = true
                page["problems"] = problems.map { ["place": $0.place, "message": $0.message, "severity": visit.text("roster.severity.\($0.severity.rawValue)")] }
            }
            if let current = backend.currentPlan() {
                page["current"] = SummaryView(display: Display(visit.catalogue, roster: current.roster), summary: RosterSummary(current.roster)).page()
            }
            return render("roster", title: visit.text("common.errorPrefix") + visit.text("roster.title"), page: page, visit: visit, section: .roster, status: .unprocessableContent)
        }
        guard let file = form.file("roster"), !file.bytes.isEmpty else { return again("roster.error.noFile") }
        switch RosterUpload.read(name: file.name, bytes: file.bytes, maxUnpackedBytes: settings.maxUnpackedBytes) {
        case .unreadable(let key, let values):
            backend.audit(holder: session.holder.name, action: "console POST /roster", outcome: "422 unreadable upload")
            return again(key, values)
        case .checked(let checked):
            guard let roster = checked.roster else {
                backend.audit(holder: session.holder.name, action: "console POST /roster", outcome: "422 \(checked.errors.count) error(s)")
                return again("roster.error.problems", ["count": String(checked.errors.count)], problems: checked.diagnostics)
            }
            let document = try RosterJSON.write(roster)
            let pending = PendingRoster(id: Secret.make(), roster: roster, document: document, fileName: file.name)
            sessions.update(session.id) { $0.pendingRoster = pending }
            let display = Display(visit.catalogue, roster: roster)
            let page: [String: Any] = [
                "summary": SummaryView(display: display, summary: RosterSummary(roster)).page(),
                "warnings": checked.warnings.map { ["place": $0.place, "message": $0.message] },
                "hasWarnings": !checked.warnings.isEmpty,
                "pending": pending.id,
                "replaces": backend.currentPlan() != nil,
            ]
            return render("roster-check", title: visit.text("rosterCheck.title"), page: page, visit: visit, section: .roster)
        }
    }

    /// Submits the confirmed roster and waits for its first plan.
    func confirmRoster(_ visit: Visit, _ form: FormFields) async throws -> Response {
        guard let session = visit.session else { throw ConsoleError(status: .forbidden, key: "error.viewer") }
        guard let pending = session.pendingRoster, let sent = form["pending"], Secret.matches(sent, pending.id) else {
            sessions.update(session.id) { $0.notice = Notice(key: "roster.expired", isError: true) }
            return ConsoleAnswer.redirect("/roster")
        }
        sessions.update(session.id) { $0.pendingRoster = nil }
        let notice: Notice
        switch try await backend.submit(roster: pending.roster, document: pending.document, by: session.holder.name) {
        case .planned(let version):
            notice = Notice(key: "roster.planned", values: ["version": String(version)])
        case .failed(let reason, let conflicting):
            notice = Notice(
                key: conflicting.isEmpty ? "roster.failed" : "roster.conflict",
                values: ["reason": reason, "hearings": conflicting.joined(separator: ", ")], isError: true)
        case .superseded:
            notice = Notice(key: "roster.superseded", isError: true)
        }
        sessions.update(session.id) { $0.notice = notice }
        return ConsoleAnswer.redirect("/")
    }
}
