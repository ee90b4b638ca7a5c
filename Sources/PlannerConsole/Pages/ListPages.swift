import Foundation
import Hummingbird
import PlannerModel

/// A column a list can be sorted by, and the order.
struct SortOrder: Equatable {
    var column: String
    var isAscending: Bool

    /// `?sort=latest&dir=desc`, or `fallback` when the query names no column of `columns`.
    init(_ request: Request, columns: [String], fallback: String) {
        let query = request.uri.queryParameters
        let asked = query.get("sort") ?? fallback
        column = columns.contains(asked) ? asked : fallback
        isAscending = query.get("dir") != "desc"
    }

    /// A sortable column's header: its link sorts by it (the other way when it already does).
    func header(_ column: String, label: String, path: String, extra: String, visit: Visit) -> [String: Any] {
        let isCurrent = column == self.column
        let ascending = isCurrent ? !isAscending : true
        return [
            "label": label,
            "href": "\(path)?sort=\(column)&dir=\(ascending ? "asc" : "desc")\(extra)",
            "aria": isCurrent ? (isAscending ? "ascending" : "descending") : "none",
            "hint": visit.text(ascending ? "list.sortAscending" : "list.sortDescending"),
        ]
    }
}

extension ConsoleCore {
    static let notHeldColumns = ["hearing", "language", "location", "latest", "reason"]
    static let notMetColumns = ["hearing", "role", "when", "priority", "reason"]

    /// Every hearing the plan does not hold, with the reason in words; sortable; CSV beside it.
    func notHeld(_ request: Request, _ visit: Visit) throws -> Response {
        let current = try requirePlan()
        let display = Display(visit.catalogue, roster: current.roster)
        let order = SortOrder(request, columns: Self.notHeldColumns, fallback: "latest")
        let rows = notHeldRows(current, display, order)
        let page: [String: Any] = [
            "columns": Self.notHeldColumns.map { order.header($0, label: visit.text("list.column.\($0)"), path: "/not-held", extra: "", visit: visit) },
            "rows": rows, "isEmpty": rows.isEmpty, "count": visit.catalogue.text("notHeld.count", count: rows.count),
        ]
        return render("not-held", title: visit.text("notHeld.title"), page: page, visit: visit, section: .notHeld)
    }

    func notHeldCSV(_ visit: Visit) throws -> Response {
        let current = try requirePlan()
        let display = Display(visit.catalogue, roster: current.roster)
        let rows = notHeldRows(current, display, SortOrder(column: "latest", isAscending: true))
        let header = ["hearing", "language", "location", "earliest", "latest", "deadline", "code", "reason"].map { visit.text("list.csv.\($0)") }
        let cells = rows.map { row in
            ["hearing", "languageCode", "locationID", "earliestISO", "latestISO", "deadlineText", "code", "sentence"].map { row[$0] as? String ?? "" }
        }
        return ConsoleAnswer.download(Array(CSVText.lines([header] + cells).utf8), contentType: "text/csv; charset=utf-8", name: "not-held-v\(current.version).csv")
    }

    private func notHeldRows(_ current: ConsolePlan, _ display: Display, _ order: SortOrder) -> [[String: Any]] {
        let hearings = Dictionary(current.roster.hearings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items = current.plan.unscheduled.compactMap { unheld in hearings[unheld.hearing].map { (unheld, $0) } }
        let sorted = items.sorted { a, b in
            let (x, y) = order.isAscending ? (a, b) : (b, a)
            switch order.column {
            case "hearing": return x.1.id < y.1.id
            case "language": return (display.language(x.1.language), x.1.id) < (display.language(y.1.language), y.1.id)
            case "location": return (display.location(x.1.location), x.1.id) < (display.location(y.1.location), y.1.id)
            case "reason": return (x.0.reason.code.rawValue, x.1.id) < (y.0.reason.code.rawValue, y.1.id)
            default: return (x.1.latest, x.1.id) < (y.1.latest, y.1.id)
            }
        }
        return sorted.map { unheld, hearing in
            [
                "hearing": hearing.id, "href": Self.hearingPath(hearing.id),
                "language": display.language(hearing.language), "languageCode": hearing.language,
                "location": display.location(hearing.location), "locationID": hearing.location,
                "earliest": display.day(hearing.earliest), "latest": display.day(hearing.latest),
                "earliestISO": hearing.earliest.description, "latestISO": hearing.latest.description,
                "deadline": unheld.deadlineInHorizon,
                "deadlineText": display.text(unheld.deadlineInHorizon ? "common.yes" : "common.no"),
                "code": unheld.reason.code.rawValue,
                "title": display.catalogue.reasonTitle(unheld.reason.code),
                "sentence": display.catalogue.reason(unheld.reason),
            ]
        }
    }

    /// Every requested preference a held hearing does not get, with the reason in words.
    func notMet(_ request: Request, _ visit: Visit) throws -> Response {
        let current = try requirePlan()
        let display = Display(visit.catalogue, roster: current.roster)
        let order = SortOrder(request, columns: Self.notMetColumns, fallback: "when")
        let highOnly = request.uri.queryParameters.get("priority") == "high"
        let extra = highOnly ? "&priority=high" : ""
        let rows = notMetRows(current, display, order, highOnly: highOnly)
        let page: [String: Any] = [
            "columns": Self.notMetColumns.map { order.header($0, label: visit.text("list.column.\($0)"), path: "/not-met", extra: extra, visit: visit) },
            "rows": rows, "isEmpty": rows.isEmpty, "count": visit.catalogue.text("notMet.count", count: rows.count),
            "highOnly": highOnly,
        ]
        return render("not-met", title: visit.text("notMet.title"), page: page, visit: visit, section: .notMet)
    }

    func notMetCSV(_ visit: Visit) throws -> Response {
        let current = try requirePlan()
        let display = Display(visit.catalogue, roster: current.roster)
        let rows = notMetRows(current, display, SortOrder(column: "when", isAscending: true), highOnly: false)
        let header = ["hearing", "role", "requested", "assigned", "priority", "date", "part", "location", "code", "reason"].map { visit.text("list.csv.\($0)") }
        let cells = rows.map { row in
            ["hearing", "role", "requested", "assigned", "priority", "dateISO", "part", "locationID", "code", "sentence"].map { row[$0] as? String ?? "" }
        }
        return ConsoleAnswer.download(Array(CSVText.lines([header] + cells).utf8), contentType: "text/csv; charset=utf-8", name: "not-met-v\(current.version).csv")
    }

    private func notMetRows(_ current: ConsolePlan, _ display: Display, _ order: SortOrder, highOnly: Bool) -> [[String: Any]] {
        let hearings = Dictionary(current.roster.hearings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let held = Dictionary(current.plan.assignments.map { ($0.hearing, $0) }, uniquingKeysWith: { a, _ in a })
        let items = current.plan.unmetPreferences.compactMap { unmet -> (UnmetPreference, Hearing, Assignment)? in
            guard let hearing = hearings[unmet.hearing], let assignment = held[unmet.hearing] else { return nil }
            return highOnly && hearing.priority != .high ? nil : (unmet, hearing, assignment)
        }
        func start(_ a: Assignment) -> SlotName { a.slots.first ?? SlotName(date: a.date, part: a.slot) }
        let sorted = items.sorted { a, b in
            let (x, y) = order.isAscending ? (a, b) : (b, a)
            switch order.column {
            case "hearing": return (x.1.id, x.0.role.rawValue) < (y.1.id, y.0.role.rawValue)
            case "role": return (x.0.role.rawValue, x.1.id) < (y.0.role.rawValue, y.1.id)
            case "priority": return (x.1.priority == .high ? 0 : 1, x.1.id) < (y.1.priority == .high ? 0 : 1, y.1.id)
            case "reason": return (x.0.reason.code.rawValue, x.1.id) < (y.0.reason.code.rawValue, y.1.id)
            default: return (start(x.2), x.1.id, x.0.role.rawValue) < (start(y.2), y.1.id, y.0.role.rawValue)
            }
        }
        return sorted.map { unmet, hearing, assignment in
            [
                "hearing": hearing.id, "href": Self.hearingPath(hearing.id),
                "role": display.role(unmet.role), "requested": display.gender(unmet.requested.rawValue),
                "assigned": display.gender(unmet.assigned.rawValue),
                "priority": display.text("priority.\(hearing.priority.rawValue)"), "isHigh": hearing.priority == .high,
                "when": display.slot(assignment.date, assignment.slot), "dateISO": assignment.date.description, "part": assignment.slot,
                "location": display.location(assignment.location), "locationID": assignment.location,
                "code": unmet.reason.code.rawValue,
                "title": display.catalogue.reasonTitle(unmet.reason.code),
                "sentence": display.catalogue.reason(unmet.reason, role: unmet.role),
            ]
        }
    }
}

extension SortOrder {
    init(column: String, isAscending: Bool) {
        self.column = column
        self.isAscending = isAscending
    }
}
