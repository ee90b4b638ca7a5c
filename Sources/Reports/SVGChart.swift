/// Inline SVG charts. Each is drawn from the same numbers as the table printed under it; a
/// suppressed figure draws no bar, only the word.
struct SVGChart {
    struct Series {
        let name: String
        let color: String
    }

    static func interpreter(_ words: ReportWords) -> Series { Series(name: words["role.interpreter"], color: "#0072b2") }
    static func officer(_ words: ReportWords) -> Series { Series(name: words["role.officer"], color: "#d55e00") }
    static func both(_ words: ReportWords) -> Series { Series(name: words["role.both"], color: "#009e73") }

    let id: String
    let title: String
    /// The words of the chart's language ("suppressed", the decimal mark).
    var words = ReportWords.english

    static let width = 760.0
    static let labelWidth = 190.0
    static let plotWidth = 470.0

    // MARK: Horizontal bars of rates with their 95 % intervals

    struct RateRow {
        let label: String
        /// One per series; `nil` when the group has no such figure.
        let cells: [FulfilmentReport.Cell?]
    }

    func rates(series: [Series], rows: [RateRow]) -> String {
        let bar = 13.0
        let groupGap = 12.0
        let top = 34.0
        // A row whose figures are all suppressed takes one line, not one per series.
        let lines = rows.map { row -> [Int] in
            let present = row.cells.indices.filter { $0 < series.count && row.cells[$0] != nil }
            return present.allSatisfy { row.cells[$0] == .suppressed } ? [-1] : present
        }
        let heights = lines.map { Double($0.count) * (bar + 2) + groupGap }
        let height = top + heights.reduce(0, +) + 24
        var svg = open(height: height)
        svg += legend(series)
        let x0 = Self.labelWidth
        for tick in stride(from: 0, through: 100, by: 25) {
            let x = x0 + Self.plotWidth * Double(tick) / 100
            svg += line(x, top - 4, x, height - 20, "axis")
            svg += text(x, height - 6, "\(tick)%", anchor: "middle", size: 11)
        }
        var y = top
        for (index, row) in rows.enumerated() {
            svg += "<g aria-label=\"\(HTML.escape(row.label))\">"
            svg += text(x0 - 8, y + heights[index] / 2 - groupGap / 2 + 4, row.label, anchor: "end", size: 12)
            for (position, s) in lines[index].enumerated() {
                let by = y + Double(position) * (bar + 2)
                guard s >= 0, let cell = row.cells[s] else {
                    svg += text(x0 + 4, by + bar - 3, words["suppressed"], anchor: "start", size: 11, cssClass: "muted")
                    continue
                }
                switch cell {
                case .suppressed:
                    svg += text(x0 + 4, by + bar - 3, "\(series[s].name): \(words["suppressed"])", anchor: "start", size: 11, cssClass: "muted")
                case let .shown(_, _, rate, ci95):
                    let w = Self.plotWidth * rate
                    svg += rect(x0, by, max(w, 0.5), bar, series[s].color)
                    let lo = x0 + Self.plotWidth * ci95.lowerBound
                    let hi = x0 + Self.plotWidth * ci95.upperBound
                    let mid = by + bar / 2
                    svg += line(lo, mid, hi, mid, nil, stroke: "#1f2328", width: 1.2)
                    svg += line(lo, mid - 4, lo, mid + 4, nil, stroke: "#1f2328", width: 1.2)
                    svg += line(hi, mid - 4, hi, mid + 4, nil, stroke: "#1f2328", width: 1.2)
                    svg += text(max(x0 + w, hi) + 6, by + bar - 2, words.percent(rate), anchor: "start", size: 11)
                }
            }
            svg += "</g>"
            y += heights[index]
        }
        return svg + "</svg>\n"
    }

    // MARK: Horizontal bars of counts

    struct CountRow {
        let label: String
        /// One per series; `nil` draws "suppressed".
        let values: [Double?]
    }

    func counts(series: [Series], rows: [CountRow], unit: String) -> String {
        let bar = 13.0
        let groupGap = 10.0
        let top = 34.0
        let lines = rows.map { row -> [Int] in
            let present = Array(row.values.indices.filter { $0 < series.count })
            return present.allSatisfy { row.values[$0] == nil } ? [-1] : present
        }
        let heights = lines.map { Double($0.count) * (bar + 2) + groupGap }
        let height = top + heights.reduce(0, +) + 24
        let largest = max(1, Int((rows.flatMap { $0.values.compactMap { $0 } }.max() ?? 1).rounded(.up)))
        let scaleMax = Self.niceCeiling(largest)
        var svg = open(height: height)
        svg += legend(series)
        let x0 = Self.labelWidth
        for tick in Self.ticks(upTo: scaleMax) {
            let x = x0 + Self.plotWidth * Double(tick) / Double(scaleMax)
            svg += line(x, top - 4, x, height - 20, "axis")
            svg += text(x, height - 6, "\(tick)", anchor: "middle", size: 11)
        }
        svg += text(x0 + Self.plotWidth, height - 6 - 14, unit, anchor: "end", size: 10, cssClass: "muted")
        var y = top
        for (index, row) in rows.enumerated() {
            defer { y += heights[index] }
            svg += "<g aria-label=\"\(HTML.escape(row.label))\">"
            defer { svg += "</g>" }
            svg += text(x0 - 8, y + heights[index] / 2 - groupGap / 2 + 4, row.label, anchor: "end", size: 12)
            for (position, s) in lines[index].enumerated() {
                let by = y + Double(position) * (bar + 2)
                guard s >= 0, let value = row.values[s] else {
                    let name = s >= 0 ? "\(series[s].name): " : ""
                    svg += text(x0 + 4, by + bar - 3, name + words["suppressed"], anchor: "start", size: 11, cssClass: "muted")
                    continue
                }
                let w = Self.plotWidth * value / Double(scaleMax)
                svg += rect(x0, by, max(w, value > 0 ? 1 : 0), bar, series[s].color)
                svg += text(x0 + w + 6, by + bar - 2, words.number(value), anchor: "start", size: 11)
            }
        }
        return svg + "</svg>\n"
    }

    // MARK: Columns (a histogram)

    func columns(values: [Int], color: String, xTitle: String, yTitle: String) -> String {
        let height = 220.0
        let left = 56.0
        let bottom = 40.0
        let top = 14.0
        let plotHeight = height - top - bottom
        let plotWidth = Self.width - left - 20
        let scaleMax = Self.niceCeiling(max(1, values.max() ?? 1))
        var svg = open(height: height)
        for tick in Self.ticks(upTo: scaleMax) {
            let y = top + plotHeight * (1 - Double(tick) / Double(scaleMax))
            svg += line(left, y, left + plotWidth, y, "axis")
            svg += text(left - 6, y + 4, "\(tick)", anchor: "end", size: 11)
        }
        let step = plotWidth / Double(max(values.count, 1))
        let labelEvery = max(1, values.count / 20 + (values.count % 20 == 0 ? 0 : 1))
        for (index, value) in values.enumerated() {
            let h = plotHeight * Double(value) / Double(scaleMax)
            let x = left + Double(index) * step
            if value > 0 { svg += rect(x + step * 0.12, top + plotHeight - h, step * 0.76, h, color) }
            if index % labelEvery == 0 { svg += text(x + step / 2, top + plotHeight + 15, "\(index)", anchor: "middle", size: 11) }
        }
        svg += text(left + plotWidth / 2, height - 6, xTitle, anchor: "middle", size: 11, cssClass: "muted")
        svg += "<text x=\"14\" y=\"\(Self.n(top + plotHeight / 2))\" transform=\"rotate(-90 14 \(Self.n(top + plotHeight / 2)))\" "
            + "text-anchor=\"middle\" font-size=\"11\" class=\"muted\">\(HTML.escape(yTitle))</text>"
        return svg + "</svg>\n"
    }

    // MARK: Lines over periods, with the 95 % interval as a band

    func trend(series: [Series], labels: [String], cells: [[FulfilmentReport.Cell]]) -> String {
        let height = 280.0
        let left = 56.0
        let right = 48.0
        let top = 34.0
        let bottom = 44.0
        let plotHeight = height - top - bottom
        let plotWidth = Self.width - left - right
        var svg = open(height: height)
        svg += legend(series)
        for tick in stride(from: 0, through: 100, by: 25) {
            let y = top + plotHeight * (1 - Double(tick) / 100)
            svg += line(left, y, left + plotWidth, y, "axis")
            svg += text(left - 6, y + 4, "\(tick)%", anchor: "end", size: 11)
        }
        let count = labels.count
        func x(_ index: Int) -> Double { count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(count - 1) }
        func y(_ rate: Double) -> Double { top + plotHeight * (1 - rate) }
        let labelEvery = max(1, (count + 11) / 12)
        for (index, label) in labels.enumerated() where index % labelEvery == 0 {
            svg += text(x(index), height - bottom + 18, label, anchor: "middle", size: 11)
        }
        for (s, points) in cells.enumerated() where s < series.count {
            // Runs of shown points: a suppressed period breaks the line.
            var runs: [[(Int, Double, ClosedRange<Double>)]] = [[]]
            for (index, cell) in points.enumerated() {
                if case let .shown(_, _, rate, ci95) = cell { runs[runs.count - 1].append((index, rate, ci95)) } else { runs.append([]) }
            }
            for run in runs where !run.isEmpty {
                let upper = run.map { "\(Self.n(x($0.0))),\(Self.n(y($0.2.upperBound)))" }
                let lower = run.reversed().map { "\(Self.n(x($0.0))),\(Self.n(y($0.2.lowerBound)))" }
                if run.count > 1 {
                    svg += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(series[s].color)\" fill-opacity=\"0.15\" stroke=\"none\"/>"
                    svg += "<polyline points=\"\(run.map { "\(Self.n(x($0.0))),\(Self.n(y($0.1)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(series[s].color)\" stroke-width=\"2\"/>"
                } else if let point = run.first {
                    svg += line(x(point.0), y(point.2.lowerBound), x(point.0), y(point.2.upperBound), nil, stroke: series[s].color, width: 1.5)
                }
                for point in run {
                    svg += "<circle cx=\"\(Self.n(x(point.0)))\" cy=\"\(Self.n(y(point.1)))\" r=\"3.5\" fill=\"\(series[s].color)\"/>"
                }
            }
        }
        return svg + "</svg>\n"
    }

    // MARK: Pieces

    func open(height: Double) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(Self.width)) \(Self.n(height))\" "
            + "role=\"img\" aria-labelledby=\"\(id)-title\"><title id=\"\(id)-title\">\(HTML.escape(title))</title>"
    }

    func legend(_ series: [Series]) -> String {
        var x = Self.labelWidth
        var svg = ""
        for entry in series {
            svg += rect(x, 6, 12, 12, entry.color)
            svg += text(x + 17, 16, entry.name, anchor: "start", size: 12)
            x += 30 + Double(entry.name.count) * 7
        }
        return svg
    }

    func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ color: String) -> String {
        "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(w))\" height=\"\(Self.n(h))\" fill=\"\(color)\"/>"
    }

    func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ cssClass: String?, stroke: String? = nil, width: Double = 1) -> String {
        let style = cssClass.map { " class=\"\($0)\"" } ?? ""
        let paint = stroke.map { " stroke=\"\($0)\" stroke-width=\"\(Self.n(width))\"" } ?? ""
        return "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\"\(style)\(paint)/>"
    }

    func text(_ x: Double, _ y: Double, _ content: String, anchor: String, size: Int, cssClass: String? = nil) -> String {
        let style = cssClass.map { " class=\"\($0)\"" } ?? ""
        return "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\"\(style)>\(HTML.escape(content))</text>"
    }

    /// A coordinate with at most one decimal, so the bytes are stable.
    static func n(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// 1, 2, 5, 10, 20, 50, ... at or above `value`.
    static func niceCeiling(_ value: Int) -> Int {
        var base = 1
        while true {
            for factor in [1, 2, 5] where base * factor >= value { return base * factor }
            base *= 10
        }
    }

    /// Four or five round ticks from 0 to `top`.
    static func ticks(upTo top: Int) -> [Int] {
        let step = max(1, top / 5 * 5 == top && top >= 5 ? top / 5 : (top >= 4 ? top / 4 : 1))
        return Array(stride(from: 0, through: top, by: step))
    }
}
