import Foundation
import Hummingbird
import PlannerModel
import Reports

/// `GET /v1/reports/fulfilment` and `GET /v1/people/{id}/calendar.ics`, from the current plan.
struct ReportRoutes: Sendable {
    let board: PlanBoard

    enum Format: String, CaseIterable {
        case json, csv, html
    }

    func add(to router: Router<PlannerRequestContext>) {
        router.get("/v1/reports/fulfilment") { request, _ in
            guard let current = board.plan else { throw PlanRoutes.noPlan }
            let query = request.uri.queryParameters
            let formatText = query.get("format") ?? "json"
            guard let format = Format(rawValue: formatText) else {
                throw APIError(.badRequest, code: "bad-format", "format must be one of json, csv, html.")
            }
            let minCell = query.get("minCell").map { Int($0) } ?? FulfilmentReport.defaultMinCell
            guard let minCell, minCell >= 1 else {
                throw APIError(.badRequest, code: "bad-min-cell", "minCell must be a whole number from 1.")
            }
            do {
                let dimensions = try query.get("groupBy").map(ReportDimension.list)
                let input = try ReportInput(plan: current.plan, roster: current.roster)
                let report = try FulfilmentReport(inputs: [input], groupBy: dimensions, minCell: minCell)
                switch format {
                case .json: return Answer.bytes(try report.json(), contentType: "application/json; charset=utf-8")
                case .csv: return Answer.bytes(Array(report.csv().utf8), contentType: "text/csv; charset=utf-8")
                case .html: return Answer.bytes(Array(report.html().utf8), contentType: "text/html; charset=utf-8")
                }
            } catch let error as ReportError {
                throw APIError(.badRequest, code: "bad-report", error.description)
            }
        }
        router.get("/v1/people/{id}/calendar.ics") { _, context in
            guard let current = board.plan else { throw PlanRoutes.noPlan }
            let person = context.parameters.get("id") ?? ""
            do {
                let calendar = try HearingCalendar(plan: current.plan, roster: current.roster, person: person, stamp: current.createdAt)
                return Answer.bytes(Array(calendar.ics().utf8), contentType: "text/calendar; charset=utf-8")
            } catch let error as ReportError where error.code == .unknownPerson {
                throw APIError.notFound("There is no interpreter or officer with that id in the current plan's roster.")
            } catch let error as ReportError {
                throw APIError(.badRequest, code: "bad-calendar", error.description)
            }
        }
    }
}
