import Foundation
import Localization
import PlannerModel

extension TradeoffReport {
    /// One self-contained page: the curve of fulfilment against waiting, then the table.
    public func html() -> String {
        let words = ReportWords.english
        return HTML.page(title: words["tradeoff.pageTitle"], body: "<h1>\(words["tradeoff.title"])</h1>\n" + body(words))
    }

    /// The report's sections for a page that brings its own frame, heading and style sheet (the
    /// console), in the catalogue's language.
    public func htmlBody(catalogue: Catalogue) -> String {
        body(ReportWords(catalogue: catalogue))
    }

    func body(_ words: ReportWords) -> String {
        var body = "<p class=\"lead\">" + words("tradeoff.lead", ["hearings": "\(hearings)", "start": words.date(start), "end": words.date(end)]) + "</p>\n"
        if let current = runs.first(where: \.isCurrentPolicy) {
            body += "<p>" + words("tradeoff.current", [
                "penalty": words.number(current.standardPenalty), "high": words.number(current.highPenalty),
                "met": percent(current.both.rate, words), "median": days(current.medianWaitDays, words),
                "p90": current.p90WaitDays.map { "\($0)" } ?? "–",
            ]) + "</p>\n"
        }
        let chart = SVGChart(id: "tradeoff-curve", title: words["tradeoff.chart"], words: words)
        body += "<figure><figcaption>\(words["tradeoff.figure"])</figcaption>\n"
        body += chart.tradeoffCurve(runs: self)
        body += "</figure>\n<p class=\"note\">\(words["tradeoff.curveNote"])</p>\n"
        body += table(words)
        body += "<h2>\(words["tradeoff.howToRead"])</h2>\n<dl>\n"
        for key in ["met", "wait", "deferred", "status"] {
            body += "<dt>\(words["tradeoff.read.\(key).term"])</dt><dd>\(words["tradeoff.read.\(key).text"])</dd>\n"
        }
        return body + "</dl>\n"
    }

    private func percent(_ rate: Double?, _ words: ReportWords) -> String { rate.map(words.percent) ?? "–" }

    private func days(_ value: Double?, _ words: ReportWords) -> String {
        value.map { words.catalogue.text("report.tradeoff.days", count: $0 == 1 ? 1 : 2, ["days": words.number($0)]) } ?? "–"
    }

    private func table(_ words: ReportWords) -> String {
        func num(_ text: String) -> String { "<td class=\"num\">\(HTML.escape(text))</td>" }
        var rows = ""
        for run in runs {
            let gap = run.gap.map { $0 > 0 ? ", " + words("tradeoff.gap", ["gap": words.decimal(String(format: "%.1e", $0))]) : "" } ?? ""
            rows += "<tr>" + num(words.number(run.standardPenalty)) + num(words.number(run.highPenalty))
                + "<td>\(run.isCurrentPolicy ? words["tradeoff.currentMark"] : "")</td>"
                + num(percent(run.interpreter.rate, words)) + num("\(run.interpreter.met) / \(run.interpreter.requested)")
                + num(percent(run.officer.rate, words)) + num("\(run.officer.met) / \(run.officer.requested)")
                + num("\(run.held)") + num("\(run.deferred)") + num("\(run.notHeld - run.deferred)")
                + num(run.medianWaitDays.map(words.number) ?? "–") + num(run.p90WaitDays.map { "\($0)" } ?? "–")
                + "<td>\(HTML.escape(words["tradeoff.status.\(run.status)"]))\(gap)</td></tr>\n"
        }
        let heads = ["penalty", "high", "", "interpreterMet", "metAsked", "officerMet", "metAsked", "held", "deferred", "notHeldOther", "median", "p90", "status"]
        let head = heads.map { key -> String in
            let isNumber = !["", "status"].contains(key)
            let label = key.isEmpty ? "" : words["tradeoff.column.\(key)"]
            return "<th\(isNumber ? " class=\"num\"" : "")>\(label)</th>"
        }
        return """
            <h2>\(words["tradeoff.perPenalty"])</h2>
            <div class="scroll"><table>
            <caption>\(words["tradeoff.caption"])</caption>
            <thead><tr>\(head[0...2].joined())
            \(head[3...6].joined())
            \(head[7...9].joined())
            \(head[10...12].joined())</tr></thead>
            <tbody>
            \(rows)</tbody></table></div>

            """
    }
}

extension SVGChart {
    /// The trade-off curve: x the waiting of held hearings (median, and 90th percentile as a second
    /// line), y the share of preferences met, one point per penalty, the current policy ringed.
    func tradeoffCurve(runs report: TradeoffReport) -> String {
        let height = 320.0, left = 56.0, right = 40.0, top = 34.0, bottom = 46.0
        let plotHeight = height - top - bottom
        let plotWidth = Self.width - left - right
        let median = Series(name: words["tradeoff.medianWait"], color: SVGChart.interpreter(words).color)
        let p90 = Series(name: words["tradeoff.p90Wait"], color: SVGChart.officer(words).color)
        var svg = open(height: height)
        svg += legend([median, p90])
        let points = report.runs.compactMap { run -> (TradeoffReport.Run, Double)? in run.both.rate.map { (run, $0) } }
        let largest = points.flatMap { [($0.0.medianWaitDays ?? 0), Double($0.0.p90WaitDays ?? 0)] }.max() ?? 0
        let xTop = Double(Self.niceCeiling(max(1, Int(largest.rounded(.up)))))
        func x(_ days: Double) -> Double { left + plotWidth * days / xTop }
        func y(_ rate: Double) -> Double { top + plotHeight * (1 - rate) }
        for tick in stride(from: 0, through: 100, by: 25) {
            svg += line(left, y(Double(tick) / 100), left + plotWidth, y(Double(tick) / 100), "axis")
            svg += text(left - 6, y(Double(tick) / 100) + 4, "\(tick)%", anchor: "end", size: 11)
        }
        for tick in Self.ticks(upTo: Int(xTop)) {
            svg += line(x(Double(tick)), top, x(Double(tick)), top + plotHeight, "axis")
            svg += text(x(Double(tick)), top + plotHeight + 16, "\(tick)", anchor: "middle", size: 11)
        }
        svg += text(left + plotWidth / 2, height - 6, words["tradeoff.xTitle"], anchor: "middle", size: 11, cssClass: "muted")
        for (series, wait) in [(median, { (run: TradeoffReport.Run) in run.medianWaitDays }),
                               (p90, { (run: TradeoffReport.Run) in run.p90WaitDays.map(Double.init) })] {
            let placed = points.compactMap { point in wait(point.0).map { (point.0, x($0), y(point.1)) } }
            if placed.count > 1 {
                let path = placed.map { "\(Self.n($0.1)),\(Self.n($0.2))" }.joined(separator: " ")
                svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(series.color)\" stroke-width=\"2\"/>"
            }
            for (run, px, py) in placed {
                svg += "<circle cx=\"\(Self.n(px))\" cy=\"\(Self.n(py))\" r=\"3.5\" fill=\"\(series.color)\"/>"
                if run.isCurrentPolicy {
                    svg += "<circle cx=\"\(Self.n(px))\" cy=\"\(Self.n(py))\" r=\"8\" fill=\"none\" stroke=\"#1f2328\" stroke-width=\"1.5\"/>"
                }
                if series.name == median.name {
                    let label = words.number(run.standardPenalty) + (run.isCurrentPolicy ? " " + words["tradeoff.currentLabel"] : "")
                    svg += text(px + 7, py - 7, label, anchor: "start", size: 11)
                }
            }
        }
        return svg + "</svg>\n"
    }
}
