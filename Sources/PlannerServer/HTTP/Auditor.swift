import Foundation
import Hummingbird
import Logging
import PlannerStore

/// Writes lines of the audit trail: which token did what, when, and how it ended.
///
/// Actions name the route, never a person or a hearing: `/v1/people/I-4/calendar.ics` is recorded
/// as `/v1/people/{id}/calendar.ics`. A failed audit write is logged and does not fail the request.
struct Auditor: Sendable {
    let database: AppDatabase
    let logger: Logger
    let now: @Sendable () -> Date

    func record(token: String, action: String, outcome: String) {
        do {
            try database.recordAudit(AuditEntry(time: now(), tokenName: token, action: action, outcome: outcome))
        } catch {
            logger.error("cannot write the audit trail", metadata: ["error": "\(type(of: error))"])
        }
    }

    /// `METHOD /path`, with the path's ids replaced by their parameter names.
    static func action(_ request: Request) -> String {
        "\(request.method.rawValue) \(template(of: request.uri.path))"
    }

    static func template(of path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 4, parts[1] == "v1", parts[2] == "people" || parts[2] == "hearings" { parts[3] = "{id}" }
        if parts.count >= 4, parts[1] == "v1", parts[2] == "tradeoff" { parts[3] = "{job}" }
        if parts.count >= 4, parts[1] == "v1", parts[2] == "plans", parts[3] != "current" { parts[3] = "{version}" }
        return parts.joined(separator: "/")
    }
}
