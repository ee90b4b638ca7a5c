import Foundation
import Hummingbird
import Planning
import PlannerModel

extension ConsoleCore {
    /// One hearing: what it is, where the plan holds it (or why not), each requested preference
    /// with the reason and evidence when it is not met, and its options, best first; a planner
    /// may choose one.
    func hearing(_ id: String, _ visit: Visit) async throws -> Response {
        let current = try requirePlan()
        guard let hearing = current.roster.hearings.first(where: { $0.id == id }) else { throw ConsoleError.notFound }
        let display = Display(visit.catalogue, roster: current.roster)
        let evidence = EvidenceView(display: display, hearingIDs: Set(current.roster.hearings.map(\.id)))
        let plan = current.plan
        var page: [String: Any] = [
            "id": id, "facts": facts(of: hearing, display), "mayChange": visit.mayChange,
            "changeHref": "/changes/new?hearing=\(Self.query(id))#hearing",
            "cancelHref": "/changes/new?cancel=\(Self.query(id))#cancel",
        ]
        if let held = plan.assignments.first(where: { $0.hearing == id }) {
            page["placement"] = [
                "when": display.slot(held.date, held.slot),
                "parts": visit.catalogue.text("hearing.parts", count: held.slots.count),
                "location": display.location(held.location),
                "interpreter": held.interpreter, "interpreterHref": Self.personPath(held.interpreter),
                "mode": display.catalogue.mode(held.interpreterMode), "language": display.language(held.language),
                "officer": held.officer, "officerHref": Self.personPath(held.officer),
                "wait": visit.catalogue.text("hearing.workingDays", count: held.waitDays),
                "delay": visit.catalogue.text("hearing.workingDays", count: held.delayDays),
            ] as [String: Any]
        } else if let unheld = plan.unscheduled.first(where: { $0.hearing == id }) {
            page["unheld"] = [
                "title": visit.catalogue.reasonTitle(unheld.reason.code),
                "sentence": visit.catalogue.reason(unheld.reason),
                "evidence": evidence.items(unheld.reason), "hasEvidence": !evidence.items(unheld.reason).isEmpty,
                "deadline": unheld.deadlineInHorizon ? visit.text("hearing.deadlineInHorizon") : "",
            ] as [String: Any]
        }
        let held = plan.assignments.first { $0.hearing == id }
        var preferences: [[String: Any]] = []
        for role in Role.allCases {
            guard let wanted = role == .interpreter ? hearing.interpreterGender : hearing.officerGender else { continue }
            let unmet = plan.unmetPreferences.first { $0.hearing == id && $0.role == role }
            let state = held.map { role == .interpreter ? $0.interpreterPreference : $0.officerPreference }
            var item: [String: Any] = [
                "role": display.role(role), "requested": display.gender(wanted.rawValue),
                "state": state.map(display.preference) ?? visit.text("hearing.notHeldState"),
                "isUnmet": state == .unmet,
            ]
            if let unmet {
                item["assigned"] = display.gender(unmet.assigned.rawValue)
                item["reason"] = [
                    "title": visit.catalogue.reasonTitle(unmet.reason.code),
                    "sentence": visit.catalogue.reason(unmet.reason, role: role),
                    "evidence": evidence.items(unmet.reason), "hasEvidence": !evidence.items(unmet.reason).isEmpty,
                ] as [String: Any]
            }
            preferences.append(item)
        }
        page["preferences"] = preferences
        page["hasPreferences"] = !preferences.isEmpty

        let answer = try await backend.options(for: id, in: current)
        page["options"] = optionsView(
            answer, version: current.version, hearing: id, visit: visit, display: display, evidence: evidence,
            window: FreezeWindow(roster: current.roster, now: now()))
        return render("hearing", title: visit.text("hearing.title", ["id": id]), page: page, visit: visit, section: nil)
    }

    /// Why an option cannot be chosen now, as a catalogue key: it starts in a day part that has begun.
    static func blocker(_ option: HearingOptions.Option, window: FreezeWindow) -> String? {
        window.hasBegun(option.spot.date, option.spot.slot) ? "options.blockedPast" : nil
    }

    /// Whether choosing the option moves a hearing that starts within the freeze period: the
    /// re-plan then forces that change (a fixed hearing goes first), and its people must be told
    /// at short notice.
    static func movesFrozen(_ option: HearingOptions.Option, window: FreezeWindow) -> Bool {
        option.moves.contains { window.isFrozen($0.from.date, $0.from.slot) }
    }

    private func facts(of hearing: Hearing, _ display: Display) -> [[String: String]] {
        var facts: [[String: String]] = [
            ["label": display.text("hearing.kind"), "value": display.kind(hearing.kind)],
            ["label": display.text("hearing.language"), "value": display.language(hearing.language)],
        ]
        if !hearing.fallbackLanguages.isEmpty {
            facts.append(["label": display.text("hearing.fallback"), "value": hearing.fallbackLanguages.map(display.language).joined(separator: ", ")])
        }
        facts.append(["label": display.text("hearing.location"), "value": display.location(hearing.location)])
        facts.append(["label": display.text("hearing.window"), "value": display.text("hearing.windowValue", [
            "earliest": display.day(hearing.earliest), "latest": display.day(hearing.latest),
        ])])
        facts.append(["label": display.text("hearing.duration"), "value": display.catalogue.text("hearing.parts", count: hearing.durationSlots)])
        facts.append(["label": display.text("hearing.priority"), "value": display.text("priority.\(hearing.priority.rawValue)")])
        if !hearing.requiredTrainings.isEmpty {
            facts.append(["label": display.text("hearing.trainings"), "value": hearing.requiredTrainings.joined(separator: ", ")])
        }
        facts.append(["label": display.text("hearing.remote"), "value": display.text(hearing.remoteInterpreterAllowed ? "common.yes" : "common.no")])
        if let fixed = hearing.fixed {
            var value = display.slot(fixed.date, fixed.slot)
            let people = [fixed.interpreter, fixed.officer].compactMap { $0 }
            if !people.isEmpty { value += " (" + people.joined(separator: ", ") + ")" }
            facts.append(["label": display.text("hearing.fixed"), "value": value])
        }
        return facts
    }

    /// The options as the page lists them, with a form for each a planner may choose.
    private func optionsView(
        _ answer: HearingOptions, version: Int, hearing: String, visit: Visit, display: Display, evidence: EvidenceView,
        window: FreezeWindow
    ) -> [String: Any] {
        let items = answer.options.enumerated().map { index, option -> [String: Any] in
            var states: [String] = []
            for (role, state) in [(Role.interpreter, option.interpreterPreference), (Role.officer, option.officerPreference)] where state != .none {
                states.append(display.text("schedule.preference", ["role": display.role(role), "state": display.preference(state)]))
            }
            let moves = option.moves.map { move -> String in
                guard let to = move.to else { return display.text("options.moveDropped", ["hearing": move.hearing]) }
                return display.text("options.move", ["hearing": move.hearing, "to": display.slot(to.date, to.slot)])
            }
            let blocked = Self.blocker(option, window: window)
            return [
                "number": index + 1, "index": index,
                "blocked": blocked.map { display.text($0) } ?? "", "isBlocked": blocked != nil,
                "movesFrozen": Self.movesFrozen(option, window: window),
                "when": display.slot(option.spot.date, option.spot.slot),
                "interpreter": option.spot.interpreter, "mode": display.catalogue.mode(option.spot.interpreterMode),
                "language": display.language(option.spot.language), "officer": option.spot.officer,
                "preferences": states.joined(separator: "; "),
                "delay": visit.catalogue.text("hearing.workingDays", count: option.delayDays),
                "moves": moves, "hasMoves": !moves.isEmpty, "movesCount": option.moves.isEmpty ? visit.text("options.moves.none") : visit.catalogue.text("options.moves", count: option.moves.count),
                "change": (option.objectiveChange >= 0 ? "+" : "") + display.number((option.objectiveChange * 100).rounded() / 100),
                "isCurrent": option.isCurrent, "isRecommended": answer.recommended == index, "isExact": option.isExact,
                "mayChoose": visit.mayChange && !option.isCurrent && blocked == nil,
            ]
        }
        let outlooks = answer.preferences.map { outlook -> [String: Any] in
            var item: [String: Any] = [
                "role": display.role(outlook.role), "requested": display.gender(outlook.requested.rawValue),
                "evidence": [[String: Any]](), "hasEvidence": false, "hasFree": false,
            ]
            if let earliest = outlook.earliest {
                item["text"] = display.text("options.earliest", ["slot": display.slot(earliest)])
                if let free = outlook.earliestWithoutMoves {
                    item["free"] = display.text("options.earliestFree", ["slot": display.slot(free)])
                    item["hasFree"] = true
                }
            } else if let reason = outlook.reason {
                item["text"] = visit.catalogue.reasonTitle(reason.code) + ": " + visit.catalogue.reason(reason, role: outlook.role)
                // A held hearing's unmet preference shows this evidence above already.
                if answer.current == nil {
                    item["evidence"] = evidence.items(reason)
                    item["hasEvidence"] = !evidence.items(reason).isEmpty
                }
            } else {
                item["text"] = display.text("options.never")
            }
            return item
        }
        let advice: String
        if let recommended = answer.recommended {
            advice = display.text("options.recommended", ["number": String(recommended + 1)])
        } else if answer.options.isEmpty {
            advice = display.text("options.none")
        } else {
            advice = display.text("options.later")
        }
        return [
            "items": items, "isEmpty": items.isEmpty, "outlooks": outlooks, "hasOutlooks": !outlooks.isEmpty, "advice": advice, "version": version,
            "action": Self.hearingPath(hearing) + "/choose",
            "found": visit.catalogue.text("options.found", count: answer.waysFound),
        ]
    }
}
