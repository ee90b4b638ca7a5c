import Foundation
import PlannerModel

/// The listing of every unmet preference with its hearing and reason, for planners who must act on
/// them. Unlike ``FulfilmentReport`` it names hearings, so it is opt-in (`report --detail`) and says
/// in its header that it is not for publication. It still leaves out what the plan leaves out: no
/// names, no priority, no reason for a priority.
public struct UnmetDetailListing: Sendable, Equatable, Encodable {
    public static let format = "hearing-planner/unmet-detail@1"
    public static let notice = "For planners only: this listing names hearings (case references). "
        + "Do not publish or forward it; the fulfilment report without --detail is the one to share."

    public struct Line: Sendable, Equatable, Encodable {
        /// The plan's period (`2026-W50`).
        public var period: String
        public var hearing: String
        public var date: Day
        public var role: Role
        public var requested: GenderPreference
        public var assigned: Gender
        public var reason: String
        public var detail: String
    }

    public var lines: [Line]

    public init(inputs: [ReportInput]) {
        var lines: [Line] = []
        for (index, input) in inputs.enumerated() {
            let dates = Dictionary(input.plan.assignments.map { ($0.hearing, $0.date) }, uniquingKeysWith: { a, _ in a })
            let start = input.roster?.horizon.start ?? dates.values.min()
            let end = input.roster?.horizon.end ?? dates.values.max()
            let period = ReportBuilder.label(start, end, index)
            for unmet in input.plan.unmetPreferences {
                guard let date = dates[unmet.hearing] else { continue }
                lines.append(Line(
                    period: period, hearing: unmet.hearing, date: date, role: unmet.role, requested: unmet.requested,
                    assigned: unmet.assigned, reason: unmet.reason.code.rawValue, detail: unmet.reason.detail))
            }
        }
        self.lines = lines.sorted { ($0.date, $0.hearing, $0.role.rawValue) < ($1.date, $1.hearing, $1.role.rawValue) }
    }

    enum CodingKeys: String, CodingKey { case format, notice, lines }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.format, forKey: .format)
        try container.encode(Self.notice, forKey: .notice)
        try container.encode(lines, forKey: .lines)
    }

    public func json() throws -> [UInt8] { try JSONOutput.encode(self) }

    static let header = ["period", "hearing", "date", "role", "requested", "assigned", "reason", "detail"]

    func cells(_ line: Line) -> [String] {
        [line.period, line.hearing, line.date.description, line.role.rawValue, line.requested.rawValue,
         line.assigned.rawValue, line.reason, line.detail]
    }

    /// CSV whose first line is a `#` comment with the notice.
    public func csv() -> String {
        let rows = [Self.header] + lines.map(cells)
        return (["# " + Self.notice] + rows.map { $0.map(CSVText.field).joined(separator: ",") }).joined(separator: "\r\n") + "\r\n"
    }

    public func markdown() -> String {
        var out = ["# Unmet preferences, hearing by hearing", "", "> **\(Self.notice)**", ""]
        out.append("| " + Self.header.joined(separator: " | ") + " |")
        out.append("|" + String(repeating: " --- |", count: Self.header.count))
        for line in lines {
            out.append("| " + cells(line).map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        if lines.isEmpty { out.append(contentsOf: ["", "Every requested preference of a held hearing was met."]) }
        return out.joined(separator: "\n") + "\n"
    }

    public func html() -> String {
        var body = "<h1>Unmet preferences, hearing by hearing</h1>\n<p class=\"notice\"><strong>\(HTML.escape(Self.notice))</strong></p>\n"
        body += "<table>\n<thead><tr>" + Self.header.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for line in lines { body += "<tr>" + cells(line).map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n" }
        body += "</tbody>\n</table>\n"
        if lines.isEmpty { body += "<p>Every requested preference of a held hearing was met.</p>\n" }
        return HTML.page(title: "Unmet preferences (for planners only)", body: body)
    }
}
