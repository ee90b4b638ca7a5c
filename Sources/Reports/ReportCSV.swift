import Foundation
import PlannerModel

extension FulfilmentReport {
    /// The report as CSV: one number a row (`section,by,key,subject,measure,value`), the same
    /// numbers as the JSON. A suppressed figure is one row with measure `suppressed` and no number.
    public func csv() -> String {
        var rows: [[String]] = [["section", "by", "key", "subject", "measure", "value"]]
        func add(_ section: String, _ by: String, _ key: String, _ subject: String, _ measure: String, _ value: String) {
            rows.append([section, by, key, subject, measure, value])
        }
        func number(_ value: Int) -> String { String(value) }
        func number(_ value: Double) -> String { ReportNumber.text(ReportNumber.fraction(value)) }
        func cell(_ section: String, _ by: String, _ key: String, _ subject: String, _ cell: Cell?) {
            switch cell {
            case nil: break
            case .suppressed?: add(section, by, key, subject, "suppressed", "true")
            case let .shown(requested, met, rate, ci95)?:
                add(section, by, key, subject, "requested", number(requested))
                add(section, by, key, subject, "met", number(met))
                add(section, by, key, subject, "rate", number(rate))
                add(section, by, key, subject, "ci95Low", number(ci95.lowerBound))
                add(section, by, key, subject, "ci95High", number(ci95.upperBound))
            }
        }

        add("scope", "", "", "", "minCell", number(minCell))
        add("scope", "", "", "", "plans", number(scope.plans))
        add("scope", "", "", "", "withRoster", scope.withRoster ? "true" : "false")
        if let start = scope.start { add("scope", "", "", "", "start", start.description) }
        if let end = scope.end { add("scope", "", "", "", "end", end.description) }
        add("scope", "", "", "", "heldHearings", number(scope.heldHearings))
        add("scope", "", "", "", "unheldHearings", number(scope.unheldHearings))
        for status in scope.planStatus.keys.sorted() { add("scope", "planStatus", status, "", "plans", number(scope.planStatus[status]!)) }

        cell("fulfilment", "overall", "", "interpreter", overall.interpreter)
        cell("fulfilment", "overall", "", "officer", overall.officer)
        cell("fulfilment", "overall", "", "both", overall.both)
        for group in groups {
            cell("fulfilment", group.by.rawValue, group.key, "interpreter", group.interpreter)
            cell("fulfilment", group.by.rawValue, group.key, "officer", group.officer)
            cell("fulfilment", group.by.rawValue, group.key, "both", group.both)
        }
        for period in periods {
            add("period", "period", period.label, "", "heldHearings", number(period.heldHearings))
            add("period", "period", period.label, "", "unheldHearings", number(period.unheldHearings))
            cell("period", "period", period.label, "interpreter", period.interpreter)
            cell("period", "period", period.label, "officer", period.officer)
            cell("period", "period", period.label, "both", period.both)
        }

        for (key, figures) in [("met", waiting.met), ("unmet", waiting.unmet), ("none", waiting.none)] {
            switch figures {
            case .suppressed: add("waiting", "preference", key, "", "suppressed", "true")
            case .shown(let stats):
                add("waiting", "preference", key, "", "hearings", number(stats.hearings))
                add("waiting", "preference", key, "", "medianWaitDays", ReportNumber.text(stats.medianWaitDays))
                add("waiting", "preference", key, "", "p90WaitDays", number(stats.p90WaitDays))
            }
        }

        for (subject, breakdown) in [("interpreter", unmetByReason.interpreter), ("officer", unmetByReason.officer), ("both", unmetByReason.both)] {
            switch breakdown {
            case .suppressed: add("unmetByReason", "", "", subject, "suppressed", "true")
            case .shown(let value):
                add("unmetByReason", "", "", subject, "unmet", number(value.unmet))
                for code in value.byReason.keys.sorted() { add("unmetByReason", "reason", code, subject, "preferences", number(value.byReason[code]!)) }
            }
        }

        add("unheld", "", "", "", "hearings", number(unheld.hearings))
        add("unheld", "", "", "", "deadlineInHorizon", number(unheld.deadlineInHorizon))
        for code in unheld.byReason.keys.sorted() { add("unheld", "reason", code, "", "hearings", number(unheld.byReason[code]!)) }

        switch deadlineForced {
        case nil: break
        case .suppressed?: add("deadlineForced", "", "", "", "suppressed", "true")
        case .shown(let value)?:
            add("deadlineForced", "", "", "", "hearings", number(value.hearings))
            add("deadlineForced", "", "", "", "heldWithUnmetPreference", number(value.heldWithUnmetPreference))
        }

        for line in interpreterSupply ?? [] {
            for (sex, side) in [("female", line.female), ("male", line.male)] {
                switch side.demand {
                case .suppressed: add("interpreterSupply", "language", line.language, sex, "suppressed", "true")
                case .shown(let demand):
                    add("interpreterSupply", "language", line.language, sex, "requests", number(demand.requests))
                    add("interpreterSupply", "language", line.language, sex, "requestedDayParts", number(demand.dayParts))
                }
                add("interpreterSupply", "language", line.language, sex, "interpreters", number(side.supply.interpreters))
                add("interpreterSupply", "language", line.language, sex, "availableDayParts", number(side.supply.dayParts))
            }
        }

        for (role, spread) in [("interpreter", workload.interpreter), ("officer", workload.officer)] {
            add("workload", "role", role, "", "people", number(spread.people))
            add("workload", "role", role, "", "hearings", number(spread.hearings))
            if let value = spread.min { add("workload", "role", role, "", "min", number(value)) }
            if let value = spread.median { add("workload", "role", role, "", "median", ReportNumber.text(value)) }
            if let value = spread.max { add("workload", "role", role, "", "max", number(value)) }
            if let value = spread.gini { add("workload", "role", role, "", "gini", number(value)) }
            for (count, people) in spread.peopleByHearings.enumerated() {
                add("workload", "hearingsPerPerson", String(count), role, "people", number(people))
            }
        }
        return rows.map { $0.map(CSVText.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

/// RFC 4180 fields, with text that a spreadsheet would run as a formula made harmless.
enum CSVText {
    static func field(_ text: String) -> String {
        var value = text
        // A free-text key such as a kind of hearing must not become a spreadsheet formula.
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
