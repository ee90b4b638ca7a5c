import Foundation
import PlannerModel

extension TradeoffReport {
    /// One self-contained page: the curve of fulfilment against waiting, then the table.
    public func html() -> String {
        var body = "<h1>What a preference policy costs in waiting</h1>\n"
        body += "<p class=\"lead\">\(hearings) hearings, \(start) to \(end), planned once per preference penalty. "
            + "A penalty of P means that an unmet preference weighs as much as P more working days of waiting "
            + "(a high-priority one proportionally more). Other weights are the roster's own.</p>\n"
        if let current = runs.first(where: \.isCurrentPolicy) {
            body += "<p>The current policy (penalty \(ReportNumber.text(current.standardPenalty)), high priority "
                + "\(ReportNumber.text(current.highPenalty))) meets \(percent(current.both.rate)) of the requested preferences "
                + "of held hearings, with a median wait of \(days(current.medianWaitDays)) and 90 % of held hearings waiting "
                + "\(current.p90WaitDays.map { "\($0)" } ?? "–") working days or less.</p>\n"
        }
        let chart = SVGChart(id: "tradeoff-curve", title: "Preferences met against waiting, one point per penalty")
        body += "<figure><figcaption>Preferences met (both roles) against the waiting of held hearings</figcaption>\n"
        body += chart.tradeoffCurve(runs: self)
        body += "</figure>\n<p class=\"note\">Each point is one plan; its label is the standard-priority penalty. "
            + "The ringed point is the current policy. Moving right costs waiting; moving up honours more preferences.</p>\n"
        body += table()
        body += """
            <h2>How to read this</h2>
            <dl>
            <dt>Preferences met</dt><dd>Of the held hearings' requests for an interpreter or officer of a particular sex, how many were met. Hearings not held are not counted.</dd>
            <dt>Wait</dt><dd>Working days from a hearing's earliest date to its hearing, for the held hearings: the median, and the 90th percentile (9 in 10 waited that long or less).</dd>
            <dt>Deferred</dt><dd>Hearings left for a later horizon because holding them now, without their preference, scored less than waiting.</dd>
            <dt>Status and gap</dt><dd>Optimal plans are proven best for their penalty; a feasible plan's gap bounds how far from the best it may be. The curve is exact only where every point is optimal.</dd>
            </dl>

            """
        return HTML.page(title: "Preference policy trade-off", body: body)
    }

    private func percent(_ rate: Double?) -> String { rate.map(ReportNumber.percent) ?? "–" }
    private func days(_ value: Double?) -> String {
        value.map { "\(ReportNumber.text($0)) working day\($0 == 1 ? "" : "s")" } ?? "–"
    }

    private func table() -> String {
        func num(_ text: String) -> String { "<td class=\"num\">\(HTML.escape(text))</td>" }
        var rows = ""
        for run in runs {
            rows += "<tr>" + num(ReportNumber.text(run.standardPenalty)) + num(ReportNumber.text(run.highPenalty))
                + "<td>\(run.isCurrentPolicy ? "current" : "")</td>"
                + num(percent(run.interpreter.rate)) + num("\(run.interpreter.met) / \(run.interpreter.requested)")
                + num(percent(run.officer.rate)) + num("\(run.officer.met) / \(run.officer.requested)")
                + num("\(run.held)") + num("\(run.deferred)") + num("\(run.notHeld - run.deferred)")
                + num(run.medianWaitDays.map(ReportNumber.text) ?? "–") + num(run.p90WaitDays.map { "\($0)" } ?? "–")
                + "<td>\(HTML.escape(run.status))\(run.gap.map { $0 > 0 ? ", gap \(String(format: "%.1e", $0))" : "" } ?? "")</td></tr>\n"
        }
        return """
            <h2>Per penalty</h2>
            <div class="scroll"><table>
            <caption>One plan per penalty; rates are of the requested preferences of held hearings</caption>
            <thead><tr><th class="num">penalty</th><th class="num">high priority</th><th></th>
            <th class="num">interpreter met</th><th class="num">met / asked</th><th class="num">officer met</th><th class="num">met / asked</th>
            <th class="num">held</th><th class="num">deferred</th><th class="num">not held, other</th>
            <th class="num">median wait</th><th class="num">90th pct wait</th><th>status</th></tr></thead>
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
        let median = Series(name: "Median wait", color: SVGChart.interpreter.color)
        let p90 = Series(name: "90th percentile wait", color: SVGChart.officer.color)
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
        svg += text(left + plotWidth / 2, height - 6, "working days waited by held hearings", anchor: "middle", size: 11, cssClass: "muted")
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
                    let label = ReportNumber.text(run.standardPenalty) + (run.isCurrentPolicy ? " (current policy)" : "")
                    svg += text(px + 7, py - 7, label, anchor: "start", size: 11)
                }
            }
        }
        return svg + "</svg>\n"
    }
}
