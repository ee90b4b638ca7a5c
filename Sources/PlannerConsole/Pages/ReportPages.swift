import Foundation
import Hummingbird
import PlannerModel
import Reports

extension ConsoleCore {
    /// The fulfilment report of the current plan, inside the console, in the reader's language.
    func fulfilment(_ visit: Visit) throws -> Response {
        let current = try requirePlan()
        let input = try ReportInput(plan: current.plan, roster: current.roster)
        let report = try FulfilmentReport(inputs: [input], groupBy: nil, minCell: FulfilmentReport.defaultMinCell)
        let page: [String: Any] = ["body": report.htmlBody(catalogue: visit.catalogue), "version": current.version]
        return render("report", title: visit.text("reports.title"), page: page, visit: visit, section: .reports)
    }

    /// What a preference policy costs in waiting: a planner starts a sweep of the current roster.
    func tradeoffPage(_ visit: Visit) -> Response {
        let last = visit.session?.lastTradeoff
        let page: [String: Any] = [
            "mayChange": visit.mayChange, "hasPlan": backend.currentPlan() != nil,
            "last": last.map { "/reports/tradeoff/\($0)" } ?? "", "hasLast": last != nil,
        ]
        return render("tradeoff", title: visit.text("tradeoff.title"), page: page, visit: visit, section: .reports)
    }

    func startTradeoff(_ visit: Visit, _ form: FormFields) async throws -> Response {
        guard let session = visit.session else { throw ConsoleError(status: .forbidden, key: "error.viewer") }
        guard backend.currentPlan() != nil else { throw ConsoleError.noPlan }
        guard let job = try await backend.startTradeoff(by: session.holder.name) else {
            sessions.update(session.id) { $0.notice = Notice(key: "tradeoff.busy", isError: true) }
            return ConsoleAnswer.redirect("/reports/tradeoff")
        }
        let id = job.id
        sessions.update(session.id) { $0.lastTradeoff = id }
        return ConsoleAnswer.redirect("/reports/tradeoff/\(id)")
    }

    /// A sweep's progress, and its report once done.
    func tradeoffJob(_ id: String, _ visit: Visit) async -> Response {
        guard let job = await backend.tradeoff(id: id) else {
            return errorPage(visit, .notFound)
        }
        var page: [String: Any] = [
            "status": visit.text("tradeoff.status.\(job.status.rawValue)"),
            "progress": visit.text("tradeoff.progress", ["done": String(job.pointsDone), "points": String(job.points)]),
            "isRunning": job.status == .queued || job.status == .running,
            "version": job.planVersion,
        ]
        if let reason = job.reason { page["reason"] = reason }
        if let report = job.report { page["body"] = report.htmlBody(catalogue: visit.catalogue) }
        return render("tradeoff-job", title: visit.text("tradeoff.jobTitle"), page: page, visit: visit, section: .reports)
    }

    /// One person's hearings as an iCalendar file, its descriptions in the reader's language.
    func calendar(_ id: String, _ visit: Visit) throws -> Response {
        let current = try requirePlan()
        do {
            let calendar = try HearingCalendar(plan: current.plan, roster: current.roster, person: id, stamp: current.createdAt, catalogue: visit.catalogue)
            return ConsoleAnswer.download(Array(calendar.ics().utf8), contentType: "text/calendar; charset=utf-8", name: "hearings.ics")
        } catch let error as ReportError where error.code == .noHearings {
            throw ConsoleError(status: .notFound, key: "person.noCalendar")
        } catch is ReportError {
            throw ConsoleError.notFound
        }
    }

    func errorPage(_ visit: Visit, _ error: ConsoleError) -> Response {
        render(
            "error", title: visit.text("error.title.\(error.status.code)"),
            page: ["message": visit.text(error.key, error.values), "signedIn": visit.session != nil],
            visit: visit, section: nil, status: error.status)
    }
}
