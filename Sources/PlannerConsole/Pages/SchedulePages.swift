import Foundation
import Hummingbird
import PlannerModel

extension ConsoleCore {
    /// One location's week as a grid of working days by day parts, each cell with its hearings;
    /// filters by location, language, person and "unmet only". One location at a time keeps the
    /// page readable (and fast on a national week).
    func schedule(_ request: Request, _ visit: Visit) throws -> Response {
        let current = try requirePlan()
        let display = Display(visit.catalogue, roster: current.roster)
        let roster = current.roster
        let query = request.uri.queryParameters
        let locationID = query.get("location").flatMap { id in roster.locations.contains { $0.id == id } ? id : nil }
            ?? roster.locations.first?.id ?? ""
        let language = query.get("language").flatMap { $0.isEmpty ? nil : $0 }
        let person = query.get("person").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let unmetOnly = query.get("unmet") == "1"

        let shown = current.plan.assignments.filter { a in
            a.location == locationID && (language == nil || a.language == language)
                && (person == nil || a.interpreter == person || a.officer == person)
                && (!unmetOnly || a.interpreterPreference == .unmet || a.officerPreference == .unmet)
        }
        // A cell lists the hearings starting in it in full, and those going on from the day part
        // before by their reference only: one link per hearing keeps a week of hundreds usable by keyboard.
        var starting: [SlotName: [[String: Any]]] = [:]
        var continuing: [SlotName: [[String: Any]]] = [:]
        for assignment in shown.sorted(by: { $0.hearing < $1.hearing }) {
            for (k, slot) in assignment.slots.enumerated() {
                if k == 0 {
                    starting[slot, default: []].append(entry(assignment, display))
                } else {
                    continuing[slot, default: []].append(["hearing": assignment.hearing, "href": Self.hearingPath(assignment.hearing)])
                }
            }
        }
        let calendar = WorkCalendar(roster.horizon)
        let parts = roster.horizon.slots
        let rows = calendar.workingDays.map { day -> [String: Any] in
            [
                "day": display.day(day),
                "sheet": "/schedule/day?location=\(Self.query(locationID))&date=\(day)",
                "cells": parts.map { part -> [String: Any] in
                    let name = SlotName(date: day, part: part)
                    let items = starting[name] ?? [], going = continuing[name] ?? []
                    return ["items": items, "continued": going, "isEmpty": items.isEmpty && going.isEmpty]
                },
            ]
        }
        let languages = Set(current.plan.assignments.filter { $0.location == locationID }.map(\.language)).sorted()
        let page: [String: Any] = [
            "locations": roster.locations.map { ["id": $0.id, "name": display.location($0.id), "selected": $0.id == locationID] },
            "languages": languages.map { ["code": $0, "name": display.language($0), "selected": $0 == language] },
            "person": person ?? "",
            "unmetOnly": unmetOnly,
            "parts": parts.map { ["name": display.catalogue.dayPart($0)] },
            "rows": rows,
            "location": display.location(locationID),
            "count": visit.catalogue.text("schedule.count", count: shown.count),
            "isFiltered": language != nil || person != nil || unmetOnly,
            "continuedText": visit.text("schedule.continued"),
        ]
        return render("schedule", title: visit.text("schedule.title"), page: page, visit: visit, section: .schedule)
    }

    /// One held hearing in a cell of the grid: its link, what it needs in one line, and its
    /// preferences in words.
    private func entry(_ a: Assignment, _ display: Display) -> [String: Any] {
        var preferences: [[String: Any]] = []
        for (role, state) in [(Role.interpreter, a.interpreterPreference), (Role.officer, a.officerPreference)] where state != .none {
            preferences.append([
                "text": display.text("schedule.preference", ["role": display.role(role), "state": display.preference(state)]),
                "isUnmet": state == .unmet,
            ])
        }
        return [
            "hearing": a.hearing, "href": Self.hearingPath(a.hearing),
            "summary": display.text("schedule.summary", [
                "language": display.language(a.language), "interpreter": a.interpreter,
                "mode": display.catalogue.mode(a.interpreterMode), "officer": a.officer,
            ]),
            "preferences": preferences,
        ]
    }

    /// A location's day on one sheet of paper: per day part, each hearing with its language,
    /// interpreter and officer. It leaves out preferences and priorities: a printed sheet lies on
    /// desks, and the people in the room need only who comes when.
    func daySheet(_ request: Request, _ visit: Visit) throws -> Response {
        let current = try requirePlan()
        let display = Display(visit.catalogue, roster: current.roster)
        let query = request.uri.queryParameters
        guard let locationID = query.get("location"),
              current.roster.locations.contains(where: { $0.id == locationID }),
              let day = query.get("date").flatMap(Day.init)
        else { throw ConsoleError.notFound }
        let hearings = Dictionary(current.roster.hearings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let held = current.plan.assignments.filter { $0.location == locationID && $0.date == day }
        let parts = current.roster.horizon.slots.map { part -> [String: Any] in
            let rows = held.filter { $0.slots.contains(SlotName(date: day, part: part)) }.sorted { $0.hearing < $1.hearing }.map { a in
                [
                    "hearing": a.hearing, "kind": display.kind(hearings[a.hearing]?.kind),
                    "language": display.language(a.language), "interpreter": a.interpreter,
                    "mode": display.catalogue.mode(a.interpreterMode), "officer": a.officer,
                    "note": a.slot == part ? "" : display.text("sheet.continued"),
                ] as [String: Any]
            }
            return ["part": display.catalogue.dayPart(part), "rows": rows, "isEmpty": rows.isEmpty]
        }
        let title = visit.text("sheet.title", ["location": display.location(locationID), "date": display.day(day)])
        let page: [String: Any] = [
            "heading": title, "parts": parts, "version": current.version,
            "back": "/schedule?location=\(Self.query(locationID))",
        ]
        return render("day-sheet", title: title, page: page, visit: visit, section: .schedule)
    }

    /// Every interpreter and officer with the number of hearings the plan gives them.
    func people(_ visit: Visit) throws -> Response {
        let current = try requirePlan()
        let display = Display(visit.catalogue, roster: current.roster)
        var count: [String: Int] = [:]
        for a in current.plan.assignments {
            count[a.interpreter, default: 0] += 1
            count[a.officer, default: 0] += 1
        }
        let interpreters = current.roster.interpreters.map { person -> [String: Any] in
            [
                "id": person.id, "href": Self.personPath(person.id), "hearings": count[person.id] ?? 0,
                "detail": person.languages.map { display.language($0.code) }.joined(separator: ", "),
            ]
        }
        let officers = current.roster.officers.map { person -> [String: Any] in
            ["id": person.id, "href": Self.personPath(person.id), "hearings": count[person.id] ?? 0, "detail": display.location(person.location)]
        }
        return render(
            "people", title: visit.text("people.title"), page: ["interpreters": interpreters, "officers": officers],
            visit: visit, section: .people)
    }

    /// One person's hearings in order, with their calendar file.
    func person(_ id: String, _ visit: Visit) throws -> Response {
        let current = try requirePlan()
        let roster = current.roster
        let display = Display(visit.catalogue, roster: roster)
        let interpreter = roster.interpreters.first { $0.id == id }
        let officer = roster.officers.first { $0.id == id }
        guard interpreter != nil || officer != nil else { throw ConsoleError.notFound }
        let isInterpreter = interpreter != nil
        let held = current.plan.assignments.filter { $0.interpreter == id || $0.officer == id }
            .sorted { ($0.slots.first ?? SlotName(date: $0.date, part: $0.slot)) < ($1.slots.first ?? SlotName(date: $1.date, part: $1.slot)) }
        let rows = held.map { a -> [String: Any] in
            [
                "when": display.slot(a.date, a.slot), "parts": a.slots.count,
                "hearing": a.hearing, "href": Self.hearingPath(a.hearing),
                "location": display.location(a.location), "language": display.language(a.language),
                "mode": display.catalogue.mode(a.interpreterMode),
                "other": isInterpreter ? a.officer : a.interpreter,
                "otherHref": Self.personPath(isInterpreter ? a.officer : a.interpreter),
            ]
        }
        var facts: [[String: String]] = [["label": display.text("person.role"), "value": display.role(isInterpreter ? .interpreter : .officer)]]
        if let interpreter {
            facts.append(["label": display.text("person.gender"), "value": display.gender(interpreter.gender.rawValue)])
            facts.append(["label": display.text("person.languages"), "value": interpreter.languages.map {
                display.language($0.code) + ($0.registered ? "" : " " + display.text("person.unregistered"))
            }.joined(separator: ", ")])
            facts.append(["label": display.text("person.onsite"), "value": interpreter.onsiteLocations.map(display.location).joined(separator: ", ")])
            facts.append(["label": display.text("person.remote"), "value": display.text(interpreter.remote ? "common.yes" : "common.no")])
        }
        if let officer {
            facts.append(["label": display.text("person.gender"), "value": display.gender(officer.gender.rawValue)])
            facts.append(["label": display.text("person.location"), "value": display.location(officer.location)])
            facts.append(["label": display.text("person.trainings"), "value": officer.trainings.joined(separator: ", ")])
        }
        let title = visit.text("person.title", ["id": id])
        let page: [String: Any] = [
            "id": id, "facts": facts, "rows": rows, "isEmpty": rows.isEmpty,
            "calendar": Self.personPath(id) + "/calendar.ics",
            "otherRole": display.role(isInterpreter ? .officer : .interpreter),
            "count": visit.catalogue.text("person.count", count: rows.count),
            "reportHref": "/changes/new?person=\(Self.query(id))#availability",
            "mayChange": visit.mayChange,
        ]
        return render("person", title: title, page: page, visit: visit, section: .people)
    }

    /// A value for a query string.
    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."])) ?? ""
    }
}
