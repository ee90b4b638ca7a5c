import Foundation
import PlannerModel

extension FulfilmentReport {
    /// The report as Markdown: the same tables as the HTML, without the charts.
    public func markdown() -> String {
        var out: [String] = []
        var notes = false
        func table(_ header: [String], _ rows: [[String]]) {
            out.append("| " + header.map(escape).joined(separator: " | ") + " |")
            out.append("|" + header.indices.map { $0 == 0 ? " --- |" : " ---: |" }.joined())
            for row in rows { out.append("| " + row.map(escape).joined(separator: " | ") + " |") }
            if rows.contains(where: { $0.contains(ReportText.suppressed) }) { notes = true }
            out.append("")
        }
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
                .replacingOccurrences(of: "\n", with: " ")
        }

        out.append("# Fulfilment of preference requests")
        out.append("")
        out.append(ReportText.scopeSentence(self))
        out.append("Groups with fewer than \(minCell) preference requests show no numbers.")
        out.append("")

        out.append("## Requests met")
        out.append("")
        table(["Role", "Requested", "Met", "Rate", "95% interval"],
              [("Interpreter", overall.interpreter), ("Officer", overall.officer), ("Both", overall.both)].map { title, cell in
                  [title] + Self.columns(cell)
              })

        out.append("## Waiting, in working days from the earliest date to the hearing")
        out.append("")
        table(["Held hearings that", "Hearings", "Median", "90th percentile"],
              [("met", waiting.met), ("unmet", waiting.unmet), ("none", waiting.none)].map { key, figures in
                  let label = ReportText.waitClass(key)
                  guard let stats = figures.value else { return [label, ReportText.suppressed, "", ""] }
                  return [label, "\(stats.hearings)", ReportText.days(stats.medianWaitDays), "\(stats.p90WaitDays)"]
              })

        out.append("## Why preferences were not met")
        out.append("")
        let reasonSides = [unmetByReason.interpreter, unmetByReason.officer, unmetByReason.both]
        let codes = ReportText.orderedReasons(reasonSides.flatMap { $0.value?.byReason.keys.map { $0 } ?? [] })
        table(["Reason", "Interpreter", "Officer", "Both"],
              codes.map { code in
                  ["\(code): \(ReportText.reason(code))"] + reasonSides.map { side in
                      side.value.map { "\($0.byReason[code] ?? 0)" } ?? ReportText.suppressed
                  }
              } + [["All unmet preferences"] + reasonSides.map { $0.value.map { "\($0.unmet)" } ?? ReportText.suppressed }])

        if let deadlineForced {
            out.append("## Heard because the deadline came")
            out.append("")
            switch deadlineForced {
            case .suppressed: out.append("Deadline-forced hearings: \(ReportText.suppressed).")
            case .shown(let value):
                out.append("\(value.hearings) of the \(value.heldWithUnmetPreference) held hearings with an unmet preference were "
                    + "deadline-forced: their deadline fell in the horizon, so they were heard without the preferred person rather than wait.")
            }
            out.append("")
        }

        out.append("## Hearings not held")
        out.append("")
        table(["Reason", "Hearings"],
              ReportText.orderedReasons(unheld.byReason.keys).map { ["\($0): \(ReportText.reason($0))", "\(unheld.byReason[$0]!)"] }
                + [["All hearings not held", "\(unheld.hearings)"], ["of which the deadline was in the horizon", "\(unheld.deadlineInHorizon)"]])

        if periods.count > 1 {
            out.append("## Trend over the plans")
            out.append("")
            table(["Period", "Held", "Not held", "Interpreter", "Officer", "Both"],
                  periods.map { [$0.label, "\($0.heldHearings)", "\($0.unheldHearings)", ReportText.cell($0.interpreter),
                                 ReportText.cell($0.officer), ReportText.cell($0.both)] })
        }

        for dimension in scope.groupBy {
            let rows = groups.filter { $0.by == dimension }
            guard !rows.isEmpty else { continue }
            out.append("## By \(dimension.title.lowercased())")
            out.append("")
            table([dimension.title, "Interpreter", "Officer", "Both"],
                  rows.map { group in
                      [Self.groupName(group), ReportText.cell(group.interpreter), ReportText.cell(group.officer), ReportText.cell(group.both)]
                  })
        }

        if let interpreterSupply {
            out.append("## Interpreters asked for and available, per language")
            out.append("")
            out.append("Requests count every hearing in the queue (held or not); day parts are half days.")
            out.append("")
            table(["Language", "Asked female (day parts)", "Female interpreters (day parts)", "Asked male (day parts)", "Male interpreters (day parts)"],
                  interpreterSupply.map { line in
                      [line.language] + [line.female, line.male].flatMap { side in
                          [side.demand.value.map { "\($0.requests) (\($0.dayParts))" } ?? ReportText.suppressed,
                           "\(side.supply.interpreters) (\(side.supply.dayParts))"]
                      }
                  })
        }

        out.append("## Workload: hearings per person")
        out.append("")
        table(["Role", "People", "Hearings", "Fewest", "Median", "Most", "Gini"],
              [Self.spreadRow("Interpreters", workload.interpreter), Self.spreadRow("Officers", workload.officer)])

        if notes {
            out.append("_" + ReportText.suppressionNote(minCell) + "_")
            out.append("")
        }
        out.append("Definitions: docs/reports.md. Rates are met / requested; the interval is the 95% Wilson interval. "
            + "Only held hearings count as requests.")
        out.append("")
        out.append("_\(BuildInfo.program)_")
        return out.joined(separator: "\n") + "\n"
    }

    static func spreadRow(_ title: String, _ spread: Spread) -> [String] {
        let fewest: String = spread.min.map { String($0) } ?? "–"
        let median: String = spread.median.map { ReportText.days($0) } ?? "–"
        let most: String = spread.max.map { String($0) } ?? "–"
        let gini: String = spread.gini.map { ReportNumber.text($0) } ?? "–"
        return [title, String(spread.people), String(spread.hearings), fewest, median, most, gini]
    }

    /// Requested, met, rate and interval as four columns, or the marker and blanks.
    static func columns(_ cell: Cell) -> [String] {
        switch cell {
        case .suppressed: [ReportText.suppressed, "", "", ""]
        case let .shown(requested, met, rate, ci95):
            ["\(requested)", "\(met)", ReportNumber.percent(rate),
             "\(ReportNumber.percent(ci95.lowerBound))–\(ReportNumber.percent(ci95.upperBound))"]
        }
    }
}
