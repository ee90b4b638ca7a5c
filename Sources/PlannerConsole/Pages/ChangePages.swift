import Foundation
import Hummingbird
import PlannerModel

extension ConsoleCore {
    /// The three forms of "report a change", prefilled from the query (`?person=`, `?hearing=`,
    /// `?cancel=`), or from a form sent back with its errors.
    func changeForms(_ request: Request, _ visit: Visit) throws -> Response {
        let current = try requirePlan()
        let query = request.uri.queryParameters
        var values = FormFields()
        if let person = query.get("person") { values.add("person", person) }
        if let cancel = query.get("cancel") { values.add("hearing", cancel) }
        if let id = query.get("hearing"), let hearing = current.roster.hearings.first(where: { $0.id == id }) {
            for (name, value) in Self.fields(of: hearing) { values.add(name, value) }
        } else {
            values.add("remote", "yes")
            values.add("priority", "standard")
        }
        return changePage(visit, current, form: nil, values: values, errors: [])
    }

    /// The forms page; `form` names the form sent back with `errors`.
    func changePage(
        _ visit: Visit, _ current: ConsolePlan, form: String?, values: FormFields, errors: [FieldError],
        rejection: [String] = []
    ) -> Response {
        guard visit.mayChange else {
            return render("error", title: visit.text("error.title.403"), page: ["message": visit.text("error.viewer")], visit: visit, section: .change, status: .forbidden)
        }
        let view = ChangeFormView(display: Display(visit.catalogue, roster: current.roster), roster: current.roster, values: values, errors: errors)
        var page = view.page()
        page["formName"] = form ?? ""
        page["rejection"] = rejection
        page["hasRejection"] = !rejection.isEmpty
        let status: HTTPResponse.Status = errors.isEmpty && rejection.isEmpty ? .ok : .unprocessableContent
        let title = (errors.isEmpty && rejection.isEmpty ? "" : visit.text("common.errorPrefix")) + visit.text("change.title")
        return render("change", title: title, page: page, visit: visit, section: .change, status: status)
    }

    func reportAvailability(_ visit: Visit, _ form: FormFields) async throws -> Response {
        let current = try requirePlan()
        return try await report(ChangeForms.availability(form, roster: current.roster), visit, current, form: form, name: "availability")
    }

    func reportCancel(_ visit: Visit, _ form: FormFields) async throws -> Response {
        let current = try requirePlan()
        return try await report(ChangeForms.cancellation(form, roster: current.roster), visit, current, form: form, name: "cancel")
    }

    func reportHearing(_ visit: Visit, _ form: FormFields) async throws -> Response {
        let current = try requirePlan()
        return try await report(ChangeForms.hearing(form, roster: current.roster), visit, current, form: form, name: "hearing")
    }

    /// Sends one event and follows its re-plan; a form with errors comes back with them.
    private func report(
        _ read: FormReading, _ visit: Visit, _ current: ConsolePlan, form: FormFields, name: String
    ) async throws -> Response {
        switch read {
        case .problems(let errors):
            return changePage(visit, current, form: name, values: form, errors: errors)
        case .change(let change):
            let event = EventRecord(id: ChangeForms.eventID(), change: change)
            switch try await submit(event, visit) {
            case .following(let location): return location
            case .refused(let reasons): return changePage(visit, current, form: name, values: form, errors: [], rejection: reasons)
            }
        }
    }

    /// Reports `event` for the session's holder: on acceptance, the page that follows its
    /// re-plan; on refusal, the reasons.
    func submit(_ event: EventRecord, _ visit: Visit) async throws -> Submission {
        guard let holder = visit.holder else { throw ConsoleError(status: .forbidden, key: "error.viewer") }
        let before = backend.readiness().version ?? 0
        switch try await backend.report([event], by: holder.name) {
        case .accepted:
            return .following(ConsoleAnswer.redirect("/changes/follow?after=\(before)&event=\(Self.query(event.id))"))
        case .rejected(_, let reasons):
            return .refused(reasons)
        case .noRoster:
            throw ConsoleError.noPlan
        }
    }

    /// "Hold it this way": fixes the hearing at the option chosen, from the options of the plan
    /// version the page showed (a newer plan has other options: the page is shown again).
    func choose(_ id: String, _ visit: Visit, _ form: FormFields) async throws -> Response {
        let current = try requirePlan()
        guard let hearing = current.roster.hearings.first(where: { $0.id == id }) else { throw ConsoleError.notFound }
        guard let shown = form.text("version").flatMap({ Int($0) }), let index = form.text("option").flatMap({ Int($0) }) else {
            throw ConsoleError.badForm
        }
        guard shown == current.version else {
            leave(Notice(key: "options.stale", isError: true), for: visit)
            return ConsoleAnswer.redirect(Self.hearingPath(id))
        }
        let answer = try await backend.options(for: id, in: current)
        guard answer.options.indices.contains(index) else { throw ConsoleError.badForm }
        if let blocker = Self.blocker(answer.options[index], window: FreezeWindow(roster: current.roster, now: now())) {
            leave(Notice(key: blocker, isError: true), for: visit)
            return ConsoleAnswer.redirect(Self.hearingPath(id))
        }
        let spot = answer.options[index].spot
        let event = EventRecord(
            id: ChangeForms.eventID(),
            change: ChangeForms.choosing(HearingOptionsSpot(date: spot.date, slot: spot.slot, interpreter: spot.interpreter, officer: spot.officer), for: hearing))
        switch try await submit(event, visit) {
        case .following(let response):
            return response
        case .refused(let reasons):
            leave(Notice(key: "options.refused", values: ["reasons": reasons.joined(separator: "; ")], isError: true), for: visit)
            return ConsoleAnswer.redirect(Self.hearingPath(id))
        }
    }

    /// How reporting an event ended: the page that follows its re-plan, or the reasons it does not fit.
    enum Submission {
        case following(Response)
        case refused([String])
    }

    /// Leaves `notice` for the next page this session shows.
    func leave(_ notice: Notice, for visit: Visit) {
        guard let id = visit.session?.id else { return }
        sessions.update(id) { $0.notice = notice }
    }

    /// A hearing's fields as the hearing form names them.
    static func fields(of hearing: Hearing) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("id", hearing.id), ("kind", hearing.kind ?? ""), ("language", hearing.language),
            ("fallbackLanguages", hearing.fallbackLanguages.joined(separator: "; ")), ("location", hearing.location),
            ("durationSlots", String(hearing.durationSlots)), ("earliest", hearing.earliest.description),
            ("latest", hearing.latest.description), ("interpreterGender", hearing.interpreterGender?.rawValue ?? "none"),
            ("officerGender", hearing.officerGender?.rawValue ?? "none"), ("priority", hearing.priority.rawValue),
            ("requiredTrainings", hearing.requiredTrainings.joined(separator: "; ")),
        ]
        if hearing.remoteInterpreterAllowed { fields.append(("remote", "yes")) }
        if hearing.fixed != nil { fields.append(("isFixed", "yes")) }
        return fields
    }
}
