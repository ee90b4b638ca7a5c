import Foundation
import HTTPTypes
import Hummingbird
import PlannerModel
import PlannerStore
import Workbooks

/// `POST /v1/rosters` and `POST /v1/events`.
struct WriteRoutes: Sendable {
    let state: PlanningState
    let board: PlanBoard
    let trigger: ReplanTrigger
    let body: BodyReader
    let auditor: Auditor
    let now: @Sendable () -> Date

    struct RosterAnswer: Encodable {
        var roster: Int64
        var version: Int
        var status: String
    }

    struct EventsAnswer: Encodable {
        var accepted: [String]
        var skipped: [String]
        var pendingEvents: Int
    }

    func add(to router: Router<PlannerRequestContext>) {
        router.post("/v1/rosters") { request, context in try await submitRoster(request, context) }
        router.post("/v1/events") { request, context in try await postEvents(request, context) }
    }

    /// Validates a roster@1 document or a roster workbook (.xlsx), stores it, and answers once its
    /// first plan is made. A workbook is stored as the roster@1 JSON it reads as.
    func submitRoster(_ request: Request, _ context: PlannerRequestContext) async throws -> Response {
        let action = "POST /v1/rosters"
        var bytes = try await readBody(request, context, action: action)
        let isWorkbook = request.headers[.contentType]?.hasPrefix(ExportRoutes.xlsx) == true || RosterWorkbook.looksLikeWorkbook(bytes)
        let checked = (isWorkbook ? RosterWorkbook.read(bytes) : RosterJSON.read(bytes)).checked()
        guard let roster = checked.roster else {
            auditor.record(token: context.auditName, action: action, outcome: "422 \(checked.errors.count) error(s)")
            var error = APIError(
                .unprocessableContent, code: "invalid-roster",
                "The roster has \(checked.errors.count) error(s); nothing was stored or planned.")
            error.setDiagnostics(checked.diagnostics)
            throw error
        }
        if isWorkbook { bytes = try RosterJSON.write(roster) }
        let id = try await state.submit(roster: roster, document: bytes, token: context.auditName, at: now())
        trigger.changeArrived(urgent: true)
        switch await state.firstPlan(of: id) {
        case .planned(let version, let status):
            auditor.record(token: context.auditName, action: action, outcome: "201 roster \(id), plan version \(version)")
            var headers = HTTPFields()
            headers[.location] = "/v1/plans/\(version)"
            return try Answer.json(RosterAnswer(roster: id, version: version, status: status.rawValue), status: .created, headers: headers)
        case .failed(let reason, let status, let conflicting):
            let infeasible = status == .infeasible
            auditor.record(token: context.auditName, action: action, outcome: "\(infeasible ? 409 : 503) roster \(id) stored, no plan")
            var error = APIError(
                infeasible ? .conflict : .serviceUnavailable, code: infeasible ? "fixed-conflict" : "no-plan",
                "The roster was stored, but no plan was made: \(reason).")
            if infeasible { error.body.hearings = conflicting }
            throw error
        case .superseded:
            auditor.record(token: context.auditName, action: action, outcome: "409 roster \(id) replaced before its plan")
            throw APIError(.conflict, code: "superseded", "Another roster was submitted before this one had a plan; that one is planned instead.")
        }
    }

    /// Checks an events@1 batch against the roster, commits it, and answers 202 once it is on disk.
    func postEvents(_ request: Request, _ context: PlannerRequestContext) async throws -> Response {
        let action = "POST /v1/events"
        let bytes = try await readBody(request, context, action: action)
        let read = EventsJSON.read(bytes)
        guard let events = read.events else {
            let errors = read.diagnostics.filter(\.isError).count
            auditor.record(token: context.auditName, action: action, outcome: "422 \(errors) error(s)")
            var error = APIError(
                .unprocessableContent, code: "invalid-events", "The events have \(errors) error(s); none was accepted.")
            error.setDiagnostics(read.diagnostics)
            throw error
        }
        guard let outcome = try await state.accept(events, token: context.auditName, at: now()) else {
            auditor.record(token: context.auditName, action: action, outcome: "409 no roster")
            throw APIError(.conflict, code: "no-roster", "There is no roster to change yet: submit one to /v1/rosters first.")
        }
        switch outcome {
        case .failure(let rejection):
            auditor.record(token: context.auditName, action: action, outcome: "422 event \(rejection.index) does not fit")
            var error = APIError(.unprocessableContent, code: "event-does-not-fit", "The \(Self.ordinal(rejection.index)) event does not fit the roster, so none of the batch was accepted.")
            error.body.event = APIError.EventProblem(index: rejection.index, id: rejection.id, reasons: rejection.reasons)
            throw error
        case .success(let appended):
            if !appended.accepted.isEmpty { trigger.changeArrived() }
            auditor.record(
                token: context.auditName, action: action,
                outcome: "202 accepted \(appended.accepted.count), skipped \(appended.skipped.count)")
            return try Answer.json(
                EventsAnswer(accepted: appended.accepted, skipped: appended.skipped, pendingEvents: board.health.pendingEvents),
                status: .accepted)
        }
    }

    private func readBody(_ request: Request, _ context: PlannerRequestContext, action: String) async throws -> [UInt8] {
        do {
            return try await body.bytes(of: request)
        } catch let error as APIError {
            auditor.record(token: context.auditName, action: action, outcome: "\(error.status.code) \(error.body.code)")
            throw error
        }
    }

    /// "1st", "2nd", ... for the 0-based `index`.
    static func ordinal(_ index: Int) -> String {
        let n = index + 1
        let suffix = (11...13).contains(n % 100) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th"
        return "\(n)\(suffix)"
    }
}
