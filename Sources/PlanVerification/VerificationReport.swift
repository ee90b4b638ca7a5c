import PlannerModel

/// The outcome of `hearing-planner verify`: every claim of a plan that does not hold, each with
/// the hearing it concerns and the rule or claim it breaks. JSON as `hearing-planner/verification@1`.
public struct VerificationReport: Sendable, Equatable, Codable {
    public static let format = "hearing-planner/verification@1"

    /// One claim that does not hold.
    public struct Finding: Sendable, Equatable, Codable {
        /// The hearing it concerns, when it concerns one.
        public var hearing: String?
        /// What was checked: `rule 1` to `rule 9`, `score`, `objective`, `consistency`, `freeze`,
        /// `changes`, `changesByPerson`, or `reason CODE` for the evidence of a reason.
        public var check: String
        public var message: String

        public init(hearing: String?, check: String, message: String) {
            self.hearing = hearing
            self.check = check
            self.message = message
        }
    }

    /// How much was checked.
    public struct Counts: Sendable, Equatable, Codable {
        public var assignments = 0
        public var unmetPreferences = 0
        public var unscheduled = 0
        /// Alternatives (best ways to meet a preference) applied to the plan and scored again.
        public var alternatives = 0
        public var changes = 0

        public init() {}
    }

    public var format = VerificationReport.format
    /// True when every claim holds.
    public var passed: Bool { findings.isEmpty }
    public var checked = Counts()
    public var findings: [Finding] = []
    /// What the check cannot settle by itself (said, not failed): that an `optimal` plan is
    /// optimal rests on the solver's bound; that fixed hearings conflict rests on the solver.
    public var notChecked: [String] = []

    public init() {}

    enum CodingKeys: String, CodingKey { case format, passed, checked, findings, notChecked }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        checked = try container.decode(Counts.self, forKey: .checked)
        findings = try container.decode([Finding].self, forKey: .findings)
        notChecked = try container.decodeIfPresent([String].self, forKey: .notChecked) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(passed, forKey: .passed)
        try container.encode(checked, forKey: .checked)
        try container.encode(findings, forKey: .findings)
        try container.encode(notChecked, forKey: .notChecked)
    }

    /// The report as a person reads it.
    public var text: String {
        var lines: [String] = []
        let c = checked
        lines.append("Checked \(c.assignments) assignment(s), \(c.unmetPreferences) unmet preference(s), \(c.unscheduled) hearing(s) not held, \(c.alternatives) alternative(s), \(c.changes) change(s).")
        if findings.isEmpty {
            lines.append("Every hard rule holds, every score adds up, and every reason's claim is true.")
        } else {
            lines.append("\(findings.count) claim(s) do not hold:")
            for finding in findings {
                lines.append("  \(finding.check): \(finding.hearing.map { "\($0): " } ?? "")\(finding.message)")
            }
        }
        for note in notChecked { lines.append("Not checked: \(note)") }
        return lines.joined(separator: "\n")
    }
}
