import Foundation
import Localization
import PlannerModel

extension FulfilmentReport {
    /// The report as one self-contained HTML page: inline CSS and SVG, no scripts, no fonts or
    /// images from elsewhere, with the table behind every chart, for screen and paper.
    public func html() -> String {
        var page = HTMLReportPage(report: self, words: .english)
        return HTML.page(title: page.words["title"], body: page.body())
    }

    /// The report's sections for a page that brings its own frame and style sheet (the console):
    /// no `<html>`, no inline style, in the catalogue's language, dates as people write them.
    public func htmlBody(catalogue: Catalogue) -> String {
        var page = HTMLReportPage(report: self, words: ReportWords(catalogue: catalogue))
        return page.body()
    }
}

/// Builds the body of the HTML report, section by section, in the words of one language.
struct HTMLReportPage {
    let report: FulfilmentReport
    let words: ReportWords
    private var chartCount = 0

    init(report: FulfilmentReport, words: ReportWords) {
        self.report = report
        self.words = words
    }

    mutating func body() -> String {
        var out = "<header>\n<h1>\(HTML.escape(words["title"]))</h1>\n"
        out += "<p class=\"lead\">\(HTML.escape(words.scopeSentence(report)))</p>\n"
        out += "<p class=\"lead\">\(words("lead", ["minCell": "\(report.minCell)"]))</p>\n</header>\n"
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

    private var roleSeries: [SVGChart.Series] { [SVGChart.interpreter(words), SVGChart.officer(words), SVGChart.both(words)] }
    private var roleTitles: [String] { [words["role.interpreter"], words["role.officer"], words["role.both"]] }

    // MARK: Sections

    mutating func overall() -> String {
        var out = "<section id=\"overall\">\n<h2>\(HTML.escape(words["overall.title"]))</h2>\n<div class=\"cards\">\n"
        for (key, cell) in [("interpreter", report.overall.interpreter), ("officer", report.overall.officer), ("both", report.overall.both)] {
            out += "<div class=\"card \(key)\"><div class=\"role\">\(HTML.escape(words["overall.card.\(key)"]))</div>"
            switch cell {
            case .suppressed:
                out += "<div class=\"big\">–</div><div class=\"small\">\(HTML.escape(words["suppressed"]))</div>"
            case let .shown(requested, met, rate, ci95):
                out += "<div class=\"big\">\(words.percent(rate))</div><div class=\"small\">"
                    + HTML.escape(words("overall.cardDetail", [
                        "met": "\(met)", "requested": "\(requested)", "low": words.percent(ci95.lowerBound), "high": words.percent(ci95.upperBound),
                    ])) + "</div>"
            }
            out += "</div>\n"
        }
        out += "</div>\n"
        let chart = nextChart(words["overall.chart"])
        out += figure(chart, chart.rates(
            series: roleSeries,
            rows: [SVGChart.RateRow(label: words["overall.allHeld"], cells: [report.overall.interpreter, report.overall.officer, report.overall.both])]))
        out += fulfilmentTable(caption: words["overall.caption"], firstColumn: words["column.role"],
                               rows: [(roleTitles[0], [report.overall.interpreter]), (roleTitles[1], [report.overall.officer]), (roleTitles[2], [report.overall.both])],
                               roles: [])
        return out + "</section>\n"
    }

    mutating func waiting() -> String {
        let entries = [("met", report.waiting.met), ("unmet", report.waiting.unmet), ("none", report.waiting.none)]
        var out = "<section id=\"waiting\">\n<h2>\(HTML.escape(words["waiting.title"]))</h2>\n"
        out += "<p>\(words["waiting.lead"])</p>\n"
        if entries.allSatisfy({ $0.1.value == nil }) {
            out += "<p class=\"note\">\(HTML.escape(words["waiting.tooFew"]))</p>\n"
        } else {
            let chart = nextChart(words["waiting.chart"])
            out += figure(chart, chart.counts(
                series: [SVGChart.Series(name: words["waiting.median"], color: "#0072b2"), SVGChart.Series(name: words["waiting.p90"], color: "#56b4e9")],
                rows: entries.map { key, figures in
                    SVGChart.CountRow(label: words["waiting.short.\(key)"],
                                      values: [figures.value?.medianWaitDays, figures.value.map { Double($0.p90WaitDays) }])
                },
                unit: words["unit.workingDays"]))
        }
        var rows = ""
        for (key, figures) in entries {
            rows += "<tr><th scope=\"row\">\(HTML.escape(words.waitClass(key)))</th>"
            if let stats = figures.value {
                rows += num(stats.hearings) + num(words.number(stats.medianWaitDays)) + num(stats.p90WaitDays)
            } else {
                rows += suppressedCell(colspan: 3)
            }
            rows += "</tr>\n"
        }
        out += table(caption: words["waiting.caption"],
                     head: "<tr>" + th(words["waiting.column.kind"]) + th(words["column.hearings"], num: true) + th(words["waiting.median"], num: true)
                        + th(words["waiting.column.p90"], num: true) + "</tr>",
                     rows: rows)
        return out + "</section>\n"
    }

    mutating func reasons() -> String {
        var out = "<section id=\"reasons\">\n<h2>\(HTML.escape(words["reasons.title"]))</h2>\n<h3>\(HTML.escape(words["reasons.unmet"]))</h3>\n"
        let sides = [report.unmetByReason.interpreter, report.unmetByReason.officer, report.unmetByReason.both]
        let codes = ReportText.orderedReasons(sides.flatMap { $0.value.map { Array($0.byReason.keys) } ?? [] })
        if codes.isEmpty && sides.allSatisfy({ $0.value != nil }) {
            out += "<p>\(HTML.escape(words["reasons.allMet"]))</p>\n"
        } else if sides[0].value == nil && sides[1].value == nil {
            out += "<p class=\"note\">\(HTML.escape(words["reasons.tooFew"]))</p>\n"
        } else {
            let chart = nextChart(words["reasons.chart"])
            out += figure(chart, chart.counts(
                series: [SVGChart.interpreter(words), SVGChart.officer(words)],
                rows: codes.map { code in
                    SVGChart.CountRow(label: code, values: [sides[0], sides[1]].map { side in side.value.map { Double($0.byReason[code] ?? 0) } })
                },
                unit: words["unit.preferences"]))
        }
        var rows = ""
        for code in codes {
            rows += "<tr><th scope=\"row\"><code>\(HTML.escape(code))</code><br><span class=\"note\">\(HTML.escape(words.reason(code)))</span></th>"
            for side in sides { rows += side.value.map { num($0.byReason[code] ?? 0) } ?? suppressedCell(colspan: 1) }
            rows += "</tr>\n"
        }
        rows += "<tr><th scope=\"row\">\(HTML.escape(words["reasons.allUnmet"]))</th>"
        for side in sides { rows += side.value.map { num($0.unmet) } ?? suppressedCell(colspan: 1) }
        rows += "</tr>\n"
        out += table(caption: words["reasons.caption"],
                     head: "<tr>" + th(words["column.reason"]) + roleTitles.map { th($0, num: true) }.joined() + "</tr>",
                     rows: rows)

        if let forced = report.deadlineForced {
            out += "<h3>\(HTML.escape(words["forced.title"]))</h3>\n"
            switch forced {
            case .suppressed:
                out += "<p>\(HTML.escape(words["forced.label"])): <em>\(HTML.escape(words["suppressed"]))</em>.</p>\n"
            case .shown(let value):
                out += "<p>" + words("forced.sentence", [
                    "hearings": "<strong>\(value.hearings)</strong>", "held": "\(value.heldWithUnmetPreference)",
                    "forced": "<em>\(HTML.escape(words["forced.term"]))</em>",
                ]) + "</p>\n"
            }
        }

        out += "<h3>\(HTML.escape(words["unheld.title"]))</h3>\n"
        let unheldCodes = ReportText.orderedReasons(report.unheld.byReason.keys)
        if unheldCodes.isEmpty {
            out += "<p>\(HTML.escape(words["unheld.allHeld"]))</p>\n"
        } else {
            let chart = nextChart(words["unheld.chart"])
            out += figure(chart, chart.counts(
                series: [SVGChart.Series(name: words["unheld.title"], color: "#6e7781")],
                rows: unheldCodes.map { SVGChart.CountRow(label: $0, values: [Double(report.unheld.byReason[$0] ?? 0)]) },
                unit: words["unit.hearings"]))
        }
        var unheldRows = ""
        for code in unheldCodes {
            unheldRows += "<tr><th scope=\"row\"><code>\(HTML.escape(code))</code><br><span class=\"note\">\(HTML.escape(words.reason(code)))</span></th>"
                + num(report.unheld.byReason[code] ?? 0) + "</tr>\n"
        }
        unheldRows += "<tr><th scope=\"row\">\(HTML.escape(words["unheld.all"]))</th>\(num(report.unheld.hearings))</tr>\n"
        unheldRows += "<tr><th scope=\"row\">\(HTML.escape(words["unheld.deadline"]))</th>\(num(report.unheld.deadlineInHorizon))</tr>\n"
        out += table(caption: words["unheld.title"], head: "<tr>" + th(words["column.reason"]) + th(words["column.hearings"], num: true) + "</tr>", rows: unheldRows)
        return out + "</section>\n"
    }

    mutating func trend() -> String {
        var out = "<section id=\"trend\">\n<h2>\(HTML.escape(words["trend.title"]))</h2>\n"
        let chart = nextChart(words["trend.chart"])
        out += figure(chart, chart.trend(
            series: roleSeries, labels: report.periods.map(\.label),
            cells: [report.periods.map(\.interpreter), report.periods.map(\.officer), report.periods.map(\.both)]))
        out += fulfilmentTable(caption: words["trend.caption"], firstColumn: words["column.period"],
                               rows: report.periods.map { ($0.label, [$0.interpreter, $0.officer, $0.both]) },
                               roles: roleTitles,
                               extra: ([words["column.held"], words["column.notHeld"]], report.periods.map { ["\($0.heldHearings)", "\($0.unheldHearings)"] }))
        return out + "</section>\n"
    }

    mutating func groups() -> String {
        var out = ""
        for dimension in report.scope.groupBy {
            let rows = report.groups.filter { $0.by == dimension }
            guard !rows.isEmpty else { continue }
            let name = words["dimension.inSentence.\(dimension.rawValue)"]
            out += "<section id=\"by-\(dimension.rawValue)\">\n<h2>\(HTML.escape(words("groups.title", ["name": name])))</h2>\n"
            if dimension == .role { out += "<p>\(HTML.escape(words["groups.roleNote"]))</p>\n" }
            let cells = rows.map { [$0.interpreter, $0.officer, $0.both] }
            if cells.allSatisfy({ $0.allSatisfy { $0 == nil || $0 == .suppressed } }) {
                out += "<p class=\"note\">\(HTML.escape(words["groups.tooFew"]))</p>\n"
            } else {
                let chart = nextChart(words("groups.chart", ["name": name]))
                out += figure(chart, chart.rates(
                    series: roleSeries,
                    rows: zip(rows, cells).map { SVGChart.RateRow(label: FulfilmentReport.groupName($0), cells: $1) }))
            }
            out += fulfilmentTable(caption: words("groups.caption", ["name": name]), firstColumn: words.dimension(dimension),
                                   rows: zip(rows, cells).map { (FulfilmentReport.groupName($0), $1) },
                                   roles: roleTitles)
            out += "</section>\n"
        }
        return out
    }

    mutating func supply() -> String {
        let lines = report.interpreterSupply ?? []
        var out = "<section id=\"supply\">\n<h2>\(HTML.escape(words["supply.title"]))</h2>\n"
        out += "<p>" + words("supply.lead", [
            "people": "<em>\(HTML.escape(words["supply.people"]))</em>", "available": "<em>\(HTML.escape(words["supply.available"]))</em>",
        ]) + "</p>\n"
        for sex in ["female", "male"] {
            let chart = nextChart(words("supply.chart", ["title": words["supply.\(sex)Interpreters"]]))
            out += figure(chart, chart.counts(
                series: [SVGChart.Series(name: words["supply.askedFor"], color: "#cc79a7"), SVGChart.Series(name: words["supply.availableSeries"], color: "#999999")],
                rows: lines.map { line in
                    let side = sex == "female" ? line.female : line.male
                    return SVGChart.CountRow(label: line.language, values: [side.demand.value.map { Double($0.dayParts) }, Double(side.supply.dayParts)])
                },
                unit: words["unit.dayParts"]))
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
        let subheads = th(words["supply.column.requests"], num: true) + th(words["supply.column.partsAsked"], num: true)
            + th(words["supply.column.people"], num: true) + th(words["supply.column.partsAvailable"], num: true)
        out += table(caption: words["supply.caption"],
                     head: "<tr><th scope=\"col\" rowspan=\"2\">\(HTML.escape(words["column.language"]))</th>"
                        + "<th scope=\"colgroup\" colspan=\"4\">\(HTML.escape(words["supply.femaleInterpreter"]))</th>"
                        + "<th scope=\"colgroup\" colspan=\"4\">\(HTML.escape(words["supply.maleInterpreter"]))</th></tr>\n"
                        + "<tr>" + String(repeating: subheads, count: 2) + "</tr>",
                     rows: rows)
        return out + "</section>\n"
    }

    mutating func workload() -> String {
        var out = "<section id=\"workload\">\n<h2>\(HTML.escape(words["workload.title"]))</h2>\n"
        var rows = ""
        let sides = [("interpreters", report.workload.interpreter, "#0072b2"), ("officers", report.workload.officer, "#d55e00")]
        for (key, spread, _) in sides {
            rows += "<tr><th scope=\"row\">\(HTML.escape(words["workload.\(key)"]))</th>" + num(spread.people) + num(spread.hearings)
                + num(spread.min.map(String.init) ?? "–") + num(spread.median.map(words.number) ?? "–")
                + num(spread.max.map(String.init) ?? "–") + num(spread.gini.map(words.number) ?? "–") + "</tr>\n"
        }
        for (key, spread, color) in sides {
            let title = words["workload.\(key)"]
            let chart = nextChart(words("workload.chart", ["title": title]))
            out += figure(chart, chart.columns(values: spread.peopleByHearings, color: color, xTitle: words["workload.xTitle"], yTitle: words["workload.yTitle"]))
            out += table(caption: words("workload.byNumber", ["title": title]),
                         head: "<tr>" + th(words["workload.perPerson"]) + spread.peopleByHearings.indices.map { th("\($0)", num: true) }.joined() + "</tr>",
                         rows: "<tr><th scope=\"row\">\(HTML.escape(words["workload.people"]))</th>" + spread.peopleByHearings.map { num($0) }.joined() + "</tr>\n")
        }
        out += table(caption: words["workload.caption"],
                     head: "<tr>" + th(words["column.role"]) + th(words["workload.people"], num: true) + th(words["column.hearings"], num: true)
                        + th(words["workload.fewest"], num: true) + th(words["workload.median"], num: true) + th(words["workload.most"], num: true)
                        + th(words["workload.gini"], num: true) + "</tr>",
                     rows: rows)
        return out + "</section>\n"
    }

    func definitions() -> String {
        var out = "<section id=\"definitions\">\n<h2>\(HTML.escape(words["definitions.title"]))</h2>\n<dl>\n"
        for key in ["request", "rate", "waiting", "forced", "gini", "suppressed"] {
            let text = words("definitions.\(key).text", ["minCell": "\(report.minCell)"])
            out += "<dt>\(HTML.escape(words["definitions.\(key).term"]))</dt><dd>\(HTML.escape(text))</dd>\n"
        }
        out += "</dl>\n<p class=\"note\">\(HTML.escape(words["definitions.more"]))</p>\n</section>\n"
        return out
    }

    // MARK: Building blocks

    mutating func nextChart(_ title: String) -> SVGChart {
        chartCount += 1
        return SVGChart(id: "chart-\(chartCount)", title: title, words: words)
    }

    func figure(_ chart: SVGChart, _ svg: String) -> String {
        "<figure>\n<figcaption>\(HTML.escape(chart.title))</figcaption>\n\(svg)</figure>\n"
    }

    func table(caption: String, head: String, rows: String) -> String {
        "<div class=\"scroll\"><table>\n<caption>\(HTML.escape(caption))</caption>\n<thead>\(head)</thead>\n<tbody>\n\(rows)</tbody>\n</table></div>\n"
    }

    func th(_ text: String, num: Bool = false) -> String {
        "<th scope=\"col\"\(num ? " class=\"num\"" : "")>\(HTML.escape(text))</th>"
    }

    /// A table of fulfilment cells: per role, met of requested, rate and interval.
    mutating func fulfilmentTable(caption: String, firstColumn: String, rows: [(String, [FulfilmentReport.Cell?])], roles: [String],
                                  extra: ([String], [[String]])? = nil) -> String {
        let subheads = th(words["column.met"], num: true) + th(words["column.rate"], num: true) + th(words["column.interval"], num: true)
        var head: String
        if roles.isEmpty {
            head = "<tr>" + th(firstColumn) + subheads + "</tr>"
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
                    body += num(words("metOf", ["met": "\(met)", "requested": "\(requested)"])) + num(words.percent(rate))
                        + num("\(words.percent(ci95.lowerBound))–\(words.percent(ci95.upperBound))")
                }
            }
            body += "</tr>\n"
        }
        return table(caption: caption, head: head, rows: body)
    }

    func num(_ value: Int) -> String { "<td class=\"num\">\(value)</td>" }
    func num(_ value: String) -> String { "<td class=\"num\">\(HTML.escape(value))</td>" }

    func suppressedCell(colspan: Int) -> String {
        "<td class=\"suppressed\"\(colspan > 1 ? " colspan=\"\(colspan)\"" : "")>\(HTML.escape(words["suppressed"]))</td>"
    }
}

extension FulfilmentReport {
    static func groupName(_ group: Group) -> String {
        guard let label = group.label else { return group.key }
        return "\(group.key) (\(label))"
    }
}
