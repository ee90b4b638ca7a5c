import Foundation
import HTTPTypes
import Hummingbird
import Localization
import PlannerModel
import PlannerStore
import Workbooks

/// `GET /v1/plans/{version}/export?format=xlsx`: a plan version as the workbook people read and
/// print (docs/formats-xlsx.md), for viewers and planners alike.
struct ExportRoutes: Sendable {
    let database: any PlanningStore

    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func add(to router: Router<PlannerRequestContext>) {
        router.get("/v1/plans/{version}/export") { request, context in
            let version = try PlanRoutes.version(context)
            let query = request.uri.queryParameters
            guard (query.get("format") ?? "xlsx") == "xlsx" else {
                throw APIError(.badRequest, code: "bad-format", "format must be xlsx.")
            }
            let language: Language
            if let tag = query.get("lang") {
                guard let chosen = Language(tag: tag) else {
                    throw APIError(.badRequest, code: "bad-language", "lang must be nl or en.")
                }
                language = chosen
            } else {
                language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
            }
            let (plan, roster, baseline) = try planAndRoster(version)
            let bytes: [UInt8]
            do {
                bytes = try PlanExport(plan: plan, roster: roster, language: language, baseline: baseline).workbook()
            } catch {
                throw APIError(.internalServerError, code: "export-failed", "The workbook could not be written.")
            }
            var headers = HTTPFields()
            // The workbook names people and what applicants asked for: no cache may keep it.
            headers[.cacheControl] = "no-store"
            headers[.contentDisposition] = "attachment; filename=\"plan-\(version).xlsx\""
            return Answer.bytes(bytes, contentType: Self.xlsx, headers: headers)
        }
    }

    /// The plan version, the roster it was made from, and the version before it for the same
    /// roster (for the changes per person).
    private func planAndRoster(_ version: Int) throws -> (Plan, Roster, Plan?) {
        guard let stored = try database.plan(version: version) else { throw PlanRoutes.unknown(version) }
        let published = try PlanningState.published(stored)
        let before = try database.planBefore(version: version).map(PlanningState.plan(of:))
        return (published.plan, published.roster, before)
    }
}
