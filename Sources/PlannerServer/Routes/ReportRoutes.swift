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

    /// An iCalendar with no events (RFC 5545), for a person of the roster who has no hearings.
    static let emptyCalendar = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//hearing-planner//hearing calendar//EN", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "END:VCALENDAR", "",
    ].joined(separator: "\r\n")

    /// The largest `minCell` asked for; more would suppress every figure of any real week.
    static let maxMinCell = 1_000_000

    /// `groupBy` as docs/openapi.yaml has it: groupings by their names, separated by commas and
    /// nothing else. An empty part, a space or another spelling is refused rather than read
    /// leniently, so that what the document calls valid and what the service takes are the same.
    static func dimensions(_ text: String) throws -> [ReportDimension] {
        var result: [ReportDimension] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let dimension = ReportDimension(rawValue: String(part)) else {
                throw APIError(
                    .badRequest, code: "bad-report",
                    "groupBy must list groupings separated by commas, from \(ReportDimension.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if !result.contains(dimension) { result.append(dimension) }
        }
        return result
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
            guard let minCell, (1...Self.maxMinCell).contains(minCell) else {
                throw APIError(.badRequest, code: "bad-min-cell", "minCell must be a whole number from 1 to \(Self.maxMinCell).")
            }
            do {
                let dimensions = try query.get("groupBy").map(Self.dimensions)
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
            } catch let error as ReportError where error.code == .noHearings {
                // A person of the roster without hearings this time has an empty calendar, not an error:
                // a calendar program polling the feed must see the hearings disappear.
                return Answer.bytes(Array(Self.emptyCalendar.utf8), contentType: "text/calendar; charset=utf-8")
            } catch let error as ReportError {
                throw APIError(.badRequest, code: "bad-calendar", error.description)
            }
        }
    }
}
