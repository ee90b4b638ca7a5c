import Foundation
import PlannerModel

extension FulfilmentReport {
    /// The report as one self-contained HTML page: inline CSS and SVG, no scripts, no fonts or
    /// images from elsewhere, with the table behind every chart, for screen and paper.
    public func html() -> String {
        var page = HTMLReportPage(report: self)
        return HTML.page(title: "Fulfilment of preference requests", body: page.body())
    }
}

/// Builds the body of the HTML report, section by section.
struct HTMLReportPage {
    let report: FulfilmentReport
    private var chartCount = 0

    init(report: FulfilmentReport) { self.report = report }

    mutating func body() -> String {
        var out = "<header>\n<h1>Fulfilment of preference requests</h1>\n"
        out += "<p class=\"lead\">\(HTML.escape(ReportText.scopeSentence(report)))</p>\n"
        out += "<p class=\"lead\">How often applicants' requests for an interpreter or an interviewing officer of a particular sex "
            + "were honoured, for whom, and why not. No hearing is named, and a group with fewer than \(report.minCell) "
            + "preference requests shows no numbers.</p>\n</header>\n"
        out += overall()
        out += waiting()
        out += reasons()
        if report.periods.count > 1 { out += trend() }
        out += groups()
        if report.interpreterSupply != nil { out += supply() }
        out += workload()
        out += definitions()
        return out
    }

    // MARK: Sections

    mutating func overall() -> String {
        var out = "<section id=\"overall\">\n<h2>Requests met</h2>\n<div class=\"cards\">\n"
        for (key, title, cell) in [("interpreter", "Interpreter of the requested sex", report.overall.interpreter),
                                   ("officer", "Officer of the requested sex", report.overall.officer),
                                   ("both", "Both together", report.overall.both)] {
            out += "<div class=\"card \(key)\"><div class=\"role\">\(title)</div>"
            switch cell {
            case .suppressed:
                out += "<div class=\"big\">–</div><div class=\"small\">suppressed</div>"
            case let .shown(requested, met, rate, ci95):
                out += "<div class=\"big\">\(ReportNumber.percent(rate))</div><div class=\"small\">\(met) of \(requested) met; "
                    + "95% interval \(ReportNumber.percent(ci95.lowerBound))–\(ReportNumber.percent(ci95.upperBound))</div>"
            }
            out += "</div>\n"
        }
        out += "</div>\n"
        let chart = nextChart("Share of requests met, with 95% intervals")
        out += figure(chart, chart.rates(
            series: [SVGChart.interpreter, SVGChart.officer, SVGChart.both],
            rows: [SVGChart.RateRow(label: "All held hearings", cells: [report.overall.interpreter, report.overall.officer, report.overall.both])]))
        out += fulfilmentTable(caption: "Requests met, per role", firstColumn: "Role",
                               rows: [("Interpreter", [report.overall.interpreter]), ("Officer", [report.overall.officer]), ("Both", [report.overall.both])],
                               roles: [])
        return out + "</section>\n"
    }

    mutating func waiting() -> String {
        let entries = [("met", report.waiting.met), ("unmet", report.waiting.unmet), ("none", report.waiting.none)]
        var out = "<section id=\"waiting\">\n<h2>The price of a preference in waiting</h2>\n"
        out += "<p>Working days from a hearing's earliest date to the day it was held, for held hearings.</p>\n"
        if entries.allSatisfy({ $0.1.value == nil }) {
            out += "<p class=\"note\">Too few requests to show waiting times, so there is no chart.</p>\n"
        } else {
            let chart = nextChart("Working days waited: median and 90th percentile")
            let labels = ["met": "all met", "unmet": "one or more unmet", "none": "none asked"]
            out += figure(chart, chart.counts(
                series: [SVGChart.Series(name: "Median", color: "#0072b2"), SVGChart.Series(name: "90th percentile", color: "#56b4e9")],
                rows: entries.map { key, figures in
                    SVGChart.CountRow(label: labels[key] ?? key,
                                      values: [figures.value?.medianWaitDays, figures.value.map { Double($0.p90WaitDays) }])
                },
                unit: "working days"))
        }
        var rows = ""
        for (key, figures) in entries {
            rows += "<tr><th scope=\"row\">\(HTML.escape(ReportText.waitClass(key)))</th>"
            if let stats = figures.value {
                rows += num(stats.hearings) + num(ReportText.days(stats.medianWaitDays)) + num(stats.p90WaitDays)
            } else {
                rows += suppressedCell(colspan: 3)
            }
            rows += "</tr>\n"
        }
        out += table(caption: "Waiting per kind of held hearing",
                     head: "<tr><th scope=\"col\">Held hearings that</th><th scope=\"col\" class=\"num\">Hearings</th><th scope=\"col\" class=\"num\">Median</th><th scope=\"col\" class=\"num\">90th percentile</th></tr>",
                     rows: rows)
        return out + "</section>\n"
    }

    mutating func reasons() -> String {
        var out = "<section id=\"reasons\">\n<h2>Why not</h2>\n<h3>Preferences not met</h3>\n"
        let sides = [report.unmetByReason.interpreter, report.unmetByReason.officer, report.unmetByReason.both]
        let codes = ReportText.orderedReasons(sides.flatMap { $0.value.map { Array($0.byReason.keys) } ?? [] })
        if codes.isEmpty && sides.allSatisfy({ $0.value != nil }) {
            out += "<p>Every requested preference of a held hearing was met.</p>\n"
        } else if sides[0].value == nil && sides[1].value == nil {
            out += "<p class=\"note\">Too few requests to show reasons, so there is no chart.</p>\n"
        } else {
            let chart = nextChart("Unmet preferences by reason")
            out += figure(chart, chart.counts(
                series: [SVGChart.interpreter, SVGChart.officer],
                rows: codes.map { code in
                    SVGChart.CountRow(label: code, values: [sides[0], sides[1]].map { side in side.value.map { Double($0.byReason[code] ?? 0) } })
                },
                unit: "preferences"))
        }
        var rows = ""
        for code in codes {
            rows += "<tr><th scope=\"row\"><code>\(HTML.escape(code))</code><br><span class=\"note\">\(HTML.escape(ReportText.reason(code)))</span></th>"
            for side in sides { rows += side.value.map { num($0.byReason[code] ?? 0) } ?? suppressedCell(colspan: 1) }
            rows += "</tr>\n"
        }
        rows += "<tr><th scope=\"row\">All unmet preferences</th>"
        for side in sides { rows += side.value.map { num($0.unmet) } ?? suppressedCell(colspan: 1) }
        rows += "</tr>\n"
        out += table(caption: "Unmet preferences by reason and role",
                     head: "<tr><th scope=\"col\">Reason</th><th scope=\"col\" class=\"num\">Interpreter</th><th scope=\"col\" class=\"num\">Officer</th><th scope=\"col\" class=\"num\">Both</th></tr>",
                     rows: rows)

        if let forced = report.deadlineForced {
            out += "<h3>Heard because the deadline came</h3>\n"
            switch forced {
            case .suppressed:
                out += "<p>Deadline-forced hearings: <em>suppressed</em>.</p>\n"
            case .shown(let value):
                out += "<p><strong>\(value.hearings)</strong> of the \(value.heldWithUnmetPreference) held hearings with an unmet preference "
                    + "were <em>deadline-forced</em>: their acceptable wait ended in the horizon, so they were heard without the "
                    + "preferred person rather than wait longer.</p>\n"
            }
        }

        out += "<h3>Hearings not held</h3>\n"
        let unheldCodes = ReportText.orderedReasons(report.unheld.byReason.keys)
        if unheldCodes.isEmpty {
            out += "<p>Every hearing in the queue was held.</p>\n"
        } else {
            let chart = nextChart("Hearings not held, by reason")
            out += figure(chart, chart.counts(
                series: [SVGChart.Series(name: "Hearings not held", color: "#6e7781")],
                rows: unheldCodes.map { SVGChart.CountRow(label: $0, values: [Double(report.unheld.byReason[$0] ?? 0)]) },
                unit: "hearings"))
        }
        var unheldRows = ""
        for code in unheldCodes {
            unheldRows += "<tr><th scope=\"row\"><code>\(HTML.escape(code))</code><br><span class=\"note\">\(HTML.escape(ReportText.reason(code)))</span></th>"
                + num(report.unheld.byReason[code] ?? 0) + "</tr>\n"
        }
        unheldRows += "<tr><th scope=\"row\">All hearings not held</th>\(num(report.unheld.hearings))</tr>\n"
        unheldRows += "<tr><th scope=\"row\">of which the deadline was in the horizon</th>\(num(report.unheld.deadlineInHorizon))</tr>\n"
        out += table(caption: "Hearings not held", head: "<tr><th scope=\"col\">Reason</th><th scope=\"col\" class=\"num\">Hearings</th></tr>", rows: unheldRows)
        return out + "</section>\n"
    }

    mutating func trend() -> String {
        var out = "<section id=\"trend\">\n<h2>Trend over the weeks</h2>\n"
        let chart = nextChart("Share of requests met per plan, with 95% intervals")
        out += figure(chart, chart.trend(
            series: [SVGChart.interpreter, SVGChart.officer, SVGChart.both], labels: report.periods.map(\.label),
            cells: [report.periods.map(\.interpreter), report.periods.map(\.officer), report.periods.map(\.both)]))
        out += fulfilmentTable(caption: "Requests met per plan", firstColumn: "Period",
                               rows: report.periods.map { ($0.label, [$0.interpreter, $0.officer, $0.both]) },
                               roles: ["Interpreter", "Officer", "Both"],
                               extra: (["Held", "Not held"], report.periods.map { ["\($0.heldHearings)", "\($0.unheldHearings)"] }))
        return out + "</section>\n"
    }

    mutating func groups() -> String {
        var out = ""
        for dimension in report.scope.groupBy {
            let rows = report.groups.filter { $0.by == dimension }
            guard !rows.isEmpty else { continue }
            let name = dimension.title.lowercased()
            out += "<section id=\"by-\(dimension.rawValue)\">\n<h2>By \(HTML.escape(name))</h2>\n"
            if dimension == .role { out += "<p>The overall figures, one row per role.</p>\n" }
            let cells = rows.map { [$0.interpreter, $0.officer, $0.both] }
            if cells.allSatisfy({ $0.allSatisfy { $0 == nil || $0 == .suppressed } }) {
                out += "<p class=\"note\">Every group has too few requests to show a figure, so there is no chart.</p>\n"
            } else {
                let chart = nextChart("Share of requests met by \(name), with 95% intervals")
                out += figure(chart, chart.rates(
                    series: [SVGChart.interpreter, SVGChart.officer, SVGChart.both],
                    rows: zip(rows, cells).map { SVGChart.RateRow(label: FulfilmentReport.groupName($0), cells: $1) }))
            }
            out += fulfilmentTable(caption: "Requests met by \(name)", firstColumn: dimension.title,
                                   rows: zip(rows, cells).map { (FulfilmentReport.groupName($0), $1) },
                                   roles: ["Interpreter", "Officer", "Both"])
            out += "</section>\n"
        }
        return out
    }

    mutating func supply() -> String {
        let lines = report.interpreterSupply ?? []
        var out = "<section id=\"supply\">\n<h2>Interpreters asked for and available, per language</h2>\n"
        out += "<p>Requests count every hearing in the queue, held or not, and the day parts (half days) of hearing time they "
            + "take; <em>people</em> are the interpreters of that sex who speak the language, and <em>parts available</em> "
            + "the day parts in which they were available.</p>\n"
        for (sex, title) in [("female", "Female interpreters"), ("male", "Male interpreters")] {
            let chart = nextChart("\(title): day parts asked for and available, per language")
            out += figure(chart, chart.counts(
                series: [SVGChart.Series(name: "Asked for", color: "#cc79a7"), SVGChart.Series(name: "Available", color: "#999999")],
                rows: lines.map { line in
                    let side = sex == "female" ? line.female : line.male
                    return SVGChart.CountRow(label: line.language, values: [side.demand.value.map { Double($0.dayParts) }, Double(side.supply.dayParts)])
                },
                unit: "day parts"))
        }
        var rows = ""
        for line in lines {
            rows += "<tr><th scope=\"row\">\(HTML.escape(line.language))</th>"
            for side in [line.female, line.male] {
                if let demand = side.demand.value { rows += num(demand.requests) + num(demand.dayParts) } else { rows += suppressedCell(colspan: 2) }
                rows += num(side.supply.interpreters) + num(side.supply.dayParts)
            }
            rows += "</tr>\n"
        }
        out += table(caption: "Requests and availability per language",
                     head: "<tr><th scope=\"col\" rowspan=\"2\">Language</th><th scope=\"colgroup\" colspan=\"4\">Female interpreter</th><th scope=\"colgroup\" colspan=\"4\">Male interpreter</th></tr>\n"
                        + "<tr>" + String(repeating: "<th scope=\"col\" class=\"num\">Requests</th><th scope=\"col\" class=\"num\">Parts asked</th><th scope=\"col\" class=\"num\">People</th><th scope=\"col\" class=\"num\">Parts available</th>", count: 2) + "</tr>",
                     rows: rows)
        return out + "</section>\n"
    }

    mutating func workload() -> String {
        var out = "<section id=\"workload\">\n<h2>Workload: how evenly hearings were spread</h2>\n"
        var rows = ""
        for (title, spread) in [("Interpreters", report.workload.interpreter), ("Officers", report.workload.officer)] {
            rows += "<tr><th scope=\"row\">\(title)</th>" + num(spread.people) + num(spread.hearings)
                + num(spread.min.map(String.init) ?? "–") + num(spread.median.map(ReportText.days) ?? "–")
                + num(spread.max.map(String.init) ?? "–") + num(spread.gini.map { ReportNumber.text($0) } ?? "–") + "</tr>\n"
        }
        for (title, spread, color) in [("Interpreters", report.workload.interpreter, "#0072b2"), ("Officers", report.workload.officer, "#d55e00")] {
            let chart = nextChart("\(title): how many people had how many hearings")
            out += figure(chart, chart.columns(values: spread.peopleByHearings, color: color, xTitle: "hearings per person", yTitle: "people"))
            out += table(caption: "\(title) by number of hearings",
                         head: "<tr><th scope=\"col\">Hearings per person</th>" + spread.peopleByHearings.indices.map { "<th scope=\"col\" class=\"num\">\($0)</th>" }.joined() + "</tr>",
                         rows: "<tr><th scope=\"row\">People</th>" + spread.peopleByHearings.map { num($0) }.joined() + "</tr>\n")
        }
        out += table(caption: "Hearings per person",
                     head: "<tr><th scope=\"col\">Role</th><th scope=\"col\" class=\"num\">People</th><th scope=\"col\" class=\"num\">Hearings</th><th scope=\"col\" class=\"num\">Fewest</th><th scope=\"col\" class=\"num\">Median</th><th scope=\"col\" class=\"num\">Most</th><th scope=\"col\" class=\"num\">Gini</th></tr>",
                     rows: rows)
        return out + "</section>\n"
    }

    func definitions() -> String {
        var out = "<section id=\"definitions\">\n<h2>What the figures mean</h2>\n<dl>\n"
        let items = [
            ("Request", "A held hearing's request for an interpreter, or an officer, of a particular sex. Hearings not held are not counted here; they are under “Hearings not held”."),
            ("Rate and 95% interval", "Requests met divided by requests. The 95% Wilson interval is the range the underlying rate plausibly lies in, given how few requests a group may have."),
            ("Waiting", "Working days from a hearing's earliest date to the day it was held. The 90th percentile is the wait that 9 in 10 hearings did not exceed."),
            ("Deadline-forced", "A held hearing whose deadline fell on or before the end of its horizon (overdue hearings included) and which had at least one preference unmet."),
            ("Gini", "0 when every person had the same number of hearings, towards 1 when a few had them all. People available at least once count, also with 0 hearings."),
            ("Suppressed", "Fewer than \(report.minCell) requests, or withheld so that such a number cannot be worked out from the totals shown. "
                + "Withheld numbers are marked the same way, so that the mark itself tells nothing."),
        ]
        for (term, text) in items { out += "<dt>\(HTML.escape(term))</dt><dd>\(HTML.escape(text))</dd>\n" }
        out += "</dl>\n<p class=\"note\">The full definitions are in docs/reports.md of hearing-planner.</p>\n</section>\n"
        return out
    }

    // MARK: Building blocks

    mutating func nextChart(_ title: String) -> SVGChart {
        chartCount += 1
        return SVGChart(id: "chart-\(chartCount)", title: title)
    }

    func figure(_ chart: SVGChart, _ svg: String) -> String {
        "<figure>\n<figcaption>\(HTML.escape(chart.title))</figcaption>\n\(svg)</figure>\n"
    }

    func table(caption: String, head: String, rows: String) -> String {
        "<div class=\"scroll\"><table>\n<caption>\(HTML.escape(caption))</caption>\n<thead>\(head)</thead>\n<tbody>\n\(rows)</tbody>\n</table></div>\n"
    }

    /// A table of fulfilment cells: per role, met of requested, rate and interval.
    mutating func fulfilmentTable(caption: String, firstColumn: String, rows: [(String, [FulfilmentReport.Cell?])], roles: [String],
                                  extra: ([String], [[String]])? = nil) -> String {
        let subheads = "<th scope=\"col\" class=\"num\">Met</th><th scope=\"col\" class=\"num\">Rate</th><th scope=\"col\" class=\"num\">95% interval</th>"
        var head: String
        if roles.isEmpty {
            head = "<tr><th scope=\"col\">\(HTML.escape(firstColumn))</th>" + subheads + "</tr>"
        } else {
            head = "<tr><th scope=\"col\" rowspan=\"2\">\(HTML.escape(firstColumn))</th>"
            for title in extra?.0 ?? [] { head += "<th scope=\"col\" rowspan=\"2\" class=\"num\">\(HTML.escape(title))</th>" }
            for role in roles { head += "<th scope=\"colgroup\" colspan=\"3\" class=\"group\">\(HTML.escape(role))</th>" }
            head += "</tr>\n<tr>" + String(repeating: subheads, count: roles.count) + "</tr>"
        }
        var body = ""
        for (index, row) in rows.enumerated() {
            body += "<tr><th scope=\"row\">\(HTML.escape(row.0))</th>"
            for value in extra?.1[index] ?? [] { body += num(value) }
            for cell in row.1 {
                switch cell {
                case nil: body += "<td class=\"num\">–</td><td></td><td></td>"
                case .suppressed?: body += suppressedCell(colspan: 3)
                case let .shown(requested, met, rate, ci95)?:
                    body += num("\(met) of \(requested)") + num(ReportNumber.percent(rate))
                        + num("\(ReportNumber.percent(ci95.lowerBound))–\(ReportNumber.percent(ci95.upperBound))")
                }
            }
            body += "</tr>\n"
        }
        return table(caption: caption, head: head, rows: body)
    }

    func num(_ value: Int) -> String { "<td class=\"num\">\(value)</td>" }
    func num(_ value: String) -> String { "<td class=\"num\">\(HTML.escape(value))</td>" }

    func suppressedCell(colspan: Int) -> String {
        return "<td class=\"suppressed\"\(colspan > 1 ? " colspan=\"\(colspan)\"" : "")>suppressed</td>"
    }
}

extension FulfilmentReport {
    static func groupName(_ group: Group) -> String {
        guard let label = group.label else { return group.key }
        return "\(group.key) (\(label))"
    }
}
