import PlannerModel

/// Words shared by the Markdown and HTML renderings, so that both say the same thing.
enum ReportText {
    static let suppressed = "suppressed"

    static func suppressionNote(_ minCell: Int) -> String {
        "suppressed: fewer than \(minCell) requests, or withheld so that such a number cannot be worked out from the totals shown."
    }

    static let roles: [(key: String, title: String)] = [("interpreter", "Interpreter"), ("officer", "Officer"), ("both", "Both")]

    /// A sentence for each reason code, for readers who do not know the codes.
    static func reason(_ code: String) -> String {
        switch code {
        case Reason.Code.noSuchPerson.rawValue: "nobody of the requested sex has the language, location or trainings needed"
        case Reason.Code.notAvailableInWindow.rawValue: "such people exist, but none was available in the hearing's window"
        case Reason.Code.takenByHigherValue.rawValue: "every such person was holding other hearings that scored higher"
        case Reason.Code.deadlineFirst.rawValue: "its deadline fell in the horizon and no such person was free before it"
        case Reason.Code.outweighed.rawValue: "someone of the requested sex was free, but using them would break another rule or cost more than the preference is worth"
        case Reason.Code.fixedByPlanner.rawValue: "a planner fixed the hearing with a person of the other sex"
        case Reason.Code.deferred.rawValue: "waiting for a later horizon scored higher than holding it now"
        case Reason.Code.capacity.rawValue: "no room, officer or interpreter capacity was left in its window"
        case Reason.Code.fixedConflict.rawValue: "fixed by a planner in a way that conflicts with other fixed hearings"
        case Reason.Code.searchStopped.rawValue: "the time limit stopped the search before this was settled"
        case ReportBuilder.notRecorded: "the plan records no reason"
        default: "(no description)"
        }
    }

    /// Reason codes in the order of the specification, then any others alphabetically.
    static func orderedReasons(_ codes: some Sequence<String>) -> [String] {
        let known = Reason.Code.allCases.map(\.rawValue) + [ReportBuilder.notRecorded]
        let set = Set(codes)
        return known.filter(set.contains) + set.subtracting(known).sorted()
    }

    static func waitClass(_ key: String) -> String {
        switch key {
        case "met": "asked for a preference, all met"
        case "unmet": "asked for a preference, at least one unmet"
        default: "asked for no preference"
        }
    }

    /// "6 of 7 met: 85.7% (95% interval 48.7%–97.4%)", or the suppression marker.
    static func cell(_ cell: FulfilmentReport.Cell?) -> String {
        switch cell {
        case nil: "–"
        case .suppressed: suppressed
        case let .shown(requested, met, rate, ci95)?:
            "\(met) of \(requested) met, \(ReportNumber.percent(rate)) (\(ReportNumber.percent(ci95.lowerBound))–\(ReportNumber.percent(ci95.upperBound)))"
        }
    }

    static func days(_ value: Double) -> String { ReportNumber.text(value) }

    static func scopeSentence(_ report: FulfilmentReport) -> String {
        let scope = report.scope
        var parts: [String] = []
        let statuses = scope.planStatus.keys.sorted().map { "\(scope.planStatus[$0]!) \($0)" }.joined(separator: ", ")
        parts.append("\(scope.plans) plan\(scope.plans == 1 ? "" : "s") (\(statuses))")
        if let start = scope.start, let end = scope.end { parts.append("from \(start) to \(end)") }
        parts.append("\(scope.heldHearings) hearings held, \(scope.unheldHearings) not held")
        parts.append(scope.withRoster ? "with rosters" : "without rosters (the figures that need one are left out)")
        return parts.joined(separator: "; ") + "."
    }
}
